/* tests/boot/pipe_holds_64_kib_before_its_reader_reads.c - a pipe holds
 * 65536 bytes, as on Linux (pipe(7): "the pipe capacity is 16 pages,
 * 65,536 bytes"), and fcntl tells and changes it:
 *  - F_GETPIPE_SZ of a new pipe and of a FIFO is 65536;
 *  - a child writes 64 KiB in one blocking write and exits before anyone
 *    reads: it does not wait, and the bytes all come out, in order;
 *  - O_NONBLOCK: 16 writes of PIPE_BUF (4096) fit, the 17th is EAGAIN;
 *    poll reports POLLOUT until then, not after;
 *  - F_SETPIPE_SZ rounds up to a power of two, a page at least, returns
 *    the new capacity, and the pipe then holds that much; below the bytes
 *    it holds: EBUSY; past 2^31: EINVAL; F_GETPIPE_SZ of a file: EBADF;
 *  - a pipe that holds 10 bytes does not take 64 KiB of kernel memory
 *    (the kernel's own counters; Linux's take a page too);
 *  - nothing leaks. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"

#define CAPACITY 65536
#define ATOMIC 4096                     /* PIPE_BUF */

static unsigned char pattern(unsigned i)
{
    return (unsigned char)(i * 7 + i / 251);
}

static int writable_now(int fd)
{
    struct pollfd entry = { .fd = fd, .events = POLLOUT };
    return poll(&entry, 1, 0) == 1 && (entry.revents & POLLOUT);
}

static void the_capacity_is_64_kib(void)
{
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(CAPACITY, fcntl(ends[0], F_GETPIPE_SZ), "F_GETPIPE_SZ of the read end");
    CHECK_EQ(CAPACITY, fcntl(ends[1], F_GETPIPE_SZ), "F_GETPIPE_SZ of the write end");
    close(ends[0]);
    close(ends[1]);

    const char *fifo = "/tmp/pipe_holds_64_kib_fifo";
    unlink(fifo);
    CHECK_EQ(0, mkfifo(fifo, 0600), "mkfifo");
    int either = open(fifo, O_RDWR);
    CHECK(either >= 0, "open the FIFO O_RDWR: %s", strerror(errno));
    CHECK_EQ(CAPACITY, fcntl(either, F_GETPIPE_SZ), "F_GETPIPE_SZ of a FIFO");
    close(either);
    unlink(fifo);

    int file = open("/tmp/pipe_holds_64_kib_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(file >= 0, "open a file");
    CHECK_ERROR(fcntl(file, F_GETPIPE_SZ), EBADF);
    CHECK_ERROR(fcntl(file, F_SETPIPE_SZ, 4096), EBADF);
    close(file);
    unlink("/tmp/pipe_holds_64_kib_file");
}

static void a_writer_of_64_kib_does_not_wait_for_its_reader(void)
{
    static unsigned char bytes[CAPACITY], back[CAPACITY + 1];
    for (unsigned i = 0; i < CAPACITY; i++)
        bytes[i] = pattern(i);
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    pid_t writer = fork();
    if (writer == 0) {
        close(ends[0]);
        alarm(20);                      /* a writer that waited would die of it */
        _exit(write(ends[1], bytes, CAPACITY) == CAPACITY ? 0 : 1);
    }
    close(ends[1]);
    int status = -1;
    CHECK_EQ(writer, waitpid(writer, &status, 0), "waitpid for the writer");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the writer of 64 KiB: expected exit 0 before any read, got status %#x", status);
    CHECK_EQ(CAPACITY, read_fully(ends[0], back, sizeof back), "bytes read after the writer ended");
    CHECK(memcmp(bytes, back, CAPACITY) == 0, "the 64 KiB came out changed");
    close(ends[0]);
}

static void sixteen_atomic_writes_fit(void)
{
    static unsigned char block[ATOMIC];
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[1], F_SETFL, O_NONBLOCK), "F_SETFL O_NONBLOCK");
    for (int i = 0; i < CAPACITY / ATOMIC; i++) {
        CHECK(writable_now(ends[1]), "poll: expected POLLOUT before write %d", i + 1);
        CHECK_EQ(ATOMIC, write(ends[1], block, ATOMIC), "a PIPE_BUF write");
    }
    CHECK(!writable_now(ends[1]), "poll: expected no POLLOUT on a full pipe");
    CHECK_ERROR(write(ends[1], block, ATOMIC), EAGAIN);
    CHECK_ERROR(write(ends[1], block, 1), EAGAIN);
    CHECK_EQ(ATOMIC, read(ends[0], block, ATOMIC), "read a block back");
    CHECK(writable_now(ends[1]), "poll: expected POLLOUT once a block was read");
    CHECK_EQ(ATOMIC, write(ends[1], block, ATOMIC), "a PIPE_BUF write after a read");
    close(ends[0]);
    close(ends[1]);
}

