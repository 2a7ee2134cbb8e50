/* tests/boot/signalfd_reads_pending_signals_as_sigwaitinfo_takes_them.c -
 * signalfd(2), as on Linux: with its signals blocked, a read takes the
 * lowest pending signal of the descriptor's mask, as sigwaitinfo would,
 * and gives it as a struct signalfd_siginfo of 128 bytes: kill's sender
 * pid and uid with SI_USER, sigqueue's value with SI_QUEUE, a child's
 * pid and exit status with CLD_EXITED, a POSIX timer's id with SI_TIMER,
 * an I/O signal's descriptor and band (F_SETSIG SIGUSR2, POLL_IN).
 * A read of n * 128 bytes takes up to n signals, real-time ones in the
 * order sent; a signal outside the mask stays pending; with none pending
 * a read waits until one is sent (by another process) and O_NONBLOCK
 * makes it EAGAIN, and a handled signal outside the mask EINTR; poll
 * and epoll see POLLIN while one is pending. The
 * mask is changed by calling signalfd again with the descriptor.
 * SIGKILL and SIGSTOP are left out. A forked child's read takes the
 * child's signals. O_ASYNC on a signalfd sends no SIGIO. The errors are Linux's; nothing leaks. It passes on
 * Linux too (tools/linux-check). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "boot_test.h"

static sigset_t set_of(int a, int b, int c)
{
    sigset_t set;
    sigemptyset(&set);
    if (a)
        sigaddset(&set, a);
    if (b)
        sigaddset(&set, b);
    if (c)
        sigaddset(&set, c);
    return set;
}

static volatile int handled;
static void note_signal(int signal)
{
    handled = signal;
}

/* Takes every pending signal of `set`. */
static void drain(const sigset_t *set)
{
    struct timespec now = { 0, 0 };
    for (int i = 0; i < 64 && sigtimedwait(set, 0, &now) > 0; i++)
        ;
}

static unsigned readable(int fd)
{
    struct pollfd entry = { fd, POLLIN, 0 };
    return poll(&entry, 1, 0) == 1 && (entry.revents & POLLIN);
}

static void reads_what_kill_and_sigqueue_sent(void)
{
    CHECK_EQ(128, (long)sizeof(struct signalfd_siginfo), "sizeof struct signalfd_siginfo");
    sigset_t mask = set_of(SIGUSR1, SIGUSR2, SIGRTMIN);
    int fd = signalfd(-1, &mask, 0);
    CHECK(fd >= 0, "signalfd: %s", strerror(errno));
    CHECK(!readable(fd), "nothing pending: not readable");
    kill(getpid(), SIGUSR2);
    CHECK(readable(fd), "SIGUSR2 pending: readable");
    struct signalfd_siginfo info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(128, read(fd, &info, sizeof info), "read one");
    CHECK_EQ(SIGUSR2, info.ssi_signo, "ssi_signo");
    CHECK_EQ(SI_USER, info.ssi_code, "ssi_code of kill");
    CHECK_EQ(getpid(), info.ssi_pid, "ssi_pid: the sender");
    CHECK_EQ(getuid(), info.ssi_uid, "ssi_uid");
    CHECK(!readable(fd), "taken: no longer readable");
    sigset_t pending;
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGUSR2), "taken: no longer pending");

    union sigval value = { .sival_int = 7 };
    CHECK_EQ(0, sigqueue(getpid(), SIGRTMIN, value), "sigqueue 7");
    value.sival_int = 8;
    CHECK_EQ(0, sigqueue(getpid(), SIGRTMIN, value), "sigqueue 8");
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo infos[4];
    memset(infos, 0, sizeof infos);
    CHECK_EQ(3 * 128, read(fd, infos, sizeof infos), "one read takes the three");
    CHECK_EQ(SIGUSR1, infos[0].ssi_signo, "the lowest number first");
    CHECK_EQ(SIGRTMIN, infos[1].ssi_signo, "then SIGRTMIN");
    CHECK_EQ(SI_QUEUE, infos[1].ssi_code, "ssi_code of sigqueue");
    CHECK_EQ(7, infos[1].ssi_int, "the first value sent first");
    CHECK_EQ(8, infos[2].ssi_int, "then the second");
    CHECK_EQ(getpid(), infos[2].ssi_pid, "sigqueue's ssi_pid");

    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    memset(infos, 0, sizeof infos);
    CHECK_EQ(128, read(fd, infos, 200), "200 bytes: room for one");
    CHECK_EQ(SIGUSR1, infos[0].ssi_signo, "SIGUSR1");
    CHECK_EQ(128, read(fd, infos, 128), "the other");
    CHECK_EQ(SIGUSR2, infos[0].ssi_signo, "SIGUSR2");

    /* another mask for the same descriptor */
    sigset_t other = set_of(SIGUSR2, 0, 0);
    CHECK_EQ(fd, signalfd(fd, &other, 0), "signalfd(fd, ...) changes the mask and returns fd");
    kill(getpid(), SIGUSR1);
    CHECK(!readable(fd), "SIGUSR1 is out of the mask now");
    sigpending(&pending);
    CHECK(sigismember(&pending, SIGUSR1), "and stays pending");
    CHECK_EQ(0, fcntl(fd, F_SETFL, O_NONBLOCK), "F_SETFL O_NONBLOCK");
    CHECK_ERROR(read(fd, infos, 128), EAGAIN);
    CHECK_EQ(0, signalfd(fd, &mask, 0) - fd, "the old mask again");
    CHECK_EQ(128, read(fd, infos, 128), "SIGUSR1 read");
    CHECK_EQ(SIGUSR1, infos[0].ssi_signo, "SIGUSR1");
    CHECK_ERROR(read(fd, infos, 128), EAGAIN);
    close(fd);
}

