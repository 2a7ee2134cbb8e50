/* libc/thread/rwlock.c - read-write locks: counts under a mutex, and two
 * futex words the waiters sleep on (__thread_wait_on_word, cond.c), one
 * for the readers and one for the writers.
 *
 * The lock prefers writers: a reader waits while a writer holds the lock
 * or waits for it, so a stream of readers cannot starve a writer (GNU's
 * pthread_rwlockattr_setkind_np may ask for glibc's default instead,
 * PTHREAD_RWLOCK_PREFER_READER_NP: readers pass waiting writers). But, as
 * POSIX has it for real-time threads (pthread_rwlock_rdlock(3)), a reader
 * goes past waiting writers that all have a lower real-time priority
 * than its own. When the lock becomes free, the waiting readers are
 * woken if one of them may go past the waiting writers (or none waits);
 * else one waiting writer (the futex wakes the one of the highest
 * priority), never both: on several CPUs a woken writer could take the
 * lock before a reader of a higher priority. A priority is looked up
 * only when someone must wait. The waiting readers and writers are each
 * counted by priority, so that the highest of each is exact when one
 * stops waiting (a writer of 3 takes the lock from under a reader of 3
 * and a writer of 1: the reader goes next, the Open POSIX Test Suite's
 * pthread_rwlock_unlock/3-1), and a wake that goes to the readers alone
 * always finds one that may go. Whoever gives up a wait (its deadline
 * passed) passes the wake on. The writer's tid is kept, so that a writer
 * asking for the lock again gets EDEADLK (as glibc) and only the writer
 * may unlock a write hold; readers are only counted. A lock is its words,
 * so one in shared memory works between processes (the futex keys a
 * shared page by its frame), whatever the process-shared attribute says.
 * No wait here is a cancellation point (POSIX); a signal handler that
 * runs during one returns into the wait. */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

#define ALL 0x7FFFFFFF

int pthread_rwlockattr_init(pthread_rwlockattr_t *attributes)
{
    attributes->shared = PTHREAD_PROCESS_PRIVATE;
    attributes->kind = PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP;   /* this libc's default */
    return 0;
}

/* EINVAL for a kind GNU does not have, as glibc. */
int pthread_rwlockattr_setkind_np(pthread_rwlockattr_t *attributes, int kind)
{
    if (kind != PTHREAD_RWLOCK_PREFER_READER_NP && kind != PTHREAD_RWLOCK_PREFER_WRITER_NP &&
        kind != PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP)
        return EINVAL;
    attributes->kind = kind;
    return 0;
}

int pthread_rwlockattr_getkind_np(const pthread_rwlockattr_t *attributes, int *kind)
{
    *kind = attributes->kind;
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

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attributes, int *shared)
{
    *shared = attributes->shared;
    return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attributes)
{
    /* glibc takes PREFER_WRITER_NP for PREFER_READER_NP (recursive read
     * locks would deadlock behind a waiting writer): so does this */
    lock->prefer_readers = attributes && attributes->kind != PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP;
    pthread_mutex_init(&lock->mutex, 0);
    lock->readers_turn = lock->writers_turn = 0;
    lock->readers = lock->writer = 0;
    lock->readers_waiting = lock->writers_waiting = (struct __rwlock_waiters){ 0 };
    return 0;
}

/* The calling thread's real-time priority (SCHED_FIFO, SCHED_RR: 1..99),
 * or 0. */
static int my_priority(void)
{
    int policy;
    struct sched_param param;
    if (pthread_getschedparam(pthread_self(), &policy, &param) != 0 || policy == SCHED_OTHER ||
        param.sched_priority < 0 || param.sched_priority >= PTHREAD_RWLOCK_PRIORITIES)
        return 0;
    return param.sched_priority;
}

/* A reader or writer of `priority` begins to wait, or stops (it took the
 * lock, or gave up): the counts, and the highest priority of those left.
 * Context: holding lock->mutex. */
static void starts_waiting(struct __rwlock_waiters *waiters, int priority)
{
    waiters->count++;
    waiters->at[priority]++;
    if (priority > waiters->highest)
        waiters->highest = priority;
}

static void stops_waiting(struct __rwlock_waiters *waiters, int priority)
{
    waiters->count--;
    waiters->at[priority]--;
    while (waiters->highest > 0 && !waiters->at[waiters->highest])
        waiters->highest--;
}

/* May a reader of `priority` go past the waiting writers? Only if every
 * one has a lower priority (POSIX: "writers of higher or equal priority
 * are blocked on the lock": the reader waits). Context: holding
 * lock->mutex. */
static int reader_passes_writers(const pthread_rwlock_t *lock, int priority)
{
    return !lock->writers_waiting.count || lock->prefer_readers || priority > lock->writers_waiting.highest;
}

