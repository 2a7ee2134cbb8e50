/* tests/boot/prctl_orphans_hear_of_their_parent_and_go_to_the_subreaper.c -
 * prctl(2), as on Linux:
 *  - PR_SET_PDEATHSIG: a child that asked for SIGUSR1 gets it when its
 *    parent ends, as a kill by that parent (SI_USER, si_pid the parent),
 *    and by then its parent is another; PR_GET_PDEATHSIG reads it back; a
 *    fork's child starts without it; a change of effective user id forgets
 *    it; a signal number of 65 is EINVAL;
 *  - PR_SET_CHILD_SUBREAPER: the orphans of a subreaper's descendants
 *    become its children, not init's: their getppid() says so, and its
 *    waitpid reaps them, a zombie given to it too (with its SIGCHLD);
 *  - PR_SET_NAME / PR_GET_NAME: a thread's name, cut to 15 bytes;
 *  - an unknown option is EINVAL, a bad pointer EFAULT.
 * Nothing leaks. It passes on Linux too (tools/linux-check). */
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>

#include "boot_test.h"

/* What the orphan saw, written to the test through a pipe. */
struct orphan_report {
    int signal, code, sender, parent_before, parent_after;
};

/* The middle process's child: asks for SIGUSR1 at its parent's end,
 * says it is ready, waits up to 5 s for the signal. */
static void orphan(int report_fd, int ready_fd)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, 0);
    struct orphan_report report = { 0, 0, 0, getppid(), 0 };
    int asked = prctl(PR_SET_PDEATHSIG, SIGUSR1);
    int got = -1;
    prctl(PR_GET_PDEATHSIG, &got);
    write(ready_fd, asked == 0 && got == SIGUSR1 ? "y" : "n", 1);
    siginfo_t info;
    struct timespec five_seconds = { 5, 0 };
    if (sigtimedwait(&set, &info, &five_seconds) == SIGUSR1) {
        report.signal = info.si_signo;
        report.code = info.si_code;
        report.sender = info.si_pid;
    }
    report.parent_after = getppid();
    write(report_fd, &report, sizeof report);
    _exit(0);
}

static void parent_death_signal(void)
{
    int report[2], ready[2];
    CHECK_EQ(0, pipe(report), "pipe");
    CHECK_EQ(0, pipe(ready), "pipe");
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        if (fork() == 0)
            orphan(report[1], ready[1]);
        char answer = 0;
        read(ready[0], &answer, 1);   /* the orphan has asked */
        _exit(answer == 'y' ? 0 : 1);
    }
    int status = -1;
    waitpid(middle, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the orphan set and read back PR_SET_PDEATHSIG");
    struct orphan_report seen;
    memset(&seen, 0, sizeof seen);
    CHECK_EQ(sizeof seen, read(report[0], &seen, sizeof seen), "the orphan's report");
    CHECK_EQ(SIGUSR1, seen.signal, "the orphan got SIGUSR1 when its parent ended");
    CHECK_EQ(SI_USER, seen.code, "as a kill (SI_USER)");
    CHECK_EQ(middle, seen.sender, "by its parent");
    CHECK_EQ(middle, seen.parent_before, "its parent was the middle process");
    CHECK(seen.parent_after != middle, "and is another once the signal came (it is %d)", seen.parent_after);
    close(report[0]);
    close(report[1]);
    close(ready[0]);
    close(ready[1]);
}

