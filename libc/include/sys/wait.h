/* libc/include/sys/wait.h - waiting for children; WNOHANG, WUNTRACED,
 * WCONTINUED and the status macros come from kernel/uapi/wait.h. */
#ifndef LIBC_INCLUDE_SYS_WAIT_H
#define LIBC_INCLUDE_SYS_WAIT_H

#include <sys/types.h>
#include <uapi/wait.h>

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
