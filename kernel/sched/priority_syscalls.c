/* kernel/sched/priority_syscalls.c - getpriority and setpriority: the nice
 * value that sets how long a task's slices are (kernel/sched/mlfq.h).
 *
 * As on Linux, the system call returns 20 - nice (1 .. 40), so that no
 * success looks like an error; the libc turns it back into the nice value.
 * `which` names processes by PRIO_PROCESS (a pid, 0 = the caller),
 * PRIO_PGRP (a process group, 0 = the caller's) or PRIO_USER (the
 * processes whose real user id is `who`, 0 = the caller's).
 *
 * Privilege (setpriority(2)): a process may change another's nice value
 * only if it runs as that process's user (credentials_may_renice, else
 * EPERM), and may lower a nice value only as far as its RLIMIT_NICE
 * allows (20 - nice <= the limit; the default 0 allows none), else
 * EACCES. Root may do both. */
#include "kernel/syscall.h"
#include "mlfq.h"
#include "proc/users_for_core.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "scheduler.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/resource.h"

static int valid_which(int which)
{
    return which == PRIO_PROCESS || which == PRIO_PGRP || which == PRIO_USER;
}

/* Does living `process` belong to the set named by `which` and `who`? */
static int selected(const struct process *process, int which, int who)
{
    const struct process *self = current_task->process;
    if (process->state != PROCESS_ALIVE || !process->threads)
        return 0;
    if (which == PRIO_PROCESS)
        return process->pid == (who ? who : self->pid);
    if (which == PRIO_PGRP)
        return process->process_group == (who ? who : self->process_group);
    return process->uid == (who ? (unsigned)who : self->uid);   /* PRIO_USER */
}

/* May the caller set `target`'s nice value to `nice`? 0, -EPERM (another
 * user's process) or -EACCES (a lower value than RLIMIT_NICE allows). */
static int may_set_nice(const struct process *target, int nice)
{
    const struct process *self = current_task->process;
    if (!credentials_may_renice(self, target))
        return -EPERM;
    if (nice < target->threads->task.nice && !credentials_is_root(self) &&
        (uint32_t)(20 - nice) > limits_soft(self, RLIMIT_NICE))
        return -EACCES;
    return 0;
}

/* The highest priority (lowest nice value) among the selected living
 * processes, as 20 - nice; -ESRCH when none is selected. */
int sys_getpriority(int which, int who)
{
    if (!valid_which(which))
        return -EINVAL;
    int lowest_nice = NICE_MAX + 1;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (selected(process, which, who) && process->threads->task.nice < lowest_nice)
            lowest_nice = process->threads->task.nice;
    }
    return lowest_nice > NICE_MAX ? -ESRCH : 20 - lowest_nice;
}

/* Sets the nice value of every selected living process to `nice`,
 * clamped to -20 .. 19 as Linux does. -ESRCH when none is selected. */
int sys_setpriority(int which, int who, int nice)
{
    if (!valid_which(which))
        return -EINVAL;
    if (nice < NICE_MIN)
        nice = NICE_MIN;
    if (nice > NICE_MAX)
        nice = NICE_MAX;
    int result = -ESRCH;                  /* as Linux: a refusal is reported unless one succeeded */
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (!selected(process, which, who))
            continue;
        int refused = may_set_nice(process, nice);
        if (refused < 0) {
            result = refused;
            continue;
        }
        for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
            mlfq_set_nice(&thread->task, nice);   /* a process's nice is all its threads' (POSIX) */
        if (result == -ESRCH)
            result = 0;
    }
    return result;
}
