/* tests/boot/pipe_writer_waiting_for_room_gets_epipe_when_the_reader_closes.c
 * - a writer waiting for room in a full pipe is woken when the last read
 * end closes, and its write fails with EPIPE (SIGPIPE being ignored):
 * pipe(7), write(2). The pipe is filled without waiting (O_NONBLOCK, up
 * to EAGAIN); the only read end is a child's, which exits 50 ms after
 * the blocking write began, reading nothing. */
#include <fcntl.h>
#include <signal.h>

#include "boot_test.h"

#define READER_LIFETIME_NS (50 * 1000 * 1000ll)

/* Waits for `child` and checks that it exited 0. */
static void expect_exit_0(pid_t child, const char *who)
{
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: expected it to exit 0, got status 0x%x", who, status);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);               /* so that the write returns EPIPE */
    alarm(20);                              /* a write that never wakes ends the test */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    static char block[4096];
    int count;
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    while ((count = write(fds[1], block, sizeof block)) > 0)
        ;
    fcntl(fds[1], F_SETFL, 0);              /* the next write may wait */

    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        close(fds[1]);
        usleep(READER_LIFETIME_NS / 1000);
        _exit(0);                           /* closes the last read end */
    }
    close(fds[0]);                          /* the child's copy is the only read end */
    errno = 0;
    count = write(fds[1], "x", 1);
    int error = errno;
    long long elapsed = monotonic_ns() - started;
    CHECK(count == -1 && error == EPIPE, "a write waiting for room when the last reader closes: expected -1 with "
          "EPIPE, got %d (%s)", count, count < 0 ? strerror(error) : "ok");
    CHECK(error != EPIPE || elapsed >= READER_LIFETIME_NS, "the write into the full pipe returned %lld ns after the fork, before "
          "the reader closed (%lld ns)", elapsed, READER_LIFETIME_NS);
    expect_exit_0(child, "the reader that exits");
    close(fds[1]);
    return test_finish("pipe_writer_waiting_for_room_gets_epipe_when_the_reader_closes");
}
