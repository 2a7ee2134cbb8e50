/* libc/include/pthread.h - POSIX threads (pthreads(7) of this system).
 * Threads are the kernel's (thread(2)); mutexes,
 * condition variables and the rest wait on its futex, so they work between
 * processes too when placed in shared memory. */
#ifndef LIBC_INCLUDE_PTHREAD_H
#define LIBC_INCLUDE_PTHREAD_H

#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

typedef struct __pthread *pthread_t;

typedef struct __pthread_attr {       /* tagged: struct sigevent points at one (bits/sigevent.h) */
    int detach_state;
    size_t stack_size;
    size_t guard_size;                /* PROT_NONE bytes below the stack (a page by default) */
    int inherit_sched;                /* scheduling (libc/thread/sched.c): PTHREAD_INHERIT_SCHED ... */
    int sched_policy;                 /* ... or EXPLICIT with this policy ... */
    struct sched_param sched_param;   /* ... and priority */
    void *stack_address;              /* pthread_attr_setstack: the caller's memory, or NULL */
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_STACK_MIN       16384

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

/* Mutexes: `lock` is 0 free, 1 held, 2 held with waiters (a futex). */
#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

typedef struct {
    int type;
    int shared;
    int protocol;               /* PTHREAD_PRIO_NONE, ... (libc/thread/sched.c) */
    int prioceiling;            /* for PTHREAD_PRIO_PROTECT */
} pthread_mutexattr_t;

typedef struct {
    volatile int lock;
    int type;
    int owner;                  /* the holder's tid (recursive and error-checking mutexes) */
    int count;                  /* times a recursive mutex is held */
    int protocol;               /* PTHREAD_PRIO_NONE, ... (libc/thread/sched.c) */
    int prioceiling;            /* for PTHREAD_PRIO_PROTECT */
} pthread_mutex_t;

#define PTHREAD_MUTEX_INITIALIZER { 0, PTHREAD_MUTEX_NORMAL, 0, 0, 0, 0 }

/* Condition variables: `sequence` changes at every signal (a futex). */
typedef struct {
    int shared;
    clockid_t clock;
} pthread_condattr_t;

typedef struct {
    volatile int sequence;
    clockid_t clock;
} pthread_cond_t;

#define PTHREAD_COND_INITIALIZER { 0, CLOCK_REALTIME }

typedef struct {
    int shared;
    int kind;                   /* pthread_rwlockattr_setkind_np's (GNU) */
} pthread_rwlockattr_t;

/* GNU's kinds of read-write lock (pthread_rwlockattr_setkind_np): whether a
 * reader goes past waiting writers. glibc's default prefers readers, and
 * so does PREFER_WRITER_NP there (and here); this libc's default is
 * PREFER_WRITER_NONRECURSIVE_NP. */
#define PTHREAD_RWLOCK_PREFER_READER_NP              0
#define PTHREAD_RWLOCK_PREFER_WRITER_NP              1
#define PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP 2

/* Read-write locks (rwlock.c): counts under a mutex, and two futex words
 * that change to wake the waiting readers, or one waiting writer. */
#define PTHREAD_RWLOCK_PRIORITIES 100   /* real-time priorities 1..99, and 0 for none */
struct __rwlock_waiters {           /* the readers, or the writers, waiting for the lock */
    int count;
    int highest;                    /* the highest real-time priority among them: exact, from `at` */
    unsigned short at[PTHREAD_RWLOCK_PRIORITIES];   /* how many wait at each priority */
};
typedef struct {
    pthread_mutex_t mutex;
    volatile int readers_turn, writers_turn;
    int readers;                /* holding it to read */
    int writer;                 /* the tid of the writer holding it, or 0 */
    int prefer_readers;         /* PTHREAD_RWLOCK_PREFER_READER_NP: readers pass waiting writers */
    struct __rwlock_waiters readers_waiting, writers_waiting;
} pthread_rwlock_t;

#define PTHREAD_RWLOCK_INITIALIZER { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0, 0, { 0, 0, { 0 } }, { 0, 0, { 0 } } }

typedef struct {
    int shared;
} pthread_barrierattr_t;

typedef struct {
    pthread_mutex_t mutex;
    volatile int cycle;         /* a futex word: counts the rounds completed */
    unsigned count, arrived;
} pthread_barrier_t;

#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

typedef volatile int pthread_spinlock_t;

typedef volatile int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

typedef unsigned pthread_key_t;
#define PTHREAD_KEYS_MAX 64
#define PTHREAD_DESTRUCTOR_ITERATIONS 4

int pthread_create(pthread_t *thread, const pthread_attr_t *attributes, void *(*start)(void *), void *argument);
void pthread_exit(void *result) __attribute__((__noreturn__));
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_once(pthread_once_t *once, void (*routine)(void));

int pthread_attr_init(pthread_attr_t *attributes);
int pthread_attr_destroy(pthread_attr_t *attributes);
int pthread_attr_setdetachstate(pthread_attr_t *attributes, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attributes, int *state);
int pthread_attr_setstacksize(pthread_attr_t *attributes, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attributes, size_t *size);
int pthread_attr_setguardsize(pthread_attr_t *attributes, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *attributes, size_t *size);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

int pthread_mutexattr_init(pthread_mutexattr_t *attributes);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attributes);
int pthread_mutexattr_settype(pthread_mutexattr_t *attributes, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attributes, int *type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attributes, int shared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attributes, int *shared);
int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attributes);
int pthread_mutex_destroy(pthread_mutex_t *mutex);
int pthread_mutex_lock(pthread_mutex_t *mutex);
int pthread_mutex_trylock(pthread_mutex_t *mutex);
int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline);
int pthread_mutex_unlock(pthread_mutex_t *mutex);

