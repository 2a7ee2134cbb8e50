/* user/tools/bench/sigio.c - signal-driven I/O: one process writes a byte
 * into a pipe whose read end it owns with O_ASYNC and F_SETSIG SIGRTMIN,
 * takes the queued SIGRTMIN (its si_fd says which pipe) with sigwaitinfo,
 * and reads the byte back. The write's wake-up finds the read end's
 * watch, asks the pipe's poll, and queues the signal
 * (kernel/fs/signal_driven_io.c); the same three calls with poll in
 * place of the signal are pipe.c's and poll.c's rows. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "bench.h"

int bench_sigio_pipe_notify(int unused, struct samples *samples)
{
    (void)unused;
    int ends[2];
    if (pipe(ends) < 0)
        return last_error();
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, &old);
    int status = 0, failures = 0;
    if (fcntl(ends[0], F_SETOWN, getpid()) < 0 || fcntl(ends[0], F_SETSIG, SIGRTMIN) < 0 ||
        fcntl(ends[0], F_SETFL, O_ASYNC) < 0)
        status = last_error();
    char byte = 'x';
    siginfo_t info;
    if (status == 0)
        TIME_EACH(samples, failures += write(ends[1], &byte, 1) != 1 || sigwaitinfo(&set, &info) != SIGRTMIN ||
                               info.si_fd != ends[0] || read(ends[0], &byte, 1) != 1);
    close(ends[0]);
    close(ends[1]);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status ? status : failures ? -EIO : 0;
}
