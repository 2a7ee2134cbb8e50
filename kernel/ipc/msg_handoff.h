/* kernel/ipc/msg_handoff.h - the fast path's own switch: a message-
 * passing task gives the CPU straight to the peer it has just given a
 * message (or a reply), and waits on its own port, in a few stores and
 * the switch itself. Kept here, next to the fast path, as seL4 keeps its
 * fast path and its fast switch together; the scheduler has one general
 * way to do the same, wait_queue_sleep_handing_to (kernel/sched), which
 * every case that is not the usual one takes, with the same result.
 *
 * The usual case, two of them in a msg_call round trip: `next` blocked
 * alone on its port's own_wait with no deadline, nobody on our own_wait
 * yet, no signal for us to take first, no switch postponed. A port's
 * own_wait only ever holds its owner, so leaving one queue and joining the
 * other need not walk or link anything (wait_queue_remove_lone and
 * wait_queue_add_to_empty, wait_queue.h). */
#ifndef KERNEL_IPC_MSG_HANDOFF_H
#define KERNEL_IPC_MSG_HANDOFF_H

#include "kernel/trace.h"
#include "sched/switch.h"
#include "sched/wait_queue.h"

/* As wait_queue_sleep_handing_to (kernel/sched/wait_queue.h): `next`
 * stops waiting as if woken and runs at once; we wait on `queue`, for
 * `reason`, interruptibly. Returns how our wait ended (WAKE_*). Context: a
 * system call (the kernel lock is held); sleeps. */
static inline __attribute__((always_inline)) int msg_hand_off(struct wait_queue *queue, const char *reason,
                                                                  struct task *next)
{
    struct task *self = current_task;
    struct wait_queue *next_queue = next->waiting_on;
    if (self->user_work_pending || next->state != TASK_BLOCKED || !next_queue || next_queue->length != 1 ||
        queue->first || next->on_sleeping_list || scheduler_postpone_depth)
        return wait_queue_sleep_handing_to(queue, reason, next);
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
    return self->wake_result;             /* set by whoever woke us */
}

#endif
