/* kernel/proc/rusage.c - getrusage and the counts behind it (rusage.h).
 *
 * What is counted, and how honestly:
 *   ru_utime   the time the threads ran, measured at each switch
 *              (sched/switch.h: charge_switch), their system calls
 *              included.
 *   ru_stime   0. The kernel does not tell a thread's time in system
 *              calls from its time in user mode: that would read the
 *              time-stamp counter at every entry and exit.
 *              (docs/scheduler.md, "Resource use".)
 *   ru_maxrss  the largest resident set any of its address spaces had,
 *              in KiB (pages mapped, shared ones included, as Linux).
 *   ru_minflt  page faults the kernel served (a page zeroed, copied on
 *              write, or found in a file); ru_majflt 0: nothing waits
 *              for a disk.
 *   ru_nvcsw, ru_nivcsw  the scheduler's voluntary and involuntary
 *              switches (ps -l).
 * The others (swaps, blocks, messages, signals, shared sizes) stay 0, as
 * on Linux. */
#include "rusage.h"

#include "kernel/syscall.h"
#include "mm/address_space.h"
#include "mm/uaccess.h"
#include "process.h"
#include "sched/scheduler.h"
#include "thread.h"
#include "uapi/errno.h"

#define PAGE_KIB 4

static void add_thread(struct rusage_totals *totals, struct thread *thread)
{
    totals->cpu_time_ns += task_cpu_time_ns(&thread->task);
    totals->minor_faults += thread->minor_faults;
    totals->voluntary_switches += thread->task.voluntary_switches;
    totals->involuntary_switches += thread->task.involuntary_switches;
}

static void add_totals(struct rusage_totals *totals, const struct rusage_totals *more)
{
    totals->cpu_time_ns += more->cpu_time_ns;
    totals->minor_faults += more->minor_faults;
    totals->voluntary_switches += more->voluntary_switches;
    totals->involuntary_switches += more->involuntary_switches;
    if (more->maxrss_pages > totals->maxrss_pages)
        totals->maxrss_pages = more->maxrss_pages;
}

void rusage_thread_ended(struct thread *thread)
{
    add_thread(&thread->task.process->ended_threads, thread);
}

void rusage_keep_peak(struct process *process)
{
    struct address_space *space = process->address_space;
    if (space && space->peak_resident_pages > process->ended_threads.maxrss_pages)
        process->ended_threads.maxrss_pages = space->peak_resident_pages;
}

struct rusage_totals rusage_of_process(struct process *process)
{
    struct rusage_totals totals = process->ended_threads;
    for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        add_thread(&totals, thread);
    struct address_space *space = process->address_space;
    if (space && space->peak_resident_pages > totals.maxrss_pages)
        totals.maxrss_pages = space->peak_resident_pages;
    return totals;
}

uint64_t rusage_cpu_time_ns(struct process *process)
{
    return rusage_of_process(process).cpu_time_ns;
}

void rusage_child_reaped(struct process *parent, const struct process *zombie)
{
    add_totals(&parent->children, &zombie->ended_threads);
    add_totals(&parent->children, &zombie->children);
}

static void fill(struct kernel_rusage *usage, const struct rusage_totals *totals)
{
    *usage = (struct kernel_rusage){ 0 };
    usage->utime_seconds = (long)(totals->cpu_time_ns / 1000000000u);
    usage->utime_microseconds = (long)(totals->cpu_time_ns % 1000000000u / 1000u);
    usage->maxrss = (long)totals->maxrss_pages * PAGE_KIB;
    usage->minflt = (long)totals->minor_faults;
    usage->nvcsw = (long)totals->voluntary_switches;
    usage->nivcsw = (long)totals->involuntary_switches;
}

void rusage_of_zombie(const struct process *zombie, struct kernel_rusage *usage)
{
    struct rusage_totals totals = zombie->ended_threads;
    add_totals(&totals, &zombie->children);
    fill(usage, &totals);
}

/* RUSAGE_SELF: every thread of the caller's process, ended ones too;
 * RUSAGE_CHILDREN: its children waited for, and their waited-for
 * children; RUSAGE_THREAD: the calling thread alone. */
int sys_getrusage(int who, struct kernel_rusage *user_usage)
{
    struct process *process = current_task->process;
    struct rusage_totals totals = { 0 };
    if (who == RUSAGE_SELF) {
        totals = rusage_of_process(process);
    } else if (who == RUSAGE_CHILDREN) {
        totals = process->children;
    } else if (who == RUSAGE_THREAD) {
        add_thread(&totals, current_thread());
        totals.maxrss_pages = rusage_of_process(process).maxrss_pages;   /* one address space (Linux) */
    } else {
        return -EINVAL;
    }
    struct kernel_rusage usage;
    fill(&usage, &totals);
    if (copy_to_user(user_usage, &usage, sizeof usage) < 0)
        return -EFAULT;
    return 0;
}
