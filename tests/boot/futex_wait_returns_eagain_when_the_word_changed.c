/* tests/boot/futex_wait_returns_eagain_when_the_word_changed.c -
 * futex_wait(2) compares before it sleeps: when the word no longer holds
 * the value the caller saw, it returns EAGAIN at once (kernel/ipc/futex.c),
 * with or without a timeout, so a wake that came between the caller's
 * look and its call is never lost. Kernel-specific: this kernel's
 * futex_wait, not Linux's futex(2). */
#include "boot_thread.h"

int main(void)
{
    volatile int word = 5;
    long long start = monotonic_ns();
    CHECK_EQ(-EAGAIN, raw_futex_wait(&word, 4, NULL), "futex_wait on a word holding 5, expecting 4");
    struct timespec second = { 1, 0 };
    CHECK_EQ(-EAGAIN, raw_futex_wait(&word, 6, &second), "the same with a timeout of a second");
    long long took_ms = (monotonic_ns() - start) / 1000000;
    CHECK(took_ms < 500, "the two calls took %lld ms: expected no sleep at all", took_ms);
    CHECK_EQ(5, word, "the word after the calls");
    return test_finish("futex_wait_returns_eagain_when_the_word_changed");
}
