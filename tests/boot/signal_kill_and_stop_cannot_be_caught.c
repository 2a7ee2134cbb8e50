/* tests/boot/signal_kill_and_stop_cannot_be_caught.c - SIGKILL ends a
 * process that blocked, ignored and caught everything it could; SIGSTOP
 * stops it whatever it tried (waitpid with WUNTRACED reports the stop once,
 * and a stopped process gets no CPU), SIGCONT lets it go on where it was,
 * and SIGKILL ends it even while stopped. A signal sent to a stopped process
 * waits for SIGCONT. SIGTSTP stops too, but may be caught. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

/* Catches every signal it may, ignores SIGTERM, blocks everything. */
static void defend_against_everything(void)
{
    for (int number = 1; number < NSIG; number++)
        if (number != SIGKILL && number != SIGSTOP)
            signal(number, count_signal);
    signal(SIGTERM, SIG_IGN);
    signal(SIGKILL, SIG_IGN);                /* refused */
    signal(SIGSTOP, SIG_IGN);                /* refused */
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
}

/* The CPU time `pid` has used so far (0 if there is no such process). */
static unsigned long long cpu_time_of(pid_t pid)
{
    struct kinfo_process info;
    process_info(pid, &info);
    return info.cpu_time_ns;
}

static void expect_stopped_by(pid_t child, int signal, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, WUNTRACED), what);
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == signal,
          "%s: status 0x%x, expected stopped by signal %d", what, status, signal);
}

static void expect_killed_by(pid_t child, int signal, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal,
          "%s: status 0x%x, expected death by signal %d", what, status, signal);
}

static void sigkill_ends_a_process_that_defends_itself(void)
{
    pid_t child = fork();
    if (child == 0) {
        defend_against_everything();
        for (;;)
            pause();
    }
    CHECK(wait_until_blocked(child, "pause"), "the defending child never paused");
    kill(child, SIGTERM);                    /* ignored and blocked */
    kill(child, SIGUSR1);                    /* caught but blocked */
    usleep(5000);
    CHECK_EQ(0, kill(child, 0), "the child is alive after SIGTERM and SIGUSR1");
    kill(child, SIGKILL);
    expect_killed_by(child, SIGKILL, "SIGKILL to a child that blocked and caught everything");

    /* the same while it computes instead of waiting */
    child = fork();
    if (child == 0) {
        defend_against_everything();
        for (volatile int spin = 0;; spin++)
            ;
    }
    usleep(5000);
    kill(child, SIGKILL);
    expect_killed_by(child, SIGKILL, "SIGKILL to a computing child");
}

static void sigstop_stops_and_sigcont_resumes(void)
{
    int go[2];
    pipe(go);
    pid_t child = fork();
    if (child == 0) {
        defend_against_everything();
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);  /* let SIGCONT's handler run */
        char code = 0;
        read(go[0], &code, 1);               /* the parent writes after SIGCONT */
        _exit(code);
    }
    close(go[0]);
    CHECK(wait_until_blocked(child, "pipe read"), "the child never blocked in read");
    kill(child, SIGSTOP);
    expect_stopped_by(child, SIGSTOP, "SIGSTOP to a child that caught everything else");
    CHECK_EQ(0, waitpid(child, NULL, WUNTRACED | WNOHANG), "a second waitpid(WUNTRACED|WNOHANG): the stop is reported once");
    CHECK_EQ(0, waitpid(child, NULL, WNOHANG), "waitpid without WUNTRACED on a stopped child");
    struct kinfo_process info;
    process_info(child, &info);
    CHECK(info.state == 'B' && !strcmp(info.wait_reason, "stopped"),
          "the stopped child shows state %c, waiting for \"%s\"; expected B, \"stopped\"",
          info.state ? info.state : '?', info.wait_reason);

    kill(child, SIGCONT);
    CHECK(wait_until_blocked(child, "pipe read"), "after SIGCONT the child is not back in its read");
    write(go[1], "\x2a", 1);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
          "the continued child: status 0x%x, expected exit 42", status);
    close(go[1]);
}

static void a_stopped_process_gets_no_cpu(void)
{
    pid_t child = fork();
    if (child == 0)
        for (volatile int spin = 0;; spin++)
            ;
    usleep(5000);
    kill(child, SIGSTOP);
    expect_stopped_by(child, SIGSTOP, "SIGSTOP to a computing child");
    unsigned long long cpu_at_stop = cpu_time_of(child);
    usleep(30000);
    unsigned long long cpu_later = cpu_time_of(child);
    CHECK(cpu_at_stop == cpu_later, "a stopped child used CPU: %llu ns, then %llu ns", cpu_at_stop, cpu_later);

    kill(child, SIGCONT);
    usleep(30000);
    CHECK(cpu_time_of(child) > cpu_later, "the continued child used no CPU in 30 ms");

    /* stopped again, SIGKILL still ends it */
    kill(child, SIGSTOP);
    expect_stopped_by(child, SIGSTOP, "the second SIGSTOP");
    kill(child, SIGKILL);
    expect_killed_by(child, SIGKILL, "SIGKILL to a stopped child");
}

static void a_signal_sent_while_stopped_waits_for_sigcont(void)
{
    pid_t child = fork();
    if (child == 0)
        for (;;)
            pause();
    CHECK(wait_until_blocked(child, "pause"), "the child never paused");
    kill(child, SIGSTOP);
    expect_stopped_by(child, SIGSTOP, "SIGSTOP");
    kill(child, SIGTERM);
    usleep(10000);
    CHECK_EQ(0, waitpid(child, NULL, WNOHANG), "waitpid on a stopped child sent SIGTERM (it must not die yet)");
    CHECK_EQ(0, kill(child, 0), "the stopped child exists");
    kill(child, SIGCONT);
    expect_killed_by(child, SIGTERM, "a stopped child sent SIGTERM, then SIGCONT");
}

static void sigtstp_stops_by_default_but_can_be_caught(void)
{
    pid_t child = fork();
    if (child == 0)
        for (;;)
            pause();
    CHECK(wait_until_blocked(child, "pause"), "the child never paused");
    kill(child, SIGTSTP);
    expect_stopped_by(child, SIGTSTP, "SIGTSTP with its default action");
    kill(child, SIGKILL);
    expect_killed_by(child, SIGKILL, "SIGKILL after SIGTSTP");

    child = fork();
    if (child == 0) {
        signal(SIGTSTP, count_signal);
        while (handled == 0)
            pause();
        _exit(7);
    }
    CHECK(wait_until_blocked(child, "pause"), "the child never paused");
    kill(child, SIGTSTP);
    int status = 0;
    waitpid(child, &status, WUNTRACED);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7,
          "a child catching SIGTSTP: status 0x%x, expected exit 7 (not stopped)", status);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    struct kinfo_process warm_info;
    process_info(getpid(), &warm_info);      /* and the table process_info fills */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    sigkill_ends_a_process_that_defends_itself();
    sigstop_stops_and_sigcont_resumes();
    a_stopped_process_gets_no_cpu();
    a_signal_sent_while_stopped_waits_for_sigcont();
    sigtstp_stops_by_default_but_can_be_caught();

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_kill_and_stop_cannot_be_caught");
}
