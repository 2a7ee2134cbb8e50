/* tests/boot/posix_sem_timedwait_and_signals.c - waiting with a deadline,
 * and signals during a wait. sem_timedwait's deadline is an absolute
 * CLOCK_REALTIME time: without a post it fails with ETIMEDOUT, not before
 * the deadline and not long after it - even when a post woke it in between
 * and someone else took the unit; a deadline already past fails at once,
 * unless a unit is there; a tv_nsec outside [0, 1e9) is EINVAL; a post
 * before the deadline ends the wait with success. A signal caught by a
 * handler ends sem_timedwait with EINTR, and sem_wait too when the handler
 * has no SA_RESTART; under SA_RESTART sem_wait waits on after the handler
 * until a post (Linux's FUTEX_WAIT is restarted; the Open POSIX Test
 * Suite's sigaction/16-1); a stop and a continue, with no handler, do not
 * end the wait. A waiter killed while it waits takes no unit with it. */
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>

#include "boot_test.h"
#include "boot_memory.h"
#include "boot_wait.h"

#define NS_PER_SECOND 1000000000ll
#define NS_PER_MS 1000000ll
#define LATENESS_ALLOWED_NS (20 * NS_PER_MS)   /* two clock ticks */

struct shared {
    sem_t semaphore;
    volatile long long lateness_ns;    /* a child's return time minus its deadline */
    volatile int error;                /* the errno a child's call ended with */
    volatile int handler_ran;          /* a child's handler ran (for the parent to see) */
};

static struct shared *shared;
static volatile sig_atomic_t handler_ran;

static struct timespec deadline_in(long long ns)
{
    long long at = realtime_ns() + ns;
    struct timespec deadline = { (time_t)(at / NS_PER_SECOND), (long)(at % NS_PER_SECOND) };
    return deadline;
}

static long long ns_of(struct timespec t)
{
    return (long long)t.tv_sec * NS_PER_SECOND + t.tv_nsec;
}

static void timedwait_times_out_at_its_deadline_not_before(void)
{
    sem_init(&shared->semaphore, 1, 0);
    struct timespec deadline = deadline_in(200 * NS_PER_MS);
    CHECK_ERROR(sem_timedwait(&shared->semaphore, &deadline), ETIMEDOUT);
    long long late = realtime_ns() - ns_of(deadline);
    CHECK(late >= 0, "sem_timedwait returned %lld ms before its deadline", -late / NS_PER_MS);
    CHECK(late < LATENESS_ALLOWED_NS, "sem_timedwait returned %lld ms after its deadline (expected under %lld ms)",
          late / NS_PER_MS, LATENESS_ALLOWED_NS / NS_PER_MS);
    CHECK_EQ(0, semaphore_value(&shared->semaphore), "value after the timeout");
    sem_destroy(&shared->semaphore);
}

static void a_deadline_already_past_fails_at_once_unless_a_unit_is_there(void)
{
    sem_init(&shared->semaphore, 1, 0);
    struct timespec past = deadline_in(-10 * NS_PER_MS);
    long long start = realtime_ns();
    CHECK_ERROR(sem_timedwait(&shared->semaphore, &past), ETIMEDOUT);
    CHECK(realtime_ns() - start < LATENESS_ALLOWED_NS, "sem_timedwait with a past deadline took %lld ms",
          (realtime_ns() - start) / NS_PER_MS);
    struct timespec epoch = { 0, 0 };
    CHECK_ERROR(sem_timedwait(&shared->semaphore, &epoch), ETIMEDOUT);

    sem_post(&shared->semaphore);
    CHECK_EQ(0, sem_timedwait(&shared->semaphore, &past), "sem_timedwait with a past deadline and a unit there");
    sem_destroy(&shared->semaphore);
}

static void a_tv_nsec_out_of_range_is_einval(void)
{
    sem_init(&shared->semaphore, 1, 0);
    struct timespec deadline = deadline_in(NS_PER_SECOND);
    deadline.tv_nsec = NS_PER_SECOND;
    CHECK_ERROR(sem_timedwait(&shared->semaphore, &deadline), EINVAL);
    deadline.tv_nsec = -1;
    CHECK_ERROR(sem_timedwait(&shared->semaphore, &deadline), EINVAL);
    sem_destroy(&shared->semaphore);
}

