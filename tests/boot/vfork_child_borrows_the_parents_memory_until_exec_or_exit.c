/* tests/boot/vfork_child_borrows_the_parents_memory_until_exec_or_exit.c
 * - vfork(2), as on Linux: the child runs first, on the parent's own
 * memory (what it stores, the parent reads), while the parent waits in
 * vfork until the child's _exit, its execve, or its death by a signal.
 * A signal that kills the parent (SIGKILL, or SIGTERM left to its
 * default) ends the parent's wait before that, and the child goes on; a
 * handled or a blocked one does not. An execve that fails leaves the
 * child borrowing until it exits. The child's descriptors are its own (a
 * close there leaves the parent's open). With SIGCHLD ignored the child
 * is reaped at once, and the parent goes on all the same. Many vforks in
 * a row leave every counter where it was. It passes on Linux too
 * (tools/linux-check). */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "boot_test.h"

#define ROUNDS 200

static volatile int stored_by_child;
static volatile int exec_error;

/* Uses a few KiB of the stack the child shares with the parent, as a
 * child calling into the libc would. */
static int __attribute__((noinline)) deep(int depth)
{
    volatile char scratch[512];
    scratch[0] = (char)depth;
    return depth == 0 ? scratch[0] : deep(depth - 1) + scratch[0];
}

static void the_child_runs_first_on_our_memory(void)
{
    stored_by_child = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        stored_by_child = 42;
        deep(8);
        _exit(3);
    }
    CHECK(pid > 0, "vfork: %s", strerror(errno));
    CHECK_EQ(42, stored_by_child, "what the child stored, read by the parent after vfork returned");
    int status = 0;
    CHECK_EQ(pid, waitpid(pid, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "the child's _exit(3): status %#x", status);
}

static void exec_lets_the_parent_go(const char *self)
{
    stored_by_child = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        stored_by_child = 1;                      /* before the exec, in our memory */
        execl(self, self, "exit-7", (char *)0);
        _exit(99);
    }
    CHECK_EQ(1, stored_by_child, "the child's store before its exec");
    int status = 0;
    CHECK_EQ(pid, waitpid(pid, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "the program the child ran exits 7: status %#x",
          status);
}

static void a_failed_exec_keeps_borrowing(void)
{
    exec_error = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        execl("/no/such/program", "nothing", (char *)0);
        exec_error = errno;                       /* errno is the parent's thread's too */
        _exit(9);
    }
    CHECK_EQ(ENOENT, exec_error, "the failed exec's error, stored before the child's exit");
    int status = 0;
    CHECK_EQ(pid, waitpid(pid, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "status %#x", status);
}

static void descriptors_are_the_childs_own(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    pid_t pid = vfork();
    if (pid == 0) {
        close(ends[1]);
        close(ends[0]);
        _exit(0);
    }
    waitpid(pid, 0, 0);
    CHECK_EQ(1, write(ends[1], "x", 1), "our write end is still open after the child's close");
    char c = 0;
    CHECK_EQ(1, read(ends[0], &c, 1), "our read end too");
    close(ends[0]);
    close(ends[1]);
}

