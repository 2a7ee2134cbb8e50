/* libc/thread/thread_internal.h - what the pieces of <pthread.h> share
 * (internal): the thread control block, atomics, the futex calls and the
 * libc's own lock.
 *
 * Each thread's memory is one mapping (create.c):
 *
 *     map_base                                                     map_base + map_size
 *     | guard | stack (grows down) ... | TLS block (.tdata .tbss) | struct __pthread |
 *                                                                  ^ %gs base: the thread pointer
 *
 * The guard (a page by default, pthread_attr_setguardsize) is PROT_NONE:
 * a stack that overflows touches it and the thread gets SIGSEGV, instead
 * of writing over whatever lies below (another thread's block).
 *
 * i386's "variant II" layout: the thread pointer (%gs:0 holds its own
 * address) is the control block, and __thread variables sit just below it,
 * at negative offsets the linker computed. The first thread's block comes
 * from the same mapping, made in tls.c before main runs. */
#ifndef LIBC_THREAD_THREAD_INTERNAL_H
#define LIBC_THREAD_THREAD_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "../syscall.h"

enum thread_state { THREAD_JOINABLE, THREAD_DETACHED, THREAD_EXITED };

struct __pthread {
    struct __pthread *self;           /* %gs:0, as the i386 TLS ABI wants */
    int tid;                          /* 0: the process's first thread, whose tid is the pid */
    volatile int alive;               /* 1 until the kernel clears it at exit (thread(2)): join waits here */
    volatile int state;               /* enum thread_state, changed atomically */
    volatile int created;             /* CREATED once pthread_create is done writing here: only
                                       * then may a detached thread's memory be unmapped */
    void *(*start)(void *);
    void *argument;
    void *result;
    volatile int cancel_requested;    /* pthread_cancel was called for it (cancel.c) */
    int cancel_disabled;              /* PTHREAD_CANCEL_DISABLE */
    int cancel_asynchronous;          /* PTHREAD_CANCEL_ASYNCHRONOUS */
    int cancel_async_in_kernel;       /* the kernel was told: asynchronous and enabled */
    long cancel_mark;                 /* SYSCALL_CANCEL_POINT while cancellation points are
                                       * on (threads exist, enabled), else 0 */
    struct __pthread_cleanup *cleanup;/* the last pushed cleanup handler */
    int has_specific;                 /* pthread_setspecific was called: destructors may run */
    void *map_base;                   /* the mapping of stack, TLS and this block; */
    size_t map_size;                  /* 0 for the first thread's (never freed) */
    size_t guard_size;                /* the PROT_NONE bytes at map_base */
    int on_callers_stack;             /* made on pthread_attr_setstack's memory: never
                                       * unmapped, and its block lies at the top of it */
    void *stack_given;                /* that memory (pthread_getattr_np) */
    size_t stack_given_size;
    struct {
        void *value;
        unsigned generation;          /* the key's generation the value was set in */
    } specific[PTHREAD_KEYS_MAX];     /* once_key.c */
    struct __pthread *registry_next;  /* the threads that may still be joined or */
    struct __pthread *registry_prev;  /* detached (create.c's registry) */
    volatile int start_gate;          /* 1 while its creator still sets its scheduling
                                       * (PTHREAD_EXPLICIT_SCHED): thread_start waits */
};

static inline struct __pthread *thread_self(void)
{
    struct __pthread *self;
    __asm__("movl %%gs:0, %0" : "=r"(self));
    return self;
}

/* The thread's id. The first thread's block says 0 until asked (its tid
 * is the pid), so that a fork's child, whose pid is new, need not write
 * into its block (a write would copy the page). */
static inline int thread_tid(struct __pthread *thread)
{
    if (thread->tid)
        return thread->tid;
    int pid = (int)syscall0(SYS_getpid);
    if (thread == thread_self())
        thread->tid = pid;
    return pid;
}

static inline int atomic_compare_and_swap(volatile int *word, int expected, int desired)
{
    int previous;
    __asm__ volatile("lock cmpxchgl %2, %1"
                     : "=a"(previous), "+m"(*word) : "r"(desired), "0"(expected) : "memory");
    return previous;
}

static inline int atomic_exchange(volatile int *word, int value)
{
    __asm__ volatile("xchgl %0, %1" : "+r"(value), "+m"(*word) : : "memory");
    return value;
}

static inline int atomic_fetch_add(volatile int *word, int amount)
{
    __asm__ volatile("lock xaddl %0, %1" : "+r"(amount), "+m"(*word) : : "memory");
    return amount;
}

/* futex(2): sleep while *word == expected (relative timeout or NULL);
 * wake up to `count` sleepers. Return the kernel's result (-errno). */
