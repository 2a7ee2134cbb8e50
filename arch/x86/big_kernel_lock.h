/* arch/x86/big_kernel_lock.h - the lock "interrupts off" becomes on
 * several CPUs (big_kernel_lock.c, docs/smp.md). Taken and given by
 * trap_entry.asm and cpu.h's interrupt functions, which declare
 * big_kernel_lock_take and big_kernel_lock_give themselves; nothing else
 * calls them. */
#ifndef ARCH_X86_BIG_KERNEL_LOCK_H
#define ARCH_X86_BIG_KERNEL_LOCK_H

#include <stdint.h>

extern uint32_t big_kernel_lock_in_use;

/* Context: interrupts off, this CPU not holding it. Spins until it is
 * this CPU's turn, answering TLB shootdowns meanwhile. */
void big_kernel_lock_take(void);

/* Context: interrupts off, this CPU holding it; it turns them on next. */
void big_kernel_lock_give(void);

/* trap_entry.asm's ways in and out while the lock is used: take it on
 * the way in, give it on the way out, if the code the trap interrupted
 * (`frame`) had interrupts on (and, on the way out, if this CPU holds
 * it: a system call of syscall_without_big_lock may not, kernel/fs/
 * file_without_big_lock.c). */
struct trap_frame;
void big_kernel_lock_enter(const struct trap_frame *frame);
void big_kernel_lock_leave(const struct trap_frame *frame);

/* From now on the lock is used, and held by the calling CPU, which has
 * interrupts off (smp_run_other_cpus, before the first CPU turns them
 * on). */
void big_kernel_lock_start(void);

/* A panic: the other CPUs are stopped, and the lock is not used any more
 * (the stopped CPU may have held it). */
void big_kernel_lock_stop(void);

#endif
