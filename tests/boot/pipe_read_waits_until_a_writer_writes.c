/* tests/boot/pipe_read_waits_until_a_writer_writes.c - a read of an empty
 * pipe whose write end is open waits (pipe(7), read(2)): it neither fails
 * with EAGAIN nor returns 0, but sleeps until a writer writes, and then
 * returns the bytes written. The writer is a child that writes 50 ms
 * after the read began. */
#include "boot_pipe.h"

#define WRITER_DELAY_NS (50 * 1000 * 1000ll)

int main(void)
{
    alarm(20);                              /* a read that never wakes ends the test */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    long long started;
    pid_t child = fork_late_child(fds[0], WRITER_DELAY_NS, &started);
    if (child == 0) {                       /* the writer, WRITER_DELAY_NS after the fork */
        long long written_at = monotonic_ns();
        _exit(write(fds[1], &written_at, sizeof written_at) == sizeof written_at ? 0 : 1);
    }
    /* the parent keeps its own write end open too: a writer is left all along */
    long long written_at = 0;
    errno = 0;
    int count = read(fds[0], &written_at, sizeof written_at);
    long long returned = monotonic_ns();
    CHECK(count == (int)sizeof written_at, "a read of an empty pipe with a writer: expected it to wait and return "
          "the %d bytes written, got %d (%s)", (int)sizeof written_at, count, count < 0 ? strerror(errno) : "ok");
    CHECK(count != (int)sizeof written_at || (written_at >= started + WRITER_DELAY_NS && returned >= written_at),
          "the read returned before the child's write: it began at %lld, the write was at %lld, "
          "the read returned at %lld", started, written_at, returned);
    expect_exit_0(child, "the late writer");
    close(fds[0]);
    close(fds[1]);
    return test_finish("pipe_read_waits_until_a_writer_writes");
}
