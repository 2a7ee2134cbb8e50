/* kernel/mm/mlock_for_core.h - what the core asks of memory locking
 * (mlock(2); the subsystem "mlock", kernel/subsystems/mlock.c): what mmap
 * and brk ask of lock.c when mlockall(MCL_FUTURE) is in force, and
 * msync's question. A kernel built without the subsystem gets the
 * stand-ins below (nothing is ever locked), so that the core reads the
 * same in every profile (kernel/subsystems/subsystem.h). lock.c has no
 * other header. */
#ifndef KERNEL_MM_MLOCK_FOR_CORE_H
#define KERNEL_MM_MLOCK_FOR_CORE_H

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