static void errors_are_linux_s(void)
{
    sigset_t mask = set_of(SIGUSR1, 0, 0);
    CHECK_ERROR(syscall(SYS_signalfd4, -1, &mask, 4, 0), EINVAL);
    CHECK_ERROR(signalfd(-1, (sigset_t *)16, 0), EFAULT);
    CHECK_ERROR(signalfd(-1, &mask, 0x10), EINVAL);
    CHECK_ERROR(signalfd(-1, &mask, O_APPEND), EINVAL);
    CHECK_ERROR(signalfd(999, &mask, 0), EBADF);
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_ERROR(signalfd(ends[0], &mask, 0), EINVAL);
    close(ends[0]);
    close(ends[1]);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    CHECK(fd >= 0, "signalfd with both flags");
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK, "SFD_NONBLOCK is O_NONBLOCK");
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC, "SFD_CLOEXEC");
    char small[127];
    CHECK_ERROR(read(fd, small, sizeof small), EINVAL);
    CHECK_ERROR(read(fd, small, 128), EAGAIN);
    CHECK_ERROR(write(fd, small, 8), EINVAL);
    kill(getpid(), SIGUSR1);
    CHECK_ERROR(read(fd, (void *)16, 128), EFAULT);
#ifndef __GLIBC__
    /* This kernel's rule, not Linux's: Linux takes the signal before it
     * copies it out, so a bad buffer loses it there. */
    sigset_t pending;
    sigpending(&pending);
    CHECK(sigismember(&pending, SIGUSR1), "a read that faults takes no signal");
#endif
    sigtimedwait(&mask, 0, &(struct timespec){ 0, 0 });
    /* SIGKILL and SIGSTOP are dropped from the mask, not refused */
    sigset_t unblockable = set_of(SIGKILL, SIGSTOP, 0);
    CHECK_EQ(fd, signalfd(fd, &unblockable, 0), "a mask of SIGKILL and SIGSTOP is taken");
    close(fd);
}

/* A read with nothing pending waits until a signal comes; poll and
 * epoll wait for it too. */
