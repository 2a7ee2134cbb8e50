/* tests/boot/sched_spinner_and_a_ping_pong_pair_both_progress.c - no
 * starvation either way (docs/scheduler.md, rules 2b and 5): a pair of
 * processes that ping-pong through pipes as fast as they can is, taken
 * together, CPU-bound, and sinks to the bottom level with a spinner. There
 * the pair's woken partner goes before the spinner, yet the spinner gets
 * its turn whenever a partner's slice ends: the spinner finishes its work
 * and the pair keeps its pace.
 *
 * The spinner works until the kernel has counted 100 ms of CPU time for
 * it; alone that takes 100 ms, beside the pair about three times as long.
 * The pair's pace is measured first alone, then beside the spinner, in
 * the same run: what a round trip takes in wall time depends on how fast
 * the host runs the machine (a busy host, under TCG, halves it), so the
 * pace beside the spinner is judged against the pace alone, not against
 * a number of round trips. */
#include "boot_sched.h"

#define SPINNER_WORK_MS 100

struct shared {
    volatile unsigned round_trips;
    volatile int stop;
};

static void ping_pong(struct shared *shared)
{
    int down[2], up[2];
    if (pipe(down) < 0 || pipe(up) < 0)
        _exit(1);
    pid_t echo = fork();
    char byte = 'p';
    if (echo == 0) {
        while (read(down[0], &byte, 1) == 1 && write(up[1], &byte, 1) == 1)
            ;
        _exit(0);
    }
    while (!shared->stop && write(down[1], &byte, 1) == 1 && read(up[0], &byte, 1) == 1)
        shared->round_trips++;
    kill(echo, SIGKILL);
    waitpid(echo, 0, 0);
    _exit(0);
}

int main(void)
{
    struct shared *shared = shared_page();
    CHECK(shared != 0, "mmap: %s", strerror(errno));
    if (!shared)
        return test_finish("sched_spinner_and_a_ping_pong_pair_both_progress");
    fflush(stdout);
    pid_t pair = fork();
    if (pair == 0)
        ping_pong(shared);

    /* the pair's pace alone, once it runs */
    usleep(50000);
    long alone_start = now_ms();
    unsigned alone_before = shared->round_trips;
    usleep(200000);
    long alone_ms = now_ms() - alone_start;
    unsigned alone = shared->round_trips - alone_before;

    pid_t spinner = fork();
    if (spinner == 0) {
        volatile unsigned counter = 0;
        pid_t self = getpid();
        while (cpu_ms_of(self) < SPINNER_WORK_MS)
            for (int i = 0; i < 100000; i++)
                counter++;
        _exit(0);
    }
    long start = now_ms();
    unsigned round_trips_before = shared->round_trips;
    int status = -1;
    int finished = 0;
    while (now_ms() - start < 5000) {
        if (waitpid(spinner, &status, WNOHANG) == spinner) {
            finished = 1;
            break;
        }
        usleep(10000);
    }
    long spinner_ms = now_ms() - start;
    unsigned round_trips = shared->round_trips - round_trips_before;
    shared->stop = 1;
    if (!finished)
        stop_process(spinner);
    usleep(20000);
    kill(pair, SIGKILL);
    waitpid(pair, 0, 0);

    printf("the spinner's %d ms of work took %ld ms beside the pair, which made %u round trips meanwhile "
           "(alone: %u in %ld ms)\n", SPINNER_WORK_MS, spinner_ms, round_trips, alone, alone_ms);
    CHECK(finished, "the spinner did not finish %d ms of work in 5 s beside a ping-pong pair", SPINNER_WORK_MS);
    CHECK(spinner_ms < 1500, "the spinner's %d ms of work took %ld ms beside the pair (its fair share: about "
          "a third of the CPU, so about %d ms)", SPINNER_WORK_MS, spinner_ms, 3 * SPINNER_WORK_MS);
    /* beside the spinner the pair has two thirds of one CPU (or a CPU of
     * its own): it keeps at least a fifth of its pace alone, where a
     * starved pair would make next to none */
    CHECK(alone > 0 && alone_ms > 0, "the pair made no round trip alone in %ld ms", alone_ms);
    CHECK(spinner_ms > 0 && (long long)round_trips * alone_ms * 5 >= (long long)alone * spinner_ms,
          "the pair made %u round trips in the spinner's %ld ms, under a fifth of its pace alone (%u in %ld ms)",
          round_trips, spinner_ms, alone, alone_ms);
    return test_finish("sched_spinner_and_a_ping_pong_pair_both_progress");
}
