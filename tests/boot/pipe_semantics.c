/* tests/boot/pipe_semantics.c - the rules of pipe(2): read returns what was
 * written, in order; a read of an empty pipe waits while a writer is left,
 * and returns 0 (end of file) once every write end is closed, the copies a
 * fork made included; a write with no reader raises SIGPIPE (which by
 * default ends the writer) and, with SIGPIPE ignored, fails with EPIPE; O_NONBLOCK
 * turns both waits into EAGAIN (and a write of at most PIPE_BUF that does
 * not fit is refused whole); a blocking write bigger than the pipe is
 * completed as a reader drains it; nothing is left behind after the last
 * close. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PIPE_CAPACITY 65536     /* bytes a pipe holds, as on Linux (kernel/ipc/pipe.h) */
#define ATOMIC_LIMIT 4096       /* PIPE_BUF */

static void read_returns_what_was_written_in_order(void)
{
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1], "pipe gave descriptors %d and %d", fds[0], fds[1]);
    CHECK_EQ(5, write(fds[1], "hello", 5), "write");
    CHECK_EQ(6, write(fds[1], " world", 6), "write");
    char buffer[32] = { 0 };
    CHECK_EQ(3, read(fds[0], buffer, 3), "a read of 3 takes 3 of the 11 bytes");
    CHECK(!memcmp(buffer, "hel", 3), "first 3 bytes: expected \"hel\", got \"%.3s\"", buffer);
    memset(buffer, 0, sizeof buffer);
    CHECK_EQ(8, read(fds[0], buffer, sizeof buffer), "a read of 32 returns the 8 bytes there (it does not wait for more)");
    CHECK(!strcmp(buffer, "lo world"), "the rest: expected \"lo world\", got \"%s\"", buffer);
    CHECK_EQ(0, read(fds[0], buffer, 0), "a read of 0 bytes");

    /* many small writes come out as one stream, in order */
    for (int i = 0; i < 1000; i++) {
        unsigned char byte = (unsigned char)i;
        write(fds[1], &byte, 1);
    }
    static unsigned char stream[1000];
    int total = 0, count;
    while (total < 1000 && (count = read(fds[0], stream + total, 1000 - total)) > 0)
        total += count;
    CHECK_EQ(1000, total, "bytes read back of 1000 one-byte writes");
    int first_wrong = -1;
    for (int i = 0; i < total && first_wrong < 0; i++)
        if (stream[i] != (unsigned char)i)
            first_wrong = i;
    CHECK(first_wrong < 0, "1000 one-byte writes: byte %d out of order (got %d)", first_wrong,
          first_wrong < 0 ? 0 : stream[first_wrong]);
    close(fds[0]);
    close(fds[1]);
}

static void a_read_of_an_empty_pipe_waits_for_a_writer(void)
{
    int fds[2];
    pipe(fds);
    fflush(stdout);
    long long started = monotonic_ns(), sent_at = 0; /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        usleep(50 * 1000);
        sent_at = monotonic_ns();
        write(fds[1], &sent_at, sizeof sent_at);
        _exit(0);
    }
    close(fds[1]);
    CHECK_EQ((long)sizeof sent_at, read(fds[0], &sent_at, sizeof sent_at), "the blocking read's count");
    long long returned = monotonic_ns();
    CHECK(returned >= sent_at && sent_at >= started + 50 * 1000 * 1000ll,
          "a read of an empty pipe: expected to return after the child's write 50 ms later, "
          "but started at %lld, the write was at %lld and the read returned at %lld", started, sent_at, returned);
    expect_child_success(child, "the late writer");
    close(fds[0]);
}

