/* tests/boot/thread_rwlock_barrier_spin_once_and_keys_keep_their_promises.c
 * - the other synchronisation of <pthread.h> (pthreads(7)). A read-write
 * lock lets six readers hold it at once, but a writer alone: with
 * readers and writers looping, no reader ever sees a writer inside and
 * no writer sees anyone; tryrdlock is EBUSY while a writer holds it,
 * trywrlock while a reader does, and a reader that comes while a writer
 * waits waits behind it (no writer starves). A barrier of five threads,
 * ten rounds: nobody leaves a round before all five arrived, and each
 * round exactly one gets PTHREAD_BARRIER_SERIAL_THREAD; a count of 0 is
 * EINVAL. A spin lock keeps three threads' increments exact; trylock of
 * a held one is EBUSY. pthread_once, raced by eight threads, runs its
 * routine once, and every caller returns only once it has finished. A
 * key's destructor runs at each thread's end with that thread's value
 * (not for a NULL value), in that thread, again while it sets a new
 * value, up to PTHREAD_DESTRUCTOR_ITERATIONS times; values are each
 * thread's own. */
#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

/* ---- read-write lock ---------------------------------------------------------- */

#define READERS 6
#define LOOPS 300

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static volatile int readers_inside, writers_inside, most_readers_inside, violations;

static void *read_until_all_are_inside(void *unused)
{
    (void)unused;
    pthread_rwlock_rdlock(&rwlock);
    atomic_add_int(&readers_inside, 1);
    for (int i = 0; i < 2000 && readers_inside < READERS; i++)
        usleep(1000);                       /* gives up after 2 s if readers exclude each other */
    if (readers_inside > most_readers_inside)
        most_readers_inside = readers_inside;
    usleep(5000);
    atomic_add_int(&readers_inside, -1);
    pthread_rwlock_unlock(&rwlock);
    return 0;
}

static void *read_in_a_loop(void *unused)
{
    (void)unused;
    for (int i = 0; i < LOOPS; i++) {
        pthread_rwlock_rdlock(&rwlock);
        atomic_add_int(&readers_inside, 1);
        if (writers_inside)
            atomic_add_int(&violations, 1);
        if (i % 16 == 0)
            sched_yield();
        atomic_add_int(&readers_inside, -1);
        pthread_rwlock_unlock(&rwlock);
    }
    return 0;
}

static void *write_in_a_loop(void *unused)
{
    (void)unused;
    for (int i = 0; i < LOOPS; i++) {
        pthread_rwlock_wrlock(&rwlock);
        if (atomic_add_int(&writers_inside, 1) != 0 || readers_inside)
            atomic_add_int(&violations, 1);
        if (i % 8 == 0)
            sched_yield();
        atomic_add_int(&writers_inside, -1);
        pthread_rwlock_unlock(&rwlock);
    }
    return 0;
}

static volatile int writer_tid, writer_done;

static void *write_once(void *unused)
{
    (void)unused;
    writer_tid = gettid();
    pthread_rwlock_wrlock(&rwlock);
    writer_done = 1;
    pthread_rwlock_unlock(&rwlock);
    return 0;
}

static void *tryrdlock_now(void *unused)
{
    (void)unused;
    int result = pthread_rwlock_tryrdlock(&rwlock);
    if (result == 0)
        pthread_rwlock_unlock(&rwlock);
    return (void *)(long)result;
}

static void *trywrlock_now(void *unused)
{
    (void)unused;
    int result = pthread_rwlock_trywrlock(&rwlock);
    if (result == 0)
        pthread_rwlock_unlock(&rwlock);
    return (void *)(long)result;
}

static int in_another_thread(void *(*call)(void *))
{
    return (int)result_in_another_thread(call, NULL);
}

