/* libc/thread/rwlock_barrier_spin.c - read-write locks and barriers, built
 * from a mutex and condition variables as textbooks build them, and spin
 * locks, which never enter the kernel.
 *
 * The read-write lock prefers writers: a reader waits while a writer holds
 * the lock or waits for it, so a stream of readers cannot starve a writer. */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

int pthread_rwlockattr_init(pthread_rwlockattr_t *attributes)
{
    attributes->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attributes)
{
    (void)attributes;
    return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attributes, int shared)
{
    if (shared != PTHREAD_PROCESS_PRIVATE && shared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attributes->shared = shared;
    return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attributes)
{
    (void)attributes;
    pthread_mutex_init(&lock->mutex, 0);
    pthread_cond_init(&lock->readers_may_go, 0);
    pthread_cond_init(&lock->writers_may_go, 0);
    lock->readers = lock->writer = lock->writers_waiting = 0;
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *lock)
{
    return lock->readers || lock->writer ? EBUSY : 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *lock)
{
    pthread_mutex_lock(&lock->mutex);
    while (lock->writer || lock->writers_waiting)
        pthread_cond_wait(&lock->readers_may_go, &lock->mutex);
    lock->readers++;
    pthread_mutex_unlock(&lock->mutex);
    return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock)
{
    pthread_mutex_lock(&lock->mutex);
    int busy = lock->writer || lock->writers_waiting;
    if (!busy)
        lock->readers++;
    pthread_mutex_unlock(&lock->mutex);
    return busy ? EBUSY : 0;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *lock)
{
    pthread_mutex_lock(&lock->mutex);
    lock->writers_waiting++;
    while (lock->writer || lock->readers)
        pthread_cond_wait(&lock->writers_may_go, &lock->mutex);
    lock->writers_waiting--;
    lock->writer = 1;
    pthread_mutex_unlock(&lock->mutex);
    return 0;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *lock)
{
    pthread_mutex_lock(&lock->mutex);
    int busy = lock->writer || lock->readers;
    if (!busy)
        lock->writer = 1;
    pthread_mutex_unlock(&lock->mutex);
    return busy ? EBUSY : 0;
}

int pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
    pthread_mutex_lock(&lock->mutex);
    if (lock->writer)
        lock->writer = 0;
    else if (lock->readers)
        lock->readers--;
    else {
        pthread_mutex_unlock(&lock->mutex);
        return EPERM;                   /* not held */
    }
    if (lock->writers_waiting)
        pthread_cond_signal(&lock->writers_may_go);
    else
        pthread_cond_broadcast(&lock->readers_may_go);
    pthread_mutex_unlock(&lock->mutex);
    return 0;
}

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

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attributes, unsigned count)
{
    (void)attributes;
    if (count == 0)
        return EINVAL;
    pthread_mutex_init(&barrier->mutex, 0);
    pthread_cond_init(&barrier->all_here, 0);
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
    unsigned cycle = barrier->cycle;
    if (++barrier->arrived == barrier->count) {
        barrier->arrived = 0;
        barrier->cycle++;
        pthread_cond_broadcast(&barrier->all_here);
        pthread_mutex_unlock(&barrier->mutex);
        return PTHREAD_BARRIER_SERIAL_THREAD;    /* exactly one thread gets this */
    }
    while (cycle == barrier->cycle)
        pthread_cond_wait(&barrier->all_here, &barrier->mutex);
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
