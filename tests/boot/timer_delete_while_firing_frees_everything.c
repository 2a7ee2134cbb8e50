/* tests/boot/timer_delete_while_firing_frees_everything.c - a timer may be
 * deleted at any moment: from its own signal handler, while its signal is
 * pending, while many timers fire every tick. After the delete no signal
 * of it comes but the one that may already have been pending (POSIX leaves
 * that one open: Linux drops it, this kernel delivers it), and nothing is
 * left in the kernel. Timers belong to their process: a child made by
 * fork has none of its parent's, exec deletes them, and exit deletes
 * them, armed, firing or with signals pending; the kernel's count of
 * timers comes back each time. */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static timer_t timer_sending(int signal, long long period_ns)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = signal;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    struct itimerspec setting = { timespec_ns(period_ns), timespec_ns(period_ns) };
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    return timer;
}

static void sleep_ns(long long ns)
{
    struct timespec left = timespec_ns(ns);
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        ;
}

static void signal_default(int signal)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigaction(signal, &action, NULL);
}

static timer_t self_deleting_timer;
static volatile sig_atomic_t handler_runs, delete_result = -2, pending_at_the_delete;

/* The third run deletes the timer, and looks whether its next signal is
 * pending already: the timer fires every 2 ms, and a handler that took
 * longer (a busy host holds up the machine's CPU thread) finds the
 * fourth expiry's signal waiting, blocked while the handler runs. That
 * one comes after the delete (the header), and nothing else. */
static void delete_on_third(int signal)
{
    if (++handler_runs == 3) {
        delete_result = timer_delete(self_deleting_timer);
        sigset_t pending;
        sigpending(&pending);
        pending_at_the_delete = sigismember(&pending, signal) == 1;
    }
}

static void deleted_from_its_own_handler(void)
{
    signal(SIGUSR1, delete_on_third);
    handler_runs = 0;
    self_deleting_timer = timer_sending(SIGUSR1, 2 * NS_PER_MS);
    long long end = monotonic_ns() + LATE_NS;
    while (handler_runs < 3 && monotonic_ns() < end)
        sleep_ns(NS_PER_MS);
    CHECK_EQ(0, delete_result, "timer_delete in the handler");
    sleep_ns(20 * NS_PER_MS);
    CHECK_EQ(3 + pending_at_the_delete, handler_runs,
             "handler runs: none after the delete but the signal pending at it");
    signal(SIGUSR1, SIG_DFL);
}

static void deleted_while_its_signal_is_pending(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, NULL);
    timer_t timer = timer_sending(signal, NS_PER_MS);
    sleep_ns(10 * NS_PER_MS);
    sigset_t pending;
    sigpending(&pending);
    CHECK(sigismember(&pending, signal), "signal %d pending before the delete", signal);
    CHECK_EQ(0, timer_delete(timer), "timer_delete with its signal pending");
    record_signals_of(signal);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sleep_ns(10 * NS_PER_MS);
    CHECK(recorded_count <= 1, "signal %d: %d came after the delete, at most the pending one may", signal,
          (int)recorded_count);
    if (recorded_count == 1)
        CHECK_EQ(0, recorded[0].overrun, "the deleted timer's signal carries no overruns");
    signal_default(signal);
}



static void many_fast_timers_deleted_while_firing(void)
{
    record_signals_of(SIGRTMIN);
    record_signals_of(SIGUSR2);
    for (int round = 0; round < 20; round++) {
        timer_t timers[8];
        for (int i = 0; i < 8; i++)
            timers[i] = timer_sending(i % 2 ? SIGRTMIN : SIGUSR2, 200000 + i * 100000);
        sleep_ns((round % 4) * NS_PER_MS);
        for (int i = 0; i < 8; i++)
            CHECK_EQ(0, timer_delete(timers[i]), "timer_delete of a firing timer");
    }
    sleep_ns(5 * NS_PER_MS);
    int settled = recorded_count;
    sleep_ns(20 * NS_PER_MS);
    CHECK_EQ(settled, recorded_count, "signals once every timer is deleted");
}

static void fork_gives_the_child_no_timers(void)
{
    timer_t timer = timer_sending(SIGUSR2, NS_PER_SECOND);
    unsigned with_one = timers_in_kernel();
    pid_t child = fork();
    if (child == 0) {
        struct itimerspec setting;
        int failures = 0;
        errno = 0;
        failures += timer_gettime(timer, &setting) != -1 || errno != EINVAL;
        errno = 0;
        failures += timer_delete(timer) != -1 || errno != EINVAL;
        failures += timers_in_kernel() != with_one;
        _exit(failures);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child saw its parent's timer (status 0x%x): fork must give it none", status);
    struct itimerspec setting;
    CHECK_EQ(0, timer_gettime(timer, &setting), "the parent's timer after the fork");
    CHECK(ns_of(setting.it_value) > 0, "the parent's timer is still armed");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void exit_and_exec_delete_every_timer(void)
{
    unsigned before = timers_in_kernel();
    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigaddset(&set, SIGRTMIN);
        sigprocmask(SIG_BLOCK, &set, NULL);
        for (int i = 0; i < 6; i++)
            timer_sending(i % 2 ? SIGUSR1 : SIGRTMIN, NS_PER_MS);   /* pending signals, firing timers */
        sleep_ns(5 * NS_PER_MS);
        _exit(0);
    }
    waitpid(child, NULL, 0);
    CHECK_EQ(before, timers_in_kernel(), "timers after a process with armed timers exited");

    child = fork();
    if (child == 0) {
        for (int i = 0; i < 4; i++)
            timer_sending(SIGUSR1, NS_PER_SECOND);
        char *argv[] = { "sleep", "1", NULL };
        close(ready[0]);
        fcntl(ready[1], F_SETFD, FD_CLOEXEC);   /* the parent reads end of file at the exec */
        execv("/bin/sleep", argv);
        _exit(127);
    }
    close(ready[1]);
    char byte;
    read(ready[0], &byte, 1);
    close(ready[0]);
    CHECK_EQ(before, timers_in_kernel(), "timers once the process exec'd");
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sleep exited with 0x%x", status);
}

static void cases(void)
{
    unsigned timers_before = timers_in_kernel();
    deleted_from_its_own_handler();
    deleted_while_its_signal_is_pending(SIGUSR1);
    deleted_while_its_signal_is_pending(SIGRTMIN + 3);
    many_fast_timers_deleted_while_firing();
    fork_gives_the_child_no_timers();
    exit_and_exec_delete_every_timer();
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_delete_while_firing_frees_everything");
}
