/* tests/boot/signal_default_actions.c - with no handler, a signal does what
 * POSIX says: SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM
 * (from alarm) and SIGABRT (from abort) end the process, and waitpid names
 * the signal; SIGCHLD, SIGURG, SIGWINCH and SIGCONT are ignored. SIG_IGN
 * makes a process survive SIGTERM. exec puts caught signals back to their
 * default but keeps ignored ones, the mask and what is pending. */
#include <signal.h>

#include "boot_test.h"

static void on_signal(int signal) { (void)signal; }

static void expect_death(pid_t child, int signal, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal,
          "%s: status 0x%x, expected death by signal %d", what, status, signal);
}

static void expect_exit(pid_t child, int code, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == code,
          "%s: status 0x%x, expected exit %d", what, status, code);
}

static void terminating_signals_end_the_process(void)
{
    static const struct { int signal; const char *what; } cases[] = {
        { SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" }, { SIGHUP, "SIGHUP" },
        { SIGUSR1, "SIGUSR1" }, { SIGUSR2, "SIGUSR2" }, { SIGPIPE, "SIGPIPE" }, { SIGSYS, "SIGSYS" },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pid_t child = fork();
        if (child == 0) {
            for (;;)
                pause();
        }
        kill(child, cases[i].signal);
        expect_death(child, cases[i].signal, cases[i].what);
    }

    /* a signal a process sends itself, as well */
    pid_t child = fork();
    if (child == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    expect_death(child, SIGTERM, "raise(SIGTERM)");
}

static void alarm_ends_the_process_with_sigalrm(void)
{
    pid_t child = fork();
    if (child == 0) {
        alarm(1);
        for (;;)
            pause();
    }
    expect_death(child, SIGALRM, "alarm(1) without a handler");
}

static void abort_ends_the_process_with_sigabrt(void)
{
    pid_t child = fork();
    if (child == 0)
        abort();
    expect_death(child, SIGABRT, "abort()");

    /* even when SIGABRT is caught (the handler returns), ignored or blocked */
    child = fork();
    if (child == 0) {
        signal(SIGABRT, on_signal);
        abort();
    }
    expect_death(child, SIGABRT, "abort() with a SIGABRT handler that returns");
    child = fork();
    if (child == 0) {
        signal(SIGABRT, SIG_IGN);
        abort();
    }
    expect_death(child, SIGABRT, "abort() with SIGABRT ignored");
    child = fork();
    if (child == 0) {
        sigset_t abrt;
        sigemptyset(&abrt);
        sigaddset(&abrt, SIGABRT);
        sigprocmask(SIG_BLOCK, &abrt, NULL);
        abort();
    }
    expect_death(child, SIGABRT, "abort() with SIGABRT blocked");
}

static void some_signals_are_ignored_by_default(void)
{
    pid_t child = fork();
    if (child == 0) {
        raise(SIGCHLD);
        raise(SIGURG);
        raise(SIGWINCH);
        raise(SIGCONT);
        _exit(3);
    }
    expect_exit(child, 3, "a child that raised SIGCHLD, SIGURG, SIGWINCH and SIGCONT");

    /* ... and sent by someone else, while it waits */
    int go[2];
    pipe(go);
    child = fork();
    if (child == 0) {
        char c;
        close(go[1]);
        _exit(read(go[0], &c, 1) == 1 ? 4 : 5);
    }
    close(go[0]);
    kill(child, SIGCHLD);
    kill(child, SIGURG);
    kill(child, SIGWINCH);
    kill(child, SIGCONT);
    usleep(5000);
    write(go[1], "x", 1);
    close(go[1]);
    expect_exit(child, 4, "a child sent SIGCHLD, SIGURG, SIGWINCH and SIGCONT while in read");
}

static void sig_ign_survives_sigterm(void)
{
    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGTERM, SIG_IGN);
        write(ready[1], "r", 1);
        char c;
        _exit(read(go[0], &c, 1) == 1 ? 6 : 7);   /* not interrupted either */
    }
    char c;
    read(ready[0], &c, 1);
    kill(child, SIGTERM);
    kill(child, SIGTERM);
    usleep(5000);
    write(go[1], "g", 1);
    expect_exit(child, 6, "a child ignoring SIGTERM, sent SIGTERM twice");
    close(ready[0]); close(ready[1]); close(go[0]); close(go[1]);
}

/* ---- exec ----------------------------------------------------------------- */

enum {
    AFTER_EXEC_CAUGHT_NOT_DEFAULT = 1,     /* the caught SIGUSR1 should be SIG_DFL */
    AFTER_EXEC_IGNORED_NOT_KEPT = 2,       /* SIGUSR2 should still be SIG_IGN */
    AFTER_EXEC_MASK_NOT_KEPT = 4,          /* SIGTERM should still be blocked */
    AFTER_EXEC_PENDING_NOT_KEPT = 8,       /* SIGTERM should still be pending */
};

/* The test exec'd by itself with "--after-exec": reports what survived. */
static int after_exec(void)
{
    int failures = 0;
    struct sigaction action;
    sigaction(SIGUSR1, NULL, &action);
    if (action.sa_handler != SIG_DFL)
        failures |= AFTER_EXEC_CAUGHT_NOT_DEFAULT;
    sigaction(SIGUSR2, NULL, &action);
    if (action.sa_handler != SIG_IGN)
        failures |= AFTER_EXEC_IGNORED_NOT_KEPT;
    sigset_t mask, pending;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    if (sigismember(&mask, SIGTERM) != 1)
        failures |= AFTER_EXEC_MASK_NOT_KEPT;
    sigpending(&pending);
    if (sigismember(&pending, SIGTERM) != 1)
        failures |= AFTER_EXEC_PENDING_NOT_KEPT;
    raise(SIGUSR2);                          /* still ignored: harmless */
    return failures;
}

static void exec_resets_caught_signals_and_keeps_the_rest(const char *self)
{
    pid_t child = fork();
    if (child == 0) {
        signal(SIGUSR1, on_signal);
        signal(SIGUSR2, SIG_IGN);
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        sigprocmask(SIG_BLOCK, &term, NULL);
        raise(SIGTERM);                      /* pending across the exec */
        execl(self, self, "--after-exec", (char *)NULL);
        _exit(100);
    }
    int status = 0;
    waitpid(child, &status, 0);
    int failures = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    CHECK(failures == 0, "after exec (status 0x%x):%s%s%s%s%s", status,
          failures < 0 ? " the exec'd program died" : "",
          failures > 0 && (failures & AFTER_EXEC_CAUGHT_NOT_DEFAULT) ? " the caught SIGUSR1 is not SIG_DFL;" : "",
          failures > 0 && (failures & AFTER_EXEC_IGNORED_NOT_KEPT) ? " the ignored SIGUSR2 is not SIG_IGN;" : "",
          failures > 0 && (failures & AFTER_EXEC_MASK_NOT_KEPT) ? " SIGTERM is no longer blocked;" : "",
          failures > 0 && (failures & AFTER_EXEC_PENDING_NOT_KEPT) ? " SIGTERM is no longer pending;" : "");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--after-exec"))
        _exit(after_exec());

    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    terminating_signals_end_the_process();
    alarm_ends_the_process_with_sigalrm();
    abort_ends_the_process_with_sigabrt();
    some_signals_are_ignored_by_default();
    sig_ign_survives_sigterm();
    exec_resets_caught_signals_and_keeps_the_rest(argv[0]);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_default_actions");
}
