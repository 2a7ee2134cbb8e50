/* tests/boot/thread_mutex_types_timeouts_and_process_shared_locks.c - the
 * three kinds of mutex, their timeouts, and a mutex and a condition
 * variable shared by processes (pthread_mutex_lock(3),
 * pthread_mutexattr_init(3), pthread_cond_wait(3)). A normal mutex keeps
 * four threads' increments exact; trylock of a held mutex is EBUSY. A
 * recursive one is held as many times as it was locked: another thread's
 * trylock is EBUSY until the last unlock, one unlock more is EPERM, and
 * so is an unlock by another thread. An error-checking one answers a
 * relock with EDEADLK, a trylock by its holder with EBUSY, an unlock by
 * another thread or of a free mutex with EPERM, and destroy while held
 * with EBUSY. timedlock of a mutex another thread holds ends with
 * ETIMEDOUT at the deadline (not before), at once for a deadline passed,
 * with EINVAL for a tv_nsec out of range, and with the mutex when it is
 * given up in time. A PTHREAD_PROCESS_SHARED mutex in MAP_SHARED memory
 * keeps the increments of three forked processes exact, and a process
 * waiting on a shared condition variable is woken by another's signal.
 * The same answers as Linux's. */
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define THREADS 4
#define INCREMENTS 5000

static pthread_mutex_t mutex;
static volatile long counter;

/* INCREMENTS times, under `lock`: read, now and then give up the CPU,
 * write back one more (without the lock, updates would be lost). */
static void add_under(pthread_mutex_t *lock, volatile long *total)
{
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(lock);
        long seen = *total;
        if (i % 500 == 0)
            sched_yield();                  /* the others find it taken */
        *total = seen + 1;
        pthread_mutex_unlock(lock);
    }
}

static void *add_under_the_mutex(void *unused)
{
    (void)unused;
    add_under(&mutex, &counter);
    return 0;
}

/* What another thread gets from one call on a mutex. */
enum call { TRYLOCK, UNLOCK };
static enum call other_call;

static void *call_from_another_thread(void *target)
{
    pthread_mutex_t *other_mutex = target;
    int result = other_call == TRYLOCK ? pthread_mutex_trylock(other_mutex) : pthread_mutex_unlock(other_mutex);
    if (other_call == TRYLOCK && result == 0)
        pthread_mutex_unlock(other_mutex);
    return (void *)(long)result;
}

static int from_another_thread(pthread_mutex_t *target, enum call call)
{
    other_call = call;
    return (int)result_in_another_thread(call_from_another_thread, target);
}

static void init_of_type(pthread_mutex_t *target, int type)
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    CHECK_EQ(0, pthread_mutexattr_settype(&attributes, type), "pthread_mutexattr_settype");
    int got = -1;
    pthread_mutexattr_gettype(&attributes, &got);
    CHECK_EQ(type, got, "pthread_mutexattr_gettype");
    CHECK_EQ(0, pthread_mutex_init(target, &attributes), "pthread_mutex_init");
    pthread_mutexattr_destroy(&attributes);
}

static void normal_mutex_excludes_and_trylock_is_ebusy(void)
{
    init_of_type(&mutex, PTHREAD_MUTEX_NORMAL);
    pthread_t threads[THREADS];
    start_threads(threads, THREADS, add_under_the_mutex);
    join_threads(threads, THREADS);
    CHECK_EQ(THREADS * INCREMENTS, counter, "increments of four threads under a normal mutex");

    CHECK_EQ(0, pthread_mutex_lock(&mutex), "lock");
    CHECK_EQ(EBUSY, from_another_thread(&mutex, TRYLOCK), "another thread's trylock of a held mutex");
    CHECK_EQ(0, pthread_mutex_unlock(&mutex), "unlock");
    CHECK_EQ(0, from_another_thread(&mutex, TRYLOCK), "another thread's trylock of a free mutex");
    CHECK_EQ(0, pthread_mutex_destroy(&mutex), "destroy of a free mutex");

    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    CHECK_EQ(EINVAL, pthread_mutexattr_settype(&attributes, 7), "pthread_mutexattr_settype(7)");
    CHECK_EQ(EINVAL, pthread_mutexattr_setpshared(&attributes, 7), "pthread_mutexattr_setpshared(7)");
}

