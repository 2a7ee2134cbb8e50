/* tests/boot/sched_fifo_spinner_on_each_cpu_leaves_each_a_share.c - the
 * real-time throttle holds on every CPU (kernel/sched/realtime.c, rule 4:
 * Linux's sched_rt_runtime_us, 950 ms of each second for real-time
 * tasks, counted per CPU): with a SCHED_FIFO spinner at priority 99 that
 * never blocks pinned to each CPU, a SCHED_OTHER process pinned to any
 * one of them still gets that CPU within about a period. Before, the
 * budget and the throttle were one for the machine: the CPU whose tick
 * spent the last of it let its other tasks run, and the other CPUs'
 * spinners ran on, so a process waiting behind one of them could wait
 * for ever.
 *
 * The parent waits for the spinners to start, then moves to each CPU in
 * turn and sleeps three times there (each sleep ends only when it gets
 * that CPU back), then kills the spinners.
 * On one CPU this is sched_runaway_fifo_spinner_cannot_starve_the_system.
 * The spinners give up by themselves after 8 s, bounded either way. */
#include <signal.h>
#include <unistd.h>

#include "boot_realtime.h"

#define SPINNER_GIVES_UP_MS 8000
#define TURN_LIMIT_MS       2500     /* a period and a half, and the moves */
#define CPUS_MAX            8

static int pin_to(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}

int main(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    CHECK(cpus >= 1 && cpus <= CPUS_MAX, "CPUs online: %ld", cpus);
    if (cpus < 1 || cpus > CPUS_MAX)
        return test_finish("sched_fifo_spinner_on_each_cpu_leaves_each_a_share");
    volatile long *started = shared_longs();
    CHECK(started != 0, "mmap: %s", strerror(errno));
    pid_t spinners[CPUS_MAX];
    for (int cpu = 0; cpu < cpus; cpu++) {
        fflush(stdout);
        spinners[cpu] = fork();
        if (spinners[cpu] == 0) {
            struct sched_param param = { .sched_priority = 99 };
            if (pin_to(cpu) < 0 || sched_setscheduler(0, SCHED_FIFO, &param) < 0)
                _exit(2);
            started[cpu] = 1;                    /* it spins as SCHED_FIFO 99 on `cpu` from here */
            spin_for_ms(SPINNER_GIVES_UP_MS);
            _exit(0);
        }
    }
    /* each sleep here ends only when the parent gets a CPU back, as the
     * spinners start taking them */
    long begin = realtime_now_ms();
    for (int cpu = 0; cpu < cpus; cpu++)
        while (!started[cpu] && realtime_now_ms() - begin < TURN_LIMIT_MS)
            usleep(1000);
    long waited = realtime_now_ms() - begin;
    for (int cpu = 0; cpu < cpus; cpu++)
        CHECK(started[cpu], "the spinner of CPU %d started", cpu);
    CHECK(waited < TURN_LIMIT_MS, "the parent, on any CPU, saw every spinner start within %ld ms", waited);

    for (int cpu = 0; cpu < cpus; cpu++) {
        long start = realtime_now_ms();
        CHECK_EQ(0, pin_to(cpu), "sched_setaffinity to the spinner's CPU");
        for (int i = 0; i < 3; i++)
            usleep(10 * 1000);                   /* each sleep ends only when it gets the CPU */
        long took = realtime_now_ms() - start;
        CHECK(took < TURN_LIMIT_MS, "on CPU %d, beside its spinner: 3 sleeps in %ld ms", cpu, took);
    }
    for (int cpu = 0; cpu < cpus; cpu++)
        kill(spinners[cpu], SIGKILL);
    for (int cpu = 0; cpu < cpus; cpu++) {
        int status = 0;
        CHECK_EQ(spinners[cpu], waitpid(spinners[cpu], &status, 0), "waitpid for a spinner");
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the spinner of CPU %d was killed: status %#x",
              cpu, status);
    }
    return test_finish("sched_fifo_spinner_on_each_cpu_leaves_each_a_share");
}
