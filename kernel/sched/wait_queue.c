/* kernel/sched/wait_queue.c - FIFO wait queues with deadlines and
 * interruption, built on block_task/unblock_task and the sleeping list. */
#include "wait_queue.h"
#include "wait_queue_handoff.h"

#include "ipc/signal.h"
#include "kernel/panic.h"
#include "kernel/trace.h"
#include "scheduler.h"
#include "sleep.h"
#include "spinlock.h"
#include "arch/x86/smp_for_core.h"

/* Has `task` a signal to take (or a cancellation)? user_work_pending is
 * set whenever it may (kernel/ipc/signal.c keeps it so), which makes it a
 * one-load filter in front of the exact check, signal_has_deliverable. */
static inline int signal_pending(struct task *task)
{
    return task->user_work_pending && signal_has_deliverable(task);
}

/* Several CPUs: has a signal come since the look before we joined the
 * queue? A sender without the big lock (ipc/signal_without_big_lock.c)
 * makes the signal pending, then looks at our mask and whether we wait
 * (to interrupt us with the big lock); we set our mask (sigtimedwait
 * unblocks its set just before) and joined the queue, and now look at the
 * pending sets themselves, not at the work bit, which the sender sets
 * only once it has seen the mask: a full fence on each side, so one of us
 * sees the other. signal_has_deliverable sets the work bit for what it
 * finds. Out of line: one CPU never comes. */
static int __attribute__((noinline)) signal_came_while_joining(struct task *self, int interruptible)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!(interruptible == WAIT_KILLABLE ? signal_kill_pending(self) : signal_has_deliverable(self)))
        return 0;
    wait_queue_remove(self);
    return 1;
}

void wait_queue_init(struct wait_queue *queue)
{
    queue->first = queue->last = 0;
    queue->length = 0;
    queue->watches = 0;
    queue->lock = 0;
}

/* The queue `task` waits on (NULL: none), with its lock taken if it has
 * one (*lock; several CPUs): the wake-ups that find a task by itself act
 * on this queue, never on a second read of task->waiting_on (smp_wait.h,
 * wait_queue_of_task_locked). */
static inline struct wait_queue *queue_of(struct task *task, struct spinlock **lock)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        struct spinlock *taken;           /* (its address goes out, not the caller's `lock`'s: */
        struct wait_queue *seen = wait_queue_of_task_locked(task, &taken);
        *lock = taken;                    /* that stays in a register on one CPU's path) */
        return seen;
    }
    *lock = 0;
    return task->waiting_on;
}

static inline void unlock_queue(struct spinlock *lock)
{
    if (__builtin_expect(lock != 0, 0))
        spinlock_give(lock);
}

static const char *wake_result_name(int result)
{
    return result == WAKE_NORMAL ? "normal" : result == WAKE_TIMEOUT ? "timeout" : "interrupted";
}

/* Takes `task` off its queue and its sleeping-list entry, and readies it. */
static void wake(struct task *task, int result)
{
    trace_wake(task, wake_result_name(result));
    wait_queue_remove(task);
    if (task->on_sleeping_list)        /* only a wait with a deadline is there */
        sleep_list_remove(task);
    task->wake_result = result;
    task->wait_describe = 0;
    unblock_task_locked(task);
}

void wait_queue_wake_on_timeout(struct task *task)
{
    struct spinlock *lock;
    if (queue_of(task, &lock))
        wake(task, WAKE_TIMEOUT);
    unlock_queue(lock);
}

void wait_queue_watch_add(struct wait_queue *queue, struct wait_queue_watch *watch, struct wait_queue *wake)
{
    watch->queue = queue;
    watch->wake = wake;
    watch->previous = 0;
    watch->next = queue->watches;
    if (queue->watches)
        queue->watches->previous = watch;
    queue->watches = watch;
}

void wait_queue_watch_remove(struct wait_queue_watch *watch)
{
    if (watch->previous)
        watch->previous->next = watch->next;
    else
        watch->queue->watches = watch->next;
    if (watch->next)
        watch->next->previous = watch->previous;
    watch->queue = 0;
    watch->next = watch->previous = 0;
}

/* Wakes whoever sleeps on each watch's `wake` queue, or calls its
 * `woken`. Switches wait until the walk is over: a woken poller that ran
 * at once would take its watches out of this list under our feet. */
static void wake_watchers_locked(struct wait_queue *queue)
{
    lock_stuff();
    for (struct wait_queue_watch *watch = queue->watches; watch; watch = watch->next) {
        if (watch->woken) {
            watch->woken(watch);
            continue;
        }
        struct wait_queue *sleepers = watch->wake;
        for (unsigned count = sleepers->length; count && sleepers->first; count--)
            wake(sleepers->first, WAKE_NORMAL);
    }
    unlock_stuff();
}

