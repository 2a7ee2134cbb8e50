/* kernel/sched/lock_check.h - the lock checker: watches every spinlock
 * take and give, and every task switch, and reports the four mistakes
 * that deadlock a kernel on several CPUs (docs/locks.md):
 *
 *   order inversion         class B taken while A is held, after A was
 *                           taken while B was held (two CPUs doing both
 *                           at once wait for each other for ever);
 *   switch with a spinlock  a task switch (a sleep, a wait, a yield)
 *                           while this CPU holds a spinlock;
 *   interrupt lock with     a lock whose class interrupt handlers take,
 *   interrupts on           held while interrupts are on (an interrupt
 *                           that takes it spins on its own CPU for ever);
 *   recursion               taking a lock this CPU already holds;
 *   a lookup wait with a    waiting for the lookups of other
 *   lock held               CPUs (sched/lookup.h) while holding a lock,
 *                           or from inside a lookup (a CPU in a lookup
 *                           may spin on that lock: neither ends).
 *
 * It watches the scheduler's own locks too, the bare exchanges of
 * run_queue_lock.h (a run-queue lock per CPU) and realtime.c (rt_lock),
 * against their own rules: they come after every spinlock (a spinlock
 * taken while one is held is an order inversion), two run-queue locks
 * are taken in CPU order or by trying (run_queue_try_lock), rt_lock
 * last; and a switch may hold exactly one of them, the run-queue lock of
 * its own CPU, which the task switched to gives (scheduler_finish_switch).
 *
 * A report prints "LOCK CHECK: <kind>: ...", with a backtrace of each of
 * the two places (where the lock concerned was taken, and here), then
 * panics; under the test hook (lock_check_record_reports) it counts the
 * report instead and the kernel goes on, so that a test can make each
 * mistake on purpose and see it reported.
 *
 * Built in only where the kernel is compiled with LOCK_CHECK, in the
 * profile that has it (the subsystem lock_check, kernel/subsystems/
 * lock_check.c: PROFILE=full): the kernel the tests boot,
 * build/kernel-tests.elf, always; build/kernel.elf with
 * `make LOCK_CHECK=1` (the Makefile). Without it nothing here exists and
 * spinlock.c and switch.h call nothing.
 *
 * Its own state: every CPU's held locks, changed by that CPU with
 * interrupts off; the order pairs seen, which every CPU reads, added to
 * under a lock of the checker's own (calls without the big kernel lock
 * take spinlocks too). */
#ifndef KERNEL_SCHED_LOCK_CHECK_H
#define KERNEL_SCHED_LOCK_CHECK_H

#ifdef LOCK_CHECK

#include <stdint.h>

#include "spinlock.h"

struct task;

enum lock_check_kind {
    LOCK_CHECK_ORDER_INVERSION,
    LOCK_CHECK_SWITCH_WITH_SPINLOCK,
    LOCK_CHECK_INTERRUPT_LOCK_WITH_INTERRUPTS_ON,
    LOCK_CHECK_RECURSION,
    LOCK_CHECK_LOOKUP_WAIT_WITH_LOCK,
    LOCK_CHECK_KINDS
};

/* spinlock_take's call, once interrupts are off on this CPU and before it
 * spins: `flags` is the EFLAGS its push_off found, `ebp` its frame (the
 * backtrace of the take starts at its caller). Records the lock as held
 * here and the order pairs it makes with the locks already held. Returns
 * nonzero for a recursion reported under the test hook: the caller must
 * not take the lock (it would spin for ever). Context: interrupts off. */
int lock_check_take(struct spinlock *lock, uint32_t flags, uint32_t ebp);

/* spinlock_give's call, before it gives: `interrupts_on`, the flag as it
 * found it. Forgets the lock as held here. Returns nonzero if it reported,
 * under the test hook, that interrupts were on with the lock held (the
 * give then leaves the flag alone). Context: this CPU holds `lock`. */
int lock_check_give(struct spinlock *lock, int interrupts_on, uint32_t ebp);

/* The scheduler's call before every task switch (switch.h): reports a
 * switch while this CPU holds a spinlock. Context: interrupts off. */
void lock_check_switch(const struct task *previous, const struct task *next);

/* A scheduler lock, for the calls below: CPU `cpu`'s run-queue lock, or
 * rt_lock. */
#define LOCK_CHECK_RUN_QUEUE(cpu) ((unsigned)(cpu))
#define LOCK_CHECK_RT_LOCK 31u

/* run_queue_lock.h's and realtime.c's calls: a scheduler lock taken
 * (`tried`: by run_queue_try_lock, which may go against the CPU order),
 * or given. Context: interrupts off. */
void lock_check_scheduler_take(unsigned which, int tried);
void lock_check_scheduler_give(unsigned which);

/* lookups_wait's call, before it waits: reports a wait with a
 * lock held, or from inside a lookup. Context: interrupts off. */
void lock_check_lookups_wait(void);

/* THE TEST HOOK. While on, a report is printed and counted, not a panic.
 * Context: anywhere (kernel/ktest/lock_tests.c). */
void lock_check_record_reports(int on);
/* The reports of `kind` counted since the hook was last turned on.
 * Context: anywhere. */
unsigned lock_check_reports(enum lock_check_kind kind);
/* Forgets every order pair that involves `class`: a test leaves the
 * checker as it found it. Returns how many it forgot. Context: anywhere. */
unsigned lock_check_forget_class(const struct lock_class *class);
/* The order pairs seen so far (A held when B was taken), and the locks
 * this CPU holds according to the checker. Context: anywhere (the
 * second means something only to a task pinned to its CPU). */
unsigned lock_check_order_pairs(void);
unsigned lock_check_held_here(void);

#endif
#endif
