/* tests/boot/clock_reads_on_every_cpu_never_go_back_or_jump.c - on
 * several CPUs clock_gettime reads CLOCK_MONOTONIC and CLOCK_REALTIME
 * without the big kernel lock, while the first CPU's timer moves them
 * (kernel/sched/clock_without_big_lock.c). A process on each CPU reads
 * both clocks as fast as it can across more than one whole second, and no
 * read may be earlier than the one before it, or more than LONGEST_STEP_NS
 * later. What it cannot show: a read that overlaps the timer's change by
 * a few instructions, which the clocks' sequence count (clock.c) makes
 * read again. That overlap is too rare to meet here (with the count's
 * check taken out, two runs passed); the count is read in clock.c. */
#include <sys/mman.h>

#include "boot_test.h"

#define WATCH_NS        1500000000ll    /* a second boundary or two */
#define LONGEST_STEP_NS 200000000ll     /* a host that stops QEMU a while */
#define MAX_READERS     2

struct reader_result {
    long reads, backwards, jumps;
    long long worst_step_ns;
};

static long long ns_of(clockid_t clock)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return now.tv_sec * 1000000000ll + now.tv_nsec;
}

static void read_for_a_while(struct reader_result *result)
{
    static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };
    long long last[2] = { ns_of(CLOCK_MONOTONIC), ns_of(CLOCK_REALTIME) };
    long long end = last[0] + WATCH_NS;
    while (last[0] < end)
        for (int which = 0; which < 2; which++) {
            long long now = ns_of(clocks[which]), step = now - last[which];
            result->reads++;
            if (step < 0)
                result->backwards++;
            if (step > LONGEST_STEP_NS)
                result->jumps++;
            if (step > result->worst_step_ns)
                result->worst_step_ns = step;
            last[which] = now;
        }
}

int main(void)
{
    int readers = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (readers > MAX_READERS)
        readers = MAX_READERS;
    struct reader_result *results = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(results != MAP_FAILED, "a shared page for the results");
    if (results == MAP_FAILED)
        return test_finish("clock_reads_on_every_cpu_never_go_back_or_jump");
    pid_t children[MAX_READERS];
    for (int cpu = 0; cpu < readers; cpu++) {
        children[cpu] = fork();
        if (children[cpu] == 0) {
            keep_to_cpu(cpu);
            read_for_a_while(&results[cpu]);
            _exit(0);
        }
    }
    for (int cpu = 0; cpu < readers; cpu++) {
        int status = 0;
        CHECK_EQ(children[cpu], waitpid(children[cpu], &status, 0), "waitpid");
        CHECK_EQ(0, status, "the reader's exit status");
        struct reader_result *result = &results[cpu];
        printf("CPU %d: %ld reads, the longest step %lld us\n", cpu, result->reads, result->worst_step_ns / 1000);
        CHECK(result->reads > 1000, "reads on CPU %d: expected many, got %ld", cpu, result->reads);
        CHECK_EQ(0, result->backwards, "reads earlier than the one before them");
        CHECK_EQ(0, result->jumps, "reads more than 200 ms after the one before them");
    }
    return test_finish("clock_reads_on_every_cpu_never_go_back_or_jump");
}
