/* tests/boot/sched_fifo_task_runs_before_every_other_task.c - a
 * SCHED_FIFO task beside more SCHED_OTHER spinners than there are CPUs
 * gets all of its CPU while it runs (the spinners do not take turns with
 * it, as they would in the feedback queue), and one woken from a pipe
 * runs at once, though the spinners have been ready all along; a
 * real-time task ends as any other (nothing leaks). Holds on
 * one CPU here and on several under Linux: the spinners outnumber them. */
#include <signal.h>
#include <unistd.h>

#include "boot_realtime.h"

#define SPIN_MS 300

static pid_t start_spinner(long until_ms)
{
    pid_t child = fork();
    if (child == 0) {
        spin_for_ms(until_ms - realtime_now_ms());
        _exit(0);
    }
    return child;
}

int main(void)
{
    volatile long *shared = shared_longs();
    if (shared)
        shared[0] = 0;                           /* its page exists before counting */
    use_the_stack_before_counting();
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int spinners = (int)(cpus > 0 ? cpus : 1) + 2;
    int wake[2];
    CHECK(shared && pipe(wake) == 0, "setup: %s", strerror(errno));
    fflush(stdout);

    long end = realtime_now_ms() + 3000;         /* the spinners end by then at the latest */
    pid_t spinner_pids[64];
    for (int i = 0; i < spinners && i < 64; i++)
        spinner_pids[i] = start_spinner(end);

    pid_t fifo = fork();
    if (fifo == 0) {
        struct sched_param param = { .sched_priority = 10 };
        if (sched_setscheduler(0, SCHED_FIFO, &param) < 0)
            _exit(2);
        long written_at;
        if (read(wake[0], &written_at, sizeof written_at) != sizeof written_at)
            _exit(3);
        shared[0] = realtime_now_ms() - written_at;   /* how long the wake-up took */
        long cpu_before = cpu_ms(RUSAGE_SELF), wall_before = realtime_now_ms();
        spin_for_ms(SPIN_MS);
        shared[1] = cpu_ms(RUSAGE_SELF) - cpu_before;
        shared[2] = realtime_now_ms() - wall_before;
        _exit(0);
    }
    usleep(100 * 1000);                          /* the spinners are well under way */
    become(SCHED_FIFO, 5);                       /* so that the host's load cannot delay the write */
    long now = realtime_now_ms();
    CHECK(write(wake[1], &now, sizeof now) == sizeof now, "write: %s", strerror(errno));
    int status;
    CHECK_EQ(fifo, waitpid(fifo, &status, 0), "waitpid for the SCHED_FIFO child");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the SCHED_FIFO child: status %#x", status);
    CHECK(shared[0] <= 5, "the woken SCHED_FIFO task ran %ld ms after the write (at most 5)", shared[0]);
    CHECK(shared[1] * 10 >= shared[2] * 9, "the SCHED_FIFO task had %ld ms of CPU in %ld ms (90%% or more)",
          shared[1], shared[2]);

    struct sched_param other = { 0 };
    sched_setscheduler(0, SCHED_OTHER, &other);
    for (int i = 0; i < spinners && i < 64; i++) {
        kill(spinner_pids[i], SIGKILL);
        waitpid(spinner_pids[i], 0, 0);
    }
    close(wake[0]);
    close(wake[1]);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("sched_fifo_task_runs_before_every_other_task");
}
