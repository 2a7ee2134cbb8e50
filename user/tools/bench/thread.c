/* user/tools/bench/thread.c - threads of one process (docs/threads.md):
 * creating and joining one, an uncontended mutex, and four round trips
 * between two threads of one process (a mutex handed back and forth, a
 * condition variable, POSIX semaphores, sched_yield).
 *
 * The partner is a thread, not a child process: it answers ROUNDS times
 * and is joined at the end (or left detached if the watchdog stopped the
 * benchmark, since it may be waiting for a round that will not come). */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

#include "bench.h"

#define EXTRA_YIELDS 10   /* as process.c: the partner yields a little longer */

/* Starts the partner thread running `body`; returns 0 or -errno. */
static int start_partner(pthread_t *partner, void *(*body)(void *))
{
    int error = pthread_create(partner, NULL, body, NULL);
    return error ? -error : 0;
}

/* Joins the partner; its result (a null pointer: all went well) decides. */
static int finish_partner(pthread_t partner, int status)
{
    if (benchmark_stopped) {
        pthread_detach(partner);
        return status < 0 ? status : -ETIMEDOUT;
    }
    void *result = NULL;
    pthread_join(partner, &result);
    if (status == 0 && result)
        status = -EIO;
    return status;
}

static void *empty_thread(void *argument)
{
    return argument;
}

static inline int create_and_join(void)
{
    pthread_t thread;
    void *result = (void *)1;
    return pthread_create(&thread, NULL, empty_thread, NULL) == 0 &&
           pthread_join(thread, &result) == 0 && result == NULL;
}

/* The whole life of an empty thread: its memory mapped, the kernel's
 * thread made and scheduled, its exit, the join and the unmapping. */
int bench_thread_create_join(int unused, struct samples *samples)
{
    (void)unused;
    int failures = 0;
    TIME_EACH(samples, failures += !create_and_join());
    return failures ? -EIO : 0;
}

static pthread_mutex_t lone_mutex = PTHREAD_MUTEX_INITIALIZER;

/* pthread_mutex_lock + pthread_mutex_unlock of a free mutex: two atomic
 * instructions and no system call. */
int bench_mutex_lock_unlock(int unused, struct samples *samples)
{
    (void)unused;
    TIME_EACH(samples, (pthread_mutex_lock(&lone_mutex), pthread_mutex_unlock(&lone_mutex)));
    return 0;
}

/* The mutex hand-off: three mutexes, of which each thread holds two. A
 * round gives one back (the other thread is waiting for it) and takes the
 * one the other thread holds (waiting until it gives that back):
 *
 *   main holds {0,1}, partner {2} waiting for 0
 *   main: unlock 0, lock 2 | partner: gets 0, unlock 2, lock 1 | main gets 2 ...
 *
 * so a round is two contended hand-offs, each an unlock that wakes a
 * waiter and a lock that sleeps: the semaphore round trip's shape, with
 * every mutex unlocked by the thread that locked it. */
static pthread_mutex_t baton[3] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};
static volatile int partner_ready;

static void *hand_back_mutexes(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&baton[2]);
    partner_ready = 1;
    pthread_mutex_lock(&baton[0]);
    int held = 2;                               /* the older of the two held */
    for (int round = 0; round < ROUNDS && !benchmark_stopped; round++) {
        pthread_mutex_unlock(&baton[held]);
        pthread_mutex_lock(&baton[(held + 2) % 3]);
        held = (held + 1) % 3;
    }
    pthread_mutex_unlock(&baton[held]);
    pthread_mutex_unlock(&baton[(held + 1) % 3]);
    return NULL;
}

static int main_held;                            /* the main thread's older mutex */

static inline void mutex_round(void)
{
    pthread_mutex_unlock(&baton[main_held]);
    pthread_mutex_lock(&baton[(main_held + 2) % 3]);
    main_held = (main_held + 1) % 3;
}

/* The hand-off's set-up and end, apart so that scaling_cpus.c runs the
 * same rounds: takes batons 0 and 1, starts the partner and waits until
 * it holds baton 2. Returns 0 or -errno; bench_mutex_handoff_end in any
 * case. */
