/* libc/thread/cond.c - condition variables on a futex word that changes at
 * every signal: a waiter notes the word, unlocks the mutex and sleeps only
 * if the word is still what it noted, so a signal between the unlock and
 * the sleep is never lost. Spurious wake-ups are allowed, as POSIX does:
 * callers wait in a loop on their predicate. A wait is a cancellation
 * point (cancel.c); a cancelled waiter takes the mutex back before its
 * cleanup handlers run, as POSIX says. */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

int pthread_condattr_init(pthread_condattr_t *attributes)
{
    attributes->shared = PTHREAD_PROCESS_PRIVATE;
    attributes->clock = CLOCK_REALTIME;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attributes)
{
    (void)attributes;
    return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attributes, int shared)
{
    if (shared != PTHREAD_PROCESS_PRIVATE && shared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attributes->shared = shared;
    return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attributes, int *shared)
{
    *shared = attributes->shared;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attributes, clockid_t clock)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return EINVAL;
    attributes->clock = clock;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attributes, clockid_t *clock)
{
    *clock = attributes->clock;
    return 0;
}

int pthread_cond_init(pthread_cond_t *condition, const pthread_condattr_t *attributes)
{
    condition->sequence = 0;
    condition->clock = attributes ? attributes->clock : CLOCK_REALTIME;
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *condition)
{
    (void)condition;
    return 0;
}

static int wait(pthread_cond_t *condition, pthread_mutex_t *mutex, const struct timespec *deadline)
{
    struct timespec left;
    int late = deadline ? __thread_time_left(condition->clock, deadline, &left) : 0;
    if (late == EINVAL)
        return EINVAL;
    /* A checking mutex the caller does not hold is EPERM even when the
     * deadline has passed: POSIX allows either error, Linux says EPERM. */
    if (mutex->type != PTHREAD_MUTEX_NORMAL && mutex->owner != thread_tid(thread_self()))
        return EPERM;
    if (late)
        return ETIMEDOUT;
    int sequence = condition->sequence;
    pthread_mutex_unlock(mutex);                   /* ours: checked above */
    long slept = syscall3(cancel_point_number(SYS_futex_wait), (long)&condition->sequence, sequence,
                          (long)(deadline ? &left : 0));
    pthread_mutex_lock(mutex);
    cancel_point_result(slept);                    /* cancelled: ends here, holding the mutex (POSIX) */
    return slept == -ETIMEDOUT ? ETIMEDOUT : 0;    /* EINTR and EAGAIN: a spurious wake-up */
}

int __thread_wait_on_word(volatile int *word, pthread_mutex_t *mutex, const struct timespec *deadline)
{
    struct timespec left;
    if (deadline) {
        int late = __thread_time_left(CLOCK_REALTIME, deadline, &left);
        if (late)
            return late;
    }
    int seen = *word;
    pthread_mutex_unlock(mutex);
    long slept = futex_wait(word, seen, deadline ? &left : 0);
    pthread_mutex_lock(mutex);
    if (slept == -ETIMEDOUT && __thread_time_left(CLOCK_REALTIME, deadline, &left) == ETIMEDOUT)
        return ETIMEDOUT;
    return 0;                                      /* EINTR, EAGAIN, an early timeout: look again */
}

int pthread_cond_wait(pthread_cond_t *condition, pthread_mutex_t *mutex)
{
    return wait(condition, mutex, 0);
}

int pthread_cond_timedwait(pthread_cond_t *condition, pthread_mutex_t *mutex, const struct timespec *deadline)
{
    int result = wait(condition, mutex, deadline);
    /* a timeout before the deadline is a spurious wake-up too: the clock
     * was set back while we slept (clock_settime) */
    struct timespec left;
    if (result == ETIMEDOUT && __thread_time_left(condition->clock, deadline, &left) != ETIMEDOUT)
        return 0;
    return result;
}

int pthread_cond_signal(pthread_cond_t *condition)
{
    atomic_fetch_add(&condition->sequence, 1);
    futex_wake(&condition->sequence, 1);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *condition)
{
    atomic_fetch_add(&condition->sequence, 1);
    futex_wake(&condition->sequence, 0x7FFFFFFF);
    return 0;
}