static void a_post_before_the_deadline_ends_the_timed_wait_with_success(void)
{
    sem_init(&shared->semaphore, 1, 0);
    pid_t child = fork();
    if (child == 0) {
        usleep(50000);
        sem_post(&shared->semaphore);
        _exit(0);
    }
    long long start = realtime_ns();
    struct timespec deadline = deadline_in(2 * NS_PER_SECOND);
    CHECK_EQ(0, sem_timedwait(&shared->semaphore, &deadline), "sem_timedwait with a post 50 ms into 2 s");
    long long waited = realtime_ns() - start;
    CHECK(waited >= 40 * NS_PER_MS && waited < 500 * NS_PER_MS,
          "sem_timedwait waited %lld ms for a post made after 50 ms", waited / NS_PER_MS);
    expect_child_success(child, "the posting child");
    sem_destroy(&shared->semaphore);
}

static void a_timed_waiter_robbed_of_its_unit_still_times_out_at_its_deadline(void)
{
    /* the child waits with a deadline 300 ms away; 100 ms in, the parent
     * posts (which wakes the child) and at once takes the unit back itself,
     * before the child runs: the child must wait on, to the same deadline.
     * Both keep to CPU 0 (main), and the parent posts and takes in
     * SCHED_FIFO: the woken child, of the feedback queue, cannot run in
     * between, whatever the two's levels (sched(7), docs/scheduler.md) */
    sem_init(&shared->semaphore, 1, 0);
    shared->lateness_ns = -1;
    shared->error = 0;
    pid_t child = fork();
    if (child == 0) {
        struct timespec deadline = deadline_in(300 * NS_PER_MS);
        int result = sem_timedwait(&shared->semaphore, &deadline);
        shared->error = result == 0 ? 0 : errno;
        shared->lateness_ns = realtime_ns() - ns_of(deadline);
        _exit(0);
    }
    CHECK(wait_until_blocked_on_a_futex(child), "the child in sem_timedwait: expected it blocked on a futex");
    usleep(100000);
    struct sched_param fifo = { .sched_priority = 1 }, other = { .sched_priority = 0 };
    CHECK_EQ(0, sched_setscheduler(0, SCHED_FIFO, &fifo), "sched_setscheduler SCHED_FIFO");
    sem_post(&shared->semaphore);
    int stolen = sem_trywait(&shared->semaphore) == 0;
    CHECK_EQ(0, sched_setscheduler(0, SCHED_OTHER, &other), "sched_setscheduler back to SCHED_OTHER");
    CHECK(stolen, "the parent's sem_trywait right after its post: expected to take the unit back");
    expect_child_success(child, "the timed waiter");
    CHECK_EQ(ETIMEDOUT, shared->error, "the robbed waiter's errno");
    CHECK(shared->lateness_ns >= 0, "the robbed waiter returned %lld ms before its deadline",
          -shared->lateness_ns / NS_PER_MS);
    CHECK(shared->lateness_ns < LATENESS_ALLOWED_NS,
          "the robbed waiter returned %lld ms after its deadline (expected under %lld ms)",
          shared->lateness_ns / NS_PER_MS, LATENESS_ALLOWED_NS / NS_PER_MS);
    sem_destroy(&shared->semaphore);
}

static void note_signal(int signal)
{
    (void)signal;
    handler_ran = 1;
}

static void note_signal_shared(int signal)
{
    (void)signal;
    shared->handler_ran = 1;
}

enum which_wait { PLAIN_WAIT, TIMED_WAIT };

/* A child waits (with `flags` on its SIGUSR1 handler) and is signalled;
 * it must come back with EINTR after the handler ran. */
static void expect_eintr(enum which_wait which, int flags, const char *what)
{
    sem_init(&shared->semaphore, 1, 0);
    shared->error = 0;
    pid_t child = fork();
    if (child == 0) {
        install_handler(SIGUSR1, note_signal, flags);
        struct timespec deadline = deadline_in(10 * NS_PER_SECOND);
        int result = which == PLAIN_WAIT ? sem_wait(&shared->semaphore)
                                         : sem_timedwait(&shared->semaphore, &deadline);
        shared->error = result == 0 ? 0 : errno;
        _exit(handler_ran ? 0 : __LINE__);
    }
    CHECK(wait_until_blocked_on_a_futex(child), "%s: expected the child blocked on a futex", what);
    kill(child, SIGUSR1);
    expect_child_success(child, what);
    CHECK(shared->error == EINTR, "%s: expected errno %d (EINTR), got %d (%s)", what, EINTR, shared->error,
          strerror(shared->error));
    CHECK_EQ(0, semaphore_value(&shared->semaphore), "value after the interrupted wait");
    sem_destroy(&shared->semaphore);
}

/* Under SA_RESTART the handler runs and sem_wait waits on: a post made
 * after the handler ran ends it with success. */
