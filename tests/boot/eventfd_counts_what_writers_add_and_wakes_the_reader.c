/* tests/boot/eventfd_counts_what_writers_add_and_wakes_the_reader.c -
 * eventfd(2), as on Linux: a write adds its 8 bytes' value to the count,
 * a read takes the whole count and leaves 0 (with EFD_SEMAPHORE, 1 of
 * it); a read of 0 waits until a writer adds, in another process or
 * thread, and O_NONBLOCK makes that wait EAGAIN; a write that would pass
 * 0xfffffffffffffffe waits for a read; poll and epoll see POLLIN while
 * the count is above 0 and POLLOUT while a write of 1 fits. Four writer
 * processes add 1 each 2,000 times while the reader takes what is there:
 * the reader's sum is exactly 8,000. A read of under 8 bytes, a write
 * of any size but 8 (Linux 6.18's rule), the value 0xffffffffffffffff
 * and unknown flags are EINVAL; a read into a bad buffer is EFAULT and
 * here takes nothing (Linux loses the count then: that check is this
 * kernel's only). Nothing leaks. It passes on Linux too
 * (tools/linux-check). */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

#include "boot_test.h"

#define WRITERS 4
#define ADDS_EACH 2000

static unsigned poll_events(int fd)
{
    struct pollfd entry = { fd, POLLIN | POLLOUT, 0 };
    return poll(&entry, 1, 0) == 1 ? (unsigned)entry.revents : 0;
}

static void counts_and_takes(void)
{
    int fd = eventfd(5, 0);
    CHECK(fd >= 0, "eventfd(5, 0): %s", strerror(errno));
    uint64_t value = 0;
    CHECK_EQ(8, read(fd, &value, sizeof value), "read of the initial count");
    CHECK_EQ(5, (long)value, "the initial value");
    value = 3;
    CHECK_EQ(8, write(fd, &value, sizeof value), "write 3");
    value = 4;
    CHECK_EQ(8, write(fd, &value, sizeof value), "write 4");
    CHECK_EQ(0, eventfd_read(fd, &value), "eventfd_read");
    CHECK_EQ(7, (long)value, "the writes add up");
    CHECK_EQ(0, eventfd_write(fd, 0), "eventfd_write of 0");
    CHECK_EQ(0, poll_events(fd) & POLLIN, "a count of 0 is not readable");
    CHECK_EQ(POLLOUT, poll_events(fd) & POLLOUT, "but writable");
    char small[7];
    CHECK_ERROR(read(fd, small, sizeof small), EINVAL);
    CHECK_ERROR(write(fd, small, sizeof small), EINVAL);
    value = ~0ull;
    CHECK_ERROR(write(fd, &value, sizeof value), EINVAL);
    char big[16];
    memset(big, 0, sizeof big);
    big[0] = 2;
    CHECK_ERROR(write(fd, big, sizeof big), EINVAL);      /* exactly 8 (Linux 6.18; the page says "under 8") */
    CHECK_EQ(8, write(fd, big, 8), "write 2");
    memset(big, 0x55, sizeof big);
    CHECK_EQ(8, read(fd, big, sizeof big), "a longer read moves 8 bytes");
    CHECK(big[0] == 2 && big[8] == 0x55, "8 bytes read, the rest untouched");
    CHECK_EQ(0, eventfd_write(fd, 9), "write 9");
    CHECK_ERROR(read(fd, (void *)16, 8), EFAULT);
#ifndef __GLIBC__
    /* This kernel's rule, not Linux's: Linux takes the count before it
     * copies it out, so a read into a bad buffer loses it there. */
    CHECK_EQ(0, eventfd_read(fd, &value), "read after a failed one");
    CHECK_EQ(9, (long)value, "a read that faults takes nothing");
#endif
    close(fd);

    CHECK_ERROR(eventfd(0, 0x10), EINVAL);
    CHECK_ERROR(eventfd(0, O_APPEND), EINVAL);
}

static void semaphore_takes_one(void)
{
    int fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK(fd >= 0, "eventfd EFD_SEMAPHORE: %s", strerror(errno));
    uint64_t value = 0;
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(0, eventfd_read(fd, &value), "semaphore read");
        CHECK_EQ(1, (long)value, "each read takes 1");
    }
    CHECK_ERROR(read(fd, &value, sizeof value), EAGAIN);
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK, "EFD_NONBLOCK is O_NONBLOCK");
    CHECK_EQ(0, fcntl(fd, F_GETFD) & FD_CLOEXEC, "no close-on-exec");
    close(fd);
    fd = eventfd(0, EFD_CLOEXEC);
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC, "EFD_CLOEXEC");
    close(fd);
}

