/* user/demos/scheduler/sched_realtime.c - the real-time classes above the
 * feedback queue (docs/scheduler.md, "The real-time classes"). Four
 * processes that compute without a pause, each in its own window of time:
 *
 *   other   SCHED_OTHER, from the start to the end
 *   rr-a    SCHED_RR 10, from RR_START_MS to RR_END_MS:  they take turns,
 *   rr-b    SCHED_RR 10, the same window                 100 ms slices
 *   fifo    SCHED_FIFO 20, from FIFO_START_MS to the end: a runaway, held
 *           back only by the throttle (950 ms of every second)
 *
 * Every SAMPLE_MS it draws how much of the sample each got, as the
 * kernel's process list tells the CPU times: 0-9 tenths of it, '.' none.
 * The drawer itself is SCHED_FIFO 99, so that it samples on time; it
 * sleeps between samples. Needs root (sched_setscheduler(2)). */
#include <errno.h>
#include <kernel.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MS 25
#define SAMPLES 80                    /* 2 s */
#define RR_START_MS 100
#define RR_END_MS 600
#define FIFO_START_MS 700
#define END_MS (SAMPLE_MS * SAMPLES)
#define WORKERS 4

static const struct {
    const char *name;
    int policy, priority;
    long start_ms, end_ms;
} workers[WORKERS] = {
    { "other", SCHED_OTHER, 0, 0, END_MS },
    { "rr-a", SCHED_RR, 10, RR_START_MS, RR_END_MS },
    { "rr-b", SCHED_RR, 10, RR_START_MS, RR_END_MS },
    { "fifo", SCHED_FIFO, 20, FIFO_START_MS, END_MS },
};

static long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* Sleeps until its window, takes its class, computes to the window's end. */
static void work(int w, long origin)
{
    long start = origin + workers[w].start_ms;
    if (start > now_ms())
        usleep((useconds_t)((start - now_ms()) * 1000));
    struct sched_param param = { .sched_priority = workers[w].priority };
    if (sched_setscheduler(0, workers[w].policy, &param) < 0)
        _exit(1);
    volatile unsigned counter = 0;
    while (now_ms() < origin + workers[w].end_ms)
        for (int i = 0; i < 1000; i++)
            counter++;
    _exit(0);
}

/* `pid`'s CPU time in ms, or -1 once it is gone. */
static long cpu_ms_of(pid_t pid)
{
    static struct kinfo_process listed[64];
    int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
    for (int i = 0; bytes > 0 && i < bytes / (int)sizeof listed[0]; i++)
        if (listed[i].pid == pid)
            return listed[i].state == 'Z' ? -1 : (long)(listed[i].cpu_time_ns / 1000000);
    return -1;
}

int main(void)
{
    struct sched_param top = { .sched_priority = 99 };
    if (sched_setscheduler(0, SCHED_FIFO, &top) < 0) {
        fprintf(stderr, "sched_realtime: sched_setscheduler: %s (run it as root)\n", strerror(errno));
        return 1;
    }
    long origin = now_ms() + SAMPLE_MS;
    pid_t pids[WORKERS];
    fflush(stdout);
    for (int w = 0; w < WORKERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            work(w, origin);
    }
    static char drawing[WORKERS][SAMPLES + 1];
    long before[WORKERS], total[WORKERS] = { 0 };
    usleep((useconds_t)((origin - now_ms()) * 1000));
    for (int w = 0; w < WORKERS; w++)
        before[w] = cpu_ms_of(pids[w]);
    for (int s = 0; s < SAMPLES; s++) {
        long next = origin + (long)(s + 1) * SAMPLE_MS;
        if (next > now_ms())
            usleep((useconds_t)((next - now_ms()) * 1000));
        for (int w = 0; w < WORKERS; w++) {
            long now = cpu_ms_of(pids[w]);
            long got = now < 0 || before[w] < 0 ? 0 : now - before[w];
            drawing[w][s] = got <= 0 ? '.' : (char)('0' + (got * 10 / SAMPLE_MS > 9 ? 9 : got * 10 / SAMPLE_MS));
            if (got > 0)
                total[w] += got;
            before[w] = now;
        }
    }
    for (int w = 0; w < WORKERS; w++) {
        kill(pids[w], SIGKILL);
        waitpid(pids[w], 0, 0);
    }
    printf("CPU each process got in every %d ms (0-9: tenths of it; . none)\n\n", SAMPLE_MS);
    printf("%-8s", "ms");
    for (int s = 0; s < SAMPLES; s += 10)
        printf("%-10d", s * SAMPLE_MS);
    printf("\n");
    for (int w = 0; w < WORKERS; w++)
        printf("%-8s%s\n", workers[w].name, drawing[w]);
    printf("\n%-8s %-14s %8s\n", "", "class", "CPU(ms)");
    for (int w = 0; w < WORKERS; w++)
        printf("%-8s %-14s %8ld\n", workers[w].name,
               workers[w].policy == SCHED_FIFO ? "SCHED_FIFO 20" : workers[w].policy == SCHED_RR ? "SCHED_RR 10" :
                                                                                                   "SCHED_OTHER",
               total[w]);
    return 0;
}
