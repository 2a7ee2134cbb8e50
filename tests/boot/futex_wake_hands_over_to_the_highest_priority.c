/* tests/boot/futex_wake_hands_over_to_the_highest_priority.c - POSIX
 * pthread_mutex_unlock(3): "If there are threads blocked on the mutex
 * object ... the scheduling policy shall determine which thread shall
 * acquire the mutex"; sem_post(3) likewise for the thread that returns
 * from sem_wait. Three SCHED_FIFO threads of priorities 5, 10 and 20
 * block in that order on a mutex held by the main thread (priority 1),
 * then on a semaphore of value 0; the unlock, and each post, go to the
 * highest priority first: 20, 10, 5 (the Open POSIX Test Suite's
 * pthread_attr_setschedpolicy/2-1; Linux's futex queues are ordered by
 * priority). Threads without a real-time priority are woken oldest
 * first, as before (futex_wake_order.h). Everything runs on CPU 0, so
 * that each new thread, of a higher priority than the main one, runs at
 * once until it blocks. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

#include "boot_test.h"

#define WAITERS 3

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static sem_t semaphore;
static int order[WAITERS], taken;

static void note_my_priority(void)
{
    int policy;
    struct sched_param param;
    pthread_getschedparam(pthread_self(), &policy, &param);
    order[taken++] = param.sched_priority;
}

static void *take_the_mutex(void *argument)
{
    (void)argument;
    pthread_mutex_lock(&mutex);
    note_my_priority();
    pthread_mutex_unlock(&mutex);
    return NULL;
}

static void *take_a_unit(void *argument)
{
    (void)argument;
    while (sem_wait(&semaphore) != 0)
        continue;
    note_my_priority();
    return NULL;
}

static pthread_t start_fifo_thread(int priority, void *(*body)(void *))
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setinheritsched(&attributes, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attributes, SCHED_FIFO);
    struct sched_param param = { .sched_priority = priority };
    pthread_attr_setschedparam(&attributes, &param);
    pthread_t thread;
    int status = pthread_create(&thread, &attributes, body, NULL);
    CHECK_EQ(0, status, "pthread_create of a SCHED_FIFO thread");
    pthread_attr_destroy(&attributes);
    return thread;
}

static void expect_order(const char *what)
{
    CHECK_EQ(WAITERS, taken, what);
    CHECK(order[0] == 20 && order[1] == 10 && order[2] == 5, "%s: taken by priorities %d, %d, %d (expected 20, 10, 5)",
          what, order[0], order[1], order[2]);
}

int main(void)
{
    cpu_set_t only_cpu0;
    CPU_ZERO(&only_cpu0);
    CPU_SET(0, &only_cpu0);
    CHECK_EQ(0, sched_setaffinity(0, sizeof only_cpu0, &only_cpu0), "sched_setaffinity to CPU 0");
    struct sched_param main_param = { .sched_priority = 1 };
    CHECK_EQ(0, pthread_setschedparam(pthread_self(), SCHED_FIFO, &main_param), "main thread SCHED_FIFO 1");

    const int priorities[WAITERS] = { 5, 10, 20 };
    pthread_t threads[WAITERS];
    pthread_mutex_lock(&mutex);
    for (int i = 0; i < WAITERS; i++)
        threads[i] = start_fifo_thread(priorities[i], take_the_mutex);   /* each runs, and blocks */
    pthread_mutex_unlock(&mutex);
    for (int i = 0; i < WAITERS; i++)
        pthread_join(threads[i], NULL);
    expect_order("the mutex");

    taken = 0;
    sem_init(&semaphore, 0, 0);
    for (int i = 0; i < WAITERS; i++)
        threads[i] = start_fifo_thread(priorities[i], take_a_unit);
    for (int i = 0; i < WAITERS; i++)
        sem_post(&semaphore);                 /* each post wakes one, which runs at once */
    for (int i = 0; i < WAITERS; i++)
        pthread_join(threads[i], NULL);
    expect_order("the semaphore");
    sem_destroy(&semaphore);

    main_param.sched_priority = 0;
    pthread_setschedparam(pthread_self(), SCHED_OTHER, &main_param);
    return test_finish("futex_wake_hands_over_to_the_highest_priority");
}
