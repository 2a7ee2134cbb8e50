/* kernel/fs/procfs/procfs_text.c - the text of /proc's files, field for
 * field as Linux's proc(5) lays it out, so that a program that reads
 * Linux's reads these (docs/procfs.md):
 *
 *   /proc/PID/stat     one line: pid (comm) state ppid pgrp session ... 52 fields
 *   /proc/PID/status   "Name:\tsh", "State:\tS (sleeping)", "SigBlk:\t...", one a line
 *   /proc/PID/comm     the name
 *   /proc/PID/cmdline  the arguments, a NUL after each (procfs_cmdline)
 *   /proc/uptime       seconds since boot, seconds every CPU was idle
 *   /proc/meminfo      MemTotal, MemFree, MemAvailable
 *
 * A field Linux has and this kernel keeps nothing for reads 0, as Linux's
 * do where it keeps nothing: the console has no controlling terminal
 * (tty_nr 0, tpgid -1), there is no swap and no major fault (everything
 * is in memory), and the memory layout fields (startcode .. env_end, which
 * Linux shows only to the process's owner) are not kept.
 * Context: the big lock held (the process table stays still); never
 * sleeps. */
#include "procfs_internal.h"

#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/cross_copy.h"
#include "mm/frame.h"
#include "proc/process.h"
#include "proc/rusage.h"
#include "proc/thread.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "uapi/signal.h"

#define NS_PER_USER_TICK 10000000u         /* clock ticks of 1/100 s: sysconf(_SC_CLK_TCK), Linux's USER_HZ */
#define PAGE_KIB 4

/* Linux's state letter: R running or ready, S waiting, T stopped, Z a
 * zombie (and its name in status). */
static char state_of(const struct process *process, const char **name)
{
    if (process->state == PROCESS_ZOMBIE || !process->threads) {
        *name = "zombie";
        return 'Z';
    }
    if (process->stopped) {
        *name = "stopped";
        return 'T';
    }
    for (const struct thread *thread = process->threads; thread; thread = thread->next_in_process)
        if (thread->task.state != TASK_BLOCKED) {
            *name = "running";
            return 'R';
        }
    *name = "sleeping";
    return 'S';
}

static uint32_t virtual_kib(const struct process *process)
{
    const struct address_space *space = process->address_space;
    uint32_t bytes = 0;
    for (int i = 0; space && i < space->region_count; i++)
        bytes += space->regions[i].end - space->regions[i].start;
    return bytes / 1024;
}

/* The signals caught (a handler) or ignored, as sets. */
static void actions(const struct process *process, signal_set *caught, signal_set *ignored)
{
    *caught = *ignored = 0;
    for (int signal = 1; signal < NSIG; signal++) {
        unsigned long handler = process->signal_actions[signal].handler;
        if (handler == SIG_IGN_VALUE)
            *ignored |= (signal_set)1 << (signal - 1);
        else if (handler != SIG_DFL_VALUE)
            *caught |= (signal_set)1 << (signal - 1);
    }
}

/* What stat and status both show, looked up once. */
struct process_view {
    char state;
    const char *state_name;
    struct thread *thread;            /* the one that speaks for it; NULL for a zombie */
    signal_set caught, ignored;
    const struct address_space *space;
};

static struct process_view view_of(struct process *process)
{
    struct process_view view = { .thread = thread_of_process(process), .space = process->address_space };
    view.state = state_of(process, &view.state_name);
    actions(process, &view.caught, &view.ignored);
    return view;
}

static int stat_text(struct process *process, char *text)
{
    struct process_view view = view_of(process);
    struct thread *thread = view.thread;
    struct rusage_totals own = rusage_of_process(process);
    signal_set pending = process->signals_pending.set | (thread ? thread->signals_pending.set : 0);
    int nice = thread ? thread->task.nice : 0;
    int rt_priority = thread ? thread->task.rt_priority : 0;
    const struct address_space *space = view.space;
    uint32_t rss_limit = process->limits[RLIMIT_RSS].soft;
    return ksnprintf(text, PROCFS_TEXT_MAX,
                     "%d (%s) %c %d %d %d %d %d %u %u %u %u %u %llu %llu %llu %llu %d %d %u %u %llu %u %u %u "
                     "%u %u %u %u %u %u %u %u %u %u %u %u %d %d %u %u %u %u %u %u %u %u %u %u %u %u %d\n",
                     process->pid, process->name, view.state, process->parent ? process->parent->pid : 0,
                     process->process_group, process->session, 0 /* tty_nr */, -1 /* tpgid */,
                     0u /* flags */, own.minor_faults, process->children.minor_faults, 0u, 0u,
                     own.cpu_time_ns / NS_PER_USER_TICK, 0ull /* stime: counted as utime */,
                     process->children.cpu_time_ns / NS_PER_USER_TICK, 0ull,
                     rt_priority ? -1 - rt_priority : 20 + nice, nice, process->thread_count,
                     0u /* itrealvalue, 0 since Linux 2.6.17 */, process->start_ns / NS_PER_USER_TICK,
                     virtual_kib(process) * 1024u, space ? space->resident_pages : 0u, rss_limit,
                     0u, 0u, 0u, 0u, 0u /* startcode endcode startstack kstkesp kstkeip */,
                     (uint32_t)pending, (uint32_t)(thread ? thread->signals_blocked : 0), (uint32_t)view.ignored,
                     (uint32_t)view.caught, 0u /* wchan */, 0u, 0u /* nswap cnswap */, SIGCHLD,
                     thread ? (int)thread->task.cpu : 0, (uint32_t)rt_priority,
                     thread ? (uint32_t)thread->task.policy : 0u, 0u, 0u, 0u /* blkio, guest times */,
                     0u, 0u, 0u, 0u, 0u, 0u, 0u /* start_data .. env_end */,
                     process->state == PROCESS_ZOMBIE ? process->wait_status : 0);
}