void wait_queue_wake_watchers_now(struct wait_queue *queue)
{
    kernel_lock();
    wake_watchers_locked(queue);
    kernel_unlock();
}

/* A wait that ends before it sleeps: the object said for it
 * (wait_queue_say_object) is forgotten, as a wake-up forgets it, or ps
 * would describe it at the task's next wait, which may say none, when the
 * object may be gone. */
static inline int ended_before_sleeping(struct task *self)
{
    self->wait_describe = 0;
    return WAKE_INTERRUPTED;
}

int wait_queue_sleep(struct wait_queue *queue, const char *reason, uint64_t deadline_ns,
                     int interruptible)
{
    struct task *self = current_task;
    if (interruptible && (interruptible == WAIT_KILLABLE ? signal_kill_pending(self) : signal_pending(self)))
        return ended_before_sleeping(self);   /* a signal is already waiting: don't sleep */
    wait_queue_add(queue, self);
    self->wake_result = WAKE_NORMAL;
    self->wait_interruptible = interruptible;
    if (interruptible && __builtin_expect(big_kernel_lock_in_use != 0, 0) &&
        signal_came_while_joining(self, interruptible))
        return ended_before_sleeping(self);
    if (deadline_ns)
        sleep_list_add(self, deadline_ns);
    trace_block(self, reason);
    block_task(reason);
    ASSERT(self->waiting_on == 0);
    self->wait_describe = 0;           /* said for this wait only */
    return self->wake_result;
}

int wait_queue_sleep_handing_to_general(struct wait_queue *queue, const char *reason, struct task *next)
{
    struct task *self = current_task;
    /* `next` stops waiting, as if woken, but goes on no ready list (unless
     * a signal woke it already: then it is on the ready list, and
     * block_and_switch_to takes it from there) */
    if (next->waiting_on) {
        trace_wake(next, "handed-the-cpu");
        wait_queue_remove(next);
        if (next->on_sleeping_list)
            sleep_list_remove(next);
        next->wake_result = WAKE_NORMAL;
        next->wait_describe = 0;
    }
    if (signal_pending(self)) {
        unblock_task(next);                /* it still has to run */
        return ended_before_sleeping(self);
    }
    wait_queue_add(queue, self);
    self->wake_result = WAKE_NORMAL;
    self->wait_interruptible = 1;
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && signal_came_while_joining(self, WAIT_INTERRUPTIBLE)) {
        unblock_task(next);                /* it still has to run */
        return ended_before_sleeping(self);
    }
    trace_block(self, reason);
    block_and_switch_to(next, reason);
    return self->wake_result;
}

struct task *wait_queue_wake_one(struct wait_queue *queue)
{
    kernel_lock();
    struct task *task = queue->first;
    if (task)
        wake(task, WAKE_NORMAL);
    if (queue->watches)
        wake_watchers_locked(queue);
    kernel_unlock();
    return task;
}

unsigned wait_queue_wake_all(struct wait_queue *queue)
{
    if (!queue->first && !queue->watches)
        return 0;                      /* the common case: nobody waits */
    if (queue->length <= 1) {          /* the next most common: one waiter (or watchers only) */
        return wait_queue_wake_one(queue) != 0;
    }
    /* Wake exactly those waiting now: a woken task may run at once (the
     * CPU was idle), read, and wait on this queue again; it must not be
     * woken a second time by this same call. Switches wait until the end. */
    lock_stuff();
    unsigned count = queue->length;
    for (unsigned i = 0; i < count && queue->first; i++)
        wake(queue->first, WAKE_NORMAL);
    if (queue->watches)
        wake_watchers_locked(queue);
    unlock_stuff();
    return count;
}

void wait_queue_wake_task(struct task *task)
{
    kernel_lock();
    struct spinlock *lock;
    if (queue_of(task, &lock))
        wake(task, WAKE_NORMAL);
    unlock_queue(lock);
    kernel_unlock();
}

void wait_queue_wake_task_locked(struct task *task)
{
    kernel_lock();
    if (task->waiting_on)
        wake(task, WAKE_NORMAL);
    kernel_unlock();
}

int wait_queue_interrupt(struct task *task)
{
    kernel_lock();
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the work bit set, then the queue read: wait_queue_sleep_giving */
    struct spinlock *lock;
    int interrupted = 0;
    if (queue_of(task, &lock) && task->wait_interruptible &&
        (task->wait_interruptible != WAIT_KILLABLE || signal_kill_pending(task))) {
        wake(task, WAKE_INTERRUPTED);
        interrupted = 1;
    } else if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        smp_kick_running(task);           /* running on another CPU: its work now, not at its tick */
    }
    unlock_queue(lock);
    kernel_unlock();
    return interrupted;
}
