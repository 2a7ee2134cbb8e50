/* tests/boot/pipe_write_waits_for_room_until_a_reader_reads.c - a write
 * into a full pipe waits (pipe(7), write(2)): it neither fails with EAGAIN
 * nor writes less, but sleeps until a reader has made room, and then
 * writes every byte. The pipe is filled without waiting (O_NONBLOCK, up to
 * EAGAIN); a child drains it 50 ms after the blocking write began. */
#include <fcntl.h>
#include <signal.h>

#include "boot_test.h"

#define READER_DELAY_NS (50 * 1000 * 1000ll)
#define LATE_WRITE 100          /* bytes of the write that waits for room */

/* Waits for `child` and checks that it exited 0. */
static void expect_exit_0(pid_t child, const char *who)
{
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: expected it to exit 0, got status 0x%x", who, status);
}

int main(void)
{
    alarm(20);                              /* a write that never wakes ends the test */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    static char block[4096];
    int capacity = 0, count;
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    while ((count = write(fds[1], block, sizeof block)) > 0)
        capacity += count;
    CHECK(capacity > 0, "the pipe took no bytes before it was full");
    fcntl(fds[1], F_SETFL, 0);              /* the next write may wait */

    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        close(fds[1]);
        usleep(READER_DELAY_NS / 1000);
        static char drained[4096];
        int total = 0;
        while (total < capacity && (count = read(fds[0], drained, sizeof drained)) > 0)
            total += count;
        _exit(total == capacity ? 0 : 1);
    }
    static char late[LATE_WRITE];
    memset(late, 'z', sizeof late);
    errno = 0;
    count = write(fds[1], late, sizeof late);
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
