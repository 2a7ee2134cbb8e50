/* tests/boot/sched_slice_is_counted_across_waits.c - rule 4 of the policy
 * (docs/scheduler.md): a process's slice at a level counts all the CPU it
 * used there, however often it waited in between. A process that computes
 * for about 2 ms and then sleeps 1 ms, over and over, uses most of the CPU
 * and must sink below level 0, although no single run uses up a slice; a
 * process that only sleeps stays at level 0. */
#include "boot_sched.h"

#define WATCH_MS 600

/* Loop iterations that take about `ms` here (the machine's speed varies). */
static unsigned iterations_for(long ms)
{
    volatile unsigned counter = 0;
    unsigned iterations = 0;
    long start = now_ms();
    while (now_ms() - start < 20)
        for (int i = 0; i < 10000; i++, iterations++)
            counter++;
    return (unsigned)(iterations / 20 * ms);
}

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    unsigned two_ms = iterations_for(2);
    fflush(stdout);
    pid_t gamer = fork();
    if (gamer == 0) {
        volatile unsigned counter = 0;
        for (;;) {
            for (unsigned i = 0; i < two_ms; i++)
                counter++;
            usleep(1000);
        }
    }
    pid_t sleeper = fork();
    if (sleeper == 0)
        for (;;)
            usleep(1000);

    int gamer_deepest = 0, sleeper_deepest = 0;
    long start = now_ms();
    while (now_ms() - start < WATCH_MS) {
        int g = level_of(gamer), s = level_of(sleeper);
        if (g > gamer_deepest)
            gamer_deepest = g;
        if (s > sleeper_deepest)
            sleeper_deepest = s;
        usleep(3000);
    }
    stop_process(gamer);
    stop_process(sleeper);
    printf("deepest level: %d for the process that computes 2 ms and sleeps 1 ms, %d for the sleeper\n",
           gamer_deepest, sleeper_deepest);
    CHECK(gamer_deepest >= 1, "a process using about two thirds of the CPU in runs shorter than a slice "
          "stayed at level 0 for %d ms (its slice must count across its sleeps)", WATCH_MS);
    CHECK_EQ(0, sleeper_deepest, "deepest level of a process that only sleeps");
    return test_finish("sched_slice_is_counted_across_waits");
}