/* Destroying a lock that is held is undefined (POSIX); glibc returns 0
 * and so does this, since the Open POSIX Test Suite counts on it (a
 * thread that ends holding a read lock). */
int pthread_rwlock_destroy(pthread_rwlock_t *lock)
{
    (void)lock;
    return 0;
}

/* Wakes whoever may go now: the readers, if the highest of them may
 * go past the waiting writers (they look again, and those that may go
 * take the lock; the writers' turn comes when the last lets go), else
 * one writer once no reader holds the lock. Context: holding
 * lock->mutex. */
static void wake_next(pthread_rwlock_t *lock)
{
    if (lock->writer)
        return;
    if (lock->readers_waiting.count && reader_passes_writers(lock, lock->readers_waiting.highest)) {
        lock->readers_turn++;
        futex_wake(&lock->readers_turn, ALL);
    } else if (lock->writers_waiting.count && !lock->readers) {
        lock->writers_turn++;
        futex_wake(&lock->writers_turn, 1);
    }
}

/* A deadline whose tv_nsec is out of range is EINVAL before anything else,
 * even when the lock is free (POSIX allows either; glibc checks first); a
 * deadline that has passed counts only when the call would wait. */
static int bad_deadline(const struct timespec *deadline)
{
    return deadline && (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L);
}

/* Takes `lock` to read: at once, or (when `wait`) once no writer holds it
 * or waits for it, until `deadline` if not NULL. */
static int read_lock(pthread_rwlock_t *lock, int wait, const struct timespec *deadline)
{
    if (bad_deadline(deadline))
        return EINVAL;
    int self = thread_tid(thread_self());
    pthread_mutex_lock(&lock->mutex);
    int result = 0;
    if (lock->writer == self)
        result = wait ? EDEADLK : EBUSY;
    int priority = -1;                           /* looked up once, if a writer is in the way */
    while (!result && (lock->writer || lock->writers_waiting.count)) {
        if (priority < 0)
            priority = my_priority();
        if (!lock->writer && reader_passes_writers(lock, priority))
            break;
        if (!wait) {
            result = EBUSY;
            break;
        }
        starts_waiting(&lock->readers_waiting, priority);
        result = __thread_wait_on_word(&lock->readers_turn, &lock->mutex, deadline);
        stops_waiting(&lock->readers_waiting, priority);
        if (result)
            wake_next(lock);                     /* a wake meant for us, or writers held back by us */
    }
    if (!result && lock->readers == ALL)
        result = EAGAIN;                         /* no more read holds can be counted */
    if (!result)
        lock->readers++;
    pthread_mutex_unlock(&lock->mutex);
    return result;
}

/* Takes `lock` to write: at once, or (when `wait`) once nobody holds it,
 * until `deadline` if not NULL. */
static int write_lock(pthread_rwlock_t *lock, int wait, const struct timespec *deadline)
{
    if (bad_deadline(deadline))
        return EINVAL;
    int self = thread_tid(thread_self());
    pthread_mutex_lock(&lock->mutex);
    int result = 0;
    if (lock->writer == self)
        result = wait ? EDEADLK : EBUSY;
    else if (lock->writer || lock->readers) {
        if (!wait)
            result = EBUSY;
        else {
            int priority = my_priority();
            starts_waiting(&lock->writers_waiting, priority);
            while (!result && (lock->writer || lock->readers))
                result = __thread_wait_on_word(&lock->writers_turn, &lock->mutex, deadline);
            stops_waiting(&lock->writers_waiting, priority);
            if (result)
                wake_next(lock);                 /* readers held back by us, or a wake we took */
        }
    }
    if (!result)
        lock->writer = self;
    pthread_mutex_unlock(&lock->mutex);
    return result;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *lock)
{
    return read_lock(lock, 1, 0);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock)
{
    return read_lock(lock, 0, 0);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
    return read_lock(lock, 1, deadline);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *lock)
{
    return write_lock(lock, 1, 0);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *lock)
{
    return write_lock(lock, 0, 0);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
    return write_lock(lock, 1, deadline);
}

/* Gives back the caller's write hold, or else one read hold. EPERM when
 * the lock is not held, or held to write by another thread (glibc would
 * take that for a read unlock and spoil the lock; POSIX allows EPERM). */
int pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
    int self = thread_tid(thread_self());
    pthread_mutex_lock(&lock->mutex);
    int result = 0;
    if (lock->writer == self)
        lock->writer = 0;
    else if (!lock->writer && lock->readers)
        lock->readers--;
    else
        result = EPERM;
    if (!result)
        wake_next(lock);
    pthread_mutex_unlock(&lock->mutex);
    return result;
}
