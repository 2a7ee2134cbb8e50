/* tests/boot/sched_balancer_moves_a_waiting_spinner_to_an_idle_cpu.c -
 * each CPU has its own run queue, and the balancer moves waiting tasks
 * to a CPU with less to do (kernel/sched/smp_sched.c, docs/smp.md "Run
 * queues").
 *
 * Two spinners start kept to CPU 0 (sched_setaffinity, inherited at
 * fork) and spin there in turn, one running, the other waiting on CPU
 * 0's queue. After 50 ms the parent lets them run anywhere, and sleeps:
 * neither wakes up (they never block), so only the balancer can move
 * one. On two CPUs or more, CPU 1 is idle and takes the one that waits;
 * in the window that follows each spinner has a CPU of its own: the two
 * end on different CPUs (sched_getcpu) and spin, together, at least 1.3
 * times the window's length in CPU time (the best of three tries: the
 * CPUs are host threads). On one CPU they share it: the same CPU, and
 * together no more than the window (and a tick or two). */
#include <sched.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_test.h"

enum { SETTLE_MS = 50, WINDOW_MS = 300, TRIES = 3 };

struct report {
    int cpu;
    long long cpu_time_ns;
};

static long long cpu_time_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Spins until `window_end` (monotonic, ns) and reports where it ended
 * and how much CPU time it had from `window_start` on. */
static void spinner(int report_fd, long long window_start, long long window_end)
{
    long long now, cpu_at_start = -1;
    while ((now = monotonic_ns()) < window_end)
        if (cpu_at_start < 0 && now >= window_start)
            cpu_at_start = cpu_time_ns();
    if (cpu_at_start < 0)
        cpu_at_start = cpu_time_ns();
    struct report report = { sched_getcpu(), cpu_time_ns() - cpu_at_start };
    _exit(write(report_fd, &report, sizeof report) == sizeof report ? 0 : 3);
}

/* One try: returns the two spinners' CPU time together, in ms, and
 * their CPUs in `cpu`. */
static long long one_try(int cpus, int cpu[2])
{
    cpu_set_t only_0, every;
    CPU_ZERO(&only_0);
    CPU_SET(0, &only_0);
    CPU_ZERO(&every);
    for (int i = 0; i < cpus; i++)
        CPU_SET(i, &every);
    CHECK_EQ(0, sched_setaffinity(0, sizeof only_0, &only_0), "sched_setaffinity to CPU 0");
    int reports[2];
    CHECK_EQ(0, pipe(reports), "pipe");
    long long window_start = monotonic_ns() + SETTLE_MS * 1000000LL;
    long long window_end = window_start + WINDOW_MS * 1000000LL;
    pid_t child[2];
    for (int i = 0; i < 2; i++) {
        child[i] = fork();
        if (child[i] == 0) {
            close(reports[0]);
            spinner(reports[1], window_start, window_end);
        }
        CHECK(child[i] > 0, "fork");
    }
    close(reports[1]);
    struct timespec settle = { 0, SETTLE_MS * 1000000L / 2 };
    nanosleep(&settle, 0);
    /* one runs on CPU 0, the other waits on its queue: now both may go anywhere */
    for (int i = 0; i < 2; i++)
        CHECK_EQ(0, sched_setaffinity(child[i], sizeof every, &every), "sched_setaffinity of a child");
    CHECK_EQ(0, sched_setaffinity(0, sizeof every, &every), "sched_setaffinity back");
    long long total_ms = 0;
    for (int i = 0; i < 2; i++) {
        struct report report = { -1, 0 };
        CHECK_EQ((int)sizeof report, read_fully(reports[0], &report, sizeof report), "a spinner's report");
        cpu[i] = report.cpu;
        total_ms += report.cpu_time_ns / 1000000;
    }
    for (int i = 0; i < 2; i++) {
        int status = -1;
        CHECK_EQ(child[i], waitpid(child[i], &status, 0), "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a spinner ended with status 0x%x", status);
    }
    close(reports[0]);
    return total_ms;
}

int main(void)
{
    int cpus = get_nprocs();
    int cpu[2] = { -1, -1 };
    long long total_ms = 0;
    for (int try = 0; try < (cpus == 1 ? 1 : TRIES); try++) {
        total_ms = one_try(cpus, cpu);
        printf("%d CPU%s: the spinners ended on CPUs %d and %d, %lld ms of CPU time together in %d ms\n", cpus,
               cpus == 1 ? "" : "s", cpu[0], cpu[1], total_ms, WINDOW_MS);
        if (cpus > 1 && cpu[0] != cpu[1] && total_ms * 10 >= WINDOW_MS * 13)
            break;
    }
    if (cpus == 1) {
        CHECK(cpu[0] == 0 && cpu[1] == 0, "one CPU: the spinners say CPUs %d and %d", cpu[0], cpu[1]);
        CHECK(total_ms <= WINDOW_MS + 20, "one CPU: %lld ms of CPU time in %d ms", total_ms, WINDOW_MS);
    } else {
        CHECK(cpu[0] != cpu[1], "%d CPUs: both spinners ended on CPU %d", cpus, cpu[0]);
        CHECK(total_ms * 10 >= WINDOW_MS * 13, "%d CPUs: %lld ms of CPU time together in %d ms", cpus, total_ms,
              WINDOW_MS);
    }
    return test_finish("sched_balancer_moves_a_waiting_spinner_to_an_idle_cpu");
}
