/* kernel/sched/run_queue_lock.h - the run queues' locks: on several
 * CPUs, each CPU's run queue (mlfq.h's struct mlfq_queue) has a spin
 * lock of its own, so that a CPU can block, wake and switch tasks
 * without the big kernel lock (docs/smp.md, "Run-queue locks").
 *
 * What a CPU's lock protects: its queue's lists and count, and the state
 * of every task whose `cpu` names it, as that state passes between
 * BLOCKED, READY and RUNNING. So:
 *   - a task blocks holding its CPU's lock, from setting TASK_BLOCKED
 *     until the switch away from it is complete: the task switched to
 *     gives the lock (finish_switch, switch.h). A waker, which takes the
 *     lock of task->cpu, therefore finds a blocked task off the CPU;
 *   - a waker changes TASK_BLOCKED to TASK_READY holding that lock;
 *   - task->cpu changes only with the lock of the CPU it names held
 *     (run_queue_lock_task follows a task that moves);
 *   - the rare walks over every queue (the policy's boost, a change of
 *     nice, class or affinity), and a read of another task's CPU time
 *     (task_cpu_time_ns: a switch changes it under its CPU's lock), take
 *     them all, in CPU order.
 * Two at once only in CPU order, or with run_queue_try_lock (stealing,
 * balancing). The order with the other locks: the big kernel lock, then
 * an object's spinlock (a pipe's), then run-queue locks, then rt_lock
 * (realtime.h); nothing is taken inside them. Interrupts are off while
 * one is held (the holder is in the kernel with them off anyway).
 *
 * The lock checker watches these (lock_check.h) in the kernel the tests
 * boot. One CPU: big_kernel_lock_in_use is 0 and every function here is
 * nothing: the queue is that CPU's alone, "interrupts off" its lock. */
#ifndef KERNEL_SCHED_RUN_QUEUE_LOCK_H
#define KERNEL_SCHED_RUN_QUEUE_LOCK_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/smp_for_core.h"
#ifdef LOCK_CHECK
#include "lock_check.h"
#endif
#include "mlfq.h"
#include "task.h"

/* The spin itself: test-and-test-and-set, answering TLB shootdowns
 * while it waits (a big-kernel-lock holder may wait for the answer). */
static inline void run_queue_spin(volatile uint32_t *word)
{
    uint32_t turns = 0;
    while (__atomic_exchange_n(word, 1, __ATOMIC_ACQUIRE) != 0) {
        while (__atomic_load_n(word, __ATOMIC_RELAXED) != 0) {
            smp_answer_shootdown();
            cpu_spin_turn(&turns);
        }
    }
}

/* Context for all of these: interrupts off. */
static inline void run_queue_lock(uint32_t cpu)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
#ifdef LOCK_CHECK
        lock_check_scheduler_take(LOCK_CHECK_RUN_QUEUE(cpu), 0);
#endif
        run_queue_spin(&mlfq_queues[cpu].lock);
    }
}

static inline void run_queue_unlock(uint32_t cpu)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
#ifdef LOCK_CHECK
        lock_check_scheduler_give(LOCK_CHECK_RUN_QUEUE(cpu));
#endif
        __atomic_store_n(&mlfq_queues[cpu].lock, 0, __ATOMIC_RELEASE);
    }
}

/* Takes CPU `cpu`'s lock if it is free; 1 if taken. */
static inline int run_queue_try_lock(uint32_t cpu)
{
    int taken = __atomic_load_n(&mlfq_queues[cpu].lock, __ATOMIC_RELAXED) == 0 &&
                __atomic_exchange_n(&mlfq_queues[cpu].lock, 1, __ATOMIC_ACQUIRE) == 0;
#ifdef LOCK_CHECK
    if (taken)
        lock_check_scheduler_take(LOCK_CHECK_RUN_QUEUE(cpu), 1);
#endif
    return taken;
}

/* Locks the queue of the CPU `task` belongs to, and returns that CPU's
 * number: task->cpu may change until its lock is held. */
static inline uint32_t run_queue_lock_task(struct task *task)
{
    for (;;) {
        uint32_t cpu = __atomic_load_n(&task->cpu, __ATOMIC_RELAXED);
        run_queue_lock(cpu);
        if (__builtin_expect(task->cpu == cpu, 1) || !big_kernel_lock_in_use)
            return cpu;
        run_queue_unlock(cpu);
    }
}

/* Every CPU's lock, in CPU order, and back (smp_wait.c; one CPU:
 * nothing to take). */
#ifdef SUBSYSTEM_SMP
void run_queue_lock_all(void);
void run_queue_unlock_all(void);
#else
static inline void run_queue_lock_all(void)
{
}
static inline void run_queue_unlock_all(void)
{
}
#endif

#endif