static void recursive_mutex_counts(void)
{
    pthread_mutex_t recursive;
    init_of_type(&recursive, PTHREAD_MUTEX_RECURSIVE);
    CHECK_EQ(0, pthread_mutex_lock(&recursive), "first lock");
    CHECK_EQ(0, pthread_mutex_lock(&recursive), "second lock by the holder");
    CHECK_EQ(0, pthread_mutex_trylock(&recursive), "trylock by the holder");
    CHECK_EQ(EBUSY, from_another_thread(&recursive, TRYLOCK), "another thread's trylock (held three times)");
    CHECK_EQ(EPERM, from_another_thread(&recursive, UNLOCK), "another thread's unlock");
    CHECK_EQ(0, pthread_mutex_unlock(&recursive), "unlock 1 of 3");
    CHECK_EQ(0, pthread_mutex_unlock(&recursive), "unlock 2 of 3");
    CHECK_EQ(EBUSY, from_another_thread(&recursive, TRYLOCK), "another thread's trylock (held once more)");
    CHECK_EQ(0, pthread_mutex_unlock(&recursive), "unlock 3 of 3");
    CHECK_EQ(0, from_another_thread(&recursive, TRYLOCK), "another thread's trylock after the last unlock");
    CHECK_EQ(EPERM, pthread_mutex_unlock(&recursive), "an unlock more than the locks");
    CHECK_EQ(0, pthread_mutex_destroy(&recursive), "destroy");
}

static void error_checking_mutex_reports_misuse(void)
{
    pthread_mutex_t checking;
    init_of_type(&checking, PTHREAD_MUTEX_ERRORCHECK);
    CHECK_EQ(EPERM, pthread_mutex_unlock(&checking), "unlock of a free error-checking mutex");
    CHECK_EQ(0, pthread_mutex_lock(&checking), "lock");
    CHECK_EQ(EDEADLK, pthread_mutex_lock(&checking), "relock by the holder");
    CHECK_EQ(EBUSY, pthread_mutex_trylock(&checking), "trylock by the holder");
    CHECK_EQ(EPERM, from_another_thread(&checking, UNLOCK), "unlock by another thread");
    CHECK_EQ(EBUSY, pthread_mutex_destroy(&checking), "destroy while held");
    CHECK_EQ(0, pthread_mutex_unlock(&checking), "unlock by the holder");
    CHECK_EQ(0, from_another_thread(&checking, TRYLOCK), "another thread's trylock after the unlock");
    CHECK_EQ(0, pthread_mutex_destroy(&checking), "destroy");
}

/* ---- timedlock --------------------------------------------------------------- */

static pthread_mutex_t held;
static volatile int holder_ready, holder_may_release;

static void *hold_until_told(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&held);
    holder_ready = 1;
    while (!holder_may_release)
        usleep(1000);
    pthread_mutex_unlock(&held);
    return 0;
}

static void *release_after_30ms(void *unused)
{
    (void)unused;
    usleep(30000);
    holder_may_release = 1;
    return 0;
}