static void a_killed_child_lets_the_parent_go(void)
{
    pid_t pid = vfork();
    if (pid == 0) {
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    int status = 0;
    CHECK_EQ(pid, waitpid(pid, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "killed by SIGKILL: status %#x", status);
}

/* A signal that kills ends the parent's wait, as on Linux, where it is
 * killable: SIGKILL, and SIGTERM left to its default action. The parent
 * dies while its child still runs on the memory they share, and the
 * child goes on with it (its parent now init) until it exits. A signal
 * with a handler does not end the wait: the parent takes it after the
 * child's exit, and a blocked SIGTERM does not either. */
static volatile int handled_in_the_parent;
static void note_in_the_parent(int signal)
{
    handled_in_the_parent = signal;
}

static void the_signal_ends_the_parents_wait(int to_child[2], int from_child[2], int signal_that_kills)
{
    fflush(stdout);
    pid_t parent = fork();
    if (parent == 0) {
        pid_t child = vfork();
        if (child == 0) {
            char c;
            if (write(from_child[1], "b", 1) != 1 || read(to_child[0], &c, 1) != 1)
                _exit(1);                       /* borrowing until the test says go */
            write(from_child[1], "e", 1);       /* still running after the parent's death */
            _exit(0);
        }
        _exit(8);                               /* the wait ended, and the parent lived */
    }
    char c = 0;
    CHECK_EQ(1, read(from_child[0], &c, 1), "the vfork child runs");
    kill(parent, signal_that_kills);
    int status = 0;
    pid_t ended = 0;
    struct timespec a_while = { 0, 10000000 };
    for (int waits = 0; waits < 500 && ended == 0; waits++) {      /* 5 s at most, not a hang */
        ended = waitpid(parent, &status, WNOHANG);
        if (ended == 0)
            nanosleep(&a_while, 0);
    }
    CHECK(ended == parent, "the vforking parent ended by signal %d while its child borrows: waitpid %d",
          signal_that_kills, ended);
    CHECK_EQ(1, write(to_child[1], "g", 1), "go");
    if (ended == 0)
        waitpid(parent, &status, 0);            /* let go by the child's exit */
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal_that_kills, "killed by signal %d: status %#x",
          signal_that_kills, status);
    CHECK_EQ(1, read(from_child[0], &c, 1), "the child went on after its parent's death");
    CHECK(c == 'e', "the child's byte after the parent's death: '%c'", c);
}

static void a_signal_that_kills_ends_the_parents_wait(void)
{
    int to_child[2], from_child[2];
    CHECK_EQ(0, pipe(to_child), "pipe");
    CHECK_EQ(0, pipe(from_child), "pipe");
    the_signal_ends_the_parents_wait(to_child, from_child, SIGKILL);
    the_signal_ends_the_parents_wait(to_child, from_child, SIGTERM);

    /* a handled SIGUSR1 and a blocked SIGTERM: the parent waits on */
    char c = 0;
    int status = 0;
    fflush(stdout);
    pid_t parent = fork();
    if (parent == 0) {
        signal(SIGUSR1, note_in_the_parent);
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        sigprocmask(SIG_BLOCK, &term, 0);
        pid_t child = vfork();
        if (child == 0) {
            if (write(from_child[1], "b", 1) != 1 || read(to_child[0], &c, 1) != 1)
                _exit(1);
            _exit(0);
        }
        _exit(handled_in_the_parent == SIGUSR1 ? 9 : 8);
    }
    CHECK_EQ(1, read(from_child[0], &c, 1), "the vfork child of a parent that handles and blocks runs");
    kill(parent, SIGUSR1);
    kill(parent, SIGTERM);
    struct timespec a_while = { 0, 50000000 };
    nanosleep(&a_while, 0);
    CHECK_EQ(0, waitpid(parent, &status, WNOHANG), "a handled SIGUSR1 and a blocked SIGTERM leave the parent waiting");
    CHECK_EQ(1, write(to_child[1], "k", 1), "go");
    CHECK_EQ(parent, waitpid(parent, &status, 0), "the parent ended");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "it took SIGUSR1 after its wait, SIGTERM still blocked: "
          "status %#x", status);
    close(to_child[0]);
    close(to_child[1]);
    close(from_child[0]);
    close(from_child[1]);
}

static void reaped_at_once_with_sigchld_ignored(void)
{
    struct sigaction ignore, old;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGCHLD, &ignore, &old);
    pid_t pid = vfork();
    if (pid == 0)
        _exit(0);
    CHECK(pid > 0, "vfork");
    CHECK_ERROR(waitpid(pid, 0, 0), ECHILD);       /* reaped: nothing to wait for */
    sigaction(SIGCHLD, &old, 0);
}

static void many_in_a_row(void)
{
    volatile int failures = 0;                     /* volatile: vfork returns twice */
    for (volatile int i = 0; i < ROUNDS; i++) {
        pid_t pid = vfork();
        if (pid == 0) {
            stored_by_child = i;
            _exit(i & 0x7f);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != (i & 0x7f) ||
            stored_by_child != i)
            failures++;
    }
    CHECK_EQ(0, failures, "vforks in a row that went wrong");
}

static const char *program;

static void cases(void)
{
    the_child_runs_first_on_our_memory();
    exec_lets_the_parent_go(program);
    a_failed_exec_keeps_borrowing();
    descriptors_are_the_childs_own();
    a_killed_child_lets_the_parent_go();
    a_signal_that_kills_ends_the_parents_wait();
    reaped_at_once_with_sigchld_ignored();
    many_in_a_row();
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "exit-7") == 0)
        return 7;
    program = argv[0];
    run_cases_checking_leaks(cases);
    return test_finish("vfork_child_borrows_the_parents_memory_until_exec_or_exit");
}
