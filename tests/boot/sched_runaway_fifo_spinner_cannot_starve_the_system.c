/* tests/boot/sched_runaway_fifo_spinner_cannot_starve_the_system.c - a
 * SCHED_FIFO task at the highest priority that never blocks leaves the
 * other tasks some of every second (real-time throttling: Linux's
 * sched_rt_runtime_us, 950 ms of 1000, docs/scheduler.md), so that a
 * SCHED_OTHER process still runs and can kill it: here on one CPU it gets
 * its turn within a period and a half; under Linux on several CPUs at
 * once. The spinner gives up by itself after 5 s, bounded either way. */
#include <signal.h>
#include <unistd.h>

#include "boot_realtime.h"

#define SPINNER_GIVES_UP_MS 5000

int main(void)
{
    volatile long *shared = shared_longs();
    CHECK(shared != 0, "mmap: %s", strerror(errno));
    fflush(stdout);
    pid_t spinner = fork();
    if (spinner == 0) {
        struct sched_param param = { .sched_priority = 99 };
        if (sched_setscheduler(0, SCHED_FIFO, &param) < 0)
            _exit(2);
        shared[0] = 1;                           /* it spins as SCHED_FIFO 99 from here */
        spin_for_ms(SPINNER_GIVES_UP_MS);
        _exit(0);
    }
    long start = realtime_now_ms();
    while (!shared[0] && realtime_now_ms() - start < 2000)
        usleep(1000);
    for (int i = 0; i < 3; i++)
        usleep(10 * 1000);                       /* each sleep ends only when it gets the CPU */
    kill(spinner, SIGKILL);
    long killed_after = realtime_now_ms() - start;
    int status;
    CHECK_EQ(spinner, waitpid(spinner, &status, 0), "waitpid for the spinner");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "the SCHED_FIFO spinner was killed by the SCHED_OTHER parent: status %#x", status);
    CHECK(killed_after < 2500, "the parent ran 3 sleeps and the kill within %ld ms of the spinner's start", killed_after);
    return test_finish("sched_runaway_fifo_spinner_cannot_starve_the_system");
}