static int status_text(struct process *process, char *text)
{
    struct process_view view = view_of(process);
    struct thread *thread = view.thread;
    const struct address_space *space = view.space;
    int length = ksnprintf(
        text, PROCFS_TEXT_MAX,
        "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
        "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t",
        process->name, process->umask, view.state, view.state_name, process->pid, process->pid,
        process->parent ? process->parent->pid : 0, process->uid, process->euid, process->suid, process->euid,
        process->gid, process->egid, process->sgid, process->egid, MAX_OPEN_FILES);
    for (unsigned i = 0; i < process->group_count; i++)
        length += ksnprintf(text + length, PROCFS_TEXT_MAX - (unsigned)length, "%u ", process->groups[i]);
    if (space)
        length += ksnprintf(text + length, PROCFS_TEXT_MAX - (unsigned)length,
                            "\nVmSize:\t%8u kB\nVmHWM:\t%8u kB\nVmRSS:\t%8u kB", virtual_kib(process),
                            space->peak_resident_pages * PAGE_KIB, space->resident_pages * PAGE_KIB);
    length += ksnprintf(text + length, PROCFS_TEXT_MAX - (unsigned)length,
                        "\nThreads:\t%u\nSigQ:\t%u/%u\nSigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
                        "SigIgn:\t%016llx\nSigCgt:\t%016llx\n"
                        "voluntary_ctxt_switches:\t%u\n"
                        "nonvoluntary_ctxt_switches:\t%u\n",
                        process->thread_count, process->signals_queued, process->limits[RLIMIT_SIGPENDING].soft,
                        thread ? thread->signals_pending.set : 0ull, process->signals_pending.set,
                        thread ? thread->signals_blocked : 0ull, view.ignored, view.caught,
                        thread ? thread->task.voluntary_switches : 0u,
                        thread ? thread->task.involuntary_switches : 0u);
    return length;
}

uint32_t procfs_cmdline(struct process *process, uint32_t offset, char *text, uint32_t size)
{
    const struct address_space *space = process->address_space;
    if (!space || offset >= space->arguments_end - space->arguments_start)
        return 0;
    uint32_t address = space->arguments_start + offset;
    uint32_t end = space->arguments_end - address < size ? space->arguments_end : address + size;
    uint32_t done = 0;
    while (address < end) {           /* a page at a time, through the kernel's map of its frames */
        const uint8_t *bytes = page_if_present(space->page_directory, address, 0);
        if (!bytes)
            break;                    /* never so after exec wrote them; nothing to fault in */
        uint32_t chunk = PAGE_SIZE - (address & (PAGE_SIZE - 1));
        chunk = end - address < chunk ? end - address : chunk;
        memcpy(text + done, bytes, chunk);
        done += chunk;
        address += chunk;
    }
    return done;
}

int procfs_text(enum procfs_kind kind, struct process *process, char *text)
{
    switch (kind) {
    case PROCFS_COMM:
        return ksnprintf(text, PROCFS_TEXT_MAX, "%s\n", process->name);
    case PROCFS_STAT:
        return stat_text(process, text);
    case PROCFS_STATUS:
        return status_text(process, text);
    case PROCFS_SYSVIPC_MSG:
    case PROCFS_SYSVIPC_SEM:
    case PROCFS_SYSVIPC_SHM:
        return procfs_sysvipc_text(kind, text);
    case PROCFS_UPTIME: {
        uint64_t up = clock_now_ns() / NS_PER_USER_TICK, idle = idle_time_ns() / NS_PER_USER_TICK;
        return ksnprintf(text, PROCFS_TEXT_MAX, "%llu.%02llu %llu.%02llu\n", up / 100, up % 100, idle / 100,
                         idle % 100);
    }
    case PROCFS_MEMINFO:
        return ksnprintf(text, PROCFS_TEXT_MAX, "MemTotal:       %8u kB\nMemFree:        %8u kB\n"
                         "MemAvailable:   %8u kB\n", frame_total_count() * PAGE_KIB,
                         frame_free_count() * PAGE_KIB, frame_free_count() * PAGE_KIB);
    default:
        return 0;
    }
}