static void timedlock_times_out_and_checks_its_deadline(void)
{
    pthread_mutex_init(&held, NULL);
    holder_ready = holder_may_release = 0;
    pthread_t holder;
    pthread_create(&holder, NULL, hold_until_told, NULL);
    CHECK(wait_until_at_least(&holder_ready, 1), "the holder did not lock");

    struct timespec deadline = deadline_in(CLOCK_REALTIME, 50000000);
    long long start = monotonic_ns();
    CHECK_EQ(ETIMEDOUT, pthread_mutex_timedlock(&held, &deadline), "timedlock of a held mutex, 50 ms");
    long long waited = monotonic_ns() - start;
    CHECK(waited >= 45000000 && waited < 2000000000LL, "timedlock waited %lld ns for a 50 ms deadline", waited);

    struct timespec past = { 0, 0 };
    start = monotonic_ns();
    CHECK_EQ(ETIMEDOUT, pthread_mutex_timedlock(&held, &past), "timedlock with a deadline passed long ago");
    CHECK(monotonic_ns() - start < 20000000, "a deadline in the past still waited");
    struct timespec bad = { deadline.tv_sec + 10, -1 };
    CHECK_EQ(EINVAL, pthread_mutex_timedlock(&held, &bad), "timedlock with tv_nsec -1");
    bad.tv_nsec = 1000000000;
    CHECK_EQ(EINVAL, pthread_mutex_timedlock(&held, &bad), "timedlock with tv_nsec 1000000000");

    pthread_t releaser;
    pthread_create(&releaser, NULL, release_after_30ms, NULL);
    deadline = deadline_in(CLOCK_REALTIME, 2000000000LL);
    CHECK_EQ(0, pthread_mutex_timedlock(&held, &deadline), "timedlock of a mutex given up before the deadline");
    pthread_mutex_unlock(&held);
    pthread_join(releaser, NULL);
    pthread_join(holder, NULL);
}

/* ---- between processes ------------------------------------------------------ */

struct shared {
    pthread_mutex_t mutex;
    pthread_cond_t changed;
    volatile long counter;
    volatile int flag;
};

#define PROCESSES 3

static void process_shared_mutex_and_condition_variable(void)
{
    struct shared *shared = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                                 -1, 0);
    pthread_mutexattr_t mutex_attributes;
    pthread_mutexattr_init(&mutex_attributes);
    CHECK_EQ(0, pthread_mutexattr_setpshared(&mutex_attributes, PTHREAD_PROCESS_SHARED), "setpshared");
    int shared_attribute = -1;
    pthread_mutexattr_getpshared(&mutex_attributes, &shared_attribute);
    CHECK_EQ(PTHREAD_PROCESS_SHARED, shared_attribute, "getpshared");
    pthread_mutex_init(&shared->mutex, &mutex_attributes);
    pthread_condattr_t condition_attributes;
    pthread_condattr_init(&condition_attributes);
    CHECK_EQ(0, pthread_condattr_setpshared(&condition_attributes, PTHREAD_PROCESS_SHARED), "cond setpshared");
    pthread_cond_init(&shared->changed, &condition_attributes);
    shared->counter = 0;
    shared->flag = 0;

    pid_t children[PROCESSES];
    for (int p = 0; p < PROCESSES; p++) {
        children[p] = fork();
        if (children[p] == 0) {
            add_under(&shared->mutex, &shared->counter);
            _exit(0);
        }
    }
    for (int p = 0; p < PROCESSES; p++)
        expect_child_success(children[p], "an adding process");
    CHECK_EQ(PROCESSES * INCREMENTS, shared->counter, "increments of three processes under a shared mutex");

    pid_t waiter = fork();
    if (waiter == 0) {
        alarm(10);
        pthread_mutex_lock(&shared->mutex);
        while (!shared->flag)
            pthread_cond_wait(&shared->changed, &shared->mutex);
        pthread_mutex_unlock(&shared->mutex);
        _exit(0);
    }
    CHECK(wait_until_blocked_on_a_futex(waiter), "the other process does not wait on the condition variable");
    pthread_mutex_lock(&shared->mutex);
    shared->flag = 1;
    pthread_cond_signal(&shared->changed);
    pthread_mutex_unlock(&shared->mutex);
    expect_child_success(waiter, "the process woken through the shared condition variable");
    munmap(shared, sizeof *shared);
}

static void cases(void)
{
    normal_mutex_excludes_and_trylock_is_ebusy();
    recursive_mutex_counts();
    error_checking_mutex_reports_misuse();
    timedlock_times_out_and_checks_its_deadline();
    process_shared_mutex_and_condition_variable();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_mutex_types_timeouts_and_process_shared_locks");
}