static void read_returns_end_of_file_once_every_writer_closed(void)
{
    int fds[2];
    pipe(fds);
    fflush(stdout);
    long long started = monotonic_ns();     /* before the fork: the child may run first */
    pid_t child = fork();
    if (child == 0) {
        /* the child holds a copy of the write end for a while */
        close(fds[0]);
        usleep(30 * 1000);
        write(fds[1], "last", 4);
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);                          /* the parent's write end: the child's remains */
    char buffer[8];
    int count = read(fds[0], buffer, sizeof buffer);
    CHECK_EQ(4, count, "read while the child still holds a write end (waits for its data, not end of file)");
    CHECK_EQ(0, read(fds[0], buffer, sizeof buffer), "read after the child closed its end (end of file)");
    CHECK(monotonic_ns() - started >= 30 * 1000 * 1000ll, "end of file came before the child's copy of the write end closed");
    CHECK_EQ(0, read(fds[0], buffer, sizeof buffer), "read again at end of file");
    expect_child_success(child, "the child holding a write end");
    close(fds[0]);

    /* bytes still in the pipe are read before end of file */
    pipe(fds);
    write(fds[1], "left over", 9);
    close(fds[1]);
    CHECK_EQ(9, read(fds[0], buffer, 9), "read of bytes written before the last writer closed");
    CHECK_EQ(0, read(fds[0], buffer, 9), "then end of file");
    close(fds[0]);

    /* a process that exits closes its write ends too */
    pipe(fds);
    fflush(stdout);
    child = fork();
    if (child == 0)
        _exit(0);                           /* exits holding both ends */
    close(fds[1]);
    CHECK_EQ(0, read(fds[0], buffer, 1), "end of file after the only other writer exited");
    expect_child_success(child, "the exiting child");
    close(fds[0]);
}

static void a_write_with_no_reader_fails_with_epipe(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);
    close(fds[1]);

    /* also when the last reader is a child that exits */
    pipe(fds);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    close(fds[0]);
    expect_child_success(child, "the reader that exits");
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);

    /* and a writer waiting for room is woken with EPIPE when the readers go:
     * it wrote some bytes, so it returns that count, then EPIPE */
    close(fds[1]);
    pipe(fds);
    fflush(stdout);
    child = fork();
    if (child == 0) {
        close(fds[0]);
        static char big[PIPE_CAPACITY * 2];
        int first = write(fds[1], big, sizeof big);       /* fills the pipe, waits, wakes with no reader */
        errno = 0;
        int second = write(fds[1], big, 1);
        if (first != PIPE_CAPACITY || second != -1 || errno != EPIPE)
            printf("FAIL writer: expected %d then -1 with EPIPE, got %d then %d with errno %d\n", PIPE_CAPACITY,
                   first, second, errno);
        fflush(stdout);
        _exit(first == PIPE_CAPACITY && second == -1 && errno == EPIPE ? 0 : 1);
    }
    close(fds[1]);
    struct stat st = { 0 };
    for (int i = 0; i < 1000 && st.st_size < PIPE_CAPACITY; i++) {   /* until the child filled the pipe */
        usleep(1000);
        fstat(fds[0], &st);
    }
    usleep(5000);                            /* and waits for room */
    close(fds[0]);
    expect_child_success(child, "a writer waiting for room when the last reader closes");
}

static void a_write_with_no_reader_raises_sigpipe_which_ends_the_writer_by_default(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);                          /* the only reader, before the fork: on several CPUs the
                                             * child may write before this process runs on */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGPIPE, SIG_DFL);
        ssize_t written = write(fds[1], "x", 1);
        _exit(written == 1 ? 2 : 3);        /* not reached: SIGPIPE ends it (3: EPIPE, no signal) */
    }
    close(fds[1]);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
          "a writer with no reader and SIGPIPE at its default: expected killed by SIGPIPE (%d), got status 0x%x",
          SIGPIPE, status);
}

