/* tests/boot/signal_realtime_signals_queue_in_order_with_their_values.c -
 * POSIX's real-time signals (XSH 2.4.2, sigqueue()):
 *  - SIGRTMIN..SIGRTMAX are at least RTSIG_MAX (8) signals;
 *  - each sigqueue() of a blocked real-time signal queues one more
 *    instance (not merged), each with its own value, delivered in the order
 *    sent; kill() of one queues too (si_code SI_USER);
 *  - pending signals are delivered lowest number first, real-time after
 *    the standard ones below them, and a standard signal sent twice while
 *    blocked is delivered once;
 *  - "the sigqueue() function shall fail with EAGAIN if no resources are
 *    available to queue the signal": the limit (SIGQUEUE_MAX, here 128 per
 *    receiving process) answers EAGAIN, and none of those queued is lost;
 *    kill() of a real-time signal on a full queue does not fail (POSIX
 *    lists no EAGAIN for kill): as on Linux it is pending all the same,
 *    without its sender (si_code SI_USER, si_pid 0);
 *  - sigqueue's errors: EINVAL for a bad signal, ESRCH for no such process,
 *    signal 0 only checks that the process exists;
 *  - queued signals a process never took go back when it exits (no leak). */
#include <signal.h>
#include <sys/resource.h>

#include "boot_test.h"

#define MAX_DELIVERIES 512

static volatile int delivered_count;
static struct { int signal, code, value, pid; } delivered[MAX_DELIVERIES];

static void record(int signal, siginfo_t *info, void *context)
{
    (void)context;
    if (delivered_count < MAX_DELIVERIES) {
        delivered[delivered_count].signal = signal;
        delivered[delivered_count].code = info->si_code;
        delivered[delivered_count].value = info->si_value.sival_int;
        delivered[delivered_count].pid = info->si_pid;
    }
    delivered_count++;
}

static void catch_with_info(int signal)
{
    struct sigaction action = { .sa_sigaction = record, .sa_flags = SA_SIGINFO };
    sigfillset(&action.sa_mask);             /* one at a time: the record stays in order */
    sigaction(signal, &action, 0);
}

static void block_all(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, old);
}

static int queue_value(int signal, int value)
{
    union sigval sigval = { .sival_int = value };
    return sigqueue(getpid(), signal, sigval);
}

static void there_are_at_least_eight(void)
{
    CHECK(SIGRTMAX - SIGRTMIN + 1 >= 8, "SIGRTMIN %d .. SIGRTMAX %d: fewer than 8", SIGRTMIN, SIGRTMAX);
    CHECK(SIGRTMIN > SIGSYS, "SIGRTMIN %d overlaps the standard signals", SIGRTMIN);
    CHECK(SIGRTMAX < NSIG, "SIGRTMAX %d is not below NSIG %d", SIGRTMAX, NSIG);
}

static void queued_in_order_each_with_its_value(void)
{
    sigset_t old;
    delivered_count = 0;
    catch_with_info(SIGRTMIN);
    catch_with_info(SIGRTMIN + 1);
    catch_with_info(SIGUSR1);
    block_all(&old);
    /* sent out of order: RTMIN+1 first, then RTMIN, then a standard one twice */
    for (int i = 0; i < 3; i++)
        CHECK_EQ(0, queue_value(SIGRTMIN + 1, 100 + i), "sigqueue(SIGRTMIN+1)");
    for (int i = 0; i < 3; i++)
        CHECK_EQ(0, queue_value(SIGRTMIN, 200 + i), "sigqueue(SIGRTMIN)");
    CHECK_EQ(0, kill(getpid(), SIGRTMIN), "kill(SIGRTMIN) queues too");
    CHECK_EQ(0, queue_value(SIGUSR1, 1), "sigqueue(SIGUSR1)");
    CHECK_EQ(0, queue_value(SIGUSR1, 2), "sigqueue(SIGUSR1) again, merged");
    sigset_t pending;
    sigpending(&pending);
    CHECK(sigismember(&pending, SIGRTMIN) && sigismember(&pending, SIGRTMIN + 1) && sigismember(&pending, SIGUSR1),
          "sigpending shows the three signals: 0x%llx", pending);
    CHECK_EQ(0, delivered_count, "deliveries while blocked");
    sigprocmask(SIG_SETMASK, &old, 0);

    /* SIGUSR1 (10) once, then SIGRTMIN's four in order, then SIGRTMIN+1's three */
    static const struct { int signal_offset, code, value; } expected[] = {
        { -1, SI_QUEUE, 1 },
        { 0, SI_QUEUE, 200 }, { 0, SI_QUEUE, 201 }, { 0, SI_QUEUE, 202 }, { 0, SI_USER, 0 },
        { 1, SI_QUEUE, 100 }, { 1, SI_QUEUE, 101 }, { 1, SI_QUEUE, 102 },
    };
    int count = sizeof expected / sizeof expected[0];
    CHECK_EQ(count, delivered_count, "signals delivered after the unblock");
    for (int i = 0; i < count && i < delivered_count; i++) {
        int signal = expected[i].signal_offset < 0 ? SIGUSR1 : SIGRTMIN + expected[i].signal_offset;
        CHECK(delivered[i].signal == signal && delivered[i].code == expected[i].code &&
              (expected[i].code == SI_USER || delivered[i].value == expected[i].value) &&
              delivered[i].pid == getpid(),
              "delivery %d: signal %d code %d value %d pid %d, expected signal %d code %d value %d pid %d", i,
              delivered[i].signal, delivered[i].code, delivered[i].value, delivered[i].pid, signal,
              expected[i].code, expected[i].value, getpid());
    }
}

