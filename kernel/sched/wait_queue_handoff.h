/* kernel/sched/wait_queue_handoff.h - sleeping while handing the CPU to
 * a chosen task: the running task waits on a queue, and `next`, which
 * waited on a queue of its own, stops waiting as if woken and runs at
 * once, instead of whatever the ready lists hold. Message passing does
 * this twice in every msg_call round trip (the client gives the server
 * the call, the server gives the client the reply:
 * kernel/ipc/msg_wait.h), which is why it is inline, down to the
 * switch: the usual case is a few stores and switch_to_task.
 *
 * The usual case: `next` blocked alone on its queue with no deadline,
 * nobody on our queue yet, no signal for us to take first (nor any other
 * work note), no switch postponed. A message port's own_wait only ever
 * holds its owner, so leaving one queue and joining the other need not
 * walk or link anything (wait_queue_remove_lone, wait_queue_add_to_empty
 * below). Every other case (a signal to take first, `next` already made
 * ready by one, a deadline, switches postponed) takes the general way,
 * wait_queue_sleep_handing_to_general (wait_queue.c) and
 * block_and_switch_to (scheduler.c), with the same result. */
#ifndef KERNEL_SCHED_WAIT_QUEUE_HANDOFF_H
#define KERNEL_SCHED_WAIT_QUEUE_HANDOFF_H

#include "kernel/trace.h"
#include "run_queue_lock.h"
#include "switch.h"
#include "wait_queue.h"

/* Takes `task` off its queue / puts it on `queue` where the queue holds
 * only `task` / nobody yet. wait_next and wait_previous are 0 for a task
 * alone on its queue and for one waiting on nothing, so each is a few
 * stores. Context: kernel lock held. */
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

/* The general way of wait_queue_sleep_handing_to, for every case its
 * inline part does not take (wait_queue.c). Same contract. */
int wait_queue_sleep_handing_to_general(struct wait_queue *queue, const char *reason, struct task *next);

/* As wait_queue_sleep (interruptible, no deadline), but `next`, which
 * waits on some queue (or was just readied), stops waiting as if woken and
 * runs at once: the client of msg_call giving the CPU to the server it
 * just gave a message. `reason` is what ps shows for us. Returns how our
 * wait ended (WAKE_*, set by whoever woke us). Context: a system call or
 * a kernel task, the kernel lock held; sleeps. */
static inline __attribute__((always_inline)) int wait_queue_sleep_handing_to(struct wait_queue *queue,
                                                                             const char *reason, struct task *next)
{
    struct task *self = current_task;
    struct wait_queue *next_queue = next->waiting_on;
    if (self->user_work_pending || next->state != TASK_BLOCKED || !next_queue || next_queue->length != 1 ||
        queue->first || next->on_sleeping_list || this_cpu_read(postpone_depth) ||
        (__builtin_expect(big_kernel_lock_in_use != 0, 0) && !task_may_run_here(next)))
        return wait_queue_sleep_handing_to_general(queue, reason, next);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        run_queue_lock(this_cpu_index());  /* held across the switch (run_queue_lock.h) */
    trace_wake(next, "handed-the-cpu");
    trace_block(self, reason);
    /* `next` is woken, but put on no ready list: it runs now. It was alone
     * on its queue (checked above). */
    wait_queue_remove_lone(next);
    next->wake_result = WAKE_NORMAL;
    next->wait_describe = 0;
    next->wait_reason = 0;
    /* we wait, as wait_queue_sleep does, alone on our queue (checked above) */
    wait_queue_add_to_empty(queue, self);
    self->wake_result = WAKE_NORMAL;
    self->wait_interruptible = 1;
    self->state = TASK_BLOCKED;
    self->wait_reason = reason;
    self->voluntary_switches++;
    switch_to_next(next);
    return self->wake_result;
}

#endif
