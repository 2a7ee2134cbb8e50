/* tests/boot/sched_rr_tasks_of_one_priority_take_turns.c - two SCHED_RR
 * spinners of one priority, started together, both get CPU time while
 * both run: each slice ends and the other's turn comes (two SCHED_FIFO
 * spinners would not share: the first would keep the CPU). Here, on one
 * CPU, each gets about half; under Linux on several, each gets its own.
 * Both spin 600 ms of wall time, bounded. */
#include <unistd.h>

#include "boot_realtime.h"

#define SPIN_MS 600

int main(void)
{
    volatile long *shared = shared_longs();
    CHECK(shared != 0, "mmap: %s", strerror(errno));
    struct timespec interval;
    if (!become(SCHED_RR, 20))                   /* above the two, so that it starts both */
        return test_finish("sched_rr_tasks_of_one_priority_take_turns");
    CHECK_EQ(0, sched_rr_get_interval(0, &interval), "sched_rr_get_interval");
    long slice_ms = interval.tv_sec * 1000 + interval.tv_nsec / 1000000;
    CHECK(slice_ms > 0 && slice_ms < SPIN_MS / 2, "a SCHED_RR slice of %ld ms, shorter than the test", slice_ms);
    fflush(stdout);

    long start = realtime_now_ms() + 20;
    pid_t children[2];
    for (int i = 0; i < 2; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            struct sched_param param = { .sched_priority = 10 };
            sched_setscheduler(0, SCHED_RR, &param);
            while (realtime_now_ms() < start)
                ;                                /* wait for the common start, spinning */
            spin_for_ms(SPIN_MS - (realtime_now_ms() - start));
            shared[i] = cpu_ms(RUSAGE_SELF);
            _exit(0);
        }
    }
    struct sched_param low = { .sched_priority = 0 };
    sched_setscheduler(0, SCHED_OTHER, &low);    /* out of their way */
    for (int i = 0; i < 2; i++) {
        int status;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "spinner %d: status %#x", i, status);
    }
    for (int i = 0; i < 2; i++)
        CHECK(shared[i] >= SPIN_MS / 4, "SCHED_RR spinner %d had %ld ms of CPU in %d ms (a quarter or more)", i,
              shared[i], SPIN_MS);
    return test_finish("sched_rr_tasks_of_one_priority_take_turns");
}
