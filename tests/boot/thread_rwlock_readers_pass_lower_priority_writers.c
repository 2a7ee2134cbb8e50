/* tests/boot/thread_rwlock_readers_pass_lower_priority_writers.c - POSIX
 * pthread_rwlock_rdlock(3), for real-time threads: "the calling thread
 * shall not acquire the lock if a writer holds the lock or if ... writers
 * of higher or equal priority are blocked on the lock; otherwise, the
 * calling thread shall acquire the lock." Everything runs on CPU 0 (but
 * one case's writer) in SCHED_FIFO, with the main thread above the
 * others: each step lets them run by sleeping 20 ms, in which they run
 * until they block or end.
 *  - the main thread (priority 3) holds a read lock; a writer of
 *    priority 1 blocks; a reader of priority 2 gets the lock at once, one
 *    of priority 1 does not (EBUSY from tryrdlock); the last read unlock
 *    gives the writer the lock (the Open POSIX Test Suite's
 *    pthread_rwlock_rdlock/2-3);
 *  - a writer of priority 4 holds the lock; a reader of priority 4 and a
 *    writer of priority 2 wait; the unlock lets the reader in before the
 *    writer (as pthread_rwlock_unlock/3-1 asks, which Linux's
 *    reader-preferring lock passes by other means);
 *  - a writer of 3, a reader of 3 and a writer of 1 wait: the writer of
 *    3 goes first, then the reader, whose priority now outranks every
 *    writer left (pthread_rwlock_unlock/3-1 itself, which Linux fails);
 *  - on two CPUs, a writer of 2 waits on the second CPU and a reader of
 *    4 on the first, which the main thread (5) keeps a while after its
 *    unlock: the reader must still go first. A lock that woke the writer
 *    too let it take the lock on its idle CPU before the reader ("WR");
 *  - threads without a real-time priority are unchanged: a waiting
 *    writer holds every new reader back;
 *  - unless the lock was made with GNU's PTHREAD_RWLOCK_PREFER_READER_NP
 *    (pthread_rwlockattr_setkind_np; PREFER_WRITER_NP is the same, as in
 *    glibc): then a reader passes any waiting writer; an unknown kind is
 *    EINVAL, and a new attribute object says PREFER_WRITER_NONRECURSIVE_NP.
 * On Linux, glibc's rwlock prefers readers by default: a reader passes
 * any waiting writer, so there the cases of readers held back (EBUSY
 * here, as POSIX says for equal priorities) and of the default kind fail;
 * the others pass. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>

#include "boot_test.h"
#include "boot_realtime.h"   /* spin_for_ms */

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static char events[16];
static int event_count;

static void note(char event)
{
    events[event_count++] = event;
    events[event_count] = 0;
}

static void *writer(void *name)
{
    pthread_rwlock_wrlock(&lock);
    note(*(char *)name);
    pthread_rwlock_unlock(&lock);
    return NULL;
}

static void *reader(void *name)
{
    pthread_rwlock_rdlock(&lock);
    note(*(char *)name);
    pthread_rwlock_unlock(&lock);
    return NULL;
}

static int try_result;

static void *try_reader(void *unused)
{
    (void)unused;
    try_result = pthread_rwlock_tryrdlock(&lock);
    if (try_result == 0)
        pthread_rwlock_unlock(&lock);
    return NULL;
}

static pthread_t start(int priority, void *(*body)(void *), void *argument)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setinheritsched(&attributes, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attributes, priority ? SCHED_FIFO : SCHED_OTHER);
    struct sched_param param = { .sched_priority = priority };
    pthread_attr_setschedparam(&attributes, &param);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, &attributes, body, argument), "pthread_create");
    pthread_attr_destroy(&attributes);
    return thread;
}

static void set_my_priority(int priority)
{
    struct sched_param param = { .sched_priority = priority };
    CHECK_EQ(0, pthread_setschedparam(pthread_self(), priority ? SCHED_FIFO : SCHED_OTHER, &param),
             "pthread_setschedparam");
}

/* The main thread sleeps, so that the lower threads run until they block
 * or end. */
static void let_them_run(void)
{
    usleep(20 * 1000);
}

/* The cases of a write unlock: the main thread, of priority 5, holds
 * the lock to write while the threads it starts block on it ... */
static void hold_to_write(void)
{
    event_count = 0;
    set_my_priority(5);
    CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "the main thread's write lock");
}

/* ... and lets go once they all wait. */
static void unlock_once_all_wait(void)
{
    let_them_run();
    CHECK(event_count == 0, "someone got the lock while it was held to write: events \"%s\"", events);
    pthread_rwlock_unlock(&lock);
}

static void a_reader_passes_a_lower_writer(void)
{
    event_count = 0;
    set_my_priority(3);
    CHECK_EQ(0, pthread_rwlock_rdlock(&lock), "the main thread's read lock");
    pthread_t low_writer = start(1, writer, "W");
    let_them_run();                                      /* the writer blocks */
    CHECK(event_count == 0, "a writer got a lock held to read: events \"%s\"", events);
    pthread_t high_reader = start(2, reader, "r");
    let_them_run();                                      /* the reader passes the writer */
    CHECK(!strcmp(events, "r"), "a reader of priority 2 beside a waiting writer of priority 1: events \"%s\" "
          "(expected \"r\": it got the lock)", events);
    pthread_t equal_reader = start(1, try_reader, 0);
    let_them_run();
    CHECK_EQ(EBUSY, try_result, "tryrdlock of a reader of the waiting writer's priority (1)");
    pthread_rwlock_unlock(&lock);
    pthread_join(high_reader, NULL);
    pthread_join(equal_reader, NULL);
    pthread_join(low_writer, NULL);
    CHECK(!strcmp(events, "rW"), "after the last read unlock: events \"%s\" (expected \"rW\")", events);
    set_my_priority(0);
}

