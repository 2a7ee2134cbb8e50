/* kernel/sched/wait_queue.h - the primitive every blocking call waits on,
 * and the kernel's one locking rule.
 *
 * A wait queue is a FIFO of blocked tasks. A waiter holds the kernel lock
 * (below) from its check of the condition until it sleeps, so no wake-up
 * can slip in between, and holds it again when it wakes:
 *
 *     while (!condition) {
 *         int result = wait_queue_sleep(&queue, "pipe read", 0, WAIT_INTERRUPTIBLE);
 *         if (result != WAKE_NORMAL)
 *             return error;
 *     }
 *     ... use what became available ...
 *
 * THE LOCKING RULE. One lock: the kernel lock (Brendan's step 5,
 * kernel/sched/kernel_lock.h) is held by whatever runs kernel code with
 * interrupts off (on several CPUs, together with the big kernel lock).
 *   - A system call holds it from `int 0x80` until it returns to user
 *     mode (the IDT's interrupt gate turns interrupts off), except while
 *     it waits.
 *   - An interrupt handler holds it while it runs (the same kind of gate).
 *   - A kernel task (the cleaner, the in-kernel tests) runs with
 *     interrupts on: it takes the lock with kernel_lock() and gives it
 *     back with kernel_unlock() (they nest). The functions of
 *     kernel/sched that kernel tasks call (the wake-ups, make_task_ready,
 *     semaphores and mutexes, sleeping) take it themselves.
 *   - Waiting gives it up: block_task switches to another task, which
 *     holds it in its turn, and a woken task holds it again when it runs.
 * What protects a shared structure (a pipe's buffer, a queue's messages,
 * the ready lists, a wait queue) is therefore that no other code runs in
 * the kernel until the holder waits or returns. System-call code (all of
 * kernel/ipc) checks, changes and waits without taking anything; a
 * function whose caller must hold the lock says "Context: kernel lock
 * held", and may ASSERT(kernel_lock_held()).
 *   Threads (several tasks of one process in the kernel at once) change
 * nothing: each holds the lock while it runs. With more than one CPU,
 * "interrupts off" alone stops being a lock, so the same points
 * (system-call entry and exit, interrupt entry, kernel_lock) also take a
 * real spin lock, the big kernel lock (arch/x86/big_kernel_lock.c): the
 * rule holds on every CPU. The finer locks follow the lines this rule
 * draws: on several CPUs a pipe's read and write run without the big
 * lock, under the pipe's own (ipc/pipe_without_big_lock.c), and the
 * scheduler's state under each run queue's (run_queue_lock.h); a queue
 * with a `lock` (below) is that object's. docs/scheduler.md, "The
 * locking rule"; docs/smp.md, "A pipe without the big lock". */
#ifndef KERNEL_SCHED_WAIT_QUEUE_H
#define KERNEL_SCHED_WAIT_QUEUE_H

#include <stdint.h>

#include "kernel/panic.h"
#include "task.h"

struct wait_queue_watch;
struct spinlock;

struct wait_queue {
    struct task *first, *last;   /* linked through task->wait_next/wait_previous */
    unsigned length;
    struct wait_queue_watch *watches;   /* watchers that are not on it (poll, select) */
    /* NULL: the kernel lock protects the queue, as every other part of
     * its object. Else, on several CPUs, the spinlock of an object that
     * is used without the big kernel lock (a pipe's: ipc/pipe.h), held
     * by whoever adds, wakes or takes off a waiter; a waiter without the
     * big lock gives it up while it sleeps (wait_queue_sleep_giving,
     * sched/smp_wait.h). */
    struct spinlock *lock;
};

#define WAIT_QUEUE_INITIALIZER { 0, 0, 0, 0, 0 }

/* WATCHING MANY QUEUES AT ONCE. A task sleeps on one queue, but poll and
 * select wait for any of many objects. So the caller links one watch into
 * each object's queue and sleeps on a queue of its own, `wake`; every
 * wake-up of a watched queue (wake_one and wake_all, never wake_task, which
 * picks a task) also wakes `wake`, and the caller looks at every object
 * again (kernel/fs/poll_table.h draws it):
 *
 *   pipe 3 `readable`:  task A -> task B      watches: [w0]--.
 *   socket 5 `readable`: (none)               watches: [w1]--+--> wake: poller
 *   mailbox `receivers`: task C               watches: [w2]--'
 *
 * A watch is no waiter: it does not count in `length`, is not the `first`
 * a wake_one hands a message to, and costs the waking side one test when
 * nobody watches.
 *
 * A watch may instead name a function, `woken`, called in place of waking
 * `wake`: epoll's entries outlive any one call, and a wake-up puts the
 * entry on its instance's ready list (kernel/fs/epoll.h). */
