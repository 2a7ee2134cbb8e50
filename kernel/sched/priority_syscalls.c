/* kernel/sched/priority_syscalls.c - getpriority and setpriority: the nice
 * value that sets how long a task's slices are (kernel/sched/mlfq.h).
 *
 * As on Linux, the system call returns 20 - nice (1 .. 40), so that no
 * success looks like an error; the libc turns it back into the nice value.
 * `which` names processes by PRIO_PROCESS (a pid, 0 = the caller),
 * PRIO_PGRP (a process group, 0 = the caller's) or PRIO_USER (a user: the
 * kernel has no users yet, so every process belongs to user 0).
 *
 * Privilege: the kernel has no users yet, so every process is privileged,
 * as root is on Linux: it may lower a nice value as well as raise it, and
 * set another process's. (Linux refuses a lower nice value with EACCES to
 * an unprivileged process, and another user's process with EPERM.) */
#include "kernel/syscall.h"
#include "mlfq.h"
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
    return who == 0;                      /* PRIO_USER: everyone is user 0 */
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
    int found = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (selected(process, which, who)) {
            for (struct thread *thread = process->threads; thread; thread = thread->next_in_process)
                mlfq_set_nice(&thread->task, nice);   /* a process's nice is all its threads' (POSIX) */
            found = 1;
        }
    }
    return found ? 0 : -ESRCH;
}
