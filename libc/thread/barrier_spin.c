/* libc/thread/barrier_spin.c - barriers, built from a mutex and a futex
 * word that counts the rounds, and spin locks, which never enter the
 * kernel. A barrier wait is no cancellation point (POSIX), so it waits
 * with __thread_wait_on_word, not pthread_cond_wait. */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

int pthread_barrierattr_init(pthread_barrierattr_t *attributes)
{
    attributes->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attributes)
{
    (void)attributes;
    return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attributes, int shared)
{
    if (shared != PTHREAD_PROCESS_PRIVATE && shared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attributes->shared = shared;
    return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attributes, int *shared)
{
    *shared = attributes->shared;
    return 0;
}

/* The attribute's process-shared value needs nothing here: the barrier is
 * its words, which work in shared memory as they are. */
int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attributes, unsigned count)
{
    (void)attributes;
    if (count == 0)
        return EINVAL;
    pthread_mutex_init(&barrier->mutex, 0);
    barrier->count = count;
    barrier->arrived = 0;
    barrier->cycle = 0;
    return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *barrier)
{
    return barrier->arrived ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *barrier)
{
    pthread_mutex_lock(&barrier->mutex);
    int cycle = barrier->cycle;
    if (++barrier->arrived == barrier->count) {
        barrier->arrived = 0;
        barrier->cycle = cycle + 1;
        futex_wake(&barrier->cycle, 0x7FFFFFFF);
        pthread_mutex_unlock(&barrier->mutex);
        return PTHREAD_BARRIER_SERIAL_THREAD;    /* exactly one thread gets this */
    }
    while (cycle == barrier->cycle)
        __thread_wait_on_word(&barrier->cycle, &barrier->mutex, 0);
    pthread_mutex_unlock(&barrier->mutex);
    return 0;
}

int pthread_spin_init(pthread_spinlock_t *lock, int shared)
{
    (void)shared;
    *lock = 0;
    return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
    return *lock ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock)
{
    while (atomic_exchange(lock, 1) != 0)
        while (*lock)
            __asm__ volatile("pause");
    return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
    return atomic_exchange(lock, 1) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
    atomic_exchange(lock, 0);
    return 0;
}
