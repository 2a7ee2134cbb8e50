/* tests/boot/futex_wake_wakes_at_most_count_waiters.c - futex_wake(2)
 * wakes up to `count` of the threads sleeping on the word and returns how
 * many it woke (kernel/ipc/futex.c): with WAITERS asleep, a wake of 2
 * wakes 2 and the others sleep on; a wake of more than are left wakes
 * the rest and says how many; a wake with nobody asleep returns 0.
 * Kernel-specific: this kernel's futex_wait and futex_wake. */
#include "boot_thread.h"

#define WAITERS 4

static volatile int word;
static volatile int tids[WAITERS];
static volatile int finished;

static void *waiter(void *index)
{
    tids[(long)index] = kernel_tid();
    long result = raw_futex_wait(&word, 0, NULL);
    atomic_add_int(&finished, 1);
    return (void *)(result == 0 ? 1L : 0L);
}

int main(void)
{
    pthread_t threads[WAITERS];
    int started = start_threads(threads, WAITERS, waiter);
    for (int i = 0; i < started; i++) {
        CHECK(wait_until_at_least(&tids[i], 1), "waiter %d never started", i);
        CHECK(wait_until_thread_blocked_in(tids[i], "futex"), "waiter %d is not blocked on the futex", i);
    }

    CHECK_EQ(2, raw_futex_wake(&word, 2), "futex_wake(word, 2) with 4 asleep: the threads it woke");
    CHECK(wait_until_at_least(&finished, 2), "the two woken threads did not return");
    usleep(50 * 1000);
    CHECK_EQ(2, finished, "threads returned from futex_wait after a wake of 2");

    CHECK_EQ(2, raw_futex_wake(&word, 10), "futex_wake(word, 10) with 2 asleep: the threads it woke");
    CHECK_EQ(WAITERS, join_threads(threads, started), "waiters whose futex_wait returned 0");
    CHECK_EQ(0, raw_futex_wake(&word, 1), "futex_wake with nobody asleep");
    return test_finish("futex_wake_wakes_at_most_count_waiters");
}
