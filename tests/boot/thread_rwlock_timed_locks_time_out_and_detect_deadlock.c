/* tests/boot/thread_rwlock_timed_locks_time_out_and_detect_deadlock.c -
 * pthread_rwlock_rdlock(3) and its timed forms. A writer that asks for
 * its lock again, to read or to write, timed or not, gets EDEADLK, and the
 * try forms EBUSY; a timed lock of a lock another thread holds gives
 * ETIMEDOUT once its absolute CLOCK_REALTIME deadline has passed (not
 * before), and its lock when the holder lets go before it; a signal
 * handler that runs during the wait does not end it (no EINTR); a lock
 * that is free is taken even with a deadline in the past; a tv_nsec out
 * of range is EINVAL, free lock or not (glibc). A writer that
 * timed out leaves the lock usable; the try forms say EBUSY while the
 * other kind holds it. An unlock of a lock not held is EPERM on this
 * kernel (glibc gives 0: POSIX leaves it open). Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boot_test.h"

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

/* CLOCK_REALTIME `milliseconds` from now. */
static struct timespec in_ms(long milliseconds)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += milliseconds / 1000;
    t.tv_nsec += (milliseconds % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

static void a_writer_asking_again_gets_edeadlk(void)
{
    struct timespec deadline = in_ms(1000);
    CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "wrlock");
    CHECK_EQ(EDEADLK, pthread_rwlock_wrlock(&lock), "wrlock by the writer");
    CHECK_EQ(EDEADLK, pthread_rwlock_rdlock(&lock), "rdlock by the writer");
    CHECK_EQ(EDEADLK, pthread_rwlock_timedwrlock(&lock, &deadline), "timedwrlock by the writer");
    CHECK_EQ(EDEADLK, pthread_rwlock_timedrdlock(&lock, &deadline), "timedrdlock by the writer");
    CHECK_EQ(EBUSY, pthread_rwlock_trywrlock(&lock), "trywrlock by the writer");
    CHECK_EQ(EBUSY, pthread_rwlock_tryrdlock(&lock), "tryrdlock by the writer");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
    CHECK_EQ(0, pthread_rwlock_destroy(&lock), "the lock is free again: destroy");
    CHECK_EQ(0, pthread_rwlock_init(&lock, NULL), "init");
}

/* ---- a timed lock against a holder in another thread ------------------------ */

enum { READ, WRITE };
struct attempt {
    int kind;
    struct timespec deadline;
    int result;
    long long waited_ns;
};

static void *attempt_timed_lock(void *argument)
{
    struct attempt *a = argument;
    long long start = realtime_ns();
    a->result = a->kind == READ ? pthread_rwlock_timedrdlock(&lock, &a->deadline)
                                : pthread_rwlock_timedwrlock(&lock, &a->deadline);
    a->waited_ns = realtime_ns() - start;
    if (a->result == 0)
        pthread_rwlock_unlock(&lock);
    return NULL;
}

static struct attempt attempt_in_thread(int kind, struct timespec deadline)
{
    struct attempt a = { kind, deadline, -1, 0 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, attempt_timed_lock, &a), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
    return a;
}

static void timed_locks_time_out_at_their_deadline(void)
{
    CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "wrlock");
    long long deadline_ns = realtime_ns() + 100000000LL;
    struct attempt a = attempt_in_thread(READ, in_ms(100));
    CHECK_EQ(ETIMEDOUT, a.result, "timedrdlock of a lock held to write");
    CHECK(realtime_ns() >= deadline_ns - 1000000, "it waited until its deadline (%lld ms)", a.waited_ns / 1000000);
    deadline_ns = realtime_ns() + 100000000LL;   /* the thread's own wait begins after its creation */
    a = attempt_in_thread(WRITE, in_ms(100));
    CHECK_EQ(ETIMEDOUT, a.result, "timedwrlock of a lock held to write");
    CHECK(realtime_ns() >= deadline_ns - 1000000, "it waited until its deadline (%lld ms)", a.waited_ns / 1000000);
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");

    CHECK_EQ(0, pthread_rwlock_rdlock(&lock), "rdlock");
    a = attempt_in_thread(WRITE, in_ms(80));
    CHECK_EQ(ETIMEDOUT, a.result, "timedwrlock of a lock held to read");
    a = attempt_in_thread(READ, in_ms(80));
    CHECK_EQ(0, a.result, "timedrdlock beside a reader, once the writer gave up");
    CHECK_EQ(EBUSY, pthread_rwlock_trywrlock(&lock), "trywrlock while a reader holds it");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
    CHECK_EQ(0, pthread_rwlock_trywrlock(&lock), "trywrlock of a free lock");
    CHECK_EQ(EBUSY, pthread_rwlock_tryrdlock(&lock), "tryrdlock while a writer holds it");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
}

