/* libc/include/sys/syscall.h - the numbers of the system calls, SYS_name,
 * for syscall(2) (declared in <unistd.h>, as glibc declares it). They are
 * this kernel's own numbers, kernel/uapi/syscall.h, not Linux's: a program
 * that names its calls (syscall(SYS_gettid)) runs unchanged, one that
 * writes the numbers does not. */
#ifndef LIBC_INCLUDE_SYS_SYSCALL_H
#define LIBC_INCLUDE_SYS_SYSCALL_H

#include <uapi/syscall.h>

#endif
