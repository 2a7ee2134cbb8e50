/* tests/boot/sched_spinner_and_a_ping_pong_pair_both_progress.c - no
 * starvation either way (docs/scheduler.md, rules 2b and 5): a pair of
 * processes that ping-pong through pipes as fast as they can is, taken
 * together, CPU-bound, and sinks to the bottom level with a spinner. There
 * the pair's woken partner goes before the spinner, yet the spinner gets
 * its turn whenever a partner's slice ends: the spinner finishes its work
 * and the pair keeps its pace.
 *
 * The spinner works until the kernel has counted 100 ms of CPU time for
 * it; alone that takes 100 ms, beside the pair about three times as long. */
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

    printf("the spinner's %d ms of work took %ld ms beside the pair, which made %u round trips meanwhile\n",
           SPINNER_WORK_MS, spinner_ms, round_trips);
    CHECK(finished, "the spinner did not finish %d ms of work in 5 s beside a ping-pong pair", SPINNER_WORK_MS);
    CHECK(spinner_ms < 1500, "the spinner's %d ms of work took %ld ms beside the pair (its fair share: about "
          "a third of the CPU, so about %d ms)", SPINNER_WORK_MS, spinner_ms, 3 * SPINNER_WORK_MS);
    /* a round trip takes some microseconds: in the pair's two thirds of
     * the spinner's time there is room for thousands */
    CHECK(round_trips >= 2000, "the pair made only %u round trips while the spinner worked %ld ms", round_trips,
          spinner_ms);
    return test_finish("sched_spinner_and_a_ping_pong_pair_both_progress");
}