static void expect_restart(void)
{
    const char *what = "sem_wait, a SIGUSR1 handled with SA_RESTART, then a post";
    sem_init(&shared->semaphore, 1, 0);
    shared->error = -1;
    shared->handler_ran = 0;
    pid_t child = fork();
    if (child == 0) {
        install_handler(SIGUSR1, note_signal_shared, SA_RESTART);
        int result = sem_wait(&shared->semaphore);
        shared->error = result == 0 ? 0 : errno;
        _exit(0);
    }
    CHECK(wait_until_blocked_on_a_futex(child), "%s: expected the child blocked on a futex", what);
    kill(child, SIGUSR1);
    for (int i = 0; i < 500 && !shared->handler_ran; i++)
        usleep(1000);
    CHECK(shared->handler_ran, "%s: the handler never ran", what);
    CHECK(wait_until_blocked_on_a_futex(child), "%s: after the handler, expected the child blocked again", what);
    CHECK_EQ(-1, shared->error, "the result of sem_wait after the handler (-1: still waiting)");
    sem_post(&shared->semaphore);
    expect_child_success(child, what);
    CHECK_EQ(0, shared->error, "errno of sem_wait ended by the post (0: it succeeded)");
    CHECK_EQ(0, semaphore_value(&shared->semaphore), "value after the restarted wait took the unit");
    sem_destroy(&shared->semaphore);
}

static void a_caught_signal_ends_the_wait_with_eintr(void)
{
    expect_eintr(PLAIN_WAIT, 0, "sem_wait interrupted by a handled SIGUSR1");
    expect_eintr(TIMED_WAIT, 0, "sem_timedwait interrupted by a handled SIGUSR1");
    expect_eintr(TIMED_WAIT, SA_RESTART, "sem_timedwait interrupted by a SIGUSR1 handled with SA_RESTART");
    expect_restart();
}

static void a_stop_and_a_continue_do_not_end_the_wait(void)
{
    sem_init(&shared->semaphore, 1, 0);
    shared->error = -1;
    pid_t child = fork();
    if (child == 0) {
        int result = sem_wait(&shared->semaphore);
        shared->error = result == 0 ? 0 : errno;
        _exit(0);
    }
    CHECK(wait_until_blocked_on_a_futex(child), "expected the child blocked on a futex");
    kill(child, SIGSTOP);
    int status = 0;
    waitpid(child, &status, WUNTRACED);
    CHECK(WIFSTOPPED(status), "after SIGSTOP: expected the child stopped, got status 0x%x", status);
    kill(child, SIGCONT);
    usleep(20000);
    CHECK_EQ(-1, shared->error, "the child's sem_wait result after a stop and a continue (-1: still waiting)");
    CHECK(is_blocked_on_a_futex(child), "after the continue: expected the child blocked on the futex again");
    sem_post(&shared->semaphore);
    expect_child_success(child, "the child");
    CHECK(shared->error == 0, "sem_wait across a stop and a continue: expected it to return 0 after the post, got "
          "errno %d (%s)", shared->error, strerror(shared->error));
    sem_destroy(&shared->semaphore);
}

static void a_waiter_killed_while_waiting_takes_no_unit_with_it(void)
{
    sem_init(&shared->semaphore, 1, 0);
    pid_t victim = fork();
    if (victim == 0) {
        sem_wait(&shared->semaphore);
        _exit(__LINE__);                      /* it must never get here */
    }
    CHECK(wait_until_blocked_on_a_futex(victim), "expected the victim blocked on a futex");
    kill(victim, SIGKILL);
    int status = 0;
    waitpid(victim, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the victim: expected killed by SIGKILL, got 0x%x",
          status);
    CHECK_EQ(0, sem_post(&shared->semaphore), "sem_post after the waiter was killed");
    CHECK_EQ(1, semaphore_value(&shared->semaphore), "value after the post (the dead waiter took nothing)");
    pid_t next = fork();
    if (next == 0)
        _exit(sem_wait(&shared->semaphore) == 0 ? 0 : __LINE__);
    expect_child_success(next, "a later waiter takes the unit");
    sem_destroy(&shared->semaphore);
}

int main(void)
{
    run_on_one_cpu();                       /* a post taken back before the waiter runs (boot_test.h) */
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before;
    shared = shared_memory_after_warm_up(sizeof *shared, tasks, &before);
    if (!shared)
        return 1;

    timedwait_times_out_at_its_deadline_not_before();
    a_deadline_already_past_fails_at_once_unless_a_unit_is_there();
    a_tv_nsec_out_of_range_is_einval();
    a_post_before_the_deadline_ends_the_timed_wait_with_success();
    a_timed_waiter_robbed_of_its_unit_still_times_out_at_its_deadline();
    a_caught_signal_ends_the_wait_with_eintr();
    a_stop_and_a_continue_do_not_end_the_wait();
    a_waiter_killed_while_waiting_takes_no_unit_with_it();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("posix_sem_timedwait_and_signals");
}
