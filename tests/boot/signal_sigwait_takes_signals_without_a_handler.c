/* tests/boot/signal_sigwait_takes_signals_without_a_handler.c - POSIX's
 * sigwait(), sigwaitinfo() and sigtimedwait() (XSH sigwait, sigtimedwait):
 *  - "select a pending signal from set, atomically clear it from the set of
 *    pending signals": sigwait returns 0 with the signal; sigwaitinfo
 *    returns the signal and its siginfo_t (si_code, si_pid, si_value);
 *  - real-time signals come out "lowest numbered first", each in the order
 *    sent, with its value (one per call);
 *  - sigtimedwait: a zero timeout polls, EAGAIN when none is pending; a
 *    timeout waits that long, then EAGAIN; tv_nsec outside 0..999999999:
 *    EINVAL; a bad pointer: EFAULT;
 *  - a signal outside the set whose handler runs ends sigwaitinfo with
 *    EINTR; sigwait "shall not return EINTR": it waits on;
 *  - a signal sent by another process while the caller waits wakes it;
 *    a stop and a continue meanwhile do not make sigwait return;
 *  - with two threads that both block SIGUSR1, a process-directed SIGUSR1
 *    goes to the one in sigwait ("if ... a thread is waiting in sigwait
 *    for it, it shall be delivered to that thread");
 *  - nothing leaks. */
#include <pthread.h>
#include <signal.h>

#include "boot_test.h"

#define KERNEL_ADDRESS ((void *)0xC0100000)   /* never the caller's memory */
#define NS_PER_MS 1000000ll

static volatile int handler_runs;

static void *hide(void *pointer)
{
    __asm__("" : "+r"(pointer));
    return pointer;
}

static void count_it(int signal)
{
    (void)signal;
    handler_runs++;
}

static sigset_t set_of(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    return set;
}

static void block(int signal)
{
    sigset_t set = set_of(signal);
    sigprocmask(SIG_BLOCK, &set, 0);
}

static void unblock(int signal)
{
    sigset_t set = set_of(signal);
    sigprocmask(SIG_UNBLOCK, &set, 0);
}

/* Forks a child that sleeps `ms`, then sends `first` (if not 0) and,
 * `ms` later, `second` (if not 0) to its parent. */
static pid_t send_later(int ms, int first, int second)
{
    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        usleep(ms * 1000);
        if (first)
            kill(parent, first);
        if (second) {
            usleep(ms * 1000);
            kill(parent, second);
        }
        _exit(0);
    }
    return child;
}

static void reap(pid_t child)
{
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "helper child %d: status 0x%x", child, status);
}

static void sigwait_and_sigwaitinfo_take_a_pending_signal(void)
{
    block(SIGUSR1);
    signal(SIGUSR1, count_it);
    handler_runs = 0;
    sigset_t set = set_of(SIGUSR1);
    raise(SIGUSR1);
    int taken = -1;
    CHECK_EQ(0, sigwait(&set, &taken), "sigwait with SIGUSR1 pending");
    CHECK_EQ(SIGUSR1, taken, "the signal sigwait gives");
    CHECK_EQ(0, handler_runs, "handler runs for a signal sigwait took");
    sigset_t pending;
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGUSR1), "SIGUSR1 still pending after sigwait took it");

    union sigval value = { .sival_int = 77 };
    sigqueue(getpid(), SIGUSR1, value);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(SIGUSR1, sigwaitinfo(&set, &info), "sigwaitinfo");
    CHECK(info.si_signo == SIGUSR1 && info.si_code == SI_QUEUE && info.si_pid == getpid() &&
          info.si_value.sival_int == 77,
          "siginfo: signo %d code %d pid %d value %d, expected %d SI_QUEUE %d 77", info.si_signo, info.si_code,
          info.si_pid, info.si_value.sival_int, SIGUSR1, getpid());
    raise(SIGUSR1);
    CHECK_EQ(SIGUSR1, sigwaitinfo(&set, 0), "sigwaitinfo without a siginfo_t");
    signal(SIGUSR1, SIG_DFL);
    unblock(SIGUSR1);
}

static void realtime_signals_come_out_in_order(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &set, 0);
    for (int i = 0; i < 3; i++) {
        union sigval high = { .sival_int = 30 + i }, low = { .sival_int = 10 + i };
        sigqueue(getpid(), SIGRTMIN + 3, high);
        sigqueue(getpid(), SIGRTMIN, low);
    }
    static const int expected[][2] = { { 0, 10 }, { 0, 11 }, { 0, 12 }, { 3, 30 }, { 3, 31 }, { 3, 32 } };
    for (int i = 0; i < 6; i++) {
        siginfo_t info;
        int signal = sigwaitinfo(&set, &info);
        CHECK(signal == SIGRTMIN + expected[i][0] && info.si_value.sival_int == expected[i][1] &&
              info.si_code == SI_QUEUE,
              "sigwaitinfo %d: signal %d value %d code %d, expected SIGRTMIN+%d value %d SI_QUEUE", i, signal,
              info.si_value.sival_int, info.si_code, expected[i][0], expected[i][1]);
    }
    sigprocmask(SIG_UNBLOCK, &set, 0);
}