static void full_count_waits_for_a_read(void)
{
    int fd = eventfd(0, EFD_NONBLOCK);
    uint64_t value = 0xfffffffffffffffeull;
    CHECK_EQ(8, write(fd, &value, sizeof value), "write the largest count");
    CHECK_EQ(POLLIN, poll_events(fd), "full: readable, not writable");
    value = 1;
    CHECK_ERROR(write(fd, &value, sizeof value), EAGAIN);
    CHECK_EQ(0, eventfd_write(fd, 0), "adding 0 to a full count");
    fcntl(fd, F_SETFL, 0);
    fflush(stdout);
    pid_t reader = fork();
    if (reader == 0) {
        usleep(50000);
        uint64_t taken;
        _exit(read(fd, &taken, sizeof taken) == 8 && taken == 0xfffffffffffffffeull ? 0 : 1);
    }
    long long start = monotonic_ns();
    CHECK_EQ(8, write(fd, &value, sizeof value), "a write that waited for the read");
    CHECK(monotonic_ns() - start >= 30000000ll, "the write waited for the reader");
    int status = -1;
    waitpid(reader, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader took the full count");
    CHECK_EQ(0, eventfd_read(fd, &value), "read");
    CHECK_EQ(1, (long)value, "then the waiting write's 1");
    close(fd);
}

static int thread_fd;
static void *add_later(void *argument)
{
    (void)argument;
    usleep(30000);
    eventfd_write(thread_fd, 42);
    return 0;
}

static void a_reader_waits_for_a_writer(void)
{
    thread_fd = eventfd(0, 0);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, 0, add_later, 0), "pthread_create");
    uint64_t value = 0;
    CHECK_EQ(0, eventfd_read(thread_fd, &value), "a read that waits for the thread");
    CHECK_EQ(42, (long)value, "the thread's value");
    pthread_join(thread, 0);

    int epoll = epoll_create1(0);
    struct epoll_event event = { EPOLLIN, { .fd = thread_fd } }, got;
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, thread_fd, &event), "epoll_ctl ADD");
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "nothing ready at 0");
    CHECK_EQ(0, pthread_create(&thread, 0, add_later, 0), "pthread_create");
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, 5000), "epoll_wait woken by the write");
    CHECK(got.events & EPOLLIN, "EPOLLIN");
    pthread_join(thread, 0);
    CHECK_EQ(0, eventfd_read(thread_fd, &value), "read");
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "nothing ready once read");
    close(epoll);
    close(thread_fd);
}

/* The count loses nothing: every add of every writer is in what the
 * reader took, and no more. */
static void many_writers_lose_nothing(void)
{
    int fd = eventfd(0, 0);
    fflush(stdout);
    pid_t writers[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        writers[w] = fork();
        if (writers[w] == 0) {
            for (int i = 0; i < ADDS_EACH; i++)
                if (eventfd_write(fd, 1) != 0)
                    _exit(1);
            _exit(0);
        }
    }
    uint64_t total = 0, value;
    int reads = 0;
    while (total < (uint64_t)WRITERS * ADDS_EACH && reads < WRITERS * ADDS_EACH && eventfd_read(fd, &value) == 0) {
        total += value;
        reads++;
    }
    for (int w = 0; w < WRITERS; w++) {
        int status = -1;
        waitpid(writers[w], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d", w);
    }
    CHECK_EQ((long)WRITERS * ADDS_EACH, (long)total, "the reader's sum of every add");
    fcntl(fd, F_SETFL, O_NONBLOCK);
    CHECK_ERROR(read(fd, &value, sizeof value), EAGAIN);
    close(fd);
}

static void *nothing(void *argument)
{
    return argument;
}

int main(void)
{
    pthread_t warm;                     /* a thread's stack and the libc's thread state, made before counting */
    pthread_create(&warm, 0, nothing, 0);
    pthread_join(warm, 0);
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    counts_and_takes();
    semaphore_takes_one();
    full_count_waits_for_a_read();
    a_reader_waits_for_a_writer();
    many_writers_lose_nothing();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("eventfd_counts_what_writers_add_and_wakes_the_reader");
}
