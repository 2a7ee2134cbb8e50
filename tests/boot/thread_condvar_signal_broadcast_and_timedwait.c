/* tests/boot/thread_condvar_signal_broadcast_and_timedwait.c - condition
 * variables between threads (pthread_cond_wait(3)). Six threads wait for
 * a generation to change: one pthread_cond_broadcast wakes all six, and
 * no second call is needed. Six threads wait for tokens: each
 * pthread_cond_signal with one token added lets exactly one of them take
 * it while the others go on waiting in the kernel, until every one has
 * taken one. pthread_cond_timedwait returns ETIMEDOUT at its deadline
 * (not before), on CLOCK_REALTIME and on CLOCK_MONOTONIC
 * (pthread_condattr_setclock), with the mutex held again; EINVAL for a
 * tv_nsec out of range; 0 when signalled in time. Waiting with an
 * error-checking mutex one does not hold is EPERM. The same answers as
 * Linux's. Two threads on two CPUs take 2000 turns by a condition
 * variable, their waits without the big kernel lock. */
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define WAITERS 6

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static volatile int generation, woken, tokens, taken, waiting;
static volatile int tids[WAITERS];
static volatile int took[WAITERS];

static void *wait_for_the_next_generation(void *argument)
{
    long index = (long)argument;
    tids[index] = gettid();
    pthread_mutex_lock(&mutex);
    int mine = generation;
    waiting++;
    while (generation == mine)
        pthread_cond_wait(&changed, &mutex);
    woken++;
    pthread_mutex_unlock(&mutex);
    return 0;
}

static int all_wait_on_the_futex(void)
{
    for (int i = 0; i < WAITERS; i++)
        if (!wait_until_thread_blocked_in(tids[i], "futex"))
            return 0;
    return 1;
}

static void broadcast_wakes_every_waiter(void)
{
    generation = woken = waiting = 0;
    pthread_t threads[WAITERS];
    start_threads(threads, WAITERS, wait_for_the_next_generation);
    CHECK(wait_until_at_least(&waiting, WAITERS), "not every thread came to wait");
    CHECK(all_wait_on_the_futex(), "not every waiter sleeps in the kernel");
    pthread_mutex_lock(&mutex);
    generation++;
    CHECK_EQ(0, pthread_cond_broadcast(&changed), "pthread_cond_broadcast");
    pthread_mutex_unlock(&mutex);
    CHECK(wait_until_at_least(&woken, WAITERS), "one broadcast woke %d of %d waiters", woken, WAITERS);
    join_threads(threads, WAITERS);
    CHECK_EQ(WAITERS, woken, "waiters woken by one broadcast");
}

static void *take_a_token(void *argument)
{
    long index = (long)argument;
    tids[index] = gettid();
    pthread_mutex_lock(&mutex);
    waiting++;
    while (tokens == 0)
        pthread_cond_wait(&changed, &mutex);
    tokens--;
    taken++;
    took[index]++;
    pthread_mutex_unlock(&mutex);
    return 0;
}

static void each_signal_lets_one_waiter_go(void)
{
    tokens = taken = waiting = 0;
    memset((void *)took, 0, sizeof took);
    pthread_t threads[WAITERS];
    start_threads(threads, WAITERS, take_a_token);
    CHECK(wait_until_at_least(&waiting, WAITERS), "not every thread came to wait");
    CHECK(all_wait_on_the_futex(), "not every waiter sleeps in the kernel");
    for (int round = 1; round <= WAITERS; round++) {
        pthread_mutex_lock(&mutex);
        tokens++;
        CHECK_EQ(0, pthread_cond_signal(&changed), "pthread_cond_signal");
        pthread_mutex_unlock(&mutex);
        CHECK(wait_until_at_least(&taken, round), "signal %d let no waiter take the token", round);
        usleep(10000);
        CHECK_EQ(round, taken, "tokens taken after this many signals");
        int still_waiting = 0;
        for (int i = 0; i < WAITERS; i++)
            still_waiting += !took[i] && wait_until_thread_blocked_in(tids[i], "futex");
        CHECK_EQ(WAITERS - round, still_waiting, "threads still waiting in the kernel");
    }
    join_threads(threads, WAITERS);
    for (int i = 0; i < WAITERS; i++)
        CHECK_EQ(1, took[i], "tokens one waiter took");
}

