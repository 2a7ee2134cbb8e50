/* tests/boot/time_clocks_read_between_ticks_in_order_on_every_cpu.c -
 * CLOCK_MONOTONIC and CLOCK_REALTIME are counted in timer ticks of just
 * under a millisecond and read between them by the time-stamp counter
 * (kernel/sched/clock.c), so a program can time what is shorter than a
 * tick, as on Linux:
 *  - successive reads a few microseconds apart differ by a few
 *    microseconds, not by 0 or a whole tick; gettimeofday's microseconds
 *    too;
 *  - no read is earlier than one made before it, on its CPU or another:
 *    a process on each CPU reads the clock, checks it against the latest
 *    time any of them has published in a shared page, and publishes its
 *    own (across the ticks, where a read must not pass the next tick's
 *    time and the tick must not take it back);
 *  - a sleep, measured on the clock read to the nanosecond, lasts at least
 *    what was asked: its deadline is taken from the same clock (nanosleep
 *    and poll's timeout, for times under a tick, of a tick and over). */
#include <poll.h>
#include <sys/mman.h>
#include <sys/time.h>

#include "boot_test.h"

#define NS_PER_SECOND    1000000000ll
#define NS_PER_US        1000ll
#define TICK_NS          999847ll       /* the PIT's tick (arch/x86/pit.h) */
#define WATCH_NS         (3 * TICK_NS)
#define ORDER_WATCH_NS   (300 * 1000000ll)
#define MAX_READERS      2

static long long ns_of(clockid_t clock)
{
    struct timespec now = { -1, -1 };
    CHECK_EQ(0, clock_gettime(clock, &now), "clock_gettime");
    return now.tv_sec * NS_PER_SECOND + now.tv_nsec;
}

/* Reads `clock` back to back over three ticks: how many different values,
 * and the smallest step between two of them. Under multi-threaded TCG the
 * host may leave a CPU's thread unscheduled for milliseconds (two
 * machines of `make test` share two cores): a watch of fewer than
 * STALLED_READS reads saw the host, not the clock, and is made again, up
 * to four times. A clock that does not move makes many reads of one
 * value, and fails. */
#define STALLED_READS 30
static void reads_between_ticks_differ(clockid_t clock, const char *name)
{
    long long first, last, smallest;
    long reads, different, on_a_tick;
    for (int watch = 0;; watch++) {
        first = last = ns_of(clock);
        smallest = -1;
        reads = different = on_a_tick = 0;
        while (last - first < WATCH_NS && reads < 1000000) {
            long long now = ns_of(clock);
            reads++;
            if (now != last) {
                different++;
                if (smallest < 0 || now - last < smallest)
                    smallest = now - last;
            }
            if (clock == CLOCK_MONOTONIC && now % TICK_NS == 0)
                on_a_tick++;
            last = now;
        }
        if (reads >= STALLED_READS || watch == 3)
            break;
        printf("%s: %ld reads in %lld us: the host stalled this CPU, watching again\n", name, reads,
               (last - first) / NS_PER_US);
    }
    printf("%s: %ld reads in %lld us, %ld different, the smallest step %lld ns\n", name, reads,
           (last - first) / NS_PER_US, different, smallest);
    CHECK(different >= 30, "%s: %ld different values in %ld reads over three ticks", name, different, reads);
    CHECK(smallest > 0 && smallest < TICK_NS / 10, "%s: the smallest step is %lld ns, a tick is %lld", name, smallest,
          TICK_NS);
    if (clock == CLOCK_MONOTONIC)
        CHECK(on_a_tick * 4 < reads, "%s: %ld of %ld reads fell on a whole tick", name, on_a_tick, reads);
}

/* The same watch of gettimeofday's microseconds, made again as above when
 * the host stalled the CPU. */
static void gettimeofday_moves_by_microseconds(void)
{
    struct timeval first, now, last;
    long long smallest, watched;
    long reads;
    for (int watch = 0;; watch++) {
        gettimeofday(&first, NULL);
        last = first;
        smallest = -1;
        watched = 0;
        reads = 0;
        while (watched < WATCH_NS / NS_PER_US && reads < 1000000) {
            CHECK_EQ(0, gettimeofday(&now, NULL), "gettimeofday");
            reads++;
            long long step = (now.tv_sec - last.tv_sec) * 1000000ll + (now.tv_usec - last.tv_usec);
            CHECK(step >= 0, "gettimeofday went back %lld us", -step);
            if (step > 0 && (smallest < 0 || step < smallest))
                smallest = step;
            watched = (now.tv_sec - first.tv_sec) * 1000000ll + (now.tv_usec - first.tv_usec);
            last = now;
        }
        if (reads >= STALLED_READS || watch == 3)
            break;
        printf("gettimeofday: %ld reads in %lld us: the host stalled this CPU, watching again\n", reads, watched);
    }
    printf("gettimeofday: %ld reads, the smallest step %lld us\n", reads, smallest);
    CHECK(smallest > 0 && smallest < 100, "gettimeofday's smallest step: %lld us", smallest);
}