static void rwlock_shares_reading_and_excludes_writing(void)
{
    pthread_t threads[READERS + 2];
    start_threads(threads, READERS, read_until_all_are_inside);
    join_threads(threads, READERS);
    CHECK_EQ(READERS, most_readers_inside, "readers holding the lock at once");

    violations = 0;
    for (long i = 0; i < READERS + 2; i++)
        pthread_create(&threads[i], NULL, i < READERS ? read_in_a_loop : write_in_a_loop, NULL);
    join_threads(threads, READERS + 2);
    CHECK_EQ(0, violations, "times a reader saw a writer inside, or a writer anyone");

    CHECK_EQ(0, pthread_rwlock_wrlock(&rwlock), "wrlock");
    CHECK_EQ(EBUSY, in_another_thread(tryrdlock_now), "tryrdlock while a writer holds the lock");
    CHECK_EQ(EBUSY, in_another_thread(trywrlock_now), "trywrlock while a writer holds the lock");
    pthread_rwlock_unlock(&rwlock);
    CHECK_EQ(0, pthread_rwlock_rdlock(&rwlock), "rdlock");
    CHECK_EQ(EBUSY, in_another_thread(trywrlock_now), "trywrlock while a reader holds the lock");
    CHECK_EQ(0, in_another_thread(tryrdlock_now), "tryrdlock while only a reader holds the lock");

    writer_tid = writer_done = 0;
    pthread_t writer;
    pthread_create(&writer, NULL, write_once, NULL);
    CHECK(WAIT_UNTIL(writer_tid && thread_is_blocked_in(writer_tid, "futex")), "the writer does not wait");
    CHECK_EQ(EBUSY, in_another_thread(tryrdlock_now), "tryrdlock while a writer waits");
    CHECK_EQ(0, writer_done, "the writer got in while a reader held the lock");
    pthread_rwlock_unlock(&rwlock);
    pthread_join(writer, NULL);
    CHECK_EQ(1, writer_done, "the waiting writer after the reader's unlock");
    CHECK_EQ(0, pthread_rwlock_destroy(&rwlock), "destroy");
}

/* ---- barrier -------------------------------------------------------------------- */

#define PARTIES 5
#define ROUNDS 10

static pthread_barrier_t barrier;
static volatile int arrived[ROUNDS], serial[ROUNDS], early_leavers;

static void *meet_at_the_barrier(void *unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS; round++) {
        atomic_add_int(&arrived[round], 1);
        if (round % 3 == 0)
            sched_yield();
        int result = pthread_barrier_wait(&barrier);
        if (arrived[round] != PARTIES)
            atomic_add_int(&early_leavers, 1);
        if (result == PTHREAD_BARRIER_SERIAL_THREAD)
            atomic_add_int(&serial[round], 1);
        else if (result != 0)
            atomic_add_int(&early_leavers, 100);
    }
    return 0;
}

static void barrier_releases_all_together_with_one_serial_thread(void)
{
    CHECK_EQ(EINVAL, pthread_barrier_init(&barrier, NULL, 0), "a barrier of 0 threads");
    CHECK_EQ(0, pthread_barrier_init(&barrier, NULL, PARTIES), "pthread_barrier_init");
    pthread_t threads[PARTIES];
    start_threads(threads, PARTIES, meet_at_the_barrier);
    join_threads(threads, PARTIES);
    CHECK_EQ(0, early_leavers, "threads that left a round before all arrived (or got neither 0 nor SERIAL)");
    for (int round = 0; round < ROUNDS; round++)
        CHECK(serial[round] == 1, "round %d: %d threads got PTHREAD_BARRIER_SERIAL_THREAD, expected 1", round,
              serial[round]);
    CHECK_EQ(0, pthread_barrier_destroy(&barrier), "pthread_barrier_destroy");
}

/* ---- spin lock -------------------------------------------------------------------- */

#define SPINNERS 3
#define SPIN_INCREMENTS 3000

static pthread_spinlock_t spin;
static volatile long spin_counter;

static void *add_under_the_spin_lock(void *unused)
{
    (void)unused;
    for (int i = 0; i < SPIN_INCREMENTS; i++) {
        pthread_spin_lock(&spin);
        long seen = spin_counter;
        for (volatile int delay = 0; delay < 50; delay++)
            ;                               /* a window a timer tick may fall in */
        spin_counter = seen + 1;
        pthread_spin_unlock(&spin);
    }
    return 0;
}

static void *spin_trylock_now(void *unused)
{
    (void)unused;
    return (void *)(long)pthread_spin_trylock(&spin);
}

static void spin_lock_excludes(void)
{
    CHECK_EQ(0, pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), "pthread_spin_init");
    pthread_t threads[SPINNERS];
    start_threads(threads, SPINNERS, add_under_the_spin_lock);
    join_threads(threads, SPINNERS);
    CHECK_EQ(SPINNERS * SPIN_INCREMENTS, spin_counter, "increments of three threads under a spin lock");
    CHECK_EQ(0, pthread_spin_lock(&spin), "pthread_spin_lock");
    CHECK_EQ(EBUSY, in_another_thread(spin_trylock_now), "another thread's trylock of a held spin lock");
    CHECK_EQ(EBUSY, pthread_spin_destroy(&spin), "destroy of a held spin lock");
    pthread_spin_unlock(&spin);
    CHECK_EQ(0, pthread_spin_destroy(&spin), "pthread_spin_destroy");
}

/* ---- once -------------------------------------------------------------------------- */

#define RACERS 8

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int routine_runs, routine_done, returned_before_done, at_the_start;