static struct attempt released;

static void *wait_long_for_the_lock(void *unused)
{
    (void)unused;
    return attempt_timed_lock(&released);
}

static void a_timed_lock_gets_the_lock_when_it_is_released(void)
{
    for (int kind = READ; kind <= WRITE; kind++) {
        CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "wrlock");
        released = (struct attempt){ kind, in_ms(5000), -1, 0 };
        pthread_t thread;
        CHECK_EQ(0, pthread_create(&thread, NULL, wait_long_for_the_lock, NULL), "pthread_create");
        usleep(50000);
        CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
        CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
        CHECK_EQ(0, released.result, "the timed lock got it");
        CHECK(released.waited_ns < 2000000000LL, "soon after the unlock (%lld ms)", released.waited_ns / 1000000);
    }
}

static volatile int handler_ran;
static void note_signal(int signal)
{
    (void)signal;
    handler_ran = 1;
}

static void a_signal_handler_does_not_end_the_wait(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    CHECK_EQ(0, sigaction(SIGUSR1, &action, NULL), "sigaction");
    CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "wrlock");
    released = (struct attempt){ READ, in_ms(300), -1, 0 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_long_for_the_lock, NULL), "pthread_create");
    usleep(100000);
    CHECK_EQ(0, pthread_kill(thread, SIGUSR1), "pthread_kill");
    CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
    CHECK_EQ(1, handler_ran, "the handler ran in the waiting thread");
    CHECK_EQ(ETIMEDOUT, released.result, "the wait went on to its deadline (not EINTR)");
    CHECK(released.waited_ns >= 290000000LL, "it waited its 300 ms (%lld ms)", released.waited_ns / 1000000);
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
}

static void deadlines_matter_only_when_the_call_would_wait(void)
{
    struct timespec past = in_ms(0);
    past.tv_sec -= 10;
    struct timespec bad_low = in_ms(1000), bad_high = in_ms(1000);
    bad_low.tv_nsec = -1;
    bad_high.tv_nsec = 1000000000L;
    CHECK_EQ(0, pthread_rwlock_timedrdlock(&lock, &past), "timedrdlock of a free lock, deadline passed");
    CHECK_EQ(EINVAL, pthread_rwlock_timedrdlock(&lock, &bad_low), "timedrdlock beside our reader, tv_nsec -1");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
    CHECK_EQ(EINVAL, pthread_rwlock_timedwrlock(&lock, &bad_high), "timedwrlock of a free lock, tv_nsec 1000000000");
    CHECK_EQ(0, pthread_rwlock_timedwrlock(&lock, &past), "timedwrlock of a free lock, deadline passed");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");

    CHECK_EQ(0, pthread_rwlock_wrlock(&lock), "wrlock");
    struct attempt a = attempt_in_thread(READ, bad_low);
    CHECK_EQ(EINVAL, a.result, "timedrdlock that would wait, tv_nsec -1");
    a = attempt_in_thread(WRITE, bad_high);
    CHECK_EQ(EINVAL, a.result, "timedwrlock that would wait, tv_nsec 1000000000");
    a = attempt_in_thread(WRITE, past);
    CHECK_EQ(ETIMEDOUT, a.result, "timedwrlock that would wait, deadline passed");
    CHECK_EQ(0, pthread_rwlock_unlock(&lock), "unlock");
#ifndef TESTS_LINUX_KERNEL_H  /* built for this kernel, not by tools/linux-check */
    CHECK_EQ(EPERM, pthread_rwlock_unlock(&lock), "unlock of a lock nobody holds");
#endif
    CHECK_EQ(0, pthread_rwlock_destroy(&lock), "destroy");
}

static void cases(void)
{
    a_writer_asking_again_gets_edeadlk();
    timed_locks_time_out_at_their_deadline();
    a_timed_lock_gets_the_lock_when_it_is_released();
    a_signal_handler_does_not_end_the_wait();
    deadlines_matter_only_when_the_call_would_wait();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_rwlock_timed_locks_time_out_and_detect_deadlock");
}
