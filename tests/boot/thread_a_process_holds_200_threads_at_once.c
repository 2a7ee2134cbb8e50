/* tests/boot/thread_a_process_holds_200_threads_at_once.c - one process
 * may run 200 threads at once (the Open POSIX Test Suite's
 * pthread_cond_timedwait/2-5 starts 100 in each of its cases). Each
 * thread's memory is two regions of the address space, its stack and its
 * guard page, so the 128 regions a process had allowed about 60: the
 * 61st pthread_create said EAGAIN. Now 512 (kernel/mm/address_space.h).
 * All 200 wait at a barrier until the last has started, each adds its
 * number to a sum, and all are joined; then every one of them again, to
 * see that the regions came back. */
#include <pthread.h>

#include "boot_test.h"

#define THREADS 200

static pthread_barrier_t everyone_started;
static pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;
static long sum;

static void *take_part(void *number)
{
    pthread_barrier_wait(&everyone_started);
    pthread_mutex_lock(&sum_lock);
    sum += (long)number;
    pthread_mutex_unlock(&sum_lock);
    return number;
}

static void run_them_all(int round)
{
    static pthread_t threads[THREADS];
    sum = 0;
    CHECK_EQ(0, pthread_barrier_init(&everyone_started, NULL, THREADS + 1), "pthread_barrier_init");
    int started = 0;
    for (; started < THREADS; started++) {
        int status = pthread_create(&threads[started], NULL, take_part, (void *)(long)(started + 1));
        if (status != 0) {
            CHECK(0, "round %d: pthread_create of thread %d of %d: %s", round, started + 1, THREADS,
                  strerror(status));
            break;
        }
    }
    if (started < THREADS) {          /* let those that started end: the barrier will not fill */
        CHECK(0, "round %d: only %d threads started; the process exits with them waiting", round, started);
        return;
    }
    pthread_barrier_wait(&everyone_started);
    long results = 0;
    for (int i = 0; i < THREADS; i++) {
        void *result = 0;
        CHECK_EQ(0, pthread_join(threads[i], &result), "pthread_join");
        results += (long)result;
    }
    long expected = (long)THREADS * (THREADS + 1) / 2;
    CHECK_EQ(expected, sum, "the sum the threads made");
    CHECK_EQ(expected, results, "the sum of what the joins returned");
    pthread_barrier_destroy(&everyone_started);
}

int main(void)
{
    run_them_all(1);
    run_them_all(2);
    return test_finish("thread_a_process_holds_200_threads_at_once");
}