static void timedwait_on(clockid_t clock, const char *what)
{
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    CHECK_EQ(0, pthread_condattr_setclock(&attributes, clock), "pthread_condattr_setclock");
    clockid_t got = -1;
    pthread_condattr_getclock(&attributes, &got);
    CHECK_EQ(clock, got, "pthread_condattr_getclock");
    pthread_cond_t condition;
    pthread_cond_init(&condition, &attributes);
    pthread_mutexattr_t checking;
    pthread_mutexattr_init(&checking);
    pthread_mutexattr_settype(&checking, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t lock;
    pthread_mutex_init(&lock, &checking);

    pthread_mutex_lock(&lock);
    struct timespec deadline = deadline_in(clock, 40000000);
    long long start = monotonic_ns();
    CHECK(pthread_cond_timedwait(&condition, &lock, &deadline) == ETIMEDOUT, "%s: no ETIMEDOUT", what);
    long long waited = monotonic_ns() - start;
    CHECK(waited >= 35000000 && waited < 2000000000LL, "%s: waited %lld ns for a 40 ms deadline", what, waited);
    CHECK(pthread_mutex_lock(&lock) == EDEADLK, "%s: the mutex is not held after ETIMEDOUT", what);
    struct timespec bad = { deadline.tv_sec + 10, 1000000000 };
    CHECK(pthread_cond_timedwait(&condition, &lock, &bad) == EINVAL, "%s: tv_nsec 1000000000 is not EINVAL", what);
    bad.tv_nsec = -1;
    CHECK(pthread_cond_timedwait(&condition, &lock, &bad) == EINVAL, "%s: tv_nsec -1 is not EINVAL", what);
    pthread_mutex_unlock(&lock);
    CHECK(pthread_cond_timedwait(&condition, &lock, &deadline) == EPERM,
          "%s: waiting with an error-checking mutex not held is not EPERM", what);
    pthread_mutex_destroy(&lock);
    pthread_cond_destroy(&condition);
}

static volatile int signalled;

static void *signal_after_20ms(void *unused)
{
    (void)unused;
    usleep(20000);
    pthread_mutex_lock(&mutex);
    signalled = 1;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&mutex);
    return 0;
}

static void timedwait_signalled_in_time_returns_0(void)
{
    signalled = 0;
    pthread_t signaller;
    pthread_create(&signaller, NULL, signal_after_20ms, NULL);
    pthread_mutex_lock(&mutex);
    struct timespec deadline = deadline_in(CLOCK_REALTIME, 5000000000LL);
    int result = 0;
    while (!signalled && result == 0)
        result = pthread_cond_timedwait(&changed, &mutex, &deadline);
    CHECK_EQ(0, result, "timedwait signalled 20 ms into a 5 s deadline");
    CHECK_EQ(1, signalled, "the predicate after the wait");
    pthread_mutex_unlock(&mutex);
    pthread_join(signaller, NULL);
}

/* Two threads, one kept to each CPU, take turns: each waits until the
 * turn count is its own, adds one, and signals. On several CPUs the
 * waits, which the library makes cancellation points, go without the big
 * kernel lock as the wakes do (kernel/ipc/futex_without_big_lock.c). */
#define TURNS 2000

static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static volatile unsigned turn;

static void *take_turns(void *argument)
{
    unsigned side = (unsigned)(long)argument;
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    keep_to_cpu((int)side % cpus);
    pthread_mutex_lock(&mutex);
    while (turn < TURNS) {
        while (turn < TURNS && turn % 2 != side)
            pthread_cond_wait(&turn_changed, &mutex);
        if (turn < TURNS) {
            turn++;
            pthread_cond_signal(&turn_changed);
        }
    }
    pthread_mutex_unlock(&mutex);
    return 0;
}

static void turns_between_two_cpus(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    turn = 0;
    pthread_t sides[2];
    for (long side = 0; side < 2; side++)
        CHECK_EQ(0, pthread_create(&sides[side], NULL, take_turns, (void *)side), "pthread_create");
    for (int side = 0; side < 2; side++)
        pthread_join(sides[side], NULL);
    CHECK_EQ((unsigned)TURNS, turn, "every turn taken, in turn");
    unsigned without = read_counters().calls_without_big_lock - before.calls_without_big_lock;
    printf("%d turns between two threads on %d CPU(s): calls without the big lock %u\n", TURNS, cpus, without);
    /* 4,038 on two CPUs; the kernel before sent the waits the big lock's
     * way (a cancellation point), and then the wakes too, to find those
     * waiters: 16 */
    if (cpus > 1)
        CHECK(without >= 3 * TURNS / 2, "the waits went without the big lock too (%u calls)", without);
}

static void cases(void)
{
    broadcast_wakes_every_waiter();
    each_signal_lets_one_waiter_go();
    timedwait_on(CLOCK_REALTIME, "CLOCK_REALTIME");
    timedwait_on(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
    timedwait_signalled_in_time_returns_0();
    turns_between_two_cpus();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_condvar_signal_broadcast_and_timedwait");
}
