/* user/bin/ps.c - ps [-l]: lists every process the kernel has, as the kernel
 * tells it through kinfo(KINFO_PROCESSES) (kernel/uapi/kinfo.h):
 *
 *   PID  PPID  PGID S LVL  NI  TIME(ms) WAIT             ON               NAME
 *     1     0     1 B   0   0         3 waitpid          any process      init
 *
 * S is the state: R running, S ready to run, B blocked (WAIT says for
 * what, ON which object: a pipe, a mailbox, a process), Z zombie (ended,
 * not yet waited for). LVL is the process's level in the scheduler's
 * multi-level feedback queue (0 runs first; docs/scheduler.md), NI its
 * nice value, TIME the CPU time it has used. ps -l adds how many times it
 * left the CPU to wait (VOLUNTARY) and was preempted or yielded
 * (INVOLUNTARY). */
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_GUESS        64        /* processes room is made for at first */
#define NANOSECONDS_PER_MS 1000000ULL

/* Fills a malloc'd array with every process; returns how many, or -1. The
 * array is made larger until the kernel leaves some of it unused, so no
 * process is cut off. */
static int read_processes(struct kinfo_process **out)
{
    for (unsigned room = FIRST_GUESS;; room *= 2) {
        struct kinfo_process *processes = malloc(room * sizeof *processes);
        if (!processes)
            return -1;
        int bytes = kinfo(KINFO_PROCESSES, processes, room * sizeof *processes);
        if (bytes < 0) {
            free(processes);
            return -1;
        }
        unsigned count = (unsigned)bytes / sizeof *processes;
        if (count < room) {
            *out = processes;
            return (int)count;
        }
        free(processes);
    }
}

int main(int argc, char **argv)
{
    int long_format = argc > 1 && strcmp(argv[1], "-l") == 0;
    if (argc > 1 && !long_format) {
        fprintf(stderr, "usage: ps [-l]\n");
        return 2;
    }
    struct kinfo_process *processes;
    int count = read_processes(&processes);
    if (count < 0) {
        fprintf(stderr, "ps: %s\n", strerror(errno));
        return 1;
    }
    printf("%5s %5s %5s %s %3s %3s %9s ", "PID", "PPID", "PGID", "S", "LVL", "NI", "TIME(ms)");
    if (long_format)
        printf("%9s %11s ", "VOLUNTARY", "INVOLUNTARY");
    printf("%-16s %-16s %s\n", "WAIT", "ON", "NAME");
    for (int i = 0; i < count; i++) {
        const struct kinfo_process *p = &processes[i];
        printf("%5d %5d %5d %c %3d %3d %9llu ", p->pid, p->parent_pid, p->process_group,
               p->state, p->level, p->nice, p->cpu_time_ns / NANOSECONDS_PER_MS);
        if (long_format)
            printf("%9u %11u ", p->voluntary_switches, p->involuntary_switches);
        printf("%-16.*s %-16.*s %.*s\n",
               (int)sizeof p->wait_reason, p->wait_reason[0] ? p->wait_reason : "-",
               (int)sizeof p->wait_object, p->wait_object[0] ? p->wait_object : "-",
               (int)sizeof p->name, p->name);
    }
    free(processes);
    return 0;
}
