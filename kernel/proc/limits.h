/* kernel/proc/limits.h - resource limits (getrlimit(2)): each process's
 * soft and hard limits, which fork and exec keep. Who enforces which
 * limit is said in uapi/resource.h beside its number. */
#ifndef KERNEL_PROC_LIMITS_H
#define KERNEL_PROC_LIMITS_H

#include "process.h"
#include "uapi/resource.h"

/* Gives `process` (pid 1) the limits every process starts with. */
void limits_set_defaults(struct process *process);

/* May `parent` fork one more process under its RLIMIT_NPROC? */
int limits_may_fork(const struct process *parent);

/* The soft limit `resource` of `process`: what it may use now. Inline:
 * the descriptor allocator asks on every open. */
static inline uint32_t limits_soft(const struct process *process, int resource)
{
    return process->limits[resource].soft;
}

/* One more than the highest descriptor `process` may open now: its
 * RLIMIT_NOFILE, which never exceeds the table (getrlimit(2)). Descriptors
 * above a lowered limit stay usable; no new one is made there. */
static inline int limits_descriptors(const struct process *process)
{
    uint32_t limit = limits_soft(process, RLIMIT_NOFILE);
    return limit < MAX_OPEN_FILES ? (int)limit : MAX_OPEN_FILES;
}

#endif