static inline long futex_wait(volatile int *word, int expected, const struct timespec *relative)
{
    return syscall3(SYS_futex_wait, (long)word, expected, (long)relative);
}

static inline long futex_wake(volatile int *word, int count)
{
    return syscall2(SYS_futex_wake, (long)word, count);
}

/* An absolute CLOCK_REALTIME deadline as the time left from now, for the
 * kernel's relative futex timeout; EINVAL for a bad tv_nsec, ETIMEDOUT
 * once it has passed; measured on `clock`. */
int __thread_time_left(clockid_t clock, const struct timespec *deadline, struct timespec *left);

/* A condition wait that is no cancellation point (cond.c), for the read-
 * write locks and barriers: notes *word, unlocks `mutex` (a normal one,
 * held), sleeps while *word is unchanged, until `deadline` (CLOCK_REALTIME)
 * if not NULL, and locks `mutex` again. 0 (woken, or spuriously: callers
 * look at their condition again), ETIMEDOUT, or EINVAL for a bad deadline.
 * Whoever changes what the waiters wait for changes *word under `mutex`
 * and futex_wakes it. */
int __thread_wait_on_word(volatile int *word, pthread_mutex_t *mutex, const struct timespec *deadline);

/* Set once a second thread exists: until then the libc's locks (stdio,
 * malloc) cost nothing. */
extern int __libc_threaded;

/* A futex lock word: 0 free, 1 taken, 2 taken with sleepers (lock.c). */
void __lock_word_take(volatile int *lock);
int __lock_word_try(volatile int *lock);      /* 1 if taken now */
void __lock_word_give(volatile int *lock);

/* The libc's own lock (malloc's heap, keys, the list of streams): a lock
 * word taken only once a second thread exists (lock.c). */
void __libc_lock(volatile int *lock);
void __libc_unlock(volatile int *lock);

/* fork (libc/unistd/process.c) holds malloc's lock across the copy, and
 * its child puts the thread state (create.c) and the stream locks
 * (libc/stdio/stream.c) right. */
extern volatile int __malloc_heap_lock;
void __thread_forked_child(void);
void __thread_keys_forked_child(void);  /* once_key.c: the keys' lock, free again */
void __stdio_forked_child(void);

/* pthread_atfork's handlers (atfork.c): fork runs the prepare handlers,
 * last registered first, and gets the last entry they covered; after the
 * system call it runs the parent's or the child's, first registered first,
 * up to that entry. */
struct atfork_handlers;
struct atfork_handlers *__thread_atfork_prepare(void);
void __thread_atfork_after(struct atfork_handlers *end, int in_child);

/* Cancellation points (cancel.c): a blocking wrapper calls
 *
 *     cancel_point_result(syscallN(cancel_point_number(SYS_x), ...))
 *
 * The number gets SYSCALL_CANCEL_POINT once threads exist and while the
 * thread's cancellation is enabled (one `or` from the control block); the kernel then answers -ECANCELED if
 * the thread is cancelled before or during the call (thread_cancel(2)),
 * and the thread ends there as pthread_exit(PTHREAD_CANCELED). */
void __thread_act_on_cancel(void) __attribute__((noreturn));

static inline long cancel_point_number(long number)
{
    __asm__("orl %%gs:%c1, %0" : "+r"(number) : "i"(offsetof(struct __pthread, cancel_mark)));
    return number;
}

/* Sets the calling thread's cancel_mark from its state (cancel.c). */
void __thread_update_cancel_mark(struct __pthread *self);

static inline long cancel_point_result(long result)
{
    /* -ECANCELED is also a call's own answer (read of a timerfd whose
     * clock was set, TFD_TIMER_CANCEL_ON_SET): only a thread with a
     * cancellation request it may act on ends here. */
    if (__builtin_expect(result == -ECANCELED, 0) && thread_self()->cancel_requested && !thread_self()->cancel_disabled)
        __thread_act_on_cancel();
    return result;
}

/* pthread_exit's first step (cancel.c): no request acts on the thread
 * any more, so its cleanup handlers' and destructors' own calls go on and
 * no asynchronous request sends it back to the start (glibc's EXITING). */
void __thread_cancel_exiting(struct __pthread *self);

/* Runs the thread's cleanup handlers, last pushed first (pthread_exit). */
void __thread_run_cleanup_handlers(struct __pthread *self);

/* The top of the first thread's stack, found before main (tls.c). */
extern uintptr_t __first_thread_stack_top;

/* The thread-local storage image of the program (tls.c). */
void __tls_init_block(void *thread_pointer);
size_t __tls_block_size(void);        /* bytes below the thread pointer, aligned */
size_t __tls_alignment(void);

/* Runs the key destructors of the exiting thread (key.c). */
void __thread_run_key_destructors(struct __pthread *self);

#endif
