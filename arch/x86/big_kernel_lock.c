/* arch/x86/big_kernel_lock.c - the big kernel lock: with several CPUs
 * running tasks, the lock every CPU holds while it runs kernel code with
 * interrupts off (docs/smp.md, "The big kernel lock").
 *
 * On one CPU, "interrupts off" is the kernel's lock: nothing else runs
 * in the kernel until the holder waits or turns them on again (the rule:
 * kernel/sched/wait_queue.h). With several, another CPU runs meanwhile;
 * so each place that turns interrupts off in kernel code from "on" takes
 * this lock as well, and each place that turns them back on gives it:
 *   - the ways into the kernel from ring 3 or from code that had them on
 *     (trap_entry.asm: system calls, interrupts, faults), but the system
 *     calls marked to begin without it and the reschedule message to a
 *     user task, whose work on the way back (trap.c, return_to_user_work:
 *     a switch, a signal's handler) needs none, and takes it if it must;
 *   - cpu_save_and_disable_interrupts / cpu_restore_interrupts (cpu.h),
 *     hence kernel_lock / kernel_unlock, the heap, kprintf, the clock;
 *   - the way back out (trap_entry.asm, trap_return).
 * A task switch happens with it held and passes it to the next task on
 * the same CPU, as it passes "interrupts off". So the old rule holds
 * unchanged: one CPU at a time runs kernel code with interrupts off, and
 * code that only ran so on one CPU is as safe on eight. User programs
 * and kernel tasks with interrupts on run in parallel.
 *
 * It is a test-and-set lock: whichever waiting CPU finds it free first
 * takes it. It was a ticket lock, which gives it to the CPUs in the order
 * they asked; but a CPU is a thread of QEMU's on the host, and when the
 * host runs more such threads than it has cores (several 2-CPU machines
 * at once, make test's smp kind), the CPU whose turn had come was often
 * not running, and every other CPU waited for the host to run it: a test
 * of two futex pairs took 28 s instead of 2.4, the smp kind 166 s instead
 * of 113 (docs/smp.md, "The big kernel lock"). Taken this way, a CPU
 * can be passed over by one that gives the lock and asks again at once;
 * but a CPU that gives it mostly goes back to user mode first, hundreds
 * of instructions before it can ask again, and a waiter takes it within
 * a few: the tests on two CPUs and the scaling rows left no CPU behind
 * (a shared object's row, where both CPUs want the lock all the time,
 * kept its ratio). A CPU that waits for it answers the TLB shootdowns the
 * holder may be waiting for (smp_ipi.c): the holder waits for every
 * CPU's answer with the lock held, and a CPU that spins here has
 * interrupts off. */
#include "big_kernel_lock.h"

#include "cache_line.h"
#include "cpu.h"
#include "kernel/panic.h"
#include "per_cpu.h"
#include "smp_ipi.h"
#include "trap.h"
#include "trap_frame.h"

READ_MOSTLY uint32_t big_kernel_lock_in_use;

static struct {
    volatile uint32_t taken;           /* 1 while a CPU holds it */
} lock = { 0 };
volatile int big_kernel_lock_owner = -1;   /* the holder's CPU, -1 when free (panics, GDB) */

void big_kernel_lock_take(void)
{
    int self = (int)this_cpu()->index;
    if (big_kernel_lock_owner == self)
        panic("big kernel lock: CPU %d takes it again", self);
    uint32_t turns = 0;
    while (__atomic_exchange_n(&lock.taken, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&lock.taken, __ATOMIC_RELAXED)) {   /* reads only, until it is free */
            smp_answer_shootdown();
            cpu_spin_turn(&turns);
        }
    }
    big_kernel_lock_owner = self;
}

void big_kernel_lock_give(void)
{
    int self = (int)this_cpu()->index;
    if (big_kernel_lock_owner != self)
        panic("big kernel lock: CPU %d gives it, held by %d", self, big_kernel_lock_owner);
    big_kernel_lock_owner = -1;
    __atomic_store_n(&lock.taken, 0, __ATOMIC_RELEASE);
}

int big_kernel_lock_held_here(void)
{
    return big_kernel_lock_owner == (int)this_cpu()->index;
}

void big_kernel_lock_enter(const struct trap_frame *frame)
{
    if (!(frame->eflags & EFLAGS_INTERRUPT_ENABLE))
        return;
    if (frame->trap_number == RESCHEDULE_VECTOR && trap_frame_from_user(frame))
        return;    /* the reschedule message to a user task: its way back needs no lock (below) */
    big_kernel_lock_take();
}

void big_kernel_lock_leave(const struct trap_frame *frame)
{
    if ((frame->eflags & EFLAGS_INTERRUPT_ENABLE) && big_kernel_lock_owner == (int)this_cpu()->index)
        big_kernel_lock_give();   /* (a system call that ran without it has none to give) */
}

void big_kernel_lock_start(void)
{
    big_kernel_lock_owner = (int)this_cpu()->index;
    lock.taken = 1;                        /* held by the caller */
    __atomic_store_n(&big_kernel_lock_in_use, 1, __ATOMIC_RELEASE);
}

void big_kernel_lock_stop(void)
{
    big_kernel_lock_in_use = 0;
    big_kernel_lock_owner = -1;
}