/* The latest time any reader has seen, published in a shared page. */
struct published {
    long long latest[2];                 /* CLOCK_MONOTONIC, CLOCK_REALTIME */
    long reads[MAX_READERS], behind[MAX_READERS];
    long long worst_behind_ns[MAX_READERS];
};

static void publish(long long *latest, long long now)
{
    long long seen = __atomic_load_n(latest, __ATOMIC_ACQUIRE);
    while (seen < now && !__atomic_compare_exchange_n(latest, &seen, now, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        ;
}

/* Each read must come at or after the latest any reader published before
 * it read (the clock read after the load of `latest`). */
static void read_in_order(struct published *shared, int me)
{
    static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };
    long long end = ns_of(CLOCK_MONOTONIC) + ORDER_WATCH_NS;
    for (;;) {
        for (int which = 0; which < 2; which++) {
            long long before = __atomic_load_n(&shared->latest[which], __ATOMIC_ACQUIRE);
            long long now = ns_of(clocks[which]);
            shared->reads[me]++;
            if (now < before) {
                shared->behind[me]++;
                if (before - now > shared->worst_behind_ns[me])
                    shared->worst_behind_ns[me] = before - now;
            }
            publish(&shared->latest[which], now);
            if (which == 0 && now >= end)
                return;
        }
    }
}

static void reads_on_every_cpu_come_in_order(void)
{
    int readers = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (readers > MAX_READERS)
        readers = MAX_READERS;
    if (readers < 1)
        readers = 1;
    struct published *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "a shared page");
    if (shared == MAP_FAILED)
        return;
    pid_t children[MAX_READERS];
    for (int cpu = 0; cpu < readers; cpu++) {
        children[cpu] = fork();
        if (children[cpu] == 0) {
            keep_to_cpu(cpu);
            read_in_order(shared, cpu);
            _exit(0);
        }
        CHECK(children[cpu] > 0, "fork: errno %d", errno);
    }
    for (int cpu = 0; cpu < readers; cpu++) {
        int status = -1;
        if (children[cpu] > 0)
            CHECK_EQ(children[cpu], waitpid(children[cpu], &status, 0), "waitpid");
        CHECK_EQ(0, status, "the reader's exit status");
        printf("CPU %d: %ld reads, %ld behind the latest published\n", cpu, shared->reads[cpu], shared->behind[cpu]);
        CHECK(shared->reads[cpu] > 1000, "reads on CPU %d: expected many, got %ld", cpu, shared->reads[cpu]);
        CHECK(shared->behind[cpu] == 0, "CPU %d: %ld reads came before one already published (by up to %lld ns)",
              cpu, shared->behind[cpu], shared->worst_behind_ns[cpu]);
    }
    munmap(shared, 4096);
}

static void sleeps_last_what_they_ask(void)
{
    static const long long asked_ns[] = { 1000, 100 * NS_PER_US, TICK_NS - 1, TICK_NS, 1000000, 1500000, 2500000 };
    for (unsigned i = 0; i < sizeof asked_ns / sizeof asked_ns[0]; i++)
        for (int round = 0; round < 8; round++) {
            struct timespec request = { 0, (long)asked_ns[i] };
            long long began = ns_of(CLOCK_MONOTONIC);
            CHECK_EQ(0, nanosleep(&request, NULL), "nanosleep");
            long long slept = ns_of(CLOCK_MONOTONIC) - began;
            CHECK(slept >= asked_ns[i], "nanosleep of %lld ns lasted %lld ns", asked_ns[i], slept);
            CHECK(slept < asked_ns[i] + 200 * 1000000ll, "nanosleep of %lld ns lasted %lld ns", asked_ns[i], slept);
        }
    for (int timeout_ms = 1; timeout_ms <= 3; timeout_ms++)
        for (int round = 0; round < 8; round++) {
            long long began = ns_of(CLOCK_MONOTONIC);
            CHECK_EQ(0, poll(NULL, 0, timeout_ms), "poll with nothing to watch");
            long long waited = ns_of(CLOCK_MONOTONIC) - began;
            CHECK(waited >= timeout_ms * 1000000ll, "poll's timeout of %d ms lasted %lld ns", timeout_ms, waited);
        }
}

int main(void)
{
    reads_between_ticks_differ(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
    reads_between_ticks_differ(CLOCK_REALTIME, "CLOCK_REALTIME");
    gettimeofday_moves_by_microseconds();
    reads_on_every_cpu_come_in_order();
    sleeps_last_what_they_ask();
    return test_finish("time_clocks_read_between_ticks_in_order_on_every_cpu");
}
