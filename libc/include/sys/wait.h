/* libc/include/sys/wait.h - waiting for children; WNOHANG, WUNTRACED,
 * WCONTINUED, WEXITED, WSTOPPED, WNOWAIT, P_* and the status macros come
 * from kernel/uapi/wait.h. */
#ifndef LIBC_INCLUDE_SYS_WAIT_H
#define LIBC_INCLUDE_SYS_WAIT_H

#include <signal.h>
#include <sys/types.h>
#include <uapi/wait.h>

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

/* waitid, wait3, wait4 (scheduling classes, resource use, waitid) */
typedef int idtype_t;      /* P_ALL, P_PID or P_PGID */
struct rusage;
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);
pid_t wait3(int *status, int options, struct rusage *usage);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);

#endif
