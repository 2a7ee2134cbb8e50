/* libc/semaphore/semaphore.c - POSIX semaphores on the kernel's futex.
 *
 * The count is changed with atomic instructions in user space; the kernel
 * is entered only to sleep (futex_wait, which sleeps only if the count is
 * still 0, so a post in between is never missed) and to wake one sleeper
 * (futex_wake) when someone waits. */
#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <time.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

static int compare_and_swap(volatile int *word, int expected, int desired)
{
    int previous;
    __asm__ volatile("lock cmpxchgl %2, %1"
                     : "=a"(previous), "+m"(*word) : "r"(desired), "0"(expected) : "memory");
    return previous == expected;
}

static void atomic_add(volatile int *word, int amount)
{
    __asm__ volatile("lock addl %1, %0" : "+m"(*word) : "r"(amount) : "memory");
}

int sem_init(sem_t *semaphore, int shared, unsigned value)
{
    (void)shared;              /* the same code serves both: the kernel keys waits by frame */
    if (value > SEM_VALUE_MAX) {
        errno = EINVAL;
        return -1;
    }
    semaphore->value = (int)value;
    semaphore->waiters = 0;
    return 0;
}

int sem_destroy(sem_t *semaphore)
{
    (void)semaphore;
    return 0;
}

/* Takes one unit if there is one; returns 1 if it did. */
static int take(sem_t *semaphore)
{
    for (;;) {
        int value = semaphore->value;
        if (value <= 0)
            return 0;
        if (compare_and_swap(&semaphore->value, value, value - 1))
            return 1;
    }
}

int sem_trywait(sem_t *semaphore)
{
    if (take(semaphore))
        return 0;
    errno = EAGAIN;
    return -1;
}

/* Waits for a unit until `deadline` (CLOCK_REALTIME; NULL: forever). A
 * unit that is there is taken whatever the deadline says; a deadline
 * already past, or with a bad tv_nsec, fails only a call that would wait
 * (ETIMEDOUT, EINVAL), as POSIX has it. Inlined into both callers, so
 * that sem_wait's copy, with no deadline, has no deadline code either
 * (34 instructions a round trip in make bench). */
static inline __attribute__((always_inline)) int wait_for_unit(sem_t *semaphore, const struct timespec *deadline)
{
    while (!take(semaphore)) {
        struct timespec left;
        if (deadline) {
            int late = __thread_time_left(CLOCK_REALTIME, deadline, &left);
            if (late) {
                errno = late;
                return -1;
            }
        }
        atomic_add(&semaphore->waiters, 1);
        long result = syscall3(cancel_point_number(SYS_futex_wait), (long)&semaphore->value, 0,
                               (long)(deadline ? &left : 0));
        atomic_add(&semaphore->waiters, -1);
        cancel_point_result(result);                /* a cancellation point (pthread_cancel(3)) */
        if (result == -EINTR || result == -EFAULT || result == -EINVAL) {
            errno = (int)-result;
            return -1;
        }                                           /* ETIMEDOUT: the deadline is looked at again */
    }
    return 0;
}

int sem_wait(sem_t *semaphore)
{
    return wait_for_unit(semaphore, NULL);
}

int sem_timedwait(sem_t *semaphore, const struct timespec *absolute_timeout)
{
    return wait_for_unit(semaphore, absolute_timeout);
}

int sem_post(sem_t *semaphore)
{
    for (;;) {
        int value = semaphore->value;
        if (value == SEM_VALUE_MAX) {
            errno = EOVERFLOW;
            return -1;
        }
        if (compare_and_swap(&semaphore->value, value, value + 1))
            break;
    }
    if (semaphore->waiters > 0)
        syscall2(SYS_futex_wake, (long)&semaphore->value, 1);   /* exactly one */
    return 0;
}

int sem_getvalue(sem_t *semaphore, int *value)
{
    *value = semaphore->value;
    return 0;
}