static void sigtimedwait_polls_times_out_and_checks_its_arguments(void)
{
    block(SIGUSR2);
    sigset_t set = set_of(SIGUSR2);
    struct timespec zero = { 0, 0 }, fifty_ms = { 0, 50 * NS_PER_MS };
    CHECK_ERROR(sigtimedwait(&set, 0, &zero), EAGAIN);
    raise(SIGUSR2);
    CHECK_EQ(SIGUSR2, sigtimedwait(&set, 0, &zero), "a zero timeout with SIGUSR2 pending");

    long long start = monotonic_ns();
    CHECK_ERROR(sigtimedwait(&set, 0, &fifty_ms), EAGAIN);
    long long waited = monotonic_ns() - start;
    CHECK(waited >= 45 * NS_PER_MS && waited < 1000 * NS_PER_MS, "a 50 ms timeout waited %lld ms",
          waited / NS_PER_MS);

    struct timespec bad = { 0, 1000000000 }, negative = { 0, -1 };
    CHECK_ERROR(sigtimedwait(&set, 0, &bad), EINVAL);
    CHECK_ERROR(sigtimedwait(&set, 0, &negative), EINVAL);
    CHECK_ERROR(sigtimedwait(hide(KERNEL_ADDRESS), 0, &zero), EFAULT);
    CHECK_ERROR(sigtimedwait(&set, 0, hide(KERNEL_ADDRESS)), EFAULT);
    raise(SIGUSR2);
    CHECK_ERROR(sigtimedwait(&set, hide(KERNEL_ADDRESS), &zero), EFAULT);
    CHECK_ERROR(sigtimedwait(&set, 0, &zero), EAGAIN);   /* the one taken above is gone */
    unblock(SIGUSR2);
}

static void another_signal_interrupts_sigwaitinfo_not_sigwait(void)
{
    block(SIGUSR1);
    struct sigaction action = { .sa_handler = count_it, .sa_flags = SA_RESTART };
    sigaction(SIGUSR2, &action, 0);
    sigset_t set = set_of(SIGUSR1);

    handler_runs = 0;
    pid_t child = send_later(20, SIGUSR2, 0);
    CHECK_ERROR(sigwaitinfo(&set, 0), EINTR);
    CHECK_EQ(1, handler_runs, "SIGUSR2's handler runs");
    reap(child);

    handler_runs = 0;
    child = send_later(20, SIGUSR2, SIGUSR1);
    int taken = -1;
    CHECK_EQ(0, sigwait(&set, &taken), "sigwait across another signal's handler");
    CHECK_EQ(SIGUSR1, taken, "the signal sigwait gives after waiting on");
    CHECK_EQ(1, handler_runs, "SIGUSR2's handler runs during sigwait");
    reap(child);

    child = send_later(20, SIGUSR1, 0);
    taken = -1;
    CHECK_EQ(0, sigwait(&set, &taken), "sigwait woken by another process's kill");
    CHECK_EQ(SIGUSR1, taken, "the signal another process sent");
    reap(child);

    pid_t parent = getpid();
    child = fork();
    if (child == 0) {
        usleep(20000);
        kill(parent, SIGSTOP);
        usleep(20000);
        kill(parent, SIGCONT);
        usleep(20000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    taken = -1;
    CHECK_EQ(0, sigwait(&set, &taken), "sigwait across a stop and a continue");
    CHECK_EQ(SIGUSR1, taken, "the signal sigwait gives after a stop and a continue");
    reap(child);
    signal(SIGUSR2, SIG_DFL);
    unblock(SIGUSR1);
}

static void *wait_for_sigusr1(void *unused)
{
    (void)unused;
    sigset_t set = set_of(SIGUSR1);
    int taken = 0;
    if (sigwait(&set, &taken) != 0)
        return (void *)-1;
    return (void *)(long)taken;
}

static void a_thread_in_sigwait_takes_a_process_directed_signal(void)
{
    block(SIGUSR1);                           /* both threads: the new one inherits the mask */
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, 0, wait_for_sigusr1, 0), "pthread_create");
    usleep(20000);                            /* let it reach sigwait */
    pid_t child = send_later(10, SIGUSR1, 0);
    void *taken = 0;
    pthread_join(thread, &taken);
    CHECK_EQ(SIGUSR1, (long)taken, "what the waiting thread's sigwait gives");
    reap(child);
    sigset_t pending;
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGUSR1), "SIGUSR1 left pending for the other thread");
    unblock(SIGUSR1);
}

static void cases(void)
{
    sigwait_and_sigwaitinfo_take_a_pending_signal();
    realtime_signals_come_out_in_order();
    sigtimedwait_polls_times_out_and_checks_its_arguments();
    another_signal_interrupts_sigwaitinfo_not_sigwait();
    a_thread_in_sigwait_takes_a_process_directed_signal();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_sigwait_takes_signals_without_a_handler");
}
