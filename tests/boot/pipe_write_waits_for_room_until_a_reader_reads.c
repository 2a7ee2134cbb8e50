/* tests/boot/pipe_write_waits_for_room_until_a_reader_reads.c - a write
 * into a full pipe waits (pipe(7), write(2)): it neither fails with EAGAIN
 * nor writes less, but sleeps until a reader has made room, and then
 * writes every byte. The pipe is filled without waiting (O_NONBLOCK, up to
 * EAGAIN); a child drains it 50 ms after the blocking write began. */
#include "boot_pipe.h"

#define READER_DELAY_NS (50 * 1000 * 1000ll)
#define LATE_WRITE 100          /* bytes of the write that waits for room */

int main(void)
{
    alarm(20);                              /* a write that never wakes ends the test */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    int capacity = fill_pipe_without_waiting(fds[1]);
    CHECK(capacity > 0, "the pipe took no bytes before it was full");

    long long started;
    pid_t child = fork_late_child(fds[1], READER_DELAY_NS, &started);
    if (child == 0) {                       /* the reader, READER_DELAY_NS after the fork */
        static char drained[4096];
        int total = 0, count;
        while (total < capacity && (count = read(fds[0], drained, sizeof drained)) > 0)
            total += count;
        _exit(total == capacity ? 0 : 1);
    }
    static char late[LATE_WRITE];
    memset(late, 'z', sizeof late);
    errno = 0;
    int count = write(fds[1], late, sizeof late);
    long long elapsed = monotonic_ns() - started;
    CHECK(count == LATE_WRITE, "a write of %d bytes into a full pipe: expected it to wait for room and write them "
          "all, got %d (%s)", LATE_WRITE, count, count < 0 ? strerror(errno) : "ok");
    CHECK(count != LATE_WRITE || elapsed >= READER_DELAY_NS, "the write into the full pipe returned %lld ns after "
          "the fork, before the reader read (%lld ns)", elapsed, READER_DELAY_NS);
    expect_exit_0(child, "the reader draining the full pipe");
    static char back[LATE_WRITE];
    if (count == LATE_WRITE) {
        CHECK_EQ(LATE_WRITE, read_fully(fds[0], back, sizeof back), "bytes of the late write read back");
        CHECK(!memcmp(back, late, sizeof back), "the late write's bytes came out changed");
    }
    close(fds[0]);
    close(fds[1]);
    return test_finish("pipe_write_waits_for_room_until_a_reader_reads");
}
