/* kernel/mm/lock.h - memory locking (mlock(2)): what mmap and brk ask of
 * lock.c when mlockall(MCL_FUTURE) is in force. */
#ifndef KERNEL_MM_LOCK_H
#define KERNEL_MM_LOCK_H

#include <stdint.h>

struct process;

/* May `process` map `bytes` more now? With MCL_FUTURE in force a new
 * mapping is locked, so a user other than root may not pass its
 * RLIMIT_MEMLOCK: -EAGAIN, as Linux's mmap and brk. 0 otherwise. */
#ifdef SUBSYSTEM_MLOCK
int memory_lock_may_grow(struct process *process, uint32_t bytes);
#else
static inline int memory_lock_may_grow(struct process *process, uint32_t bytes)   /* no mlockall: nothing is locked */
{
    (void)process;
    (void)bytes;
    return 0;
}
#endif

/* With MCL_FUTURE in force, locks the new mapping [start, end) of
 * `process`: marks it and makes its pages present (unless MCL_ONFAULT).
 * Pages that cannot come are left to fault later, as Linux's mmap does.
 * Context: process context, may take page frames. */
#ifdef SUBSYSTEM_MLOCK
void memory_lock_new_mapping(struct process *process, uint32_t start, uint32_t end);
#else
static inline void memory_lock_new_mapping(struct process *process, uint32_t start, uint32_t end)   /* no mlockall: nothing is locked */
{
    (void)process;
    (void)start;
    (void)end;
}
#endif

struct address_space;

/* Is a page of [start, end) locked? (msync's MS_INVALIDATE: EBUSY) */
#ifdef SUBSYSTEM_MLOCK
int memory_lock_holds_any(struct address_space *space, uint32_t start, uint32_t end);
#else
static inline int memory_lock_holds_any(struct address_space *space, uint32_t start, uint32_t end)   /* no mlock: nothing is locked */
{
    (void)space;
    (void)start;
    (void)end;
    return 0;
}
#endif

#endif
