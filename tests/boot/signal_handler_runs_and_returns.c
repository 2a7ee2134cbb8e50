/* tests/boot/signal_handler_runs_and_returns.c - a caught signal runs its
 * handler with the signal's number, on the process's own stack, before the
 * call that sent it (raise, kill to self) returns; then the interrupted code
 * goes on as if nothing happened. kill(pid, 0) tells whether a process
 * exists; bad pids and signal numbers get ESRCH and EINVAL; SIGKILL and
 * SIGSTOP cannot be caught. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static volatile sig_atomic_t calls;
static volatile sig_atomic_t last_signal;
static volatile unsigned long handler_local_address;
static volatile int handler_stack_misaligned;

static void record(int signal)
{
    /* the i386 ABI: at a function's first instruction, esp + 4 is a
     * multiple of 16, so this 16-aligned local needs no realignment */
    double aligned __attribute__((aligned(16))) = 1.0;
    handler_stack_misaligned = ((unsigned long)&aligned & 15) != 0;
    handler_local_address = (unsigned long)&aligned;
    last_signal = signal;
    calls++;
}

static void other_handler(int signal) { (void)signal; }

static void install(int signal, void (*handler)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    CHECK_EQ(0, sigaction(signal, &action, NULL), "sigaction installs a handler");
}

static void raise_runs_the_handler_before_it_returns(void)
{
    install(SIGUSR1, record);
    calls = 0;
    volatile int before = 12345;            /* the interrupted code's state */
    CHECK_EQ(0, raise(SIGUSR1), "raise(SIGUSR1)");
    CHECK_EQ(1, calls, "handler calls when raise returns");
    CHECK_EQ(SIGUSR1, last_signal, "the handler's argument");
    CHECK_EQ(12345, before, "a local of the interrupted code");
    CHECK(!handler_stack_misaligned, "the handler's stack is not 16-byte aligned (local at 0x%lx)",
          handler_local_address);

    /* the handler ran on this process's stack, just below main's frame */
    unsigned long here = (unsigned long)&before;
    CHECK(handler_local_address < here && here - handler_local_address < 64 * 1024,
          "the handler's local at 0x%lx is not on the stack below 0x%lx", handler_local_address, here);

    /* it stays installed: a second raise runs it again */
    raise(SIGUSR1);
    CHECK_EQ(2, calls, "handler calls after a second raise");
}

static void kill_to_self_runs_the_handler(void)
{
    install(SIGUSR2, record);
    calls = 0;
    CHECK_EQ(0, kill(getpid(), SIGUSR2), "kill(getpid(), SIGUSR2)");
    CHECK_EQ(1, calls, "handler calls when kill to self returns");
    CHECK_EQ(SIGUSR2, last_signal, "the handler's argument");

    /* one handler for several signals tells them apart by its argument */
    install(SIGHUP, record);
    raise(SIGHUP);
    CHECK_EQ(SIGHUP, last_signal, "the shared handler's argument for SIGHUP");
    raise(SIGUSR1);
    CHECK_EQ(SIGUSR1, last_signal, "the shared handler's argument for SIGUSR1");
}

static void a_loop_goes_on_after_the_handler(void)
{
    calls = 0;
    volatile unsigned sum = 0;
    for (unsigned i = 1; i <= 1000; i++) {
        sum += i;
        if (i % 100 == 0)
            raise(SIGUSR1);
    }
    CHECK_EQ(500500, sum, "a loop interrupted by 10 handlers computes");
    CHECK_EQ(10, calls, "handler calls during the loop");
}

/* Recurses `depth` times with 4 KiB frames, then raises SIGUSR1: the
 * handler's frame goes below, on stack pages never touched before. */
static int deep_raise(int depth)
{
    volatile char frame[4096];
    frame[0] = (char)depth;
    if (depth > 0)
        return deep_raise(depth - 1) + frame[0];
    raise(SIGUSR1);
    return frame[0];
}

static void a_handler_runs_at_the_bottom_of_a_deep_stack(void)
{
    pid_t child = fork();
    if (child == 0) {
        install(SIGUSR1, record);
        calls = 0;
        deep_raise(256);                    /* 1 MiB of stack */
        _exit(calls == 1 ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "raise at the bottom of 1 MiB of stack: status 0x%x, expected exit 0 after one handler call", status);
}

static void signal_zero_checks_existence(void)
{
    CHECK_EQ(0, kill(getpid(), 0), "kill(self, 0)");
    pid_t child = fork();
    if (child == 0) {
        pause();                            /* until the parent kills it */
        _exit(0);
    }
    CHECK_EQ(0, kill(child, 0), "kill(live child, 0)");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_ERROR(kill(child, 0), ESRCH);                 /* reaped: gone */
    CHECK_ERROR(kill(child, SIGUSR1), ESRCH);
    CHECK_ERROR(kill(30000, SIGUSR1), ESRCH);            /* never existed */
    CHECK_ERROR(kill(-30000, SIGUSR1), ESRCH);           /* no such group */
}

/* A zombie is still a process until it is reaped (POSIX; Linux answers 0
 * too): kill finds it, and the signal changes nothing. */
static void a_zombie_exists_until_reaped(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    struct kinfo_process info;                          /* it exits: a zombie until waitpid */
    CHECK(WAIT_UNTIL(process_info(child, &info) && info.state == 'Z'), "the child %d never became a zombie", child);
    errno = 0;
    int result = kill(child, 0);
    CHECK(result == 0, "kill(zombie child, 0): expected 0, got %d with errno %d (%s)", result, errno, strerror(errno));
    errno = 0;
    result = kill(child, SIGKILL);
    CHECK(result == 0, "kill(zombie child, SIGKILL): expected 0, got %d with errno %d (%s)", result, errno,
          strerror(errno));
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3,
          "the zombie's status: 0x%x, expected exit 3 (a signal to a zombie changes nothing)", status);
}

