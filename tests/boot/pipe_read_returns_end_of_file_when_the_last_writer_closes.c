/* tests/boot/pipe_read_returns_end_of_file_when_the_last_writer_closes.c -
 * a read of an empty pipe returns 0, end of file, when no write end is
 * open (pipe(7), read(2)): at once when none is left, and for a reader
 * already waiting, as soon as the last writer closes - here a child that
 * holds the only write end and exits 50 ms later without writing. */
#include "boot_pipe.h"

#define WRITER_LIFETIME_NS (50 * 1000 * 1000ll)

int main(void)
{
    alarm(20);                              /* a read that never wakes ends the test */
    char byte;

    /* no writer left before the read: end of file at once */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    close(fds[1]);
    errno = 0;
    int count = read(fds[0], &byte, 1);
    CHECK(count == 0, "a read of an empty pipe with no writer: expected 0 (end of file), got %d (%s)", count,
          count < 0 ? strerror(errno) : "ok");
    close(fds[0]);

    /* the last writer goes while the reader waits: end of file then */
    CHECK_EQ(0, pipe(fds), "pipe");
    long long started;
    pid_t child = fork_late_child(fds[0], WRITER_LIFETIME_NS, &started);
    if (child == 0)
        _exit(0);                           /* closes the last write end, writing nothing */
    close(fds[1]);                          /* the child's copy is the only write end */
    errno = 0;
    count = read(fds[0], &byte, 1);
    long long elapsed = monotonic_ns() - started;
    CHECK(count == 0, "a read waiting while the last writer closes: expected 0 (end of file), got %d (%s)", count,
          count < 0 ? strerror(errno) : "ok");
    CHECK(count != 0 || elapsed >= WRITER_LIFETIME_NS, "end of file came %lld ns after the fork, before the child's write end "
          "closed (%lld ns)", elapsed, WRITER_LIFETIME_NS);
    expect_exit_0(child, "the writer that exits");
    close(fds[0]);
    return test_finish("pipe_read_returns_end_of_file_when_the_last_writer_closes");
}
