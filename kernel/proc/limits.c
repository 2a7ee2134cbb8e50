/* kernel/proc/limits.c - getrlimit and setrlimit (getrlimit(2)).
 *
 * Each process holds a soft and a hard limit per resource
 * (process->limits). The soft limit is what the kernel enforces; a process
 * may lower either, and raise its soft limit up to its hard one; only root
 * raises a hard limit. Where the kernel has a fixed ceiling of its own
 * (the descriptor table, the process table, the stack's room) no hard limit
 * may go past it, not even root's, as Linux refuses RLIMIT_NOFILE beyond
 * its nr_open: the limits tell what is really there. */
#include "limits.h"

#include "users_for_core.h"
#include "fs/file.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "process.h"
#include "sched/task.h"
#include "uapi/errno.h"

_Static_assert(PAGE_SIZE == KERNEL_PAGE_SIZE, "uapi/limits.h tells programs the page size");

#define INFINITE RLIMIT_INFINITY_VALUE
#define SIGPENDING_LIMIT 128          /* queued signals per process (the signals' own limit) */

/* What pid 1 starts with, and how far a hard limit may ever go. */
static const struct limit_default {
    uint32_t soft, hard, ceiling;
} defaults[RLIMIT_COUNT] = {
    [RLIMIT_CPU]        = { INFINITE, INFINITE, INFINITE },
    [RLIMIT_FSIZE]      = { INFINITE, INFINITE, INFINITE },
    [RLIMIT_DATA]       = { PROCESS_MAX_PAGES * PAGE_SIZE, PROCESS_MAX_PAGES * PAGE_SIZE,
                            PROCESS_MAX_PAGES * PAGE_SIZE },      /* the heap's room */
    [RLIMIT_STACK]      = { USER_STACK_MAX, USER_STACK_MAX, USER_STACK_MAX },
    [RLIMIT_CORE]       = { 0, INFINITE, INFINITE },              /* as Linux's default */
    [RLIMIT_RSS]        = { INFINITE, INFINITE, INFINITE },
    [RLIMIT_NPROC]      = { MAX_PROCESSES, MAX_PROCESSES, MAX_PROCESSES },
    [RLIMIT_NOFILE]     = { MAX_OPEN_FILES, MAX_OPEN_FILES, MAX_OPEN_FILES },
    [RLIMIT_MEMLOCK]    = { 8u << 20, 8u << 20, INFINITE },        /* Linux 6.1's default (mlock(2)) */
    [RLIMIT_AS]         = { USER_END - USER_START, USER_END - USER_START, USER_END - USER_START },
    [RLIMIT_LOCKS]      = { INFINITE, INFINITE, INFINITE },
    [RLIMIT_SIGPENDING] = { SIGPENDING_LIMIT, SIGPENDING_LIMIT, SIGPENDING_LIMIT },
    [RLIMIT_MSGQUEUE]   = { 819200, 819200, INFINITE },             /* Linux's MQ_BYTES_MAX (mq_open(2)) */
    [RLIMIT_NICE]       = { 0, 0, INFINITE },
    [RLIMIT_RTPRIO]     = { 0, 0, INFINITE },
    [RLIMIT_RTTIME]     = { INFINITE, INFINITE, INFINITE },
};

void limits_set_defaults(struct process *process)
{
    for (int resource = 0; resource < RLIMIT_COUNT; resource++) {
        process->limits[resource].soft = defaults[resource].soft;
        process->limits[resource].hard = defaults[resource].hard;
    }
}

int sys_getrlimit(int resource, struct kernel_rlimit *user_limit)
{
    if ((unsigned)resource >= RLIMIT_COUNT)
        return -EINVAL;
    struct kernel_rlimit limit = current_task->process->limits[resource];
    return copy_to_user(user_limit, &limit, sizeof limit) < 0 ? -EFAULT : 0;
}

int sys_setrlimit(int resource, const struct kernel_rlimit *user_limit)
{
    if ((unsigned)resource >= RLIMIT_COUNT)
        return -EINVAL;
    struct kernel_rlimit limit;
    if (copy_from_user(&limit, user_limit, sizeof limit) < 0)
        return -EFAULT;
    /* EINVAL: a soft limit above the hard one */
    if (limit.soft > limit.hard)
        return -EINVAL;
    struct process *process = current_task->process;
    /* EPERM: raising the hard limit takes root; past the kernel's own
     * ceiling nobody may */
    if ((limit.hard > process->limits[resource].hard && !credentials_is_root(process)) ||
        limit.hard > defaults[resource].ceiling)
        return -EPERM;
    process->limits[resource] = limit;
    return 0;
}

/* RLIMIT_NPROC (fork(2)): a user other than root may have at most this
 * many processes, zombies included, counted by real user id. */
int limits_may_fork(const struct process *parent)
{
    if (parent->uid == ROOT_UID)
        return 1;
    unsigned processes = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        const struct process *process = process_slot(slot);
        if (process->state != PROCESS_FREE && process->uid == parent->uid)
            processes++;
    }
    return processes < limits_soft(parent, RLIMIT_NPROC);
}