struct wait_queue_watch {
    struct wait_queue *queue;                   /* the queue watched */
    struct wait_queue_watch *next, *previous;   /* the other watches of `queue` */
    struct wait_queue *wake;                    /* woken (all) whenever `queue` is */
    /* NULL, or called instead of waking `wake`. Context: kernel lock
     * held, task switches put off; must not sleep, nor take any watch
     * out of `queue`. */
    void (*woken)(struct wait_queue_watch *watch);
};

enum wake_result {
    WAKE_NORMAL = 0,       /* woken by wait_queue_wake_* */
    WAKE_TIMEOUT = 1,      /* the deadline passed first */
    WAKE_INTERRUPTED = 2,  /* a signal arrived (wait_queue_interrupt) */
};

/* A sleep's `interruptible`: no signal ends it; any signal the task
 * would take ends it; only a signal that kills the process when taken
 * ends it (signal_kill_pending: vfork's wait for its child, as Linux's
 * TASK_KILLABLE). */
enum { WAIT_UNINTERRUPTIBLE = 0, WAIT_INTERRUPTIBLE = 1, WAIT_KILLABLE = 2 };

void wait_queue_init(struct wait_queue *queue);

/* Says, for ps, what the running task is about to wait on: `object`, named
 * by `describe` (see kernel/ipc/ipc_list.h). Cleared when it wakes, or when
 * its wait ends before it sleeps (a signal already there). */
static inline void wait_queue_say_object(const void *object,
                                         void (*describe)(const void *object, char *buffer, unsigned size))
{
    current_task->wait_object = object;
    current_task->wait_describe = describe;
}

/* Blocks the running task on `queue` until woken, until `deadline_ns`
 * (clock time; 0 = none), or, as `interruptible` says (WAIT_*), until a
 * signal (WAIT_KILLABLE: one that kills). Returns a WAKE_* value. `reason` is
 * what ps shows. Context: kernel lock held (held again on return; on
 * several CPUs, the big kernel lock); sleeps. */
int wait_queue_sleep(struct wait_queue *queue, const char *reason, uint64_t deadline_ns,
                     int interruptible);

/* Puts `task` at the back of `queue` / takes it off the queue it is on.
 * The wait functions' own steps. Context: kernel lock held. */
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

/* wait_queue_sleep_handing_to, sleeping while handing the CPU to a
 * chosen task (message passing's hand-off), and its two quick steps for
 * queues of one are in wait_queue_handoff.h. */

/* Wakes the longest waiter / every waiter with WAKE_NORMAL. Returns the
 * task woken (NULL if none) / the count. Context: anywhere (takes the
 * kernel lock itself); never sleeps. */
struct task *wait_queue_wake_one(struct wait_queue *queue);
unsigned wait_queue_wake_all(struct wait_queue *queue);

/* Links `watch` into `queue`'s watches, to wake `wake` / takes it out.
 * The caller sets watch->woken (NULL: wake `wake`). Context: kernel lock
 * held. */
void wait_queue_watch_add(struct wait_queue *queue, struct wait_queue_watch *watch, struct wait_queue *wake);
void wait_queue_watch_remove(struct wait_queue_watch *watch);

/* Wakes `queue`'s watchers only: for an object whose readiness changed
 * with no waiting task to wake (a message held in a mailbox nobody waits
 * on). Context: anywhere; never sleeps. */
void wait_queue_wake_watchers_now(struct wait_queue *queue);
static inline void wait_queue_wake_watchers(struct wait_queue *queue)
{
    if (queue->watches)                /* the common case: nobody polls */
        wait_queue_wake_watchers_now(queue);
}

/* Wakes one particular waiter of `queue` (it must be on it) with WAKE_NORMAL:
 * for queues whose waiters wait for different things (message senders). */
void wait_queue_wake_task(struct task *task);

/* The same, for a caller that holds the lock of the queue `task` waits
 * on, if that queue has one (wait_queue_wake_task would take it again):
 * a System V queue's hand-off (ipc/sysv_msgq_transfer.c), a semop served
 * (ipc/sysv_sem.c). */
void wait_queue_wake_task_locked(struct task *task);

/* Wakes `task` with WAKE_INTERRUPTED if it waits interruptibly on a queue;
 * returns 1 if it did. For signal delivery. A task that runs on another
 * CPU is interrupted there instead, so that it does its user_work_pending
 * now. */
int wait_queue_interrupt(struct task *task);

/* The sleeping list's call when a waiter's deadline passes (sleep.c):
 * wakes `task`, which waits on a queue, with WAKE_TIMEOUT. Context: the
 * timer interrupt (kernel lock held, switches postponed). */
void wait_queue_wake_on_timeout(struct task *task);

#endif
