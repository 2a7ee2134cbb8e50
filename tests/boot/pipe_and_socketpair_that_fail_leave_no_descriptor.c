/* tests/boot/pipe_and_socketpair_that_fail_leave_no_descriptor.c - pipe
 * and socketpair install their two descriptors, then copy the numbers
 * out; when the copy faults (EFAULT) or the second descriptor finds no
 * room (EMFILE), both ends go again: the lowest free descriptor is what
 * it was before the call, and nothing is left open (the kernel's
 * counters come back). As on Linux (tools/linux-check), which never
 * installs what it cannot report. The kernel takes the ends out under
 * the descriptors lock (descriptor_uninstall, fs/file.h), since on
 * several CPUs another thread's read without the big lock may have found
 * an end in its slot meanwhile. */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "boot_test.h"

/* An address no process has mapped (the first page never is), read
 * through a volatile so that the compiler does not judge the calls. */
static int *volatile unmapped = (int *)8;

/* The descriptor the next open would get. */
static int lowest_free(void)
{
    int fd = dup(0);
    if (fd >= 0)
        close(fd);
    return fd;
}

int main(void)
{
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    int *bad = unmapped;
    int lowest = lowest_free();
    CHECK(lowest >= 0, "dup(0): %s", strerror(errno));

    for (int round = 0; round < 100; round++) {
        errno = 0;
        CHECK(pipe(bad) < 0 && errno == EFAULT, "pipe to an unmapped address: errno %d, EFAULT expected", errno);
        errno = 0;
        CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, bad) < 0 && errno == EFAULT,
              "socketpair to an unmapped address: errno %d, EFAULT expected", errno);
        errno = 0;
        CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, bad) < 0 && errno == EFAULT,
              "a datagram socketpair to an unmapped address: errno %d, EFAULT expected", errno);
    }
    CHECK_EQ(lowest, lowest_free(), "the lowest free descriptor after the calls that faulted");

    /* room for one descriptor more only: the second end finds none */
    struct rlimit old, one_more;
    CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit: %s", strerror(errno));
    int highest = lowest;
    for (int fd = lowest; fd < 64; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            highest = fd + 1;                     /* above every open descriptor */
    one_more = old;
    one_more.rlim_cur = (rlim_t)highest + 1;
    int filler[64], fillers = 0;
    for (int fd = lowest; fd < highest && fillers < 64; fd++)
        if (fcntl(fd, F_GETFD) < 0)
            filler[fillers++] = dup(0);           /* every hole below taken */
    CHECK(setrlimit(RLIMIT_NOFILE, &one_more) == 0, "setrlimit: %s", strerror(errno));
    int ends[2];
    errno = 0;
    CHECK(pipe(ends) < 0 && errno == EMFILE, "pipe with room for one descriptor: errno %d, EMFILE expected", errno);
    errno = 0;
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, ends) < 0 && errno == EMFILE,
          "socketpair with room for one descriptor: errno %d, EMFILE expected", errno);
    int last = dup(0);
    CHECK_EQ(highest, last, "the one descriptor left is still free after the calls that found no room");
    if (last >= 0)
        close(last);
    CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0, "setrlimit back: %s", strerror(errno));
    for (int i = 0; i < fillers; i++)
        close(filler[i]);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_and_socketpair_that_fail_leave_no_descriptor");
}
