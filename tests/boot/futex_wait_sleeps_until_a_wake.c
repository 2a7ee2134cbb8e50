/* tests/boot/futex_wait_sleeps_until_a_wake.c - futex_wait(2): a thread
 * whose word still holds the value it expects sleeps in the kernel (ps
 * shows it blocked on a futex) and stays asleep until a futex_wake on the
 * same word, which says it woke one; the wait then returns 0
 * (kernel/ipc/futex.c). Kernel-specific: this kernel's futex_wait and
 * futex_wake, not Linux's futex(2). */
#include "boot_thread.h"

static volatile int word;
static volatile int waiter_tid;
static volatile int waiter_done;
static volatile long waiter_result = 12345;

static void *waiter(void *unused)
{
    (void)unused;
    waiter_tid = kernel_tid();
    waiter_result = raw_futex_wait(&word, 0, NULL);
    waiter_done = 1;
    return NULL;
}

int main(void)
{
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, waiter, NULL), "pthread_create");
    CHECK(wait_until_at_least(&waiter_tid, 1), "the waiting thread never started");
    CHECK(wait_until_thread_blocked_in(waiter_tid, "futex"),
          "the thread in futex_wait on a word holding what it expects is not blocked on a futex");
    usleep(50 * 1000);
    CHECK_EQ(0, waiter_done, "the waiter returned before any wake");
    if (waiter_done)
        printf("    its futex_wait returned %ld\n", waiter_result);

    word = 1;
    CHECK_EQ(1, raw_futex_wake(&word, 1), "futex_wake's count of the threads it woke");
    pthread_join(thread, NULL);
    CHECK_EQ(0, waiter_result, "futex_wait's result after the wake");
    return test_finish("futex_wait_sleeps_until_a_wake");
}