static void an_unlock_lets_a_higher_reader_in_first(void)
{
    hold_to_write();
    pthread_t low_writer = start(2, writer, "W");
    pthread_t high_reader = start(4, reader, "R");
    unlock_once_all_wait();
    pthread_join(high_reader, NULL);
    pthread_join(low_writer, NULL);
    CHECK(!strcmp(events, "RW"), "after the write unlock: events \"%s\" (expected \"RW\": the reader of "
          "priority 4 before the writer of priority 2)", events);
    set_my_priority(0);
}

/* The writers' highest priority must be exact when one stops waiting:
 * a writer of 3 and a reader of 3 wait, then a writer of 1; the unlock
 * gives the lock to the writer of 3 (a reader does not pass a writer of
 * its own priority), and once it is gone the reader of 3 outranks the
 * one writer left, of 1, and goes first (pthread_rwlock_unlock/3-1). */
static void a_writer_that_stops_waiting_lowers_the_bar(void)
{
    hold_to_write();
    pthread_t first_writer = start(3, writer, "W");
    pthread_t equal_reader = start(3, reader, "R");
    pthread_t low_writer = start(1, writer, "w");
    unlock_once_all_wait();
    pthread_join(first_writer, NULL);
    pthread_join(equal_reader, NULL);
    pthread_join(low_writer, NULL);
    CHECK(!strcmp(events, "WRw"), "after the write unlock: events \"%s\" (expected \"WRw\": the writer of "
          "priority 3, then the reader of 3 before the writer of 1)", events);
    set_my_priority(0);
}

static void *writer_on_cpu1(void *name)
{
    keep_to_cpu(1);
    return writer(name);
}

/* A wake meant for a reader that may pass the writers must not wake a
 * writer too: on another CPU it would take the lock first. */
static void on_two_cpus_the_unlock_wakes_the_higher_reader_alone(void)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return;
    hold_to_write();
    pthread_t low_writer = start(2, writer_on_cpu1, "W");
    pthread_t high_reader = start(4, reader, "R");
    unlock_once_all_wait();                              /* the writer waits on CPU 1 */
    spin_for_ms(20);                                     /* the reader's CPU stays ours a while */
    pthread_join(high_reader, NULL);
    pthread_join(low_writer, NULL);
    CHECK(!strcmp(events, "RW"), "on two CPUs, after the write unlock: events \"%s\" (expected \"RW\": the "
          "reader of priority 4 before the writer of priority 2 on the other CPU)", events);
    set_my_priority(0);
}

/* With a read hold of ours and a writer (no real-time priority) waiting,
 * what another thread's tryrdlock answers; all let go after. */
static int tryrdlock_beside_a_waiting_writer(void)
{
    CHECK_EQ(0, pthread_rwlock_rdlock(&lock), "read lock");
    pthread_t waiting_writer = start(0, writer, "w");
    for (int i = 0; i < 20; i++)
        usleep(1000);                                    /* the writer is waiting by now */
    pthread_t later_reader = start(0, try_reader, 0);
    pthread_join(later_reader, NULL);
    pthread_rwlock_unlock(&lock);
    pthread_join(waiting_writer, NULL);
    return try_result;
}

static void without_priorities_a_waiting_writer_holds_readers_back(void)
{
    CHECK_EQ(EBUSY, tryrdlock_beside_a_waiting_writer(), "tryrdlock beside a waiting writer, no real-time priorities");
}

static void a_reader_preferring_lock_lets_readers_pass(int kind, const char *what)
{
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    CHECK_EQ(0, pthread_rwlockattr_setkind_np(&attributes, kind), what);
    pthread_rwlock_destroy(&lock);
    CHECK_EQ(0, pthread_rwlock_init(&lock, &attributes), "pthread_rwlock_init");
    int result = tryrdlock_beside_a_waiting_writer();
    CHECK(result == 0, "%s: tryrdlock beside a waiting writer: %s (expected to get the lock)", what, strerror(result));
    pthread_rwlockattr_destroy(&attributes);
}

static void lock_kinds(void)
{
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    int kind = -1;
    CHECK_EQ(0, pthread_rwlockattr_getkind_np(&attributes, &kind), "pthread_rwlockattr_getkind_np");
    CHECK_EQ(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP, kind, "a new attribute object's kind");
    CHECK_EQ(EINVAL, pthread_rwlockattr_setkind_np(&attributes, 3), "pthread_rwlockattr_setkind_np(3)");
    pthread_rwlockattr_destroy(&attributes);
    a_reader_preferring_lock_lets_readers_pass(PTHREAD_RWLOCK_PREFER_READER_NP, "PTHREAD_RWLOCK_PREFER_READER_NP");
    a_reader_preferring_lock_lets_readers_pass(PTHREAD_RWLOCK_PREFER_WRITER_NP, "PTHREAD_RWLOCK_PREFER_WRITER_NP");
}

int main(void)
{
    cpu_set_t only_cpu0;
    CPU_ZERO(&only_cpu0);
    CPU_SET(0, &only_cpu0);
    CHECK_EQ(0, sched_setaffinity(0, sizeof only_cpu0, &only_cpu0), "sched_setaffinity to CPU 0");
    a_reader_passes_a_lower_writer();
    an_unlock_lets_a_higher_reader_in_first();
    a_writer_that_stops_waiting_lowers_the_bar();
    on_two_cpus_the_unlock_wakes_the_higher_reader_alone();
    without_priorities_a_waiting_writer_holds_readers_back();
    lock_kinds();
    return test_finish("thread_rwlock_readers_pass_lower_priority_writers");
}
