/* tests/boot/signal_sigpipe_on_write_without_reader.c - a write to a pipe
 * or FIFO that nobody can read any more raises SIGPIPE, whose default
 * action ends the writer; a writer that ignores, catches or blocks SIGPIPE
 * gets -1 with EPIPE instead. A writer waiting for room is woken with the
 * same result when the last reader goes. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_wait.h"

static volatile sig_atomic_t handled, last_signal;

static void record(int signal)
{
    last_signal = signal;
    handled++;
}

static void default_action_kills_the_writer(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    pid_t child = fork();
    if (child == 0) {
        write(fds[1], "x", 1);
        _exit(0);                            /* should not get here */
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
          "writer to a pipe without reader: status 0x%x, expected death by SIGPIPE", status);
    close(fds[1]);
}

static void ignored_sigpipe_gives_epipe(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);
    CHECK_ERROR(write(fds[1], "more", 4), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

static void caught_sigpipe_runs_the_handler_and_gives_epipe(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    signal(SIGPIPE, record);
    handled = 0;
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);
    CHECK_EQ(1, handled, "SIGPIPE handler calls");
    CHECK_EQ(SIGPIPE, last_signal, "the handler's argument");
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

static void blocked_sigpipe_stays_pending_and_gives_epipe(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    sigset_t pipe_only, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigprocmask(SIG_BLOCK, &pipe_only, NULL);
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);
    sigpending(&pending);
    CHECK_EQ(1, sigismember(&pending, SIGPIPE), "SIGPIPE pending while blocked");
    signal(SIGPIPE, SIG_IGN);                /* discard it */
    sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

static void a_waiting_writer_gets_epipe_when_the_reader_leaves(void)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        signal(SIGPIPE, SIG_IGN);
        static char block[4096];
        long result;
        do
            result = write(fds[1], block, sizeof block);   /* fills, then waits */
        while (result > 0);
        _exit(result == -1 && errno == EPIPE ? 0 : 1);
    }
    close(fds[1]);
    CHECK(wait_until_blocked(child, "pipe write"), "the writer never waited for room");
    close(fds[0]);                           /* the last reader goes */
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a writer waiting for room when the reader left: status 0x%x, expected exit 0 (EPIPE)", status);
}

static void a_fifo_without_reader_raises_sigpipe(void)
{
    const char *path = "/tmp/signal_sigpipe_fifo";
    unlink(path);
    CHECK_EQ(0, mkfifo(path, 0600), "mkfifo");
    pid_t child = fork();
    if (child == 0) {
        int fd = open(path, O_RDWR);         /* never blocks; we are the only reader */
        int writer = open(path, O_WRONLY);
        close(fd);                           /* now nobody reads */
        write(writer, "x", 1);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
          "writer to a FIFO without reader: status 0x%x, expected death by SIGPIPE", status);
    unlink(path);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    default_action_kills_the_writer();
    ignored_sigpipe_gives_epipe();
    caught_sigpipe_runs_the_handler_and_gives_epipe();
    blocked_sigpipe_stays_pending_and_gives_epipe();
    a_waiting_writer_gets_epipe_when_the_reader_leaves();
    a_fifo_without_reader_raises_sigpipe();

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_sigpipe_on_write_without_reader");
}
