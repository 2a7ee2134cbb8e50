/* tests/boot/pipe_writer_waiting_for_room_gets_epipe_when_the_reader_closes.c
 * - a writer waiting for room in a full pipe is woken when the last read
 * end closes, and its write fails with EPIPE (SIGPIPE being ignored):
 * pipe(7), write(2). The pipe is filled without waiting (O_NONBLOCK, up
 * to EAGAIN); the only read end is a child's, which exits 50 ms after
 * the blocking write began, reading nothing. */
#include "boot_pipe.h"

#define READER_LIFETIME_NS (50 * 1000 * 1000ll)

int main(void)
{
    signal(SIGPIPE, SIG_IGN);               /* so that the write returns EPIPE */
    alarm(20);                              /* a write that never wakes ends the test */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    fill_pipe_without_waiting(fds[1]);

    long long started;
    pid_t child = fork_late_child(fds[1], READER_LIFETIME_NS, &started);
    if (child == 0)
        _exit(0);                           /* closes the last read end */
    close(fds[0]);                          /* the child's copy is the only read end */
    errno = 0;
    int count = write(fds[1], "x", 1);
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
