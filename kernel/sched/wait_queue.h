/* kernel/sched/wait_queue.h - the primitive every blocking call waits on.
 *
 * A wait queue is a FIFO of blocked tasks. The pattern, always under the
 * scheduler lock so that no wake-up can slip between the check and the
 * sleep:
 *
 *     lock_scheduler();
 *     while (!condition) {
 *         int result = wait_queue_sleep(&queue, "pipe read", 0, WAIT_INTERRUPTIBLE);
 *         if (result != WAKE_NORMAL) { unlock_scheduler(); return error; }
 *     }
 *     ... use what became available ...
 *     unlock_scheduler();
 *
 * (A system call has interrupts off throughout, which keeps wake-ups out
 * just as well: scheduler_lock_held() in scheduler.h.) */
#ifndef KERNEL_SCHED_WAIT_QUEUE_H
#define KERNEL_SCHED_WAIT_QUEUE_H

#include <stdint.h>

#include "kernel/panic.h"
#include "kernel/trace.h"
#include "switch.h"
#include "task.h"

struct wait_queue {
    struct task *first, *last;   /* linked through task->wait_next/wait_previous */
    unsigned length;
};

#define WAIT_QUEUE_INITIALIZER { 0, 0, 0 }

enum wake_result {
    WAKE_NORMAL = 0,       /* woken by wait_queue_wake_* */
    WAKE_TIMEOUT = 1,      /* the deadline passed first */
    WAKE_INTERRUPTED = 2,  /* a signal arrived (wait_queue_interrupt) */
};

enum { WAIT_UNINTERRUPTIBLE = 0, WAIT_INTERRUPTIBLE = 1 };

void wait_queue_init(struct wait_queue *queue);

/* Says, for ps, what the running task is about to wait on: `object`, named
 * by `describe` (see kernel/ipc/ipc_list.h). Cleared when it wakes. */
static inline void wait_queue_say_object(const void *object,
                                         void (*describe)(const void *object, char *buffer, unsigned size))
{
    current_task->wait_object = object;
    current_task->wait_describe = describe;
}

/* Blocks the running task on `queue` until woken, until `deadline_ns`
 * (clock time; 0 = none), or, when interruptible, until a signal. Returns a
 * WAKE_* value. Caller holds the scheduler lock, or has interrupts off (a
 * system call: scheduler_lock_held in scheduler.h); so again on return.
 * `reason` is what ps shows. May sleep. */
int wait_queue_sleep(struct wait_queue *queue, const char *reason, uint64_t deadline_ns,
                     int interruptible);

/* Puts `task` at the back of `queue` / takes it off the queue it is on.
 * The wait functions' own steps; caller holds the scheduler lock. */
static inline void wait_queue_add(struct wait_queue *queue, struct task *task)
{
    task->waiting_on = queue;
    task->wait_next = 0;
    task->wait_previous = queue->last;
    if (queue->last)
        queue->last->wait_next = task;
    else
        queue->first = task;
    queue->last = task;
    queue->length++;
}

static inline void wait_queue_remove(struct task *task)
{
    struct wait_queue *queue = task->waiting_on;
    if (task->wait_previous)
        task->wait_previous->wait_next = task->wait_next;
    else
        queue->first = task->wait_next;
    if (task->wait_next)
        task->wait_next->wait_previous = task->wait_previous;
    else
        queue->last = task->wait_previous;
    queue->length--;
    task->waiting_on = 0;
    task->wait_next = task->wait_previous = 0;
}

/* The same two steps where the queue holds only `task` / nobody yet (a
 * message port's own_wait, which only its owner waits on). wait_next and
 * wait_previous are 0 for a task alone on its queue and for one waiting
 * on nothing, so each is a few stores. */
static inline void wait_queue_remove_lone(struct task *task)
{
    struct wait_queue *queue = task->waiting_on;
    queue->first = queue->last = 0;
    queue->length = 0;
    task->waiting_on = 0;
}

static inline void wait_queue_add_to_empty(struct wait_queue *queue, struct task *task)
{
    task->waiting_on = queue;
    queue->first = queue->last = task;
    queue->length = 1;
}

/* As wait_queue_sleep (interruptible, no deadline), but `next`, which
 * waits on some queue, stops waiting as if woken and runs at once instead
 * of whatever the ready list holds: the client of msg_call giving the CPU
 * to the server it just gave a message. Caller holds the scheduler lock
 * or has interrupts off, as for wait_queue_sleep (its callers, the message
 * waits, check that).
 *
 * The usual case is inline, down to the switch (switch.h), because message
 * passing's round trip is two of these: `next` blocked alone on its queue
 * with no deadline, nobody on `queue` yet, nothing for us to take first (a
 * signal), no switch postponed. Each queue then holds just its owner (a
 * message port's own_wait), so leaving one and joining the other are a few
 * stores (wait_queue_remove_lone, wait_queue_add_to_empty). Every other
 * case goes to the general function (wait_queue.c, with
 * block_and_switch_to), which gives the same result. */
int wait_queue_sleep_handing_to_general(struct wait_queue *queue, const char *reason, struct task *next);

static inline __attribute__((always_inline)) int wait_queue_sleep_handing_to(struct wait_queue *queue, const char *reason, struct task *next)
{
    struct task *self = current_task;
    struct wait_queue *next_queue = next->waiting_on;
    if (self->user_work_pending || next->state != TASK_BLOCKED || !next_queue || next_queue->length != 1 ||
        queue->first || next->on_sleeping_list || scheduler_postpone_depth)
        return wait_queue_sleep_handing_to_general(queue, reason, next);
    trace_wake(next, "handed-the-cpu");
    trace_block(self, reason);
    /* `next` is woken, but put on no ready list: it runs now */
    wait_queue_remove_lone(next);
    next->wake_result = WAKE_NORMAL;
    next->wait_describe = 0;
    next->wait_reason = 0;
    /* we wait, as wait_queue_sleep does */
    wait_queue_add_to_empty(queue, self);
    self->wake_result = WAKE_NORMAL;
    self->wait_interruptible = 1;
    self->state = TASK_BLOCKED;
    self->wait_reason = reason;
    self->voluntary_switches++;
    switch_to_next(next);
    return self->wake_result;             /* set by whoever woke us */
}

/* Wakes the longest waiter / every waiter with WAKE_NORMAL. Returns the
 * task woken (NULL if none) / the count. Context: anywhere. */
struct task *wait_queue_wake_one(struct wait_queue *queue);
unsigned wait_queue_wake_all(struct wait_queue *queue);

/* Wakes one particular waiter of `queue` (it must be on it) with WAKE_NORMAL:
 * for queues whose waiters wait for different things (message senders). */
void wait_queue_wake_task(struct task *task);

/* Wakes `task` with WAKE_INTERRUPTED if it waits interruptibly on a queue;
 * returns 1 if it did. For signal delivery. */
int wait_queue_interrupt(struct task *task);

/* True if a task interrupted by a signal has a signal to deliver. Set by
 * the signal code; without it, interruptible waits only time out or wake. */
void wait_queue_set_signal_check(int (*has_pending_signal)(struct task *task));

void wait_queue_init_timeouts(void);

#endif
