/* kernel/ipc/msg_wait.h - the two waits of direct message passing,
 * shared by the general code (msg.c) and the fast path
 * (msg_fastpath.c). Inline, so that the fast path's hand-off to the
 * peer (the scheduler's wait_queue_sleep_handing_to,
 * kernel/sched/wait_queue_handoff.h) costs no calls beyond the switch
 * itself.
 *
 * Context: a system call, which holds the kernel lock (the locking rule in
 * kernel/sched/wait_queue.h); they sleep. */
#ifndef KERNEL_IPC_MSG_WAIT_H
#define KERNEL_IPC_MSG_WAIT_H

#include "ipc_list.h"
#include "msg.h"
#include "msg_internal.h"
#include "ipc/signal.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "sched/wait_queue_handoff.h"
#include "uapi/errno.h"

/* The one wait of both below: on `own`'s own_wait, interruptible, first
 * handing the CPU to `hand_to` if not NULL. On several CPUs the wait ends
 * this call's use of message passing with the big lock (msg_internal.h)
 * until it is woken, so that calls without it can reach this port, and the
 * hand-off is a plain wake-up under the peer's port lock. Returns how the
 * wait ended (WAKE_*). */
static inline __attribute__((always_inline)) int msg_sleep(struct msg_port *own, const char *reason,
                                                           struct task *hand_to)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        if (hand_to)
            msg_wake_owner(thread_of(hand_to));
        msg_big_lock_use_end();
        int woken = wait_queue_sleep(&own->own_wait, reason, 0, WAIT_INTERRUPTIBLE);
        msg_big_lock_use_begin();
        return woken;
    }
    return hand_to ? wait_queue_sleep_handing_to(&own->own_wait, reason, hand_to)
                   : wait_queue_sleep(&own->own_wait, reason, 0, WAIT_INTERRUPTIBLE);
}

/* msg_recv's wait, when nothing could be taken at once: waits until a
 * sender delivers into `user_message` (0), the sender exits (-ESRCH) or a
 * signal comes (-ERESTARTNOHAND). `view` is the buffer's kernel view if
 * known (else 0). Hands the CPU to `hand_to` (a client just answered) when
 * not NULL. */
static inline int msg_wait_for_message(struct msg_port *own, int from, struct message *user_message,
                                           struct message *view, struct task *hand_to)
{
    ASSERT(kernel_lock_held());
    own->waiting = MESSAGE_RECEIVING;
    own->peer = from;
    own->receive_buffer = (uint32_t)user_message;
    own->receive_view = msg_view_to_keep(view);
    own->result = 0;
    wait_queue_say_object((void *)(intptr_t)from, thread_id_describe);
    int woken = msg_sleep(own, "msg_recv", hand_to);
    own->waiting = 0;
    if (woken == WAKE_INTERRUPTED && own->result <= 0)
        return -ERESTARTNOHAND;             /* nothing came; a message that came counts */
    return own->result < 0 ? own->result : 0;
}

/* msg_call's second half: waits until msg_reply (or the server's exit)
 * clears MESSAGE_AWAITING_REPLY; first hands the CPU to `hand_to`, which
 * waits in msg_recv and has just been given the call, if not NULL. Returns
 * the call's result: 0, -ESRCH, or -ERESTARTNOHAND for a signal. */
static inline int msg_wait_for_reply(struct msg_port *own, int to, struct task *hand_to)
{
    ASSERT(kernel_lock_held());
    // LAB(msg_call) BEGIN: sleep until the reply (or the server's exit) ends the call; a signal ends the wait
    while (own->waiting & MESSAGE_AWAITING_REPLY) {   /* the reply clears it */
        wait_queue_say_object((void *)(intptr_t)to, thread_id_describe);
        own->result = -EINTR;
        const char *reason = "msg_call: waiting for the reply";
        int woken = msg_sleep(own, reason, hand_to);
        hand_to = 0;
        if (woken == WAKE_INTERRUPTED && (own->waiting & MESSAGE_AWAITING_REPLY)) {
            /* still waiting for the reply: a stop and continue restarts the
             * call, which then only waits (call_interrupted); a handler
             * makes it EINTR and msg_call_abandon forgets the call */
            own->call_interrupted = 1;
            current_thread()->abandon_interrupted_call = msg_call_abandon;
            return -ERESTARTNOHAND;
        }
    }
    return own->result;                     /* 0, or -ESRCH: the server exited */
    // LAB(msg_call) STUB
    // (void)to;
    // (void)hand_to;
    // own->waiting = 0;                   /* gave up: a late reply gets EINVAL */
    // return -ENOSYS;                     /* to do: wait until msg_reply clears MESSAGE_AWAITING_REPLY */
    // LAB(msg_call) END
}

#endif
