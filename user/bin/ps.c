/* user/bin/ps.c - ps [-l] [-T]: lists every process the kernel has, as the
 * kernel tells it through kinfo(KINFO_PROCESSES) (kernel/uapi/kinfo.h):
 *
 *   PID  PPID  PGID NLWP S LVL  NI  TIME(ms) WAIT             ON               NAME
 *     1     0     1    1 B   0   0         3 waitpid          any process      init
 *
 * NLWP is how many threads the process has (procps's name: "number of
 * light-weight processes"). S is the state: R running, S ready to run, B
 * blocked (WAIT says for what, ON which object: a pipe, a mailbox, a
 * process), Z zombie (ended, not yet waited for). A process with several
 * threads is running if one of them is, else ready if one is; its WAIT and
 * ON are its first thread's. LVL is the level in the scheduler's
 * multi-level feedback queue (0 runs first; docs/scheduler.md), NI the nice
 * value, TIME the CPU time used (by all the threads of a process). ps -l
 * adds the scheduling class (CLS, as procps: TS time sharing, FF
 * SCHED_FIFO, RR SCHED_RR, B SCHED_BATCH, IDL SCHED_IDLE) and real-time
 * priority (RTPRIO, - outside the real-time classes), and how many times
 * it left the CPU to wait (VOLUNTARY) and was preempted or yielded
 * (INVOLUNTARY), and PSR, the CPU it runs on or last ran on (procps's
 * name; 0 on a machine with one, docs/smp.md).
 *
 * ps -T (kinfo(KINFO_THREADS)) shows one line per thread instead, with a
 * TID column beside the PID, as procps's ps -T does: each thread's own
 * state, wait, level and time. A pid is its process's first thread's tid. */
#include <errno.h>
#include <kernel.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* procps's names for the classes of uapi/sched.h */
static const char *class_name(int policy)
{
    switch (policy) {
    case SCHED_OTHER: return "TS";
    case SCHED_FIFO: return "FF";
    case SCHED_RR: return "RR";
    case SCHED_BATCH: return "B";
    case SCHED_IDLE: return "IDL";
    default: return "?";
    }
}

#define NANOSECONDS_PER_MS 1000000ULL

/* Puts each process's threads in the order of their tids, as Linux's ps
 * -T (the kernel lists a process's newest thread first). The entries of a
 * process are next to each other. */
static void sort_threads(struct kinfo_process *entries, int count)
{
    for (int i = 1; i < count; i++) {
        struct kinfo_process entry = entries[i];
        int j = i;
        for (; j > 0 && entries[j - 1].pid == entry.pid && entries[j - 1].tid > entry.tid; j--)
            entries[j] = entries[j - 1];
        entries[j] = entry;
    }
}

/* Reads the options, each alone or together (-l -T, -lT); 0 if one is
 * unknown. */
static int read_options(int argc, char **argv, int *long_format, int *per_thread)
{
    int option;
    while ((option = getopt(argc, argv, "lT")) != -1) {
        if (option == 'l')
            *long_format = 1;
        else if (option == 'T')
            *per_thread = 1;
        else
            return 0;
    }
    return optind == argc;
}

int main(int argc, char **argv)
{
    int long_format = 0, per_thread = 0;
    if (!read_options(argc, argv, &long_format, &per_thread)) {
        fprintf(stderr, "usage: ps [-l] [-T]\n");
        return 2;
    }
    int count;
    struct kinfo_process *entries = kinfo_table(per_thread ? KINFO_THREADS : KINFO_PROCESSES, sizeof *entries, &count);
    if (!entries) {
        fprintf(stderr, "ps: %s\n", strerror(errno));
        return 1;
    }
    if (per_thread)
        sort_threads(entries, count);
    printf("%5s ", "PID");
    if (per_thread)
        printf("%5s ", "TID");
    printf("%5s %5s %4s %s %3s %3s %9s ", "PPID", "PGID", "NLWP", "S", "LVL", "NI", "TIME(ms)");
    if (long_format)
        printf("%3s %6s %9s %11s %3s ", "CLS", "RTPRIO", "VOLUNTARY", "INVOLUNTARY", "PSR");
    printf("%-16s %-16s %s\n", "WAIT", "ON", "NAME");
    for (int i = 0; i < count; i++) {
        const struct kinfo_process *p = &entries[i];
        printf("%5d ", p->pid);
        if (per_thread && p->tid)
            printf("%5d ", p->tid);
        else if (per_thread)
            printf("%5s ", "-");             /* a zombie has no thread left */
        printf("%5d %5d %4d %c %3d %3d %9llu ", p->parent_pid, p->process_group, p->threads, p->state,
               p->level, p->nice, p->cpu_time_ns / NANOSECONDS_PER_MS);
        if (long_format) {
            printf("%3s ", class_name(p->policy));
            if (p->rt_priority)
                printf("%6d ", p->rt_priority);
            else
                printf("%6s ", "-");
            printf("%9u %11u %3d ", p->voluntary_switches, p->involuntary_switches, p->cpu);
        }
        printf("%-16.*s %-16.*s %.*s\n",
               (int)sizeof p->wait_reason, p->wait_reason[0] ? p->wait_reason : "-",
               (int)sizeof p->wait_object, p->wait_object[0] ? p->wait_object : "-",
               (int)sizeof p->name, p->name);
    }
    free(entries);
    return 0;
}
