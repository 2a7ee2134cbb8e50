/* kernel/sched/smp_wait.c - blocking, waking and switching on several
 * CPUs without the big kernel lock: the run-queue locks' side of the
 * scheduler (run_queue_lock.h says what they protect), and waits on a
 * queue an object's spinlock protects (a pipe's: wait_queue.h). The core
 * calls these only while big_kernel_lock_in_use (scheduler.c,
 * wait_queue.c); a kernel without the subsystem "smp" gets stand-ins
 * that are never called (arch/x86/smp_for_core.h). docs/smp.md, "A pipe
 * without the big lock". */
#include "smp_wait.h"

#include "arch/x86/cpu.h"
#include "kernel/panic.h"
#include "kernel/trace.h"
#include "lookup.h"
#include "run_queue_lock.h"
#include "scheduler.h"
#include "smp_sched.h"
#include "spinlock.h"
#include "wait_queue.h"

void smp_schedule_queue_locked(void)
{
    struct cpu *here = this_cpu();
    if (here->postpone_depth != 0) {
        here->switch_postponed = 1;
        run_queue_unlock(here->index);
        return;
    }
    schedule_among_all_classes();
}

void smp_block_task(const char *reason)
{
    run_queue_lock(this_cpu_index());
    current_task->state = TASK_BLOCKED;
    current_task->wait_reason = reason;
    smp_schedule_queue_locked();
}

void block_task_giving(const char *reason, struct spinlock *lock)
{
    run_queue_lock(this_cpu_index());     /* first: a waker, which takes `lock` first, then waits for this */
    current_task->state = TASK_BLOCKED;
    current_task->wait_reason = reason;
    spinlock_give(lock);
    smp_schedule_queue_locked();
}

void scheduler_finish_switch(struct task *previous)
{
    int held = big_kernel_lock_held_here();
    previous->holds_big_lock = (uint8_t)held;  /* as it left: it holds it again when it comes back */
    current_task->on_cpu = 1;
    /* Given away (smp_give_away) or not: read while this CPU's lock
     * keeps its wakers out. Once the lock is given, a waker on another
     * CPU may take a task that blocked here and move it to its own CPU's
     * queue, TASK_WAKING for a moment (smp_wake): read then, that state
     * would append it a second time. */
    int given_away = previous->state == TASK_WAKING;
    __atomic_store_n(&previous->on_cpu, 0, __ATOMIC_RELEASE);   /* its registers are saved */
    run_queue_unlock(this_cpu_index());
    if (__builtin_expect(given_away, 0))
        smp_give_away_finish(previous);        /* now off this CPU: onto the queue it goes to */
    /* The big kernel lock as this task had it when it left the CPU: a
     * system call that waits without it (a pipe's read) does not take
     * it to come back, and one that waited with it holds it again. */
    if (current_task->holds_big_lock && !held)
        big_kernel_lock_take();
    else if (!current_task->holds_big_lock && held)
        big_kernel_lock_give();
}

void run_queue_lock_all(void)
{
    for (int cpu = 0; cpu < cpu_count; cpu++)
        run_queue_lock((uint32_t)cpu);
}

void run_queue_unlock_all(void)
{
    for (int cpu = 0; cpu < cpu_count; cpu++)
        run_queue_unlock((uint32_t)cpu);
}

struct wait_queue *wait_queue_of_task_locked(struct task *task, struct spinlock **lock)
{
    /* In a lookup (unless the caller is in one): the task may be woken
     * on another CPU between the read of waiting_on and the read of the
     * queue's lock, and end its call, and the last reference to the
     * object go, without the big lock (a System V queue or set); such an
     * object is freed only once the lookups under way end. */
    int own_lookup = !(this_cpu()->lookup_sequence & 1);
    if (own_lookup)
        lookup_begin();
    struct wait_queue *queue;
    for (;;) {
        queue = __atomic_load_n(&task->waiting_on, __ATOMIC_ACQUIRE);
        *lock = queue ? queue->lock : 0;
        if (!*lock)
            break;
        spinlock_take(*lock);
        if (task->waiting_on == queue)
            break;
        spinlock_give(*lock);          /* woken meanwhile: look again */
    }
    if (own_lookup)
        lookup_end();
    return queue;
}

int wait_queue_sleep_giving(struct wait_queue *queue, const char *reason)
{
    struct task *self = current_task;
    if (self->user_work_pending) {
        self->wait_describe = 0;       /* forgotten, as wait_queue_sleep's early ends forget it */
        return WAKE_INTERRUPTED;       /* a signal may be waiting: the caller takes the big lock */
    }
    wait_queue_add(queue, self);
    self->wake_result = WAKE_NORMAL;
    self->wait_interruptible = 1;
    /* A signal's sender sets the work bit, then looks for a queue we
     * wait on (wait_queue_interrupt); we joined the queue, then look at
     * the bit. A full fence on each side: one of us sees the other. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (self->user_work_pending) {
        wait_queue_remove(self);
        self->wait_describe = 0;
        return WAKE_INTERRUPTED;
    }
    struct spinlock *lock = queue->lock;   /* the queue is not read once we are woken: */
    block_task_giving(reason, lock);       /* its object may be gone (a socket's peer) */
    spinlock_take(lock);
    ASSERT(self->waiting_on == 0);
    self->wait_describe = 0;
    return self->wake_result;
}
