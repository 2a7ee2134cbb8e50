/* user/tools/bench/hog.c - the scheduling policy seen from user space
 * (docs/scheduler.md, docs/performance.md).
 *
 * Round trips with a hog: the pipe, msg_call and signal round trips of
 * the other files, timed while a third process spins in
 * `for (;;) counter++;`. The hog is started first and given 30 ms of the
 * CPU alone, as a long-running computation would have had: it has used
 * up its slices at the upper levels and sits at the bottom when the round
 * trips begin. Without wake-up preemption each hop of a round trip waited
 * for the hog's 10 ms slice; the target is at most 1.1 times the round
 * trip alone (Linux 6.1: 1.007 times).
 *
 * Fairness: CPU-bound processes started together for one (virtual)
 * second; the kernel's count of each one's CPU time (kinfo, as ps reads
 * it) says how the CPU was shared. Printed as
 *   fairness NAME NICE,NICE,... MS,MS,...
 * for tools/bench to turn into shares. */
#include <errno.h>
#include <kernel.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define HOG_HEAD_START_MS 30        /* the hog's time alone before the round trips */
#define FAIRNESS_SECONDS 1
#define MAX_SPINNERS 4

/* A CPU-bound process: spins until killed. */
static int spin(int nice_value)
{
    if (nice_value && setpriority(PRIO_PROCESS, 0, nice_value) < 0)
        return -1;
    volatile unsigned counter = 0;
    for (;;)
        counter++;
}

/* Starts a spinner and lets it run alone for HOG_HEAD_START_MS. */
static pid_t start_hog(void)
{
    pid_t hog = start_child(spin, 0);
    if (hog > 0)
        usleep(HOG_HEAD_START_MS * 1000);
    return hog;
}

static void stop_spinner(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
}

/* Runs `round_trips` (a benchmark of another file) beside a hog. */
static int with_hog(int (*round_trips)(int, struct samples *), int parameter, struct samples *samples)
{
    pid_t hog = start_hog();
    if (hog < 0)
        return hog;
    int status = round_trips(parameter, samples);
    stop_spinner(hog);
    return status;
}

int bench_pipe_round_trip_hog(int unused, struct samples *samples)
{
    return with_hog(bench_pipe_round_trip, unused, samples);
}

int bench_msg_call_hog(int body_bytes, struct samples *samples)
{
    return with_hog(bench_msg_call, body_bytes, samples);
}

int bench_signal_round_trip_hog(int unused, struct samples *samples)
{
    return with_hog(bench_signal_round_trip, unused, samples);
}

/* ---- fairness ---- */

/* The CPU time of process `pid` in ms, from the kernel's process list;
 * -1 if it is not there. */
static long cpu_ms_of(pid_t pid)
{
    static struct kinfo_process listed[64];
    int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
    for (int i = 0; bytes > 0 && i < bytes / (int)sizeof listed[0]; i++)
        if (listed[i].pid == pid)
            return (long)(listed[i].cpu_time_ns / 1000000);
    return -1;
}

/* Starts `count` spinners with the given nice values, sleeps a second,
 * and prints the CPU time each got meanwhile. */
static void share_the_cpu(const char *name, int count, const int *nice_values)
{
    pid_t spinners[MAX_SPINNERS];
    long before[MAX_SPINNERS];
    int started = 0;
    for (; started < count; started++) {
        spinners[started] = start_child(spin, nice_values[started]);
        if (spinners[started] < 0)
            break;
    }
    for (int i = 0; i < started; i++)
        before[i] = cpu_ms_of(spinners[i]);
    struct timespec second = { FAIRNESS_SECONDS, 0 };
    nanosleep(&second, 0);
    printf("fairness %s ", name);
    for (int i = 0; i < count; i++)
        printf("%s%d", i ? "," : "", nice_values[i]);
    printf(" ");
    for (int i = 0; i < started; i++)
        printf("%s%ld", i ? "," : "", cpu_ms_of(spinners[i]) - before[i]);
    printf("\n");
    fflush(stdout);
    for (int i = 0; i < started; i++)
        stop_spinner(spinners[i]);
    if (started < count)
        printf("# fairness %s: could not start every spinner: %s\n", name, strerror(errno));
}

void bench_fairness(void)
{
    static const int equal[MAX_SPINNERS] = { 0, 0, 0, 0 };
    static const int nice_0_and_10[2] = { 0, 10 };
    share_the_cpu("equal_2", 2, equal);
    share_the_cpu("equal_4", 4, equal);
    share_the_cpu("nice_0_and_10", 2, nice_0_and_10);
}
