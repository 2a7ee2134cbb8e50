/* libc/thread/mutex.c - mutexes on a futex word (Drepper, "Futexes Are
 * Tricky", the third mutex): 0 free, 1 held, 2 held and someone may sleep.
 * Taking a free mutex and giving it back are one atomic instruction each,
 * with no system call; only a thread that must wait enters the kernel, and
 * only an unlock that finds 2 wakes one. The word is all there is, so a
 * mutex in shared memory works between processes (the kernel keys a futex
 * by its physical address). */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "sched_internal.h"
#include "thread_internal.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attributes)
{
    attributes->type = PTHREAD_MUTEX_DEFAULT;
    attributes->shared = PTHREAD_PROCESS_PRIVATE;
    __thread_mutexattr_sched_defaults(attributes);
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attributes)
{
    (void)attributes;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attributes, int type)
{
    if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE && type != PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    attributes->type = type;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attributes, int *type)
{
    *type = attributes->type;
    return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attributes, int shared)
{
    if (shared != PTHREAD_PROCESS_PRIVATE && shared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attributes->shared = shared;
    return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attributes, int *shared)
{
    *shared = attributes->shared;
    return 0;
}

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attributes)
{
    mutex->lock = 0;
    mutex->type = attributes ? attributes->type : PTHREAD_MUTEX_DEFAULT;
    mutex->owner = 0;
    mutex->count = 0;
    __thread_mutex_sched_init(mutex, attributes);
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex)
{
    return mutex->lock ? EBUSY : 0;
}

/* Waits until the word is taken by us, marking it 2 (someone may sleep),
 * until `deadline` (CLOCK_REALTIME) if there is one. */
static int take_slowly(pthread_mutex_t *mutex, const struct timespec *deadline)
{
    while (atomic_exchange(&mutex->lock, 2) != 0) {
        struct timespec left;
        if (deadline) {
            int late = __thread_time_left(CLOCK_REALTIME, deadline, &left);
            if (late)
                return late;
        }
        futex_wait(&mutex->lock, 2, deadline ? &left : 0);
    }
    return 0;
}

/* What a recursive or error-checking mutex says before locking: 0 to go
 * on, EDEADLK or EAGAIN to stop, -1 when the holder is us and a recursive
 * mutex just counts one more. */
static int check_owner(pthread_mutex_t *mutex)
{
    if (mutex->type == PTHREAD_MUTEX_NORMAL || mutex->owner != thread_tid(thread_self()))
        return 0;
    if (mutex->type == PTHREAD_MUTEX_ERRORCHECK)
        return EDEADLK;
    if (mutex->count == 0x7FFFFFFF)
        return EAGAIN;
    mutex->count++;
    return -1;
}

static int lock(pthread_mutex_t *mutex, const struct timespec *deadline)
{
    int checked = check_owner(mutex);
    if (checked)
        return checked < 0 ? 0 : checked;
    if (atomic_compare_and_swap(&mutex->lock, 0, 1) != 0) {
        int late = take_slowly(mutex, deadline);
        if (late)
            return late;
    }
    if (mutex->type != PTHREAD_MUTEX_NORMAL) {
        mutex->owner = thread_tid(thread_self());
        mutex->count = 1;
    }
    return 0;
}

/* The fast paths of lock and unlock, a dozen instructions each: a normal
 * mutex found free is taken with one atomic instruction before anything
 * else is looked at, and given back with one; everything else is out of
 * line. Without a frame pointer (GDB finds the caller by the debugging
 * information), since those three instructions would be a quarter of it. */
#define FAST_PATH __attribute__((optimize("omit-frame-pointer")))

int FAST_PATH pthread_mutex_lock(pthread_mutex_t *mutex)
{
    if (__builtin_expect(mutex->type == PTHREAD_MUTEX_NORMAL, 1) &&
        __builtin_expect(atomic_compare_and_swap(&mutex->lock, 0, 1) == 0, 1))
        return 0;
    return lock(mutex, 0);
}

int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline)
{
    if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L)
        return EINVAL;
    return lock(mutex, deadline);
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
    int checked = check_owner(mutex);
    if (checked)
        return checked < 0 ? 0 : checked == EDEADLK ? EBUSY : checked;
    if (atomic_compare_and_swap(&mutex->lock, 0, 1) != 0)
        return EBUSY;
    if (mutex->type != PTHREAD_MUTEX_NORMAL) {
        mutex->owner = thread_tid(thread_self());
        mutex->count = 1;
    }
    return 0;
}

/* Wakes one thread sleeping on the word (out of line: the fast paths
 * need no registers saved for a system call). */
static void __attribute__((noinline)) wake_one(volatile int *word)
{
    futex_wake(word, 1);
}

/* A recursive or error-checking mutex: only its owner may unlock it, and
 * only the last unlock frees it. */
static int __attribute__((noinline)) unlock_owned(pthread_mutex_t *mutex)
{
    if (mutex->owner != thread_tid(thread_self()))
        return EPERM;
    if (--mutex->count > 0)
        return 0;
    mutex->owner = 0;
    if (atomic_exchange(&mutex->lock, 0) == 2)
        wake_one(&mutex->lock);
    return 0;
}

int FAST_PATH pthread_mutex_unlock(pthread_mutex_t *mutex)
{
    if (__builtin_expect(mutex->type != PTHREAD_MUTEX_NORMAL, 0))
        return unlock_owned(mutex);
    if (__builtin_expect(atomic_exchange(&mutex->lock, 0) == 2, 0))
        wake_one(&mutex->lock);
    return 0;
}

int __thread_time_left(clockid_t clock, const struct timespec *deadline, struct timespec *left)
{
    if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L)
        return EINVAL;
    struct timespec now;
    clock_gettime(clock, &now);
    long long nanoseconds = (long long)(deadline->tv_sec - now.tv_sec) * 1000000000LL +
                            (deadline->tv_nsec - now.tv_nsec);
    if (nanoseconds <= 0)
        return ETIMEDOUT;
    left->tv_sec = (time_t)(nanoseconds / 1000000000LL);
    left->tv_nsec = (long)(nanoseconds % 1000000000LL);
    return 0;
}
