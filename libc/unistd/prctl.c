/* libc/unistd/prctl.c - prctl(2): its five words passed on, as glibc's. */
#include <stdarg.h>
#include <sys/prctl.h>

#include "../syscall.h"

int prctl(int option, ...)
{
    va_list arguments;
    va_start(arguments, option);
    unsigned long words[4];
    for (int i = 0; i < 4; i++)
        words[i] = va_arg(arguments, unsigned long);
    va_end(arguments);
    return syscall_result(syscall5(SYS_prctl, option, (long)words[0], (long)words[1], (long)words[2],
                                   (long)words[3]));
}
