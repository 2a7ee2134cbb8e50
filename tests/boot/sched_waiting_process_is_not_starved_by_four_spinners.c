/* tests/boot/sched_waiting_process_is_not_starved_by_four_spinners.c - a
 * process that waits often (for a pipe, for the clock) keeps a high level
 * and gets the CPU as soon as it is woken, however many CPU-bound
 * processes share the machine (docs/scheduler.md, rules 1 and 4).
 *
 * Four spinners sink to the bottom level; then 100 pipe round trips with
 * a child and 50 sleeps of 1 ms must take about what they take alone.
 * (Before the policy each hop waited for the spinners' 10 ms slices: the
 * round trips took seconds.)
 *
 * Rule 4 counts a task's time across its waits, so even a task that
 * waits often sinks once it has run 20 ms since the last boost. Under
 * TCG, starting four spinners and reading the process list cost the
 * test about 9 ms, and 200 round trips about 13 more: the test itself
 * reached the bottom by its sleeps on a slow host, and each sleep then
 * waited for a spinner's slice, as rule 1 says it must. So each measure
 * is taken by a new process (rule 3: level 0, a whole slice), 100 round
 * trips (about 5 ms of its slice), and each measuring process reports
 * that it ended still above the bottom.
 */
#include "boot_sched.h"

#define SPINNERS 4
#define ROUND_TRIPS 100
#define SLEEPS 50

/* What a measuring process reports through the shared page. */
struct measure {
    long elapsed_ms;
    int done;          /* round trips or sleeps finished */
    int level_after;   /* its level when it finished */
};

static int echo_child(int in, int out)
{
    char byte;
    while (read(in, &byte, 1) == 1)
        if (write(out, &byte, 1) != 1)
            return 1;
    return 0;
}

static void pipe_round_trips(struct measure *measure)
{
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0)
        return;
    fflush(stdout);
    pid_t echo = fork();
    if (echo == 0) {
        close(down[1]);
        close(up[0]);
        _exit(echo_child(down[0], up[1]));
    }
    close(down[0]);
    close(up[1]);
    long start = now_ms();
    for (; measure->done < ROUND_TRIPS; measure->done++) {
        char byte = 'p';
        if (write(down[1], &byte, 1) != 1 || read(up[0], &byte, 1) != 1)
            break;
    }
    measure->elapsed_ms = now_ms() - start;
    close(down[1]);
    close(up[0]);
    waitpid(echo, 0, 0);
}

static void short_sleeps(struct measure *measure)
{
    long start = now_ms();
    for (; measure->done < SLEEPS; measure->done++)
        usleep(1000);
    measure->elapsed_ms = now_ms() - start;
}

/* Runs `work` in a new process and returns what it measured. */
static struct measure measure_in_a_new_process(void (*work)(struct measure *), struct measure *shared)
{
    *shared = (struct measure){.elapsed_ms = -1, .level_after = -1};
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        work(shared);
        shared->level_after = level_of(getpid());
        _exit(0);
    }
    waitpid(child, 0, 0);
    return *shared;
}

int main(void)
{
    struct measure *shared = shared_page();
    CHECK(shared != 0, "mmap of a shared page: %s", strerror(errno));
    if (!shared)
        return test_finish("sched_waiting_process_is_not_starved_by_four_spinners");
    pid_t spinners[SPINNERS];
    for (int i = 0; i < SPINNERS; i++)
        spinners[i] = start_spinner();
    for (int i = 0; i < SPINNERS; i++)
        CHECK(wait_until_at_the_bottom(spinners[i], 10000), "spinner %d never reached the bottom level", i);

    struct measure trips = measure_in_a_new_process(pipe_round_trips, shared);
    struct measure sleeps = measure_in_a_new_process(short_sleeps, shared);

    for (int i = 0; i < SPINNERS; i++)
        stop_process(spinners[i]);
    printf("%d pipe round trips beside %d spinners: %ld ms (level %d after); %d sleeps of 1 ms: %ld ms (level %d "
           "after)\n", ROUND_TRIPS, SPINNERS, trips.elapsed_ms, trips.level_after, SLEEPS, sleeps.elapsed_ms,
           sleeps.level_after);
    CHECK_EQ(ROUND_TRIPS, trips.done, "pipe round trips completed");
    CHECK_EQ(SLEEPS, sleeps.done, "sleeps completed");
    /* the precondition of rule 1: a process that has run less than its
     * upper levels' slices is still above the spinners */
    CHECK(trips.level_after >= 0 && trips.level_after < BOTTOM_LEVEL,
          "the round-trip process ended at level %d (expected above the bottom)", trips.level_after);
    CHECK(sleeps.level_after >= 0 && sleeps.level_after < BOTTOM_LEVEL,
          "the sleeping process ended at level %d (expected above the bottom)", sleeps.level_after);
    /* alone: a few ms and about 100 ms; a boost of the spinners (once a
     * second) may cost one slice each */
    CHECK(trips.elapsed_ms < 250, "%d pipe round trips beside %d spinners took %ld ms (expected under 250)",
          ROUND_TRIPS, SPINNERS, trips.elapsed_ms);
    CHECK(sleeps.elapsed_ms < 400, "%d sleeps of 1 ms beside %d spinners took %ld ms (expected under 400)", SLEEPS,
          SPINNERS, sleeps.elapsed_ms);
    return test_finish("sched_waiting_process_is_not_starved_by_four_spinners");
}
