/* tests/boot/signal_faults_are_catchable.c - a fault becomes a signal that
 * a handler may catch: SIGSEGV for a bad address, SIGFPE for a division by
 * zero, SIGILL for an invalid instruction. A handler that returns goes
 * back to the faulting instruction, which faults again: the process lives
 * on (the kernel too) until someone kills it. A fault whose signal is
 * blocked or ignored cannot be held back: the process dies of it. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define CAUGHT_EXIT 42

static volatile int zero = 0;
static volatile sig_atomic_t expected_signal;
static int report_fd = -1;
static volatile int reports_left;

static void null_dereference(void) { *(volatile int *)0 = 1; }
static void kernel_memory_read(void) { (void)*(volatile int *)0xC0000000; }
static void divide_by_zero(void) { volatile int x = 10 / zero; (void)x; }
static void invalid_opcode(void) { __asm__ volatile("ud2"); }
static void privileged_instruction(void) { __asm__ volatile("hlt"); }

/* Exits CAUGHT_EXIT when it got the signal expected, 43 otherwise. */
static void exit_from_handler(int signal)
{
    _exit(signal == expected_signal ? CAUGHT_EXIT : 43);
}

/* Reports the first few runs on a pipe, then just returns (to fault again). */
static void report_and_return(int signal)
{
    if (reports_left > 0) {
        reports_left--;
        char c = (char)signal;
        write(report_fd, &c, 1);
    }
}

static void expect_caught(const char *what, void (*fault)(void), int signal)
{
    pid_t child = fork();
    if (child == 0) {
        expected_signal = signal;
        install_handler(signal, exit_from_handler, 0);
        fault();
        _exit(0);                            /* should not get here */
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == CAUGHT_EXIT,
          "%s: status 0x%x, expected exit %d from the handler of signal %d", what, status, CAUGHT_EXIT, signal);
}

enum held_back { IGNORED, BLOCKED };

static void expect_death(const char *what, void (*fault)(void), int number, enum held_back how)
{
    pid_t child = fork();
    if (child == 0) {
        if (how == IGNORED) {
            signal(number, SIG_IGN);
        } else {
            install_handler(number, exit_from_handler, 0);
            sigset_t blocked;
            sigemptyset(&blocked);
            sigaddset(&blocked, number);
            sigprocmask(SIG_BLOCK, &blocked, NULL);
        }
        fault();
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == number,
          "%s: status 0x%x, expected death by signal %d", what, status, number);
}

static void faults_run_their_handler(void)
{
    expect_caught("NULL dereference", null_dereference, SIGSEGV);
    expect_caught("read of kernel memory", kernel_memory_read, SIGSEGV);
    expect_caught("divide by zero", divide_by_zero, SIGFPE);
    expect_caught("ud2", invalid_opcode, SIGILL);
    expect_caught("hlt in user mode", privileged_instruction, SIGSEGV);
}

static void blocked_or_ignored_faults_still_kill(void)
{
    expect_death("NULL dereference with SIGSEGV ignored", null_dereference, SIGSEGV, IGNORED);
    expect_death("NULL dereference with SIGSEGV blocked", null_dereference, SIGSEGV, BLOCKED);
    expect_death("divide by zero with SIGFPE ignored", divide_by_zero, SIGFPE, IGNORED);
    expect_death("ud2 with SIGILL blocked", invalid_opcode, SIGILL, BLOCKED);
}

static void a_handler_that_returns_faults_again(void)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        report_fd = fds[1];
        reports_left = 3;
        install_handler(SIGSEGV, report_and_return, 0);
        null_dereference();
        _exit(0);                            /* never: the fault repeats */
    }
    close(fds[1]);
    char reports[3];
    int got = 0;
    while (got < 3) {
        long n = read(fds[0], reports + got, sizeof reports - got);
        if (n <= 0)
            break;
        got += (int)n;
    }
    CHECK_EQ(3, got, "handler runs reported (the same fault three times)");
    CHECK(got < 1 || reports[0] == SIGSEGV, "the handler got signal %d, expected %d", reports[0], SIGSEGV);
    usleep(2000);
    CHECK_EQ(0, kill(child, 0), "kill(faulting child, 0): it is alive, faulting over and over");
    CHECK_EQ(0, waitpid(child, NULL, WNOHANG), "waitpid WNOHANG on the faulting child");
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "the endlessly faulting child: status 0x%x, expected death by SIGKILL", status);
    close(fds[0]);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    faults_run_their_handler();
    blocked_or_ignored_faults_still_kill();
    a_handler_that_returns_faults_again();

    /* and the kernel goes on: a normal child */
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "a normal child after the faults: status 0x%x", status);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_faults_are_catchable");
}
