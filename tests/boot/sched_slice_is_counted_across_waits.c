/* tests/boot/sched_slice_is_counted_across_waits.c - rule 4 of the policy
 * (docs/scheduler.md): a process's slice at a level counts all the CPU it
 * used there, however often it waited in between. A process that computes
 * for about 2 ms and then sleeps 1 ms, over and over, uses most of the CPU
 * and must sink below level 0, although no single run uses up a slice; a
 * process that only sleeps (5 ms at a time) stays at level 0, nearly
 * always (see the last check). */
#include "boot_sched.h"

#define WATCH_MS 600
#define WATCH_CPU_MS 40             /* four slices of the gamer's CPU time */
#define WATCH_LIMIT_MS 10000

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    fflush(stdout);
    pid_t gamer = fork();
    if (gamer == 0) {
        /* Each run computes for 2 ms on the clock, not for a loop count
         * calibrated beforehand: on a busy host a calibration can come out
         * short, and a run shorter than the 1 ms tick that woke it would
         * end before the next tick and never be charged at all. */
        volatile unsigned counter = 0;
        for (;;) {
            long start = now_ms();
            while (now_ms() - start < 2)
                counter++;
            usleep(1000);
        }
    }
    pid_t sleeper = fork();
    if (sleeper == 0)
        for (;;)
            usleep(5000);

    int gamer_deepest = 0, samples = 0, sleeper_at_level_0 = 0;
    long start = now_ms();
    /* At least WATCH_MS, and until the gamer has had WATCH_CPU_MS of CPU:
     * a busy host may give this machine's CPU little of the wall time. */
    while (now_ms() - start < WATCH_LIMIT_MS &&
           (now_ms() - start < WATCH_MS || cpu_ms_of(gamer) < WATCH_CPU_MS)) {
        int g = level_of(gamer), s = level_of(sleeper);
        if (g > gamer_deepest)
            gamer_deepest = g;
        samples++;
        if (s == 0)
            sleeper_at_level_0++;
        usleep(3000);
    }
    stop_process(gamer);
    stop_process(sleeper);
    printf("deepest level: %d for the process that computes 2 ms and sleeps 1 ms; "
           "the sleeper at level 0 in %d of %d looks\n", gamer_deepest, sleeper_at_level_0, samples);
    CHECK(gamer_deepest >= 1, "a process using about two thirds of the CPU in runs shorter than a slice "
          "stayed at level 0 for %ld ms (its slice must count across its sleeps)", now_ms() - start);
    /* The sleeper's every run is a few microseconds, but on a busy host a
     * tick can still land in one: a tick the host delivered late is
     * followed by the next one at once, while the task the first woke runs.
     * So it may sink for a moment until the next boost (measured: at level
     * 0 in 88% of the looks with two host threads spinning beside QEMU); a
     * kernel that charged its sleeps or its wake-ups would keep it down
     * nearly all the time. */
    CHECK(sleeper_at_level_0 * 4 >= samples * 3, "a process that only sleeps was at level 0 in only "
          "%d of %d looks", sleeper_at_level_0, samples);
    return test_finish("sched_slice_is_counted_across_waits");
}