static void parent_death_signal_rules(void)
{
    int got = -1;
    CHECK_EQ(0, prctl(PR_GET_PDEATHSIG, &got), "PR_GET_PDEATHSIG");
    CHECK_EQ(0, got, "none at first");
    CHECK_EQ(0, prctl(PR_SET_PDEATHSIG, SIGTERM), "PR_SET_PDEATHSIG SIGTERM");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int inherited = -1;
        prctl(PR_GET_PDEATHSIG, &inherited);
        _exit(inherited == 0 ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a fork's child starts without it");
    CHECK_EQ(0, prctl(PR_GET_PDEATHSIG, &got), "PR_GET_PDEATHSIG");
    CHECK_EQ(SIGTERM, got, "ours is kept");
    CHECK_ERROR(prctl(PR_SET_PDEATHSIG, 65), EINVAL);
    CHECK_ERROR(prctl(PR_GET_PDEATHSIG, (int *)16), EFAULT);
    CHECK_EQ(0, prctl(PR_SET_PDEATHSIG, 0), "PR_SET_PDEATHSIG 0: none");
    if (geteuid() == 0) {
        fflush(stdout);
        child = fork();
        if (child == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            int kept = -1, forgotten = -1;
            prctl(PR_GET_PDEATHSIG, &kept);
            setresgid(0, 0, 0);                /* no change: kept */
            int still = -1;
            prctl(PR_GET_PDEATHSIG, &still);
            setuid(1000);
            prctl(PR_GET_PDEATHSIG, &forgotten);
            _exit(kept == SIGTERM && still == SIGTERM && forgotten == 0 ? 0 : 1);
        }
        waitpid(child, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "a change of effective uid forgets the signal (and no change keeps it)");
    }
}

static void subreaper_adopts_orphans(void)
{
    int got = -1;
    CHECK_EQ(0, prctl(PR_GET_CHILD_SUBREAPER, &got), "PR_GET_CHILD_SUBREAPER");
    CHECK_EQ(0, got, "not a subreaper at first");
    CHECK_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1), "PR_SET_CHILD_SUBREAPER 1");
    CHECK_EQ(0, prctl(PR_GET_CHILD_SUBREAPER, &got), "PR_GET_CHILD_SUBREAPER");
    CHECK_EQ(1, got, "a subreaper now");
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, 0);
    int release[2], pids[2];
    CHECK_EQ(0, pipe(release), "pipe");
    CHECK_EQ(0, pipe(pids), "pipe");
    pid_t self = getpid();
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t waiting = fork();
        if (waiting == 0) {               /* lives on, an orphan, until released */
            char byte;
            read(release[0], &byte, 1);
            _exit(getppid() == self ? 7 : 8);    /* 7: adopted by the subreaper */
        }
        pid_t ended = fork();
        if (ended == 0)
            _exit(9);                     /* a zombie its parent never reaps */
        usleep(20000);
        write(pids[1], &waiting, sizeof waiting);
        write(pids[1], &ended, sizeof ended);
        _exit(0);
    }
    pid_t waiting = 0, ended = 0;
    read(pids[0], &waiting, sizeof waiting);
    read(pids[0], &ended, sizeof ended);
    int status = -1;
    CHECK_EQ(middle, waitpid(middle, &status, 0), "the middle process ends");
    struct timespec five_seconds = { 5, 0 };
    siginfo_t info;
    int signalled = 0;
    for (int i = 0; i < 3 && sigtimedwait(&chld, &info, &five_seconds) == SIGCHLD; i++)
        signalled++;                      /* the middle's, and the zombie's as it came to us */
    CHECK(signalled >= 1, "SIGCHLD");
    CHECK_EQ(ended, waitpid(ended, &status, 0), "the orphaned zombie is ours to reap");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "with its status");
    CHECK_EQ(0, waitpid(waiting, &status, WNOHANG), "the living orphan is ours, still running");
    write(release[1], "x", 1);
    CHECK_EQ(waiting, waitpid(waiting, &status, 0), "and reaped by us when it ends");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "its getppid() was the subreaper (status %#x)", status);
    CHECK_ERROR(waitpid(-1, &status, WNOHANG), ECHILD);
    sigprocmask(SIG_UNBLOCK, &chld, 0);
    CHECK_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 0), "PR_SET_CHILD_SUBREAPER 0");
    close(release[0]);
    close(release[1]);
    close(pids[0]);
    close(pids[1]);
}

static void *name_this_thread(void *argument)
{
    (void)argument;
    char name[16];
    prctl(PR_SET_NAME, "a-thread-of-many-letters");
    memset(name, 'x', sizeof name);
    prctl(PR_GET_NAME, name);
    return (void *)(long)(strcmp(name, "a-thread-of-man") == 0);
}

static void names(void)
{
    char name[16], before[16];
    CHECK_EQ(0, prctl(PR_GET_NAME, before), "PR_GET_NAME");
    CHECK_EQ(0, prctl(PR_SET_NAME, "tester"), "PR_SET_NAME");
    memset(name, 'x', sizeof name);
    CHECK_EQ(0, prctl(PR_GET_NAME, name), "PR_GET_NAME");
    CHECK(strcmp(name, "tester") == 0, "the name set: '%.16s'", name);
    pthread_t thread;
    void *cut = 0;
    CHECK_EQ(0, pthread_create(&thread, 0, name_this_thread, 0), "pthread_create");
    pthread_join(thread, &cut);
    CHECK(cut != 0, "a thread's long name is cut to 15 bytes");
    CHECK_EQ(0, prctl(PR_GET_NAME, name), "PR_GET_NAME");
    CHECK(strcmp(name, "tester") == 0, "the thread's name is its own: ours is '%.16s'", name);
    CHECK_ERROR(prctl(PR_SET_NAME, (char *)16), EFAULT);
    CHECK_ERROR(prctl(PR_GET_NAME, (char *)16), EFAULT);
    CHECK_ERROR(prctl(9999, 0, 0, 0, 0), EINVAL);
    prctl(PR_SET_NAME, before);
}

static void *nothing(void *argument)
{
    return argument;
}

int main(void)
{
    pthread_t warm;                     /* a thread's stack, made before counting */
    pthread_create(&warm, 0, nothing, 0);
    pthread_join(warm, 0);
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    parent_death_signal();
    parent_death_signal_rules();
    subreaper_adopts_orphans();
    names();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("prctl_orphans_hear_of_their_parent_and_go_to_the_subreaper");
}