int pthread_condattr_init(pthread_condattr_t *attributes);
int pthread_condattr_destroy(pthread_condattr_t *attributes);
int pthread_condattr_setpshared(pthread_condattr_t *attributes, int shared);
int pthread_condattr_getpshared(const pthread_condattr_t *attributes, int *shared);
int pthread_condattr_setclock(pthread_condattr_t *attributes, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attributes, clockid_t *clock);
int pthread_cond_init(pthread_cond_t *condition, const pthread_condattr_t *attributes);
int pthread_cond_destroy(pthread_cond_t *condition);
int pthread_cond_wait(pthread_cond_t *condition, pthread_mutex_t *mutex);
int pthread_cond_timedwait(pthread_cond_t *condition, pthread_mutex_t *mutex, const struct timespec *deadline);
int pthread_cond_signal(pthread_cond_t *condition);
int pthread_cond_broadcast(pthread_cond_t *condition);

int pthread_rwlockattr_init(pthread_rwlockattr_t *attributes);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attributes);
int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attributes, int shared);
int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attributes);
int pthread_rwlock_destroy(pthread_rwlock_t *lock);
int pthread_rwlock_rdlock(pthread_rwlock_t *lock);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock);
int pthread_rwlock_wrlock(pthread_rwlock_t *lock);
int pthread_rwlock_trywrlock(pthread_rwlock_t *lock);
int pthread_rwlock_unlock(pthread_rwlock_t *lock);

int pthread_barrierattr_init(pthread_barrierattr_t *attributes);
int pthread_barrierattr_destroy(pthread_barrierattr_t *attributes);
int pthread_barrierattr_setpshared(pthread_barrierattr_t *attributes, int shared);
int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attributes, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *barrier);
int pthread_barrier_wait(pthread_barrier_t *barrier);

int pthread_spin_init(pthread_spinlock_t *lock, int shared);
int pthread_spin_destroy(pthread_spinlock_t *lock);
int pthread_spin_lock(pthread_spinlock_t *lock);
int pthread_spin_trylock(pthread_spinlock_t *lock);
int pthread_spin_unlock(pthread_spinlock_t *lock);

int pthread_kill(pthread_t thread, int signal);

/* Scheduling (libc/thread/sched.c; the classes: <sched.h>). A thread's
 * class is the kernel's, per thread. PTHREAD_PRIO_INHERIT and
 * PTHREAD_PRIO_PROTECT are accepted and kept, but locking does not change
 * any priority: see pthread_mutexattr_setprotocol(3). */
