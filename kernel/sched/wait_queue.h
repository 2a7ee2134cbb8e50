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
 */
#ifndef KERNEL_SCHED_WAIT_QUEUE_H
#define KERNEL_SCHED_WAIT_QUEUE_H

#include <stdint.h>

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
 * WAKE_* value. Caller holds the scheduler lock (it is held again on
 * return). `reason` is what ps shows. May sleep. */
int wait_queue_sleep(struct wait_queue *queue, const char *reason, uint64_t deadline_ns,
                     int interruptible);

/* As wait_queue_sleep (interruptible, no deadline), but `next`, which
 * waits on some queue, stops waiting as if woken and runs at once instead
 * of whatever the ready list holds (block_and_switch_to): the client of
 * msg_call giving the CPU to the server it just gave a message. Caller
 * holds the scheduler lock, as for wait_queue_sleep. */
int wait_queue_sleep_handing_to(struct wait_queue *queue, const char *reason, struct task *next);

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
