/* user/tools/bench/event_files.c - descriptors that are events
 * (docs/event-files.md).
 *
 * eventfd_round_trip: the pipe round trip (pipe.c) with two eventfds in
 * place of the two pipes: the parent adds 1 to the child's counter and
 * blocks reading its own; the child, blocked in read, takes the count,
 * adds 1 to the parent's and blocks again. Two writes, two reads, two
 * wake-ups and two switches, and 8 bytes each way.
 *
 * signalfd_read: one process sends itself SIGUSR1, blocked, and reads it
 * from a signalfd: kill's making it pending, the wake-up of the signalfd
 * queue (nobody waits on it here), and the read that takes the signal
 * and fills a struct signalfd_siginfo. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "bench.h"

static int to_child = -1, to_parent = -1;

/* The child: takes each count and answers with one, ROUNDS times. */
static int answer_each_count(int unused)
{
    (void)unused;
    eventfd_t value;
    for (int i = 0; i < ROUNDS; i++)
        if (eventfd_read(to_child, &value) != 0 || eventfd_write(to_parent, 1) != 0)
            return 1;
    return 0;
}

int bench_eventfd_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    to_child = eventfd(0, 0);
    to_parent = eventfd(0, 0);
    if (to_child < 0 || to_parent < 0) {
        int error = last_error();
        close(to_child);
        close(to_parent);
        return error;
    }
    pid_t child = start_child(answer_each_count, 0);
    int status = child < 0 ? child : 0, failures = 0;
    eventfd_t value;
    if (status == 0)
        TIME_EACH(samples, failures += eventfd_write(to_child, 1) != 0 || eventfd_read(to_parent, &value) != 0);
    if (status == 0 && (benchmark_stopped || failures))
        status = -EIO;                 /* the child still waits: finish_child kills it */
    if (child > 0)
        status = finish_child(child, status);
    close(to_child);
    close(to_parent);
    return status;
}

int bench_signalfd_read(int unused, struct samples *samples)
{
    (void)unused;
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    int fd = signalfd(-1, &set, 0);
    int status = fd < 0 ? last_error() : 0, failures = 0;
    struct signalfd_siginfo info;
    pid_t self = getpid();
    if (status == 0)
        TIME_EACH(samples, failures += kill(self, SIGUSR1) != 0 || read(fd, &info, sizeof info) != sizeof info ||
                               info.ssi_signo != SIGUSR1);
    if (fd >= 0)
        close(fd);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status ? status : failures ? -EIO : 0;
}
