/* tests/boot/process_memory_and_time.c - the heap grows with brk and stops
 * at the per-process limit with ENOMEM; the monotonic clock moves forward
 * and nanosleep sleeps at least as long as asked. */
#include <sched.h>
#include <time.h>

#include "boot_test.h"

int main(void)
{
    /* the break */
    char *start = sbrk(0);
    CHECK(sbrk(1 << 20) == start, "sbrk did not return the old break");
    CHECK((char *)sbrk(0) == start + (1 << 20), "the break did not move by 1 MiB");
    memset(start, 0x5A, 1 << 20);
    CHECK(start[(1 << 20) - 1] == 0x5A, "heap memory does not hold what was written");
    CHECK(brk(start) == 0, "brk back to the start failed");

    /* a big malloc works, an impossible one fails without harm */
    char *block = malloc(4 << 20);
    CHECK(block != NULL, "malloc of 4 MiB failed");
    if (block)
        memset(block, 1, 4 << 20);
    free(block);
    errno = 0;
    void *huge = malloc(256u << 20);
    CHECK(huge == NULL && errno == ENOMEM, "malloc(256 MiB): %p, errno %d", huge, errno);

    /* touching more than the limit kills only the toucher */
    pid_t child = fork();
    if (child == 0) {
        char *p = sbrk(0);
        if (sbrk(30 << 20) == (void *)-1)
            _exit(3);                 /* refused up front: also fine */
        for (int i = 0; i < (30 << 20); i += 4096)
            p[i] = 1;
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) || WIFSIGNALED(status), "odd status 0x%x", status);

    /* time */
    long long t0 = monotonic_ns();
    struct timespec nap = { 0, 20 * 1000 * 1000 };
    CHECK_EQ(0, nanosleep(&nap, NULL), "nanosleep");
    long long slept = monotonic_ns() - t0;
    CHECK(slept >= 20 * 1000 * 1000, "nanosleep(20 ms) returned after %lld ns", slept);
    CHECK(slept < 200 * 1000 * 1000, "nanosleep(20 ms) took %lld ns", slept);
    struct timespec invalid = { 0, 1000000000 };
    CHECK_ERROR(nanosleep(&invalid, NULL), EINVAL);
    CHECK_EQ(0, sched_yield(), "sched_yield");
    return test_finish("process_memory_and_time");
}
