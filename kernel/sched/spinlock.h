/* kernel/sched/spinlock.h - spinlocks for N CPUs, as xv6's: a word that
 * one CPU at a time sets, the others spinning until it is clear, with
 * interrupts off on the holder's CPU for as long as it holds any
 * (docs/locks.md).
 *
 * Why interrupts off: an interrupt handler that takes a lock its own CPU
 * holds would spin for ever, the holder being the code it interrupted. So
 * spinlock_take turns them off first (push_off), counting per CPU how
 * many spinlocks it holds, and the last spinlock_give turns them back on
 * if the first take found them on (pop_off). A spinlock holder must not
 * sleep or switch tasks: the CPU, not a task, holds it.
 *
 * Where they sit among the kernel's locks (kernel/sched/kernel_lock.h):
 * INSIDE the big kernel lock. Turning interrupts off from "on" in kernel
 * code takes the big kernel lock (arch/x86/cpu.h), and push_off does it
 * that way, with cpu_save_and_disable_interrupts: so a spinlock is taken
 * either with interrupts already off (the big kernel lock held: a system
 * call, an interrupt handler, kernel_lock) or by a take that gets the big
 * kernel lock first. One consequence, meant for now: two CPUs never
 * contend for a spinlock while every holder also holds the big kernel
 * lock. The spin is real all the same (the atomics below, the tests
 * run it on two CPUs, kernel/ktest/lock_tests.c), ready for the locks
 * that will take structures out from under the big one.
 *
 * The memory order: the take is an exchange with acquire order (nothing
 * of the critical section moves before it), the give a store with
 * release order (nothing moves after it); the spin between reads with
 * relaxed order, only to wait for the word to look free.
 *
 * Every lock has a name (the reports say it) and a class: the locks of
 * one kind (every pipe's, say) share one, and the lock checker
 * (lock_check.h, in the kernel the tests boot) reasons about classes. */
#ifndef KERNEL_SCHED_SPINLOCK_H
#define KERNEL_SCHED_SPINLOCK_H

#include <stdint.h>

#include "arch/x86/cpu.h"

/* What the locks of one kind have in common, for the lock checker. */
struct lock_class {
    const char *name;
    int taken_by_interrupt_handlers;   /* some interrupt handler takes locks of it */
};

struct spinlock {
    volatile uint32_t locked;          /* 0 free, 1 held: the word the CPUs exchange */
    volatile int cpu;                  /* the holder's CPU index, -1 when free */
    const char *name;
    const struct lock_class *class;
};

#define SPINLOCK_INITIALIZER(lock_name, lock_class) { 0, -1, (lock_name), (lock_class) }

/* Context: anywhere; the lock is not held. */
void spinlock_init(struct spinlock *lock, const char *name, const struct lock_class *class);

/* Takes `lock`, spinning while another CPU holds it, and turns interrupts
 * off on this CPU until the matching give (nests with other spinlocks:
 * push_off). Context: not holding `lock` (recursion panics); interrupts
 * on or off; from "on" it takes the big kernel lock first. Never sleeps,
 * and the caller must not sleep or switch until spinlock_give. */
void spinlock_take(struct spinlock *lock);

/* Gives `lock` back; the last spinlock this CPU gives turns interrupts
 * back on if the first take found them on (and gives the big kernel lock
 * it took). Context: this CPU holds `lock`, interrupts still off. */
void spinlock_give(struct spinlock *lock);

/* Nonzero if this CPU holds `lock`. Context: interrupts off (else the
 * answer is about whichever CPU the task ran on). */
int spinlock_held_here(const struct spinlock *lock);

/* xv6's push_off / pop_off: interrupts off, counted per CPU; the
 * outermost pop_off restores the flag the outermost push_off found.
 * spinlock_push_off returns that flag (EFLAGS as found). Context:
 * anywhere; pop_off panics if interrupts were turned on in between. */
uint32_t spinlock_push_off(void);
void spinlock_pop_off(void);

/* How many push_offs this CPU has outstanding (the spinlocks it holds).
 * Context: interrupts off. */
uint32_t spinlock_depth_here(void);

/* The mechanism alone: the acquire exchange and its spin, the release
 * store; no interrupt masking, no owner, no checker. For spinlock_take
 * and spinlock_give, and for the test that measures the mechanism with
 * interrupts on on two CPUs at once. Context: the caller keeps the
 * rules above itself. */
void spinlock_spin_until_taken(struct spinlock *lock);
void spinlock_spin_give(struct spinlock *lock);

/* For an object that calls without the big lock change under its lock,
 * and calls with it under both: on one CPU the big lock (interrupts off)
 * keeps everyone else out already, and the lock is not taken. Context: as
 * spinlock_take and spinlock_give. */
static inline void spinlock_take_on_several_cpus(struct spinlock *lock)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        spinlock_take(lock);
}

static inline void spinlock_give_on_several_cpus(struct spinlock *lock)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        spinlock_give(lock);
}

#endif