static void the_routine(void)
{
    atomic_add_int(&routine_runs, 1);
    usleep(20000);                          /* the others must wait for it */
    routine_done = 1;
}

static void *race_to_once(void *unused)
{
    (void)unused;
    atomic_add_int(&at_the_start, 1);
    while (at_the_start < RACERS)
        sched_yield();
    CHECK_EQ(0, pthread_once(&once, the_routine), "pthread_once");
    if (!routine_done)
        atomic_add_int(&returned_before_done, 1);
    return 0;
}

static void once_runs_once_and_callers_wait_for_it(void)
{
    pthread_t threads[RACERS];
    start_threads(threads, RACERS, race_to_once);
    join_threads(threads, RACERS);
    CHECK_EQ(1, routine_runs, "runs of the routine of eight pthread_once calls at once");
    CHECK_EQ(0, returned_before_done, "callers back from pthread_once before the routine finished");
    CHECK_EQ(0, pthread_once(&once, the_routine), "pthread_once afterwards");
    CHECK_EQ(1, routine_runs, "runs of the routine after one more call");
}

/* ---- keys ------------------------------------------------------------------------- */

#define KEYED 5

struct value {
    int owner_tid;
    int destroyed;                          /* times the destructor got this value */
    int destroyed_by_tid;
    int renew;                              /* times the destructor sets a new value */
};

static pthread_key_t key;
static struct value values[KEYED + 1], main_value;
static volatile int destructor_calls, null_destructions;

static void destroy(void *pointer)
{
    struct value *value = pointer;
    atomic_add_int(&destructor_calls, 1);
    if (!value) {
        atomic_add_int(&null_destructions, 1);
        return;
    }
    value->destroyed++;
    value->destroyed_by_tid = gettid();
    if (value->renew-- > 0)
        pthread_setspecific(key, value);    /* again in the next round */
}

static void *keep_a_value(void *argument)
{
    long index = (long)argument;
    struct value *value = &values[index];
    value->owner_tid = gettid();
    value->renew = index == 0 ? 2 : index == 1 ? 10 : 0;
    if (pthread_getspecific(key) != NULL)
        return (void *)1L;                  /* a new thread's value is NULL */
    if (index == KEYED - 1)
        return 0;                           /* this one sets none: no destructor call */
    pthread_setspecific(key, value);
    usleep(5000);                           /* the others set theirs meanwhile */
    if (pthread_getspecific(key) != value)
        return (void *)1L;
    if (index == 2)
        pthread_exit(0);                    /* pthread_exit runs them too */
    return 0;
}

static void key_destructors_run_at_each_threads_end(void)
{
    CHECK_EQ(0, pthread_key_create(&key, destroy), "pthread_key_create");
    CHECK_EQ(EINVAL, pthread_setspecific(PTHREAD_KEYS_MAX + 3, &main_value), "setspecific of a key never made");
    pthread_setspecific(key, &main_value);
    pthread_t threads[KEYED];
    start_threads(threads, KEYED, keep_a_value);
    CHECK_EQ(0, join_threads(threads, KEYED), "threads that saw a value not their own");
    CHECK(pthread_getspecific(key) == &main_value, "the first thread's value changed");
    CHECK_EQ(0, main_value.destroyed, "destructor calls with the value of a thread still running");
    CHECK_EQ(0, null_destructions, "destructor calls with NULL");
    CHECK_EQ(3, values[0].destroyed, "destructor calls for a value set again twice by the destructor");
    CHECK_EQ(PTHREAD_DESTRUCTOR_ITERATIONS, values[1].destroyed,
             "destructor calls for a value set again every time (PTHREAD_DESTRUCTOR_ITERATIONS)");
    CHECK_EQ(1, values[2].destroyed, "destructor calls at pthread_exit");
    CHECK_EQ(1, values[3].destroyed, "destructor calls at the return of the start routine");
    CHECK_EQ(0, values[KEYED - 1].destroyed, "destructor calls for a thread that set no value");
    for (int i = 0; i < KEYED - 1; i++)
        CHECK(values[i].destroyed_by_tid == values[i].owner_tid,
              "thread %d's value was destroyed in thread %d, not in it (%d)", i, values[i].destroyed_by_tid,
              values[i].owner_tid);
    CHECK_EQ(3 + PTHREAD_DESTRUCTOR_ITERATIONS + 2, destructor_calls, "destructor calls in all");
}

static void cases(void)
{
    rwlock_shares_reading_and_excludes_writing();
    barrier_releases_all_together_with_one_serial_thread();
    spin_lock_excludes();
    once_runs_once_and_callers_wait_for_it();
    key_destructors_run_at_each_threads_end();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_rwlock_barrier_spin_once_and_keys_keep_their_promises");
}
