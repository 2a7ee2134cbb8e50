/* tests/boot/sched_waiting_process_is_not_starved_by_four_spinners.c - a
 * process that waits often (for a pipe, for the clock) keeps a high level
 * and gets the CPU as soon as it is woken, however many CPU-bound
 * processes share the machine (docs/scheduler.md, rules 1 and 4).
 *
 * Four spinners sink to the bottom level; then 200 pipe round trips with
 * a child and 50 sleeps of 1 ms must take about what they take alone.
 * (Before the policy each hop waited for the spinners' 10 ms slices: the
 * round trips took seconds.) */
#include "boot_sched.h"

#define SPINNERS 4
#define ROUND_TRIPS 200
#define SLEEPS 50

static int echo_child(int in, int out)
{
    char byte;
    while (read(in, &byte, 1) == 1)
        if (write(out, &byte, 1) != 1)
            return 1;
    return 0;
}

int main(void)
{
    pid_t spinners[SPINNERS];
    for (int i = 0; i < SPINNERS; i++)
        spinners[i] = start_spinner();
    for (int i = 0; i < SPINNERS; i++)
        CHECK(wait_until_at_the_bottom(spinners[i], 10000), "spinner %d never reached the bottom level", i);

    int down[2], up[2];
    CHECK(pipe(down) == 0 && pipe(up) == 0, "pipe: %s", strerror(errno));
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
    int done = 0;
    for (; done < ROUND_TRIPS; done++) {
        char byte = 'p';
        if (write(down[1], &byte, 1) != 1 || read(up[0], &byte, 1) != 1)
            break;
    }
    long round_trips_ms = now_ms() - start;
    close(down[1]);
    close(up[0]);
    waitpid(echo, 0, 0);

    start = now_ms();
    for (int i = 0; i < SLEEPS; i++)
        usleep(1000);
    long sleeps_ms = now_ms() - start;

    for (int i = 0; i < SPINNERS; i++)
        stop_process(spinners[i]);
    CHECK_EQ(ROUND_TRIPS, done, "pipe round trips completed");
    printf("%d pipe round trips beside %d spinners: %ld ms; %d sleeps of 1 ms: %ld ms\n", ROUND_TRIPS, SPINNERS,
           round_trips_ms, SLEEPS, sleeps_ms);
    /* alone: a few ms and about 100 ms; a boost of the spinners (once a
     * second) may cost one slice each */
    CHECK(round_trips_ms < 500, "%d pipe round trips beside %d spinners took %ld ms (expected under 500)",
          ROUND_TRIPS, SPINNERS, round_trips_ms);
    CHECK(sleeps_ms < 400, "%d sleeps of 1 ms beside %d spinners took %ld ms (expected under 400)", SLEEPS,
          SPINNERS, sleeps_ms);
    return test_finish("sched_waiting_process_is_not_starved_by_four_spinners");
}
