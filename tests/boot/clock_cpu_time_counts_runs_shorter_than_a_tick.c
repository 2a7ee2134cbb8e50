/* tests/boot/clock_cpu_time_counts_runs_shorter_than_a_tick.c - CPU time
 * is measured, not sampled (kernel/sched/switch.h, charge_switch):
 * the CPU-time clocks say a resolution of 1 ns, as Linux's do; two reads
 * of the thread's clock with work between them always differ; and a
 * process that runs a fifth of a tick at a time and then sleeps, two
 * hundred times, is charged all of those runs, in its own clock and in
 * its parent's getrusage; the process clock, read again and again while
 * another of its threads spins, never goes back or jumps. A clock
 * sampled by the tick fails the first three: it
 * says a tick, reads the same until the next one, and a run that a tick
 * woke and that ends before the next one is never charged at all. */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

#define RUNS       200
#define RUN_NS     (200 * 1000ll)      /* a fifth of a 1 ms tick */
#define NAP_US     2000

static long long read_clock(clockid_t clock)
{
    struct timespec now = { -1, 0 };
    CHECK_EQ(0, clock_gettime(clock, &now), "clock_gettime");
    return ns_of(now);
}

static void cpu_clocks_say_a_nanosecond(void)
{
    clockid_t clocks[] = { CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
    for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct timespec resolution = { -1, -1 };
        CHECK_EQ(0, clock_getres(clocks[i], &resolution), "clock_getres");
        CHECK(resolution.tv_sec == 0 && resolution.tv_nsec == 1, "clock %d: resolution %ld.%09ld s, not 1 ns",
              (int)clocks[i], (long)resolution.tv_sec, resolution.tv_nsec);
    }
}

static void every_read_after_work_is_later(void)
{
    long long previous = read_clock(CLOCK_THREAD_CPUTIME_ID);
    int same = 0;
    for (int read = 0; read < 50; read++) {
        for (volatile int spin = 0; spin < 2000; spin++)
            ;
        long long now = read_clock(CLOCK_THREAD_CPUTIME_ID);
        CHECK(now >= previous, "the thread's CPU time went back from %lld ns to %lld ns", previous, now);
        same += now == previous;
        previous = now;
    }
    CHECK(same == 0, "%d of 50 reads of the thread's CPU time, each after a short loop, read as the one before",
          same);
}

/* The child: RUNS times, RUN_NS of CPU time (by its own clock), then a
 * nap, which the tick ends: the next run begins just after a tick. Exits
 * 0 if its own process clock counted them all. */
static int short_runs(void)
{
    long long start = read_clock(CLOCK_PROCESS_CPUTIME_ID);
    for (int run = 0; run < RUNS; run++) {
        burn_cpu(RUN_NS);
        usleep(NAP_US);
    }
    long long used = read_clock(CLOCK_PROCESS_CPUTIME_ID) - start;
    printf("a child of %d runs of %lld us: its own clock says %lld us\n", RUNS, RUN_NS / 1000, used / 1000);
    return used >= RUNS * RUN_NS ? 0 : 1;
}

static void short_runs_are_all_charged(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(short_runs());
    CHECK(child > 0, "fork");
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's own clock counted less than its %d runs",
          RUNS);
    struct rusage usage;
    CHECK_EQ(0, getrusage(RUSAGE_CHILDREN, &usage), "getrusage");
    long long charged_us = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec +
                           (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
    printf("getrusage(RUSAGE_CHILDREN): %lld us\n", charged_us);
    CHECK(charged_us >= RUNS * RUN_NS / 1000, "the child was charged %lld us for %d runs of %lld us", charged_us,
          RUNS, RUN_NS / 1000);
    /* its naps cost some CPU too (the calls, the wake-ups), but not a tick each */
    CHECK(charged_us < 2 * RUNS * RUN_NS / 1000 + 20000, "the child was charged %lld us for %d runs of %lld us",
          charged_us, RUNS, RUN_NS / 1000);
}

static volatile int spinner_stop;

static void *spin_until_told(void *unused)
{
    (void)unused;
    while (!spinner_stop)
        ;
    return NULL;
}

/* The process clock adds up a thread that runs on another CPU (on two
 * CPUs) or waits for its turn (on one): it never goes back, and never
 * jumps by more than the two threads could have run meanwhile. */
static void process_clock_with_another_thread_running(void)
{
    pthread_t spinner;
    spinner_stop = 0;
    CHECK_EQ(0, pthread_create(&spinner, NULL, spin_until_told, NULL), "pthread_create");
    long long previous = read_clock(CLOCK_PROCESS_CPUTIME_ID);
    long long biggest_step = 0;
    int back = 0;
    for (int read = 0; read < 3000; read++) {
        long long now = read_clock(CLOCK_PROCESS_CPUTIME_ID);
        back += now < previous;
        if (now - previous > biggest_step)
            biggest_step = now - previous;
        previous = now;
    }
    spinner_stop = 1;
    CHECK_EQ(0, pthread_join(spinner, NULL), "pthread_join");
    printf("3000 reads of the process clock beside a spinning thread: %d went back, the biggest step %lld us\n",
           back, biggest_step / 1000);
    CHECK(back == 0, "%d of 3000 reads of the process clock went back", back);
    CHECK(biggest_step < 100 * NS_PER_MS, "the process clock jumped by %lld ms between two reads",
          biggest_step / NS_PER_MS);
}

int main(void)
{
    cpu_clocks_say_a_nanosecond();
    every_read_after_work_is_later();
    short_runs_are_all_charged();
    process_clock_with_another_thread_running();
    return test_finish("clock_cpu_time_counts_runs_shorter_than_a_tick");
}
