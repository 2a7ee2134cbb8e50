/* libc/unistd/wait_more.c - waitid, wait3 and wait4: the other ways of
 * waiting for a child (kernel/proc/wait.c has the one search behind
 * waitpid and these). Cancellation points, as waitpid. */
#include <sys/resource.h>
#include <sys/wait.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Waits for news of the children `idtype` and `id` name, as `options`
 * say; fills `info` (si_pid 0 under WNOHANG when none has news). 0, or -1
 * with errno. */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
    return syscall_result(cancel_point_result(syscall5(cancel_point_number(SYS_waitid), idtype, (long)id,
                                                       (long)info, options, 0)));
}

/* waitpid, and the resource use of a child that ended (zeros for a stop
 * or continue). */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_wait4), pid, (long)status,
                                                       options, (long)usage)));
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
    return wait4(-1, status, options, usage);
}
