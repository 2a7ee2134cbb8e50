/* libc/unistd/resource.c - resource limits and the system's names
 * (kernel/proc/limits.c, kernel/uname.c). rlim_t is unsigned long, as
 * wide as the kernel's uint32_t, and RLIM_INFINITY its largest value, so
 * struct rlimit passes through unchanged. */
#include <sys/resource.h>
#include <sys/utsname.h>

#include "../syscall.h"

_Static_assert(sizeof(struct rlimit) == sizeof(struct kernel_rlimit), "struct rlimit is the kernel's");

int getrlimit(int resource, struct rlimit *limit)
{
    return syscall_result(syscall2(SYS_getrlimit, resource, (long)limit));
}

int setrlimit(int resource, const struct rlimit *limit)
{
    return syscall_result(syscall2(SYS_setrlimit, resource, (long)limit));
}

int uname(struct utsname *names)
{
    return syscall_result(syscall1(SYS_uname, (long)names));
}
