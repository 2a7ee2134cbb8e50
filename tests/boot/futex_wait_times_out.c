/* tests/boot/futex_wait_times_out.c - futex_wait(2) with a timeout (a
 * relative struct timespec) sleeps at most that long: with nobody to wake
 * it, it returns ETIMEDOUT after the time has passed, not before; a
 * timeout with tv_nsec out of [0, 1e9) is EINVAL (kernel/ipc/futex.c).
 * Kernel-specific: this kernel's futex_wait, not Linux's futex(2). */
#include "boot_thread.h"

#define TIMEOUT_MS 100

int main(void)
{
    volatile int word = 0;
    struct timespec timeout = { 0, TIMEOUT_MS * 1000000L };
    long long start = monotonic_ns();
    CHECK_EQ(-ETIMEDOUT, raw_futex_wait(&word, 0, &timeout), "futex_wait with nobody to wake it");
    long long slept_ms = (monotonic_ns() - start) / 1000000;
    CHECK(slept_ms >= TIMEOUT_MS && slept_ms < 2000, "slept %lld ms: expected at least %d and well under 2 s",
          slept_ms, TIMEOUT_MS);

    struct timespec bad = { 0, 1000000000L };
    CHECK_EQ(-EINVAL, raw_futex_wait(&word, 0, &bad), "a timeout with tv_nsec = 1e9");
    return test_finish("futex_wait_times_out");
}