static void waits_for_a_signal(void)
{
    sigset_t mask = set_of(SIGUSR1, SIGCHLD, 0);
    int fd = signalfd(-1, &mask, 0);
    pid_t parent = getpid();
    int release[2];
    CHECK_EQ(0, pipe(release), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        /* the kill alone must wake the reader: the child exits (and its
         * SIGCHLD would wake the reader too) only once the reader is
         * back, or after 5 s */
        usleep(50000);
        kill(parent, SIGUSR1);
        struct pollfd back = { release[0], POLLIN, 0 };
        poll(&back, 1, 5000);
        _exit(3);
    }
    struct signalfd_siginfo info;
    long long start = monotonic_ns();
    CHECK_EQ(128, read(fd, &info, sizeof info), "a read that waits");
    long long waited = monotonic_ns() - start;
    write(release[1], "x", 1);
    CHECK(waited >= 30000000ll, "it waited for the child's kill");
    CHECK(waited < 4000000000ll, "the kill woke it (it waited %lld ms)", waited / 1000000);
    CHECK_EQ(SIGUSR1, info.ssi_signo, "the child's SIGUSR1");
    CHECK_EQ(child, info.ssi_pid, "from the child");
    close(release[0]);
    close(release[1]);
    memset(&info, 0, sizeof info);
    CHECK_EQ(128, read(fd, &info, sizeof info), "then the child's SIGCHLD");
    CHECK_EQ(SIGCHLD, info.ssi_signo, "SIGCHLD");
    CHECK_EQ(CLD_EXITED, info.ssi_code, "CLD_EXITED");
    CHECK_EQ(child, info.ssi_pid, "ssi_pid: the child");
    CHECK_EQ(3, info.ssi_status, "ssi_status: its exit code");
    CHECK_EQ(child, waitpid(child, 0, 0), "the zombie is still there to reap");

    int epoll = epoll_create1(0);
    struct epoll_event event = { EPOLLIN, { .fd = fd } }, got;
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event), "epoll_ctl ADD");
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "nothing ready");
    fflush(stdout);
    child = fork();
    if (child == 0) {
        usleep(50000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, 5000), "epoll_wait woken by the kill");
    CHECK(got.events & EPOLLIN, "EPOLLIN");
    waitpid(child, 0, 0);
    int taken = 0;
    while (readable(fd) && taken < 4 && read(fd, &info, sizeof info) == 128)
        taken++;
    CHECK_EQ(2, taken, "SIGUSR1 and SIGCHLD");
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "nothing ready once read");
    close(epoll);

    /* a signal outside the mask, with a handler, ends the wait: EINTR */
    struct sigaction on_alarm;
    memset(&on_alarm, 0, sizeof on_alarm);
    on_alarm.sa_handler = note_signal;
    sigaction(SIGALRM, &on_alarm, 0);
    struct itimerval in_30ms = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &in_30ms, 0);
    handled = 0;
    CHECK_ERROR(read(fd, &info, sizeof info), EINTR);
    CHECK_EQ(SIGALRM, handled, "the handler ran");
    signal(SIGALRM, SIG_DFL);
    close(fd);
}

/* The descriptor reads the signals of whoever reads it: a child's read
 * takes the child's. */
static void a_child_reads_its_own(void)
{
    sigset_t mask = set_of(SIGUSR1, 0, 0);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct signalfd_siginfo info;
        int before = read(fd, &info, sizeof info);     /* the parent's is not the child's */
        kill(getpid(), SIGUSR1);
        int after = read(fd, &info, sizeof info);
        _exit(before == -1 && errno == EAGAIN && after == 128 && (int)info.ssi_pid == getpid() ? 0 : 1);
    }
    kill(getpid(), SIGUSR1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child read its own signal, not ours");
    struct signalfd_siginfo info;
    CHECK_EQ(128, read(fd, &info, sizeof info), "ours is still ours");
    CHECK_EQ(getpid(), info.ssi_pid, "sent by us");
    close(fd);
}

/* Signal-driven I/O's signal, even a standard one F_SETSIG names,
 * carries the descriptor and the poll events (Linux's siginfo layout). */
static void an_io_signal(void)
{
    sigset_t mask = set_of(SIGUSR2, 0, 0);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[0], F_SETOWN, getpid()), "F_SETOWN");
    CHECK_EQ(0, fcntl(ends[0], F_SETSIG, SIGUSR2), "F_SETSIG SIGUSR2");
    CHECK_EQ(0, fcntl(ends[0], F_SETFL, O_ASYNC), "O_ASYNC");
    CHECK_EQ(1, write(ends[1], "x", 1), "write");
    struct signalfd_siginfo info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(128, read(fd, &info, sizeof info), "the I/O signal");
    CHECK_EQ(SIGUSR2, info.ssi_signo, "SIGUSR2");
    CHECK_EQ(POLL_IN, info.ssi_code, "POLL_IN");
    CHECK_EQ(ends[0], info.ssi_fd, "ssi_fd: the pipe's read end");
    CHECK(info.ssi_band & POLLIN, "ssi_band has POLLIN (%#x)", info.ssi_band);
    close(ends[0]);
    close(ends[1]);
    close(fd);
}

