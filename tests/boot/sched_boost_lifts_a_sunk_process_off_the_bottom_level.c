/* tests/boot/sched_boost_lifts_a_sunk_process_off_the_bottom_level.c -
 * rule 5 of the feedback queue (docs/scheduler.md): about every second
 * (MLFQ_BOOST_TICKS) every task goes back to level 0, so a CPU-bound
 * process at the bottom climbs back up before it sinks anew. The watcher
 * sleeps 1 ms between looks; it shares level 0 with the boosted spinner
 * (no preemption there, rule 2), so it sees the spinner one level down,
 * where the watcher outranks it and runs at once (rule 1): seen above the
 * bottom is what the boost shows. Levels are
 * read from the kernel's process list (kinfo): this kernel's own policy,
 * with no meaning on Linux, where the test is not run. */
#include "boot_sched.h"

#define BOOST_MS 1000               /* MLFQ_BOOST_TICKS (kernel/sched/mlfq.h), 1 ms each */
#define WATCH_MS (3 * BOOST_MS)

int main(void)
{
    pid_t spinner = start_spinner();
    if (!wait_until_at_the_bottom(spinner, BOOST_MS)) {
        stop_process(spinner);
        CHECK(0, "the spinner did not sink to the bottom level in %d ms (rule 4), so no boost can show", BOOST_MS);
        return test_finish("sched_boost_lifts_a_sunk_process_off_the_bottom_level");
    }

    /* from the bottom, watch for a boost */
    int lifted = 0, sank_again = 0;
    long start = now_ms(), lifted_at = 0;
    while (now_ms() - start < WATCH_MS) {
        int level = level_of(spinner);
        if (!lifted && level >= 0 && level < BOTTOM_LEVEL) {
            lifted = 1;
            lifted_at = now_ms() - start;
        } else if (lifted && level == BOTTOM_LEVEL) {
            sank_again = 1;
            break;
        }
        usleep(1000);
    }
    stop_process(spinner);
    if (lifted)
        printf("the spinner was above the bottom again %ld ms after it was seen at the bottom\n", lifted_at);
    CHECK(lifted, "a spinner at the bottom level was never seen above it in %d ms (the boost, every %d ms)",
          WATCH_MS, BOOST_MS);
    CHECK(!lifted || sank_again, "after the boost the spinner did not sink back to the bottom level");
    return test_finish("sched_boost_lifts_a_sunk_process_off_the_bottom_level");
}
