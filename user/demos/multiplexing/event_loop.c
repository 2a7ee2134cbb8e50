/* user/demos/multiplexing/event_loop.c - one epoll set for work done and
 * for signals: an eventfd that workers add to, and a signalfd that
 * reads SIGCHLD and SIGINT (eventfd(2), signalfd(2), docs/event-files.md).
 *
 *   event_loop
 *
 * Three worker processes each do three jobs (a pause of 40, 70 or 100 ms
 * each), add 1 to the eventfd after each, and exit with their number.
 * The parent waits in epoll_wait alone: when the eventfd is ready, one
 * read takes every job counted since the last one; when the signalfd
 * is ready, each read takes a signal: a worker's end (SIGCHLD, with its
 * pid and exit status), or a Ctrl-C (SIGINT), which ends the loop early.
 * No signal handler runs: the signals are blocked and read as data.
 * Exit status 0 when all nine jobs were counted and the three workers
 * reaped. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 3
#define JOBS_EACH 3

static long long start_ns;

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return ((long long)t.tv_sec * 1000000000ll + t.tv_nsec - start_ns) / 1000000;
}

static void work(int number, int jobs_done)
{
    for (int job = 0; job < JOBS_EACH; job++) {
        usleep((unsigned)(40 + 30 * number) * 1000);
        eventfd_write(jobs_done, 1);
    }
    _exit(number + 1);
}

int main(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    start_ns = (long long)t.tv_sec * 1000000000ll + t.tv_nsec;

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGCHLD);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_BLOCK, &signals, NULL);     /* kept pending, for the signalfd to read */
    int jobs_done = eventfd(0, EFD_CLOEXEC);
    int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    if (jobs_done < 0 || signal_fd < 0 || epoll < 0) {
        perror("event_loop");
        return 1;
    }
    struct epoll_event watch = { .events = EPOLLIN, .data.fd = jobs_done };
    epoll_ctl(epoll, EPOLL_CTL_ADD, jobs_done, &watch);
    watch.data.fd = signal_fd;
    epoll_ctl(epoll, EPOLL_CTL_ADD, signal_fd, &watch);

    printf("event_loop: %d workers, %d jobs each; one epoll set: eventfd %d (jobs done), signalfd %d "
           "(SIGCHLD, SIGINT)\n", WORKERS, JOBS_EACH, jobs_done, signal_fd);
    fflush(stdout);
    pid_t workers[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        if ((workers[i] = fork()) == 0)
            work(i, jobs_done);

    uint64_t jobs = 0;
    int reaped = 0, interrupted = 0;
    while ((jobs < WORKERS * JOBS_EACH || reaped < WORKERS) && !interrupted) {
        struct epoll_event ready[2];
        int count = epoll_wait(epoll, ready, 2, 5000);
        if (count <= 0) {
            printf("%5lld ms  nothing for 5 s: giving up\n", now_ms());
            break;
        }
        for (int i = 0; i < count; i++) {
            if (ready[i].data.fd == jobs_done) {
                eventfd_t added;
                eventfd_read(jobs_done, &added);
                jobs += added;
                printf("%5lld ms  eventfd:  %llu job%s done, %llu of %d\n", now_ms(), (unsigned long long)added,
                       added == 1 ? "" : "s", (unsigned long long)jobs, WORKERS * JOBS_EACH);
                continue;
            }
            struct signalfd_siginfo info;
            if (read(signal_fd, &info, sizeof info) != sizeof info)
                continue;
            if (info.ssi_signo == SIGINT) {
                printf("%5lld ms  signalfd: SIGINT: stopping early\n", now_ms());
                interrupted = 1;
            } else {
                int status;
                while (waitpid(-1, &status, WNOHANG) > 0)   /* one SIGCHLD may stand for several */
                    reaped++;
                printf("%5lld ms  signalfd: SIGCHLD from pid %u, exit status %d; %d reaped\n", now_ms(),
                       info.ssi_pid, info.ssi_status, reaped);
            }
        }
        fflush(stdout);
    }
    for (int i = 0; i < WORKERS && interrupted; i++)
        kill(workers[i], SIGTERM);
    while (wait(NULL) > 0)
        reaped++;
    printf("%llu jobs counted, %d workers reaped\n", (unsigned long long)jobs, reaped);
    return jobs == WORKERS * JOBS_EACH && reaped == WORKERS ? 0 : 1;
}
