/* user/demos/scheduler/sched_levels.c - the scheduler's multi-level feedback
 * queue at work (docs/scheduler.md, "The policy"). Starts three processes and
 * draws the level each is at, every SAMPLE_MS, as the kernel's process list
 * tells it (the LVL column of ps):
 *
 *   compiler  computes without a pause: CPU-bound
 *   editor    sleeps 5 ms, then computes for a moment: interactive
 *   sneaky    computes about 2 ms, sleeps 1 ms, over and over: it never
 *             uses a whole slice at once, but most of the CPU (rule 4)
 *
 * and, at the end, what each got: CPU time and how often it left the CPU
 * to wait (voluntary) or was preempted (involuntary), as ps -l shows.
 *   sched_levels [SAMPLES]     (default 80, one column each) */
#include <errno.h>
#include <kernel.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MS 20
#define MAX_SAMPLES 100
#define WORKERS 3

static long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* Loop turns that take about `ms` on this machine (its speed varies). */
static unsigned turns_for(long ms)
{
    volatile unsigned counter = 0;
    unsigned turns = 0;
    long start = now_ms();
    while (now_ms() - start < 20)
        for (int i = 0; i < 10000; i++, turns++)
            counter++;
    return (unsigned)(turns / 20 * ms);
}

static void compute(unsigned turns)
{
    volatile unsigned counter = 0;
    for (unsigned i = 0; i < turns; i++)
        counter++;
}

static void compiler(unsigned turns_per_ms)
{
    for (;;)
        compute(turns_per_ms);
}

static void editor(unsigned turns_per_ms)
{
    for (;;) {
        usleep(5000);
        compute(turns_per_ms / 10);
    }
}

static void sneaky(unsigned turns_per_ms)
{
    for (;;) {
        compute(2 * turns_per_ms);
        usleep(1000);
    }
}

static const struct {
    const char *name;
    void (*run)(unsigned turns_per_ms);
} workers[WORKERS] = { { "compiler", compiler }, { "editor", editor }, { "sneaky", sneaky } };

/* What the kernel says of `pid` now; 0 if it is not there. */
static int look_up(pid_t pid, struct kinfo_process *out)
{
    static struct kinfo_process listed[64];
    int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
    for (int i = 0; bytes > 0 && i < bytes / (int)sizeof listed[0]; i++)
        if (listed[i].pid == pid) {
            *out = listed[i];
            return 1;
        }
    return 0;
}

int main(int argc, char **argv)
{
    int samples = argc > 1 ? atoi(argv[1]) : 80;
    if (samples < 1 || samples > MAX_SAMPLES) {
        fprintf(stderr, "usage: sched_levels [SAMPLES]   (1 .. %d)\n", MAX_SAMPLES);
        return 2;
    }
    unsigned turns_per_ms = turns_for(1);
    pid_t pids[WORKERS];
    static char levels[WORKERS][MAX_SAMPLES + 1];
    fflush(stdout);
    for (int w = 0; w < WORKERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            workers[w].run(turns_per_ms);
            _exit(0);
        }
        if (pids[w] < 0) {
            perror("sched_levels: fork");
            return 1;
        }
    }
    long start = now_ms();
    for (int s = 0; s < samples; s++) {
        for (int w = 0; w < WORKERS; w++) {
            struct kinfo_process info;
            levels[w][s] = look_up(pids[w], &info) ? (char)('0' + info.level) : '?';
        }
        long next = start + (long)(s + 1) * SAMPLE_MS;
        long wait = next - now_ms();
        if (wait > 0)
            usleep((useconds_t)(wait * 1000));
    }
    struct kinfo_process final[WORKERS];
    for (int w = 0; w < WORKERS; w++)
        look_up(pids[w], &final[w]);
    for (int w = 0; w < WORKERS; w++) {
        kill(pids[w], SIGKILL);
        waitpid(pids[w], 0, 0);
    }

    printf("level of each process every %d ms (0 runs first; a boost lifts everyone to 0 once a second)\n\n",
           SAMPLE_MS);
    printf("%-10s", "ms");
    for (int s = 0; s < samples; s += 10)
        printf("%-10d", s * SAMPLE_MS);
    printf("\n");
    for (int w = 0; w < WORKERS; w++)
        printf("%-10s%s\n", workers[w].name, levels[w]);
    printf("\n%-10s %9s %9s %11s\n", "", "CPU(ms)", "VOLUNTARY", "INVOLUNTARY");
    for (int w = 0; w < WORKERS; w++)
        printf("%-10s %9llu %9u %11u\n", workers[w].name, final[w].cpu_time_ns / 1000000,
               final[w].voluntary_switches, final[w].involuntary_switches);
    return 0;
}