static void bad_signal_numbers_are_einval(void)
{
    CHECK_ERROR(kill(getpid(), NSIG), EINVAL);
    CHECK_ERROR(kill(getpid(), -1), EINVAL);
    CHECK_ERROR(kill(getpid(), 1000), EINVAL);
    CHECK_ERROR(raise(NSIG), EINVAL);

    struct sigaction action, old;
    memset(&action, 0, sizeof action);
    action.sa_handler = record;
    CHECK_ERROR(sigaction(0, &action, NULL), EINVAL);
    CHECK_ERROR(sigaction(NSIG, &action, NULL), EINVAL);
    CHECK_ERROR(sigaction(-5, NULL, &old), EINVAL);

    sigset_t set;
    sigemptyset(&set);
    CHECK_ERROR(sigaddset(&set, 0), EINVAL);
    CHECK_ERROR(sigaddset(&set, NSIG), EINVAL);
    CHECK_ERROR(sigdelset(&set, NSIG), EINVAL);
    CHECK_ERROR(sigismember(&set, 0), EINVAL);
}

static void kill_and_stop_cannot_be_caught_or_ignored(void)
{
    struct sigaction action, old;
    memset(&action, 0, sizeof action);
    action.sa_handler = record;
    CHECK_ERROR(sigaction(SIGKILL, &action, NULL), EINVAL);
    CHECK_ERROR(sigaction(SIGSTOP, &action, NULL), EINVAL);
    action.sa_handler = SIG_IGN;
    CHECK_ERROR(sigaction(SIGKILL, &action, NULL), EINVAL);
    CHECK_ERROR(sigaction(SIGSTOP, &action, NULL), EINVAL);

    errno = 0;
    CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL,
          "signal(SIGKILL, SIG_IGN): expected SIG_ERR with EINVAL, got errno %d", errno);
    errno = 0;
    CHECK(signal(SIGSTOP, record) == SIG_ERR && errno == EINVAL,
          "signal(SIGSTOP, handler): expected SIG_ERR with EINVAL, got errno %d", errno);

    /* asking is allowed, and they stay at their default */
    CHECK_EQ(0, sigaction(SIGKILL, NULL, &old), "sigaction(SIGKILL, NULL, &old)");
    CHECK(old.sa_handler == SIG_DFL, "SIGKILL's action is %p, expected SIG_DFL", (void *)old.sa_handler);
    CHECK_EQ(0, sigaction(SIGSTOP, NULL, &old), "sigaction(SIGSTOP, NULL, &old)");
    CHECK(old.sa_handler == SIG_DFL, "SIGSTOP's action is %p, expected SIG_DFL", (void *)old.sa_handler);
}

static void sigaction_reports_the_previous_action(void)
{
    struct sigaction first, second, old;
    memset(&first, 0, sizeof first);
    first.sa_handler = record;
    sigemptyset(&first.sa_mask);
    sigaddset(&first.sa_mask, SIGUSR2);
    first.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &first, NULL);

    memset(&second, 0, sizeof second);
    second.sa_handler = other_handler;
    memset(&old, 0, sizeof old);
    CHECK_EQ(0, sigaction(SIGTERM, &second, &old), "sigaction replacing a handler");
    CHECK(old.sa_handler == record, "old handler %p, expected %p", (void *)old.sa_handler, (void *)record);
    CHECK(sigismember(&old.sa_mask, SIGUSR2) == 1, "old sa_mask lost SIGUSR2 (0x%llx)", old.sa_mask);
    CHECK(old.sa_flags & SA_RESTART, "old sa_flags 0x%x lost SA_RESTART", old.sa_flags);

    /* signal() answers with the previous handler too */
    CHECK(signal(SIGTERM, SIG_DFL) == other_handler, "signal() did not return the previous handler");
    CHECK(signal(SIGTERM, SIG_DFL) == SIG_DFL, "signal() did not return SIG_DFL the second time");
}

int main(void)
{
    raise_runs_the_handler_before_it_returns();
    kill_to_self_runs_the_handler();
    a_loop_goes_on_after_the_handler();

    struct kinfo_counters before = settled_counters(read_counters().tasks);
    signal_zero_checks_existence();
    a_zombie_exists_until_reaped();
    a_handler_runs_at_the_bottom_of_a_deep_stack();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);

    bad_signal_numbers_are_einval();
    kill_and_stop_cannot_be_caught_or_ignored();
    sigaction_reports_the_previous_action();
    return test_finish("signal_handler_runs_and_returns");
}
