/* libc/unistd/kernel.c - this kernel's own calls (see <kernel.h>). */
#include <kernel.h>

#include "../syscall.h"

int kinfo(int what, void *buffer, unsigned size)
{
    return syscall_result(syscall3(SYS_kinfo, what, (long)buffer, (long)size));
}

int poweroff(int status)
{
    return syscall_result(syscall1(SYS_poweroff, status));
}

int net_configure(const struct net_configuration *configuration)
{
    return syscall_result(syscall1(SYS_net_configure, (long)configuration));
}
