/* tests/boot/boot_thread.h - helpers of the thread_ boot tests: system
 * calls by number (for the calls the libc has no wrapper for, and for
 * arguments its wrappers would refuse), what ps -T shows about one thread
 * (kinfo(KINFO_THREADS)), waiting until a thread is blocked, starting and
 * joining a group of threads, a call made from another thread, deadlines,
 * and atomics. Everything here is static inline: a test uses what it
 * needs. */
#ifndef TESTS_BOOT_BOOT_THREAD_H
#define TESTS_BOOT_BOOT_THREAD_H

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <uapi/syscall.h>

#include "boot_test.h"

/* ---- system calls by number ------------------------------------------- */

/* int 0x80 with up to five arguments; the kernel's result (-errno on an
 * error), as the libc's wrappers never see it. */
static inline long raw_syscall(long number, long a, long b, long c, long d, long e)
{
    long result;
    __asm__ volatile("int $0x80"
                     : "=a"(result)
                     : "a"(number), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return result;
}

static inline long raw_futex_wait(const volatile void *word, long expected, const void *timeout)
{
    return raw_syscall(SYS_futex_wait, (long)word, expected, (long)timeout, 0, 0);
}

static inline long raw_futex_wake(const volatile void *word, long count)
{
    return raw_syscall(SYS_futex_wake, (long)word, count, 0, 0, 0);
}

static inline long raw_tkill(long tid, long signal)
{
    return raw_syscall(SYS_tkill, tid, signal, 0, 0, 0);
}

/* The calling thread's id as the kernel has it (gettid() reads the
 * thread's own block: both must agree). */
static inline int kernel_tid(void)
{
    return (int)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0);
}

/* ---- what ps -T shows about one thread --------------------------------- */

/* kinfo(KINFO_THREADS)'s entry of thread `tid` in *out (all zero when
 * there is none); 1 if there is one. */
static inline int thread_info(int tid, struct kinfo_process *out)
{
    static struct kinfo_process table[256];
    memset(out, 0, sizeof *out);
    int count = kinfo(KINFO_THREADS, table, sizeof table) / (int)sizeof table[0];
    for (int i = 0; i < count; i++)
        if (table[i].tid == tid) {
            *out = table[i];
            out->wait_reason[sizeof out->wait_reason - 1] = 0;
            return 1;
        }
    return 0;
}

/* How many threads kinfo(KINFO_THREADS) lists for process `pid`. */
static inline int threads_listed(int pid)
{
    static struct kinfo_process table[256];
    int count = kinfo(KINFO_THREADS, table, sizeof table) / (int)sizeof table[0], mine = 0;
    for (int i = 0; i < count; i++)
        mine += table[i].pid == pid;
    return mine;
}

/* Is thread `tid` blocked (state 'B') with a wait reason that contains
 * `reason`? */
static inline int thread_is_blocked_in(int tid, const char *reason)
{
    struct kinfo_process info;
    return thread_info(tid, &info) && info.state == 'B' && strstr(info.wait_reason, reason) != NULL;
}

/* Waits (up to 2 s) until thread `tid` is blocked in a wait whose reason
 * contains `reason` ("futex", "pipe read", "stopped"). */
static inline int wait_until_thread_blocked_in(int tid, const char *reason)
{
    for (int attempt = 0; attempt < 2000; attempt++) {
        if (thread_is_blocked_in(tid, reason))
            return 1;
        usleep(1000);
    }
    return 0;
}

/* ---- a group of threads ------------------------------------------------- */

/* Starts `count` threads running start(index), index 0 .. count - 1;
 * returns how many started (each failure is a FAIL line). */
static inline int start_threads(pthread_t *threads, int count, void *(*start)(void *))
{
    int started = 0;
    for (long i = 0; i < count; i++) {
        int error = pthread_create(&threads[i], NULL, start, (void *)i);
        CHECK(error == 0, "pthread_create of thread %ld: %s", i, strerror(error));
        started += error == 0;
    }
    return started;
}

/* Joins the `count` threads and returns the sum of what they returned. */
static inline long join_threads(pthread_t *threads, int count)
{
    long sum = 0;
    for (int i = 0; i < count; i++) {
        void *result = 0;
        int error = pthread_join(threads[i], &result);
        CHECK(error == 0, "pthread_join of thread %d: %s", i, strerror(error));
        sum += (long)result;
    }
    return sum;
}

/* What a thread may run: pause until the process ends, or end at once. */
static inline void *pause_forever_thread(void *unused)
{
    (void)unused;
    for (;;)
        pause();
    return 0;
}

static inline void *return_at_once_thread(void *unused)
{
    (void)unused;
    return 0;
}

/* Runs call(argument) in a new thread and returns what it returned (one
 * call from another thread: a trylock, an unlock by a non-owner). */
static inline long result_in_another_thread(void *(*call)(void *), void *argument)
{
    pthread_t thread;
    void *result = (void *)-1L;
    if (pthread_create(&thread, NULL, call, argument) == 0)
        pthread_join(thread, &result);
    return (long)result;
}

/* The absolute deadline `nanoseconds` from now on `clock`, for the timed
 * waits of <pthread.h>. */
static inline struct timespec deadline_in(clockid_t clock, long long nanoseconds)
{
    struct timespec now;
    clock_gettime(clock, &now);
    long long when = (long long)now.tv_sec * 1000000000LL + now.tv_nsec + nanoseconds;
    struct timespec deadline = { (time_t)(when / 1000000000), (long)(when % 1000000000) };
    return deadline;
}

/* ---- atomics ------------------------------------------------------------ */

static inline int atomic_add_int(volatile int *word, int amount)
{
    __asm__ volatile("lock xaddl %0, %1" : "+r"(amount), "+m"(*word) : : "memory");
    return amount;                              /* the value before */
}

/* Polls `*word` until it reaches `value` (up to 2 s); 1 if it did. */
static inline int wait_until_at_least(volatile int *word, int value)
{
    for (int attempt = 0; attempt < 2000 && *word < value; attempt++)
        usleep(1000);
    return *word >= value;
}

#endif
