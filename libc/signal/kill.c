/* libc/signal/kill.c - sending signals. */
#include <signal.h>
#include <unistd.h>

#include "../syscall.h"

/* Sends `signal` to process `pid` (> 0), to process group -pid (< -1), to
 * this process's group (0), or to every process that may receive it (-1). */
int kill(pid_t pid, int signal)
{
    return syscall_result(syscall2(SYS_kill, pid, signal));
}

/* Sends `signal` to this process. */
int raise(int signal)
{
    return kill(getpid(), signal);
}