#define PTHREAD_INHERIT_SCHED  0      /* a new thread takes its creator's class (the default) */
#define PTHREAD_EXPLICIT_SCHED 1      /* ... or the attributes' */
#define PTHREAD_SCOPE_SYSTEM   0      /* threads compete with every thread (the only scope) */
#define PTHREAD_SCOPE_PROCESS  1      /* not supported: ENOTSUP */
#define PTHREAD_PRIO_NONE      0
#define PTHREAD_PRIO_INHERIT   1
#define PTHREAD_PRIO_PROTECT   2
int pthread_attr_setschedpolicy(pthread_attr_t *attributes, int policy);
int pthread_attr_getschedpolicy(const pthread_attr_t *attributes, int *policy);
int pthread_attr_setschedparam(pthread_attr_t *attributes, const struct sched_param *param);
int pthread_attr_getschedparam(const pthread_attr_t *attributes, struct sched_param *param);
int pthread_attr_setinheritsched(pthread_attr_t *attributes, int inherit);
int pthread_attr_getinheritsched(const pthread_attr_t *attributes, int *inherit);
int pthread_attr_setscope(pthread_attr_t *attributes, int scope);
int pthread_attr_getscope(const pthread_attr_t *attributes, int *scope);
int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param);
int pthread_getschedparam(pthread_t thread, int *policy, struct sched_param *param);
int pthread_setschedprio(pthread_t thread, int priority);
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attributes, int protocol);
int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *attributes, int *protocol);
int pthread_mutexattr_setprioceiling(pthread_mutexattr_t *attributes, int ceiling);
int pthread_mutexattr_getprioceiling(const pthread_mutexattr_t *attributes, int *ceiling);
int pthread_mutex_setprioceiling(pthread_mutex_t *mutex, int ceiling, int *old_ceiling);
int pthread_mutex_getprioceiling(const pthread_mutex_t *mutex, int *ceiling);

/* cancellation (pthread_cancel(3)): deferred, at the cancellation points */
#define PTHREAD_CANCELED          ((void *)-1)
#define PTHREAD_CANCEL_ENABLE        0
#define PTHREAD_CANCEL_DISABLE       1
#define PTHREAD_CANCEL_DEFERRED      0
#define PTHREAD_CANCEL_ASYNCHRONOUS  1
int pthread_cancel(pthread_t thread);
int pthread_setcancelstate(int state, int *old_state);
int pthread_setcanceltype(int type, int *old_type);
void pthread_testcancel(void);

/* Cleanup handlers: run, last pushed first, when the thread is cancelled
 * or calls pthread_exit; a push and its pop are one block of the program. */
struct __pthread_cleanup {
    void (*routine)(void *);
    void *argument;
    struct __pthread_cleanup *previous;
};
void __pthread_cleanup_push(struct __pthread_cleanup *handler, void (*routine)(void *), void *argument);
void __pthread_cleanup_pop(struct __pthread_cleanup *handler, int execute);
#define pthread_cleanup_push(routine, argument)                                  \
    do {                                                                         \
        struct __pthread_cleanup __pthread_cleanup_handler;                      \
        __pthread_cleanup_push(&__pthread_cleanup_handler, (routine), (argument));
#define pthread_cleanup_pop(execute)                                             \
        __pthread_cleanup_pop(&__pthread_cleanup_handler, (execute));            \
    } while (0)
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

/* Issue 32 (the pthread gaps): fork handlers, timed read-write locks, the
 * process-shared attributes' getters, a stack of the caller's own. */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
int pthread_rwlock_timedrdlock(pthread_rwlock_t *lock, const struct timespec *deadline);
int pthread_rwlock_timedwrlock(pthread_rwlock_t *lock, const struct timespec *deadline);
int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attributes, int *shared);
int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attributes, int *shared);
int pthread_attr_setstack(pthread_attr_t *attributes, void *stack, size_t size);
int pthread_attr_getstack(const pthread_attr_t *attributes, void **stack, size_t *size);
int pthread_getattr_np(pthread_t thread, pthread_attr_t *attributes);   /* GNU */
int pthread_rwlockattr_setkind_np(pthread_rwlockattr_t *attributes, int kind);         /* GNU */
int pthread_rwlockattr_getkind_np(const pthread_rwlockattr_t *attributes, int *kind);  /* GNU */

/* CPU affinity of a thread (GNU; libc/thread/affinity.c): 0 or the error
 * number, as sched_setaffinity(2) for its tid. */
int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set);
int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set);

/* The calling thread's id (thread(2)): its process's pid for the first. */
pid_t gettid(void);

/* timers and clocks (docs/timers.md): a thread's CPU-time clock. */
int pthread_getcpuclockid(pthread_t thread, clockid_t *clock);

#endif
