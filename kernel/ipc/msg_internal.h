/* kernel/ipc/msg_internal.h - what the files of direct message
 * passing share (msg.c: send and receive; msg_call.c: the
 * client-server calls; msg_copy.c: the copies; msg_fastpath.c);
 * nothing else uses it. */
#ifndef KERNEL_IPC_MSG_INTERNAL_H
#define KERNEL_IPC_MSG_INTERNAL_H

#include <stdint.h>

#include "arch/x86/copy_inline.h"
#include "arch/x86/cpu.h"
#include "arch/x86/smp_for_core.h"
#include "mm/cross_copy.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/lookup.h"
#include "uapi/ipc.h"

struct thread;

/* Is the thread `from` (a tid: a pid names its process's first thread)
 * alive, so that it may still send? */
static inline int msg_sender_alive(int from)
{
    return thread_find(from) != 0;
}

/* What msg_recv(from, ..., flags) refuses whatever happens: EINVAL for bad
 * flags or `from`, ESRCH when `from` is gone and left nothing in our
 * inbox. 0 when a receive may succeed. */
int msg_receive_refused(int from, int flags);

/* The view of a buffer to remember while the running thread waits: `view`
 * when it is its process's only thread, else 0. (Another thread could
 * unmap the page meanwhile, and the frame go to someone else, or fork and
 * share it with a child: the peer's delivery then walks the page tables,
 * and finds what is there by then.) `view` must be new: taken with the
 * big lock held, or without it since this CPU last answered a shootdown
 * (msg_own_view_again), so that a thread that unmapped the page and ended
 * before now cannot have left it stale; one that unmaps it now waits for
 * this CPU, and is counted still. */
static inline struct message *msg_view_to_keep(struct message *view)
{
    return current_task->process->thread_count == 1 ? view : 0;
}

/* ---- on several CPUs: views of a waiting thread's buffer without the big lock ----
 *
 * A call without the big lock (msg_ and mbox_without_big_lock.c) copies
 * through kernel views into a waiting thread's buffer, or out of it. */

/* The view of `size` bytes at `buffer` of `waiter`, asleep (its port's
 * or its mailbox's lock held): `kept`, the view it kept (a process of one
 * thread, whose pages cannot change while it sleeps), or else found by a
 * walk of its page tables in a view window (smp_view_begin, arch/x86/
 * smp_ipi.h), so that a shootdown of them waits for this CPU until
 * msg_view_end. NULL (no window left open) when those bytes are not in
 * one present page (writable, if `write`) now. Context: no spin that
 * answers shootdowns (spinlock_take) until msg_view_end. */
static inline void *msg_view_of_waiter(const struct thread *waiter, void *kept, uint32_t buffer, uint32_t size,
                                       int write)
{
    if (kept)
        return kept;
    smp_view_begin(waiter->task.page_directory);
    void *view = view_if_present(waiter->task.page_directory, buffer, size, write);
    if (!view)
        smp_view_end();
    return view;
}

/* The end of msg_view_of_waiter's window, once the copy is made: the
 * pair's other half, named for it. (A kept view opened no window; ending
 * none is one store of 0, cheaper than a test.) */
static inline void msg_view_end(void)
{
    smp_view_end();
}

/* The running thread's view of `size` bytes at `buffer`, looked at
 * again after a spin for a lock or a sleep: NULL when they are not in one
 * present page (writable, if `write`) now. Good until this CPU next
 * answers a shootdown (a spin for a lock may: spinlock_take), which the
 * view taken before may have answered already: another thread's munmap
 * or fork. Always a new walk, in a process of one thread too: the other
 * threads may have unmapped the page and ended meanwhile. */
static inline void *msg_own_view_again(const void *buffer, uint32_t size, int write)
{
    return view_if_present(current_task->page_directory, (uint32_t)buffer, size, write);
}

/* The buffer of `receiver`, which waits in msg_recv, seen through the
 * kernel's map for `size` bytes: the view it remembered (receive_view in
 * msg.h), else found by one walk of its page tables. NULL when those
 * bytes are not in one present, writable page now. */
static inline struct message *msg_receive_slot(struct thread *receiver, uint32_t size)
{
    struct msg_port *port = &receiver->msg_port;
    return port->receive_view ? port->receive_view :
           view_if_present(receiver->task.page_directory, port->receive_buffer, size, 1);
}

/* ---- on several CPUs: the calls with the big lock keep out those without ----
 *
 * msg_call, msg_reply and msg_reply_recv begin without the big kernel lock
 * on several CPUs (msg_without_big_lock.c), and do the usual case under
 * the peer's port lock, in a lookup (sched/lookup.h). Everything
 * else of message passing runs with the big lock, as one of
 * msg_big_lock_users: from msg_big_lock_use_begin, which waits until no
 * lookup is under way, to msg_big_lock_use_end, or to a wait on its own
 * port (such a wait ends the use, and its end begins it again: msg_sleep;
 * a synchronous sender waiting for its receiver keeps it, msg.c). A call
 * without the big
 * lock that finds a user gives way: it takes the big lock and becomes one.
 * So the calls of each kind see a port only as the other kind left it.
 * One CPU: nothing to keep out, and these cost a test each. */
extern volatile uint32_t msg_big_lock_users;

static inline void msg_big_lock_use_begin(void)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        __atomic_add_fetch(&msg_big_lock_users, 1, __ATOMIC_SEQ_CST);
        lookups_wait();
    }
}

static inline void msg_big_lock_use_end(void)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        __atomic_sub_fetch(&msg_big_lock_users, 1, __ATOMIC_RELEASE);
}

/* Wakes `thread` if it waits on its own_wait (for a message or a reply),
 * having been given what it waited for. On several CPUs under its port's
 * lock: a waiter without the big lock looks at its port, and starts
 * waiting, under that lock (msg_without_big_lock.c), so it either sees
 * what it was given or is on the queue by now. */
static inline void msg_wake_owner(struct thread *thread)
{
    struct msg_port *port = &thread->msg_port;
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        spinlock_take(&port->lock);
        if (thread->task.waiting_on == &port->own_wait)
            wait_queue_wake_all(&port->own_wait);      /* its owner, alone there */
        spinlock_give(&port->lock);
    } else if (thread->task.waiting_on == &port->own_wait) {
        wait_queue_wake_task(&thread->task);
    }
}

/* Synchronous send (also msg_call's first half). Returns 0 once `target`
 * has the message, or -errno. For a call, `hand_to` is not NULL: a
 * receiver found waiting gets the message but is not woken, and
 * *hand_to is its task, for msg_call to hand the CPU to as it starts
 * waiting for the reply (NULL when the receiver was not waiting).
 * Context: a system call (kernel lock held); sleeps. */
int msg_send_sync(struct thread *target, const struct message *user_message, const struct message *sent,
                      int flags, struct task **hand_to);

/* Writes the body of the message `sent` into `slot`, under the header
 * the kernel gives it: src, dst, and the type and length as checked
 * (`length` <= MSG_BODY_MAX). Both are kernel views
 * (view_if_present in mm/cross_copy.h), so nothing can fault. The body is
 * copied with memcpy_inline (a memcpy without the call), then the kernel
 * writes the header. */
static inline void msg_deliver_through_views(struct message *slot, const struct message *sent, int32_t type,
                                                 uint32_t length, int src, int dst)
{
    memcpy_inline(slot->body, sent->body, length);
    msg_set_header(slot, src, dst, type, length);
}

#endif
