/* tests/boot/sched_cpu_bound_process_sinks_to_the_bottom_level.c - rules 3
 * and 4 of the feedback queue (docs/scheduler.md): a new process starts at
 * level 0; one that uses up its slice moves down a level, level by level,
 * to the bottom; one that only sleeps stays at level 0. Levels are read
 * from the kernel's process list (kinfo), so this tests this kernel's own
 * policy: it has no meaning on Linux and is not run there. */
#include "boot_sched.h"

/* How long a spinner may take to use up its slices at the upper levels
 * (10 ms each at nice 0), with room for a slow machine. */
#define SINK_WITHIN_MS 1000

int main(void)
{
    pid_t sleeper = fork();
    if (sleeper == 0)
        for (;;)
            usleep(1000);
    CHECK_EQ(0, level_of(sleeper), "the level of a new process (it has not run yet)");
    pid_t spinner = start_spinner();
    CHECK_EQ(0, level_of(spinner), "the level of a new spinner (it has not run yet)");

    /* the spinner passes every level on its way down */
    int seen[BOTTOM_LEVEL + 1] = { 0 };
    int sleeper_deepest = 0;
    long end = now_ms() + SINK_WITHIN_MS;
    int level;
    while ((level = level_of(spinner)) != BOTTOM_LEVEL && now_ms() < end) {
        if (level >= 0)
            seen[level] = 1;
        int s = level_of(sleeper);
        if (s > sleeper_deepest)
            sleeper_deepest = s;
        usleep(1000);
    }
    CHECK_EQ(BOTTOM_LEVEL, level, "the spinner's level after spinning (it must sink to the bottom)");
    for (int upper = 1; upper < BOTTOM_LEVEL; upper++)
        CHECK(seen[upper], "the spinner was never seen at level %d on its way down (one level per slice)",
              upper);

    /* once at the bottom it stays there (until a boost, rule 5) */
    usleep(30000);
    int s = level_of(sleeper);
    if (s > sleeper_deepest)
        sleeper_deepest = s;
    CHECK_EQ(0, sleeper_deepest, "the deepest level of a process that only sleeps");
    stop_process(spinner);
    stop_process(sleeper);
    return test_finish("sched_cpu_bound_process_sinks_to_the_bottom_level");
}