int bench_mutex_handoff_begin(pthread_t *partner)
{
    main_held = 0;
    partner_ready = 0;
    pthread_mutex_lock(&baton[0]);
    pthread_mutex_lock(&baton[1]);
    int status = start_partner(partner, hand_back_mutexes);
    while (status == 0 && !partner_ready)
        sched_yield();
    return status;
}

void bench_mutex_handoff_round(void)
{
    mutex_round();
}

/* Gives both batons back: the partner, once its ROUNDS are done, ends
 * (a timing process that sets timed_runs to 0 first ends it at once). */
int bench_mutex_handoff_end(pthread_t partner, int status)
{
    pthread_mutex_unlock(&baton[main_held]);
    pthread_mutex_unlock(&baton[(main_held + 1) % 3]);
    return status ? status : finish_partner(partner, 0);
}

int bench_mutex_handoff_threads(int unused, struct samples *samples)
{
    (void)unused;
    pthread_t partner;
    int status = bench_mutex_handoff_begin(&partner);
    if (status == 0)
        TIME_EACH(samples, mutex_round());
    return bench_mutex_handoff_end(partner, status);
}

/* The condition-variable ping-pong: one mutex, one condition variable and
 * whose turn it is; each side sets the other's turn, signals, and waits
 * for its own. */
static pthread_mutex_t turn_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int partners_turn;

static void *answer_turns(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&turn_mutex);
    for (int round = 0; round < ROUNDS && !benchmark_stopped; round++) {
        while (!partners_turn && !benchmark_stopped)
            pthread_cond_wait(&turn_changed, &turn_mutex);
        partners_turn = 0;
        pthread_cond_signal(&turn_changed);
    }
    pthread_mutex_unlock(&turn_mutex);
    return NULL;
}

static inline void cond_round(void)
{
    pthread_mutex_lock(&turn_mutex);
    partners_turn = 1;
    pthread_cond_signal(&turn_changed);
    while (partners_turn && !benchmark_stopped)
        pthread_cond_wait(&turn_changed, &turn_mutex);
    pthread_mutex_unlock(&turn_mutex);
}

int bench_cond_pingpong_threads(int unused, struct samples *samples)
{
    (void)unused;
    pthread_t partner;
    partners_turn = 0;
    int status = start_partner(&partner, answer_turns);
    if (status == 0)
        TIME_EACH(samples, cond_round());
    return status ? status : finish_partner(partner, 0);
}

/* POSIX semaphores between threads: sem_init(&s, 0, 0), in this
 * process's private memory (posix.c measures them between processes). */
static sem_t to_partner, to_main;

static void *answer_semaphore(void *unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS && !benchmark_stopped; round++)
        if (sem_wait(&to_partner) < 0 || sem_post(&to_main) < 0)
            return (void *)1;
    return NULL;
}

static inline int semaphore_round(void)
{
    return sem_post(&to_partner) == 0 && sem_wait(&to_main) == 0;
}

int bench_posix_sem_round_trip_threads(int unused, struct samples *samples)
{
    (void)unused;
    if (sem_init(&to_partner, 0, 0) < 0 || sem_init(&to_main, 0, 0) < 0)
        return last_error();
    pthread_t partner;
    int failures = 0;
    int status = start_partner(&partner, answer_semaphore);
    if (status == 0) {
        TIME_EACH(samples, failures += !semaphore_round());
        status = finish_partner(partner, failures ? -EIO : 0);
    }
    sem_destroy(&to_partner);
    sem_destroy(&to_main);
    return status;
}

/* sched_yield between two threads of one process: the switch keeps the
 * address space (no cr3 load), and each thread's %gs names a TLS
 * descriptor of its own (nothing to rewrite). The partner's loop is
 * process.c's, so that the two pings differ only in the switch. */
static void *keep_yielding(void *unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS + EXTRA_YIELDS; round++)
        sched_yield();
    return NULL;
}

int bench_sched_yield_threads(int unused, struct samples *samples)
{
    (void)unused;
    pthread_t partner;
    int status = start_partner(&partner, keep_yielding);
    if (status == 0)
        TIME_EACH(samples, sched_yield());
    return status ? status : finish_partner(partner, 0);
}
