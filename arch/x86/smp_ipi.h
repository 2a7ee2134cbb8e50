/* arch/x86/smp_ipi.h - the messages the CPUs send each other that must
 * be answered at once, lock or no lock: the TLB shootdown and the stop
 * of a panic (smp_ipi.c, docs/smp.md). The reschedule message is the
 * scheduler's (kernel/sched/smp_sched.c). */
#ifndef ARCH_X86_SMP_IPI_H
#define ARCH_X86_SMP_IPI_H

#include <stdint.h>

#include "per_cpu.h"
#include "trap_frame.h"

/* After the running CPU changed or removed the translation of
 * `virtual_address` in `directory`: every other CPU that may hold it in
 * its TLB (a kernel address: all; a user one: those whose task uses
 * `directory`) forgets it before this returns, so that the frame behind
 * it may be reused. Context: the big kernel lock held. */
void smp_tlb_shootdown(uint32_t directory, uint32_t virtual_address);

/* smp_tlb_shootdown's `virtual_address` for "every user page of
 * `directory`" (fork's copy-on-write marking): a CR3 reload there. */
#define SMP_EVERY_PAGE 0xFFFFFFFFu

/* Answers a shootdown this CPU is asked for, if any: called while it
 * spins for the big kernel lock, and by the shootdown's interrupt. */
void smp_answer_shootdown(void);

/* A window in which this CPU reads or writes frames of another process's
 * address space, `directory`, through the kernel's map (a message
 * delivered into a waiting thread's buffer without the big lock,
 * kernel/ipc/msg_without_big_lock.c). Until smp_view_end, a shootdown
 * of `directory` waits for this CPU too, as for a CPU that runs there:
 * so a frame found by a walk of `directory` begun after this is not given
 * back, nor shared with a forked child, before the window ends. The
 * fence pairs with smp_tlb_shootdown's: either the walk sees the changed
 * entry, or the shootdown sees this CPU. Context: interrupts off, and
 * nothing in the window spins with shootdowns answered (spinlock_take
 * does): an answer would let the frame go. */
static inline void smp_view_begin(uint32_t directory)
{
    this_cpu()->viewed_directory = directory;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void smp_view_end(void)
{
    __atomic_store_n(&this_cpu()->viewed_directory, 0, __ATOMIC_RELEASE);
}

/* A panic: every other CPU stops (an NMI, which gets through with
 * interrupts off), and this one goes on alone. */
void smp_stop_other_cpus(void);

/* trap_entry.asm's way in for the shootdown and the NMI. */
void trap_dispatch_without_lock(struct trap_frame *frame);

#endif
