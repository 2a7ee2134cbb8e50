/* tests/boot/pthread_join_of_a_joined_thread_is_esrch.c - once a thread
 * has been joined its handle names no thread: pthread_join and
 * pthread_detach of it answer ESRCH, as glibc does (POSIX leaves it
 * undefined; the Open POSIX Test Suite's pthread_join/6-2 and
 * pthread_detach/4-2 want ESRCH), and neither reads the joined thread's
 * memory, which is cached for the next thread or unmapped: more threads
 * are joined here than this libc caches. (glibc answers ESRCH only while
 * the joined thread's stack is in its 40 MiB stack cache - with a stack
 * unmapped it crashes - so the threads here have small stacks.) A detached thread may not be
 * joined (EINVAL) nor detached again (EINVAL) while it runs. Nothing
 * leaks. */
#include <pthread.h>

#include "boot_test.h"

#define THREADS 8                     /* more than the libc's mapping cache (4) */

static void *give_back(void *argument)
{
    return argument;
}

static void *wait_for_release(void *argument)
{
    while (!*(volatile int *)argument)
        usleep(1000);
    return 0;
}

static void cases(void)
{
    pthread_t threads[THREADS];
    pthread_attr_t small_stack;
    pthread_attr_init(&small_stack);
    pthread_attr_setstacksize(&small_stack, 64 * 1024);
    for (long i = 0; i < THREADS; i++)
        CHECK_EQ(0, pthread_create(&threads[i], &small_stack, give_back, (void *)i), "pthread_create");
    for (long i = 0; i < THREADS; i++) {
        void *result = 0;
        CHECK_EQ(0, pthread_join(threads[i], &result), "first pthread_join");
        CHECK_EQ(i, (long)result, "the thread's result");
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(ESRCH, pthread_join(threads[i], NULL), "second pthread_join of a joined thread");
        CHECK_EQ(ESRCH, pthread_detach(threads[i]), "pthread_detach of a joined thread");
    }

    volatile int release = 0;
    pthread_t detached;
    CHECK_EQ(0, pthread_create(&detached, NULL, wait_for_release, (void *)&release), "pthread_create");
    CHECK_EQ(0, pthread_detach(detached), "pthread_detach of a running thread");
    CHECK_EQ(EINVAL, pthread_detach(detached), "pthread_detach of a detached thread");
    CHECK_EQ(EINVAL, pthread_join(detached, NULL), "pthread_join of a detached thread");
    release = 1;
    CHECK_EQ(EDEADLK, pthread_join(pthread_self(), NULL), "pthread_join of oneself");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("pthread_join_of_a_joined_thread_is_esrch");
}
