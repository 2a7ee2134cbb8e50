/* tests/boot/threads_that_only_count_run_in_parallel_on_every_cpu.c -
 * threads run at the same instant on different CPUs (docs/smp.md).
 *
 * One thread counts for 300 ms of the clock, then two count together for
 * 300 ms, while the main thread sleeps. On one CPU the two share it: they
 * count about as far together as one alone (between 0.8 and 1.25 times).
 * On two or more (get_nprocs), each has its own: together at least 1.6
 * times as far (the best of three tries), and they are seen on two
 * different CPUs (sched_getcpu, at their start or their end).
 * With several CPUs this boots under multi-threaded TCG, so the guest's
 * clock is the host's and the CPUs are host threads: a loaded host may
 * slow one of them (the smp kind of tools/run-tests runs it alone). */
#include <pthread.h>
#include <sched.h>
#include <sys/sysinfo.h>
#include <time.h>

#include "boot_test.h"

enum { COUNT_MS = 300, TRIES = 3 };

struct counter {
    pthread_t thread;
    unsigned long counted;
    int first_cpu, last_cpu;
};

static volatile int stop;

static void *count(void *argument)
{
    struct counter *counter = argument;
    counter->first_cpu = sched_getcpu();
    unsigned long counted = 0;
    while (!stop)
        counted++;
    counter->counted = counted;
    counter->last_cpu = sched_getcpu();
    return 0;
}

/* How far `threads` counters count together in COUNT_MS. */
static unsigned long count_together(struct counter *counters, int threads)
{
    stop = 0;
    for (int i = 0; i < threads; i++)
        CHECK_EQ(0, pthread_create(&counters[i].thread, 0, count, &counters[i]), "pthread_create");
    struct timespec pause = { 0, COUNT_MS * 1000000L };
    nanosleep(&pause, 0);
    stop = 1;
    unsigned long total = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(counters[i].thread, 0);
        total += counters[i].counted;
    }
    return total;
}

int main(void)
{
    int cpus = get_nprocs();
    CHECK(cpus >= 1 && cpus <= 8, "get_nprocs says %d", cpus);
    struct counter alone[1], pair[2];
    unsigned ratio_percent = 0;
    /* on several CPUs, the best of three tries: the CPUs are host threads,
     * and another program on the host may take one for a while */
    for (int try = 0; try < (cpus == 1 ? 1 : TRIES) && ratio_percent < 160; try++) {
        unsigned long one = count_together(alone, 1);
        unsigned long two = count_together(pair, 2);
        CHECK(one > 0, "one thread counted nothing");
        ratio_percent = one ? (unsigned)((unsigned long long)two * 100 / one) : 0;
        printf("%d CPU%s: one thread counted %lu, two together %lu (%u.%02u times), on CPUs %d and %d\n", cpus,
               cpus == 1 ? "" : "s", one, two, ratio_percent / 100, ratio_percent % 100, pair[0].last_cpu,
               pair[1].last_cpu);
    }
    if (cpus == 1) {
        CHECK(ratio_percent >= 80 && ratio_percent <= 125, "one CPU: two threads counted %u.%02u times as far as one",
              ratio_percent / 100, ratio_percent % 100);
        CHECK(pair[0].last_cpu == 0 && pair[1].last_cpu == 0, "one CPU: sched_getcpu says %d and %d",
              pair[0].last_cpu, pair[1].last_cpu);
    } else {
        CHECK(ratio_percent >= 160, "%d CPUs: two threads counted only %u.%02u times as far as one", cpus,
              ratio_percent / 100, ratio_percent % 100);
        /* seen on two CPUs, at their start or their end: once one has
         * ended, the other may move to its idle CPU (smp_sched.c) */
        CHECK(pair[0].first_cpu != pair[1].first_cpu || pair[0].last_cpu != pair[1].last_cpu,
              "%d CPUs: both threads started on CPU %d and ended on CPU %d", cpus, pair[0].first_cpu,
              pair[0].last_cpu);
        CHECK(pair[0].last_cpu >= 0 && pair[0].last_cpu < cpus && pair[1].last_cpu >= 0 && pair[1].last_cpu < cpus,
              "sched_getcpu says %d and %d", pair[0].last_cpu, pair[1].last_cpu);
    }
    return test_finish("threads_that_only_count_run_in_parallel_on_every_cpu");
}
