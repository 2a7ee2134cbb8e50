/* user/tools/bench/cross_cpu.c - round trips between two CPUs
 * (docs/smp.md, docs/performance.md).
 *
 * The pipe and msg_call round trips of pipe.c and message.c, with the
 * timing process kept to CPU 0 and its partner to CPU 1
 * (sched_setaffinity): each hop wakes a task on the other CPU (a
 * reschedule interrupt to its idle task) instead of switching to it on
 * the same one. tools/bench boots a second machine with two CPUs for
 * these rows (-icount counts both CPUs' instructions, one QEMU thread
 * running them in turn); on one CPU they print NA. */
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "bench.h"

int bench_partner_cpu = -1;
static int partner_free;          /* the partner starts on its CPU, then may run on any */

/* Keeps the caller to `cpu` alone (-1: every CPU there is). */
static int keep_to(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    for (long each = 0; each < cpus; each++)
        if (cpu < 0 || each == cpu)
            CPU_SET(each, &set);
    return sched_setaffinity(0, sizeof set, &set) < 0 ? last_error() : 0;
}

void bench_child_starts(void)
{
    if (bench_partner_cpu >= 0)
        keep_to(bench_partner_cpu);
    if (partner_free)
        keep_to(-1);                          /* last on CPU 1, free to go */
}

/* Runs `round_trips` from CPU 0 with its partner on CPU `partner`. */
static int on_two_cpus(int (*round_trips)(int, struct samples *), int parameter, struct samples *samples,
                       int partner)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return -ENOSYS;                       /* one CPU: NA */
    int status = keep_to(0);
    if (status < 0)
        return status;
    bench_partner_cpu = partner;
    status = round_trips(parameter, samples);
    bench_partner_cpu = -1;
    int restored = keep_to(-1);
    return status < 0 ? status : restored;
}

static int across_cpus(int (*round_trips)(int, struct samples *), int parameter, struct samples *samples)
{
    return on_two_cpus(round_trips, parameter, samples, 1);
}

int bench_pipe_round_trip_cross_cpu(int unused, struct samples *samples)
{
    return across_cpus(bench_pipe_round_trip, unused, samples);
}

int bench_msg_call_cross_cpu(int body_bytes, struct samples *samples)
{
    return across_cpus(bench_msg_call, body_bytes, samples);
}

/* msg_call answered by a server looping on msg_reply_recv, free to
 * move: it starts on CPU 1 and then may run on either. Where a call
 * wakes it is the kernel's choice: on the caller's CPU 0, moved there
 * (the default), or with the boot option `msgipi` where the scheduler
 * puts it, by a reschedule interrupt (docs/smp.md, "IPI or migration");
 * tools/bench boots once each way. */
int bench_msg_call_cross_cpu_free(int body_bytes, struct samples *samples)
{
    partner_free = 1;
    int status = across_cpus(bench_msg_call_reply_recv, body_bytes, samples);
    partner_free = 0;
    return status;
}

/* The same round trips with both processes kept to CPU 0 of the machine
 * of two CPUs: what the migration above can at best come to. */
int bench_msg_call_cross_cpu_same(int body_bytes, struct samples *samples)
{
    return on_two_cpus(bench_msg_call_reply_recv, body_bytes, samples, 0);
}