static void o_nonblock_turns_waiting_into_eagain(void)
{
    int fds[2];
    pipe(fds);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    char byte;
    CHECK_ERROR(read(fds[0], &byte, 1), EAGAIN);

    static char block[ATOMIC_LIMIT];
    int total = 0, count;
    while ((count = write(fds[1], block, sizeof block)) > 0)
        total += count;
    CHECK(count == -1 && errno == EAGAIN, "a non-blocking write into a full pipe: expected -1 with EAGAIN, got %d "
          "with errno %d", count, errno);
    CHECK_EQ(PIPE_CAPACITY, total, "bytes a pipe took before EAGAIN");
    CHECK_ERROR(write(fds[1], "x", 1), EAGAIN);

    /* room for 100 bytes: a write of at most PIPE_BUF is refused whole,
     * a bigger one writes what fits */
    CHECK_EQ(100, read(fds[0], block, 100), "read 100 bytes out of the full pipe");
    CHECK_ERROR(write(fds[1], block, ATOMIC_LIMIT), EAGAIN);
    CHECK_ERROR(write(fds[1], block, 101), EAGAIN);
    static char bigger[2 * ATOMIC_LIMIT];
    CHECK_EQ(100, write(fds[1], bigger, sizeof bigger), "a non-blocking write above PIPE_BUF with room for 100 "
             "(partial)");

    /* drained, a non-blocking read of an empty pipe with a writer is EAGAIN
     * again, and with no writer it is end of file */
    while (read(fds[0], block, sizeof block) > 0)
        ;
    CHECK_ERROR(read(fds[0], &byte, 1), EAGAIN);
    close(fds[1]);
    CHECK_EQ(0, read(fds[0], &byte, 1), "a non-blocking read with no writer left (end of file, not EAGAIN)");
    close(fds[0]);
}

static void a_blocking_write_bigger_than_the_pipe_is_completed_by_a_reader(void)
{
    enum { SIZE = 100 * 1000 };
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        static unsigned char data[SIZE];
        for (int i = 0; i < SIZE; i++)
            data[i] = (unsigned char)(i * 31 + i / 256);
        int written = write(fds[1], data, SIZE);
        if (written != SIZE)
            printf("FAIL writer: one write of %d bytes: expected %d, got %d (errno %d)\n", SIZE, SIZE, written, errno);
        fflush(stdout);
        _exit(written == SIZE ? 0 : 1);
    }
    close(fds[1]);
    static unsigned char received[SIZE + 1];
    int total = 0, count, reads = 0;
    while ((count = read(fds[0], received + total, 7000)) > 0) {
        total += count;
        if (++reads % 4 == 0)
            usleep(1000);                   /* a slow reader: the writer waits for room */
        if (total > SIZE - 7000)
            break;
    }
    while ((count = read(fds[0], received + total, SIZE + 1 - total)) > 0)
        total += count;
    CHECK_EQ(SIZE, total, "bytes received of one 100 KB write");
    int first_wrong = -1;
    for (int i = 0; i < total && first_wrong < 0; i++)
        if (received[i] != (unsigned char)(i * 31 + i / 256))
            first_wrong = i;
    CHECK(first_wrong < 0, "the 100 KB came out changed or out of order from byte %d", first_wrong);
    expect_child_success(child, "the 100 KB writer");
    close(fds[0]);
}

static void fstat_calls_a_pipe_a_fifo_and_counts_its_bytes(void)
{
    int fds[2];
    pipe(fds);
    write(fds[1], "12345", 5);
    struct stat st;
    CHECK_EQ(0, fstat(fds[0], &st), "fstat of a pipe");
    CHECK(S_ISFIFO(st.st_mode), "a pipe's mode: expected S_ISFIFO, got 0%o", st.st_mode);
    CHECK_EQ(5, st.st_size, "a pipe's st_size (bytes in it)");
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);               /* so that a write with no reader returns EPIPE */

    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    read_returns_what_was_written_in_order();
    a_read_of_an_empty_pipe_waits_for_a_writer();
    read_returns_end_of_file_once_every_writer_closed();
    a_write_with_no_reader_fails_with_epipe();
    a_write_with_no_reader_raises_sigpipe_which_ends_the_writer_by_default();
    o_nonblock_turns_waiting_into_eagain();
    a_blocking_write_bigger_than_the_pipe_is_completed_by_a_reader();
    fstat_calls_a_pipe_a_fifo_and_counts_its_bytes();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_semantics");
}