static void f_setpipe_sz_changes_it(void)
{
    static unsigned char bytes[2 * CAPACITY];
    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(0, fcntl(ends[1], F_SETFL, O_NONBLOCK), "F_SETFL O_NONBLOCK");
    CHECK_EQ(4096, fcntl(ends[1], F_SETPIPE_SZ, 0), "F_SETPIPE_SZ 0: one page");
    CHECK_EQ(4096, fcntl(ends[0], F_GETPIPE_SZ), "F_GETPIPE_SZ after it");
    CHECK_EQ(4096, write(ends[1], bytes, 8192), "a write of 8192 into a 4096-byte pipe");
    CHECK_ERROR(write(ends[1], bytes, 1), EAGAIN);
    CHECK_EQ(8192, fcntl(ends[1], F_SETPIPE_SZ, 5000), "F_SETPIPE_SZ 5000: rounded up to 8192");
    CHECK_EQ(4096, write(ends[1], bytes, 8192), "the room the bigger pipe gives");
    CHECK_ERROR(fcntl(ends[1], F_SETPIPE_SZ, 4096), EBUSY);
    CHECK_EQ(8192, fcntl(ends[1], F_GETPIPE_SZ), "F_GETPIPE_SZ after EBUSY");
    CHECK_ERROR(fcntl(ends[1], F_SETPIPE_SZ, -1), EINVAL);
    CHECK_EQ(8192, read_fully(ends[0], bytes, 8192), "read what it held");
    CHECK_EQ(2 * CAPACITY, fcntl(ends[1], F_SETPIPE_SZ, 2 * CAPACITY), "F_SETPIPE_SZ 128 KiB");
    CHECK_EQ(2 * CAPACITY, write(ends[1], bytes, sizeof bytes), "a 128 KiB pipe takes 128 KiB");
    CHECK_ERROR(write(ends[1], bytes, 1), EAGAIN);
    close(ends[0]);
    close(ends[1]);
}

/* The kernel's heap counter (zero where kinfo does not exist: Linux). */
static long heap_used(void)
{
    return (long)read_counters().heap_bytes_used;
}

static void a_few_bytes_take_a_little_memory(void)
{
    static unsigned char bytes[CAPACITY];
    int ends[2];
    long before = heap_used();
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_EQ(10, write(ends[1], "ten bytes!", 10), "write 10 bytes");
    long with_ten = heap_used();
    CHECK(with_ten - before < 8192, "a pipe holding 10 bytes took %ld bytes of kernel heap", with_ten - before);
    CHECK_EQ(CAPACITY - 10, write(ends[1], bytes, CAPACITY - 10), "fill it");
    CHECK_EQ(10, read(ends[0], bytes, 10), "read the 10 back");
    CHECK(memcmp(bytes, "ten bytes!", 10) == 0, "the 10 bytes came out changed");
    close(ends[0]);
    close(ends[1]);
    CHECK_EQ(before, heap_used(), "kernel heap after the pipe is gone");
}

static void cases(void)
{
    the_capacity_is_64_kib();
    a_writer_of_64_kib_does_not_wait_for_its_reader();
    sixteen_atomic_writes_fit();
    f_setpipe_sz_changes_it();
    a_few_bytes_take_a_little_memory();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("pipe_holds_64_kib_before_its_reader_reads");
}
