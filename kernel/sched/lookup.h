/* kernel/sched/lookup.h - a lookup without the big kernel lock, on
 * several CPUs: an object found between lookup_begin and lookup_end (a
 * thread, a System V queue or semaphore set, by its id) is not freed before the
 * end, because whoever frees such objects first takes them out of their
 * table, then waits for every lookup under way (lookups_wait). A new
 * lookup cannot find them any more. It is not a lock: nobody waits to
 * begin one, and a lookup keeps nobody else out.
 *
 *   CPU 0 (no big lock)           CPU 1 (big lock)
 *   lookup_begin                  table[id] = NULL
 *   object = table[id]            lookups_wait: spins while CPU 0's
 *   spinlock_take(&object->lock)    count is the odd one it saw
 *   ... checks it is not removed
 *   lookup_end                    ----> kfree(object)
 *
 * Each CPU counts its lookups in lookup_sequence (arch/x86/per_cpu.h),
 * odd while one is under way. Users: message passing's calls without the
 * big lock look at their peer thread (kernel/ipc/msg_without_big_lock.c)
 * and the cleaner waits before it frees tasks (kernel/sched/task.c);
 * System V queues and semaphore sets (kernel/ipc/sysv_msgq_ and
 * sysv_sem_without_big_lock.c); a signal's sender, which finds a thread
 * and with it its process, whose slot process_free keeps until the
 * lookups end (kernel/ipc/signal_without_big_lock.c); a wake-up that
 * finds a task by itself reads its queue's lock in one (sched/smp_wait.c).
 * Context:
 * interrupts off from begin to end, no sleep between, no wait for a lock
 * whose holder may wait for lookups. */
#ifndef KERNEL_SCHED_LOOKUP_H
#define KERNEL_SCHED_LOOKUP_H

#include <stdint.h>

#include "arch/x86/per_cpu.h"

static inline void lookup_begin(void)
{
    struct cpu *cpu = this_cpu();
    __atomic_store_n(&cpu->lookup_sequence, cpu->lookup_sequence + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);     /* odd before anything is read */
}

static inline void lookup_end(void)
{
    struct cpu *cpu = this_cpu();
    __atomic_store_n(&cpu->lookup_sequence, cpu->lookup_sequence + 1, __ATOMIC_RELEASE);
}

/* Waits until every lookup under way on another CPU at the call has
 * ended (a new one may have begun). Context: interrupts off, no spinlock
 * held, not in a lookup; spins, never sleeps (lookup.c). */
void lookups_wait(void);

#endif
