/* tests/boot/sched_priority_change_preempts_at_once.c - a change of
 * real-time priority takes effect before the call returns (POSIX's
 * sched_setparam, as Linux has it): raising a ready task above the caller
 * lets it run at once, and a caller that lowers itself below a ready task
 * gives up the CPU at once. The other task counts in shared memory while
 * it runs, and the caller reads the count just before and just after its
 * call. Here on one CPU the count moves only if the other task ran in
 * between; under Linux, on another CPU, it moves too. The counter stops
 * a few steps after the caller says the call is coming (or after 500 ms),
 * not running out its 500 ms at the higher priority. */
#include <signal.h>
#include <unistd.h>

#include "boot_realtime.h"

#define COUNTING_MS 500
#define STEPS_AFTER_THE_CALL 10

/* Forks a child of the caller's class that counts in shared[0], yielding
 * after each step, for COUNTING_MS or until it has counted
 * STEPS_AFTER_THE_CALL steps after shared[1] was set. */
static pid_t start_counter(volatile long *shared)
{
    shared[1] = 0;
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        long end = realtime_now_ms() + COUNTING_MS;
        int steps_after = 0;
        while (realtime_now_ms() < end && steps_after < STEPS_AFTER_THE_CALL) {
            shared[0]++;
            steps_after += shared[1] != 0;
            sched_yield();
        }
        _exit(0);
    }
    return child;
}

static void finish(pid_t child)
{
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid for the counter");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the counter: status %#x", status);
}

static void raising_a_ready_task(volatile long *shared)
{
    if (!become(SCHED_FIFO, 10))
        return;
    pid_t child = start_counter(shared);         /* SCHED_FIFO 10 too */
    usleep(20 * 1000);                           /* it runs; we come back behind it */
    struct sched_param higher = { .sched_priority = 20 };
    long before = shared[0];
    shared[1] = 1;                               /* the call is coming */
    CHECK_EQ(0, sched_setparam(child, &higher), "sched_setparam(child, 20)");
    long after = shared[0];
    CHECK(after != before, "the raised child ran before sched_setparam returned (count %ld, then %ld)", before,
          after);
    finish(child);
}

static void lowering_oneself(volatile long *shared)
{
    if (!become(SCHED_FIFO, 20))
        return;
    pid_t child = start_counter(shared);         /* SCHED_FIFO 20 too */
    usleep(20 * 1000);
    struct sched_param lower = { .sched_priority = 5 };
    long before = shared[0];
    shared[1] = 1;
    CHECK_EQ(0, sched_setparam(0, &lower), "sched_setparam(0, 5)");
    long after = shared[0];
    CHECK(after != before, "the caller gave up the CPU when it lowered itself (count %ld, then %ld)", before, after);
    finish(child);
}

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    volatile long *shared = shared_longs();
    CHECK(shared != 0, "mmap: %s", strerror(errno));
    if (shared) {
        raising_a_ready_task(shared);
        lowering_oneself(shared);
    }
    struct sched_param none = { 0 };
    sched_setscheduler(0, SCHED_OTHER, &none);
    return test_finish("sched_priority_change_preempts_at_once");
}