/* O_ASYNC on a signalfd is not kept (F_GETFL does not show it) and
 * sends nothing, as on Linux, whose signalfd has no fasync: its
 * readiness is the reader's own pending signals, which a wake-up in
 * another process (a child's exit sending us SIGCHLD) cannot ask for.
 * That exit once faulted in the kernel, asking with no process at all,
 * and so did it through an epoll instance holding the signalfd, with
 * O_ASYNC on the instance (Linux's epoll has no fasync either). */
static void o_async_sends_nothing(void)
{
    sigset_t mask = set_of(SIGUSR2, SIGCHLD, 0);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK);
    CHECK_EQ(0, fcntl(fd, F_SETOWN, getpid()), "F_SETOWN on a signalfd");
    CHECK_EQ(0, fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK), "O_ASYNC on a signalfd");
    CHECK(!(fcntl(fd, F_GETFL) & O_ASYNC), "F_GETFL does not show O_ASYNC");
    drain(&mask);                                /* nothing readable: the child's SIGCHLD makes it so */
    int epoll = epoll_create1(0);                /* an instance holding it: no O_ASYNC either */
    struct epoll_event event = { .events = EPOLLIN, .data.fd = fd };
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event), "the signalfd into an epoll instance");
    CHECK_EQ(0, fcntl(epoll, F_SETOWN, getpid()), "F_SETOWN on the epoll instance");
    CHECK_EQ(0, fcntl(epoll, F_SETFL, O_ASYNC), "O_ASYNC on the epoll instance");
    CHECK(!(fcntl(epoll, F_GETFL) & O_ASYNC), "the epoll instance's F_GETFL does not show O_ASYNC");
    signal(SIGIO, note_signal);
    handled = 0;
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(0);                       /* its SIGCHLD to us wakes the signalfd's readers */
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "the child ended");
    kill(getpid(), SIGUSR2);
    CHECK(readable(fd), "SIGCHLD and SIGUSR2 are pending: readable");
    CHECK_EQ(0, handled, "no SIGIO, nor any other handled signal");
    signal(SIGIO, SIG_DFL);
    close(epoll);
    close(fd);
}

static void a_timer_s_signal(void)
{
    sigset_t mask = set_of(SIGRTMIN + 1, 0, 0);
    int fd = signalfd(-1, &mask, 0);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGRTMIN + 1;
    event.sigev_value.sival_int = 99;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    struct itimerspec in_20ms = { { 0, 0 }, { 0, 20000000 } };
    CHECK_EQ(0, timer_settime(timer, 0, &in_20ms, 0), "timer_settime");
    struct signalfd_siginfo info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(128, read(fd, &info, sizeof info), "the timer's signal");
    CHECK_EQ(SIGRTMIN + 1, info.ssi_signo, "its signal");
    CHECK_EQ(SI_TIMER, info.ssi_code, "SI_TIMER");
    CHECK_EQ(99, info.ssi_int, "its value");
    CHECK_EQ(0, info.ssi_overrun, "no overrun");
    timer_delete(timer);
    close(fd);
}

int main(void)
{
    sigset_t all = set_of(SIGUSR1, SIGUSR2, SIGCHLD);
    sigaddset(&all, SIGRTMIN);
    sigaddset(&all, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &all, 0);
    signal(SIGUSR1, note_signal);       /* blocked, so it never runs: but a kill of a process with a
                                         * handler may go without the big lock on several CPUs
                                         * (kernel/ipc/signal_without_big_lock.c), which must wake
                                         * the reader too */
    /* the queue entries a process keeps for reuse once it has queued
     * real-time signals, which a timer's reserving takes one of
     * (kernel/ipc/signal_pending.c): as many as the checks below leave,
     * made before counting by doing what they do once */
    union sigval zero = { 0 };
    sigqueue(getpid(), SIGRTMIN, zero);
    sigqueue(getpid(), SIGRTMIN, zero);
    drain(&all);
    a_timer_s_signal();
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    drain(&all);                        /* the warm-up child's SIGCHLD */
    reads_what_kill_and_sigqueue_sent();
    errors_are_linux_s();
    waits_for_a_signal();
    a_child_reads_its_own();
    a_timer_s_signal();
    an_io_signal();
    o_async_sends_nothing();
    drain(&all);                        /* the SIGCHLDs of a_child_reads_its_own and o_async_sends_nothing */
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signalfd_reads_pending_signals_as_sigwaitinfo_takes_them");
}