/* Fills this process's queue, then checks that every queued one arrives. */
static void a_full_queue_answers_eagain_and_loses_nothing(void)
{
    sigset_t old;
    delivered_count = 0;
    catch_with_info(SIGRTMAX);
    catch_with_info(SIGRTMAX - 1);
    catch_with_info(SIGUSR2);
    struct rlimit limit;              /* 128 here already; Linux's is far larger (tools/linux-check) */
    getrlimit(RLIMIT_SIGPENDING, &limit);
    limit.rlim_cur = 128;
    setrlimit(RLIMIT_SIGPENDING, &limit);
    block_all(&old);
    int queued = 0, result = 0;
    while (queued < 1000 && (result = queue_value(SIGRTMAX, queued)) == 0)
        queued++;
    CHECK(result == -1 && errno == EAGAIN, "sigqueue on a full queue: %d, errno %d, expected EAGAIN", result, errno);
    CHECK_EQ(128, queued, "real-time signals queued before EAGAIN (SIGQUEUE_MAX)");
    CHECK_EQ(0, kill(getpid(), SIGRTMAX - 1), "kill of a real-time signal on a full queue");
    CHECK_EQ(0, queue_value(SIGUSR2, 7), "a standard signal needs no queue entry");
    sigprocmask(SIG_SETMASK, &old, 0);
    CHECK_EQ(queued + 2, delivered_count, "deliveries after the unblock");
    int in_order = 1;
    for (int i = 2; i < queued + 2 && i < MAX_DELIVERIES; i++)
        in_order &= delivered[i].signal == SIGRTMAX && delivered[i].value == i - 2;
    CHECK(delivered[0].signal == SIGUSR2 && in_order, "SIGUSR2 first, then values 0..%d in order", queued - 1);
    CHECK(delivered[1].signal == SIGRTMAX - 1 && delivered[1].code == SI_USER && delivered[1].pid == 0,
          "the kill on a full queue: signal %d code %d pid %d, expected %d, SI_USER from pid 0", delivered[1].signal,
          delivered[1].code, delivered[1].pid, SIGRTMAX - 1);
    CHECK_EQ(0, queue_value(SIGRTMAX, 5), "room again once taken");
}

static void errors(void)
{
    union sigval value = { 0 };
    CHECK_ERROR(sigqueue(getpid(), -1, value), EINVAL);
    CHECK_ERROR(sigqueue(getpid(), NSIG, value), EINVAL);
    CHECK_ERROR(sigqueue(99999, SIGRTMIN, value), ESRCH);
    CHECK_ERROR(sigqueue(-1, SIGRTMIN, value), ESRCH);
    CHECK_EQ(0, sigqueue(getpid(), 0, value), "sigqueue of signal 0 to myself");
    CHECK_EQ(0, sigqueue(1, 0, value), "sigqueue of signal 0 to init");
}

/* A child fills its queue and exits without taking any: the entries go. */
static void unclaimed_signals_leak_nothing(void)
{
    pid_t child = fork();
    if (child == 0) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, 0);
        for (int i = 0; i < 200; i++)
            queue_value(SIGRTMIN + i % 8, i);
        _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child that queued: 0x%x", status);
}

/* Another process's signals carry its pid; a default real-time signal
 * terminates. */
static void from_another_process(void)
{
    sigset_t old;
    delivered_count = 0;
    catch_with_info(SIGRTMIN + 2);
    block_all(&old);
    pid_t child = fork();
    if (child == 0) {
        union sigval value = { .sival_int = 4242 };
        _exit(sigqueue(getppid(), SIGRTMIN + 2, value) == 0 ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    sigprocmask(SIG_SETMASK, &old, 0);
    CHECK(delivered_count == 1 && delivered[0].pid == child && delivered[0].value == 4242 &&
          delivered[0].code == SI_QUEUE,
          "from the child: %d deliveries, pid %d (child %d), value %d, code %d", delivered_count, delivered[0].pid,
          child, delivered[0].value, delivered[0].code);

    child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    usleep(20000);
    kill(child, SIGRTMIN + 5);
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGRTMIN + 5, "SIGRTMIN+5's default action: status 0x%x",
          status);
}

static void cases(void)
{
    there_are_at_least_eight();
    queued_in_order_each_with_its_value();
    a_full_queue_answers_eagain_and_loses_nothing();
    errors();
    unclaimed_signals_leak_nothing();
    from_another_process();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_realtime_signals_queue_in_order_with_their_values");
}
