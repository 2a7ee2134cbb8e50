/* kernel/ipc/sysv_msgq_without_big_lock.c - msgsnd and msgrcv on several
 * CPUs without the big kernel lock: under the queue's own lock
 * (sysv_msgq_internal.h), so that two pairs of processes, each with
 * queues of their own, run at once on two CPUs (docs/smp.md, "System V
 * queues without the big lock").
 *
 * The rules are sysv_msgq_transfer.c's; this is the same send and
 * receive for the usual case, and every other case takes the big lock
 * and goes its way (sys_msgsnd, sys_msgrcv):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   no call with the big lock uses the    one does (big_lock_users): msgctl, or
 *     queue                                 a sender or receiver that waits there
 *   trace off, nothing pending            the trace; a signal to take (it ends
 *                                           the wait too)
 *   the caller may write (read) it,       EACCES, EINVAL, ENOSYS (MSG_COPY); a
 *     sizes and types right, user memory    fault (the copy fails at once:
 *     present                               kernel/mm/page_fault.c), done again there
 *
 * The queue is found by its id in a lookup (sched/lookup.h): a queue
 * removed meanwhile is freed only once the lookup has ended, and the
 * call sees `removed` under the queue's lock. A waiter holds a reference,
 * as the big lock's waiters do, so IPC_RMID wakes it (EIDRM) and the last
 * one out frees the queue. A receiver that waits leaves its note on
 * `waiting_receivers`, and a sender of either kind hands it a matching
 * message straight away (sysv_msgq_deliver), as Linux's pipelined_send
 * does; a handed message is the receiver's, which copies it out after
 * the queue's lock is given, and takes the big lock to do so again if
 * the copy faults (sysv_msgq_take_handed_message). The message is copied
 * in and allocated before the lock is taken, and freed after it is given
 * (the heap has a lock of its own on several CPUs, kernel/mm/heap.c).
 *
 * Context of the calls: a system call without the big kernel lock,
 * interrupts off. */
#include "sysv_msgq.h"
#include "sysv_msgq_internal.h"

#include "arch/x86/cpu.h"
#include "fs/file_without_big_lock.h"
#include "ipc/ipc_key.h"
#include "kernel/syscall.h"
#include "subsystems/sysv_ipc_calls.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/lookup.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

/* The queue with this id, its lock held, if a call may use it without
 * the big lock; NULL (nothing held) if there is none or a call with the
 * big lock uses it. */
static struct sysv_msgq *queue_without_big_lock(int id)
{
    lookup_begin();
    struct sysv_msgq *queue = sysv_msgq_find(id);
    if (queue) {
        spinlock_take(&queue->lock);
        if (queue->removed || queue->big_lock_users) {
            spinlock_give(&queue->lock);
            queue = 0;
        }
    }
    lookup_end();               /* a queue we hold the lock of, not removed, stays */
    return queue;
}

/* The end of a wait on the queue: -EIDRM if it was removed meanwhile, 0
 * to look again, or TRANSFER_NEEDS_BIG_LOCK (a signal, or a call with
 * the big lock uses it now). Context: its lock held again. */
static int after_wait(const struct sysv_msgq *queue, int woken)
{
    if (queue->removed)
        return -EIDRM;
    return woken != WAKE_NORMAL || queue->big_lock_users ? TRANSFER_NEEDS_BIG_LOCK : 0;
}

static int send_without_big_lock(int id, const void *user_message, int size, int flags)
{
    long type;
    if (id < 0 || size < 0 || size > MSGMAX || copy_from_user(&type, user_message, sizeof type) < 0 || type < 1)
        return TRANSFER_NEEDS_BIG_LOCK;                            /* EINVAL, EFAULT: there */
    struct sysv_message *message = kmalloc(sizeof *message + (uint32_t)size);
    if (!message)
        return TRANSFER_NEEDS_BIG_LOCK;
    message->type = type;
    message->size = (uint32_t)size;
    struct sysv_msgq *queue = 0;
    if (copy_from_user(message->text, (const char *)user_message + sizeof type, (uint32_t)size) < 0 ||
        !(queue = queue_without_big_lock(id))) {
        kfree(message);
        return TRANSFER_NEEDS_BIG_LOCK;
    }
    int status = TRANSFER_NEEDS_BIG_LOCK, waited = 0;
    if (ipc_object_permission(&queue->object.owner, IPC_ACCESS_WRITE) == 0) {
        for (;;) {
            if (sysv_msgq_has_room(queue, message->size)) {
                if (waited && ipc_object_permission(&queue->object.owner, IPC_ACCESS_WRITE) < 0)
                    break;                          /* IPC_SET took the right meanwhile: EACCES there */
                queue->last_sender = current_task->process->pid;
                queue->send_time = ipc_now_seconds();
                sysv_msgq_deliver(queue, message);
                message = 0;                        /* the queue's now, or a receiver's */
                status = 0;
                break;
            }
            if (flags & IPC_NOWAIT) {
                status = -EAGAIN;
                break;
            }
            if (!waited++)
                sysv_msgq_get(queue);               /* IPC_RMID must not free it under us */
            wait_queue_say_object(queue, sysv_msgq_describe);
            if ((status = after_wait(queue, wait_queue_sleep_giving(&queue->senders, "msgsnd"))) != 0)
                break;
            status = TRANSFER_NEEDS_BIG_LOCK;
        }
    }
    spinlock_give(&queue->lock);
    if (waited)
        sysv_msgq_put(queue);
    kfree(message);                                 /* not sent (NULL if sent) */
    return status;
}

/* msgrcv without the big lock: the bytes copied, -errno, or
 * TRANSFER_NEEDS_BIG_LOCK; or 0 with a message a sender handed us in
 * *handed, which the caller copies out. */
static int receive_without_big_lock(int id, void *user_message, int size, long type, int flags,
                                    struct sysv_message **handed)
{
    struct sysv_msgq *queue;
    if (sysv_msgq_receive_refused(id, size, type, flags) < 0 || !(queue = queue_without_big_lock(id)))
        return TRANSFER_NEEDS_BIG_LOCK;
    int status = TRANSFER_NEEDS_BIG_LOCK, waited = 0;
    struct sysv_message *taken = 0;
    struct waiting_receiver me = {
        .task = current_task, .pid = current_task->process->pid, .type = type, .flags = flags,
        .size = (uint32_t)size,
    };
    if (ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ) == 0) {
        for (;;) {
            struct sysv_message *message = sysv_msgq_select_message(queue, type, flags);
            if (message) {
                if (message->size > (uint32_t)size && !(flags & MSG_NOERROR)) {
                    status = -E2BIG;                /* the message stays queued */
                    break;
                }
                uint32_t copied = message->size < (uint32_t)size ? message->size : (uint32_t)size;
                if (copy_to_user(user_message, &message->type, sizeof message->type) < 0 ||
                    copy_to_user((char *)user_message + sizeof message->type, message->text, copied) < 0)
                    break;                          /* a fault: there (the message stays) */
                list_remove(&message->link);
                queue->message_count--;
                queue->bytes_queued -= message->size;
                queue->last_receiver = me.pid;
                queue->receive_time = ipc_now_seconds();
                wait_queue_wake_all(&queue->senders);   /* room: each checks whether it fits */
                taken = message;
                status = (int)copied;
                break;
            }
            if (flags & IPC_NOWAIT) {
                status = -ENOMSG;
                break;
            }
            if (!waited++)
                sysv_msgq_get(queue);               /* IPC_RMID must not free it under us */
            me.message = 0;
            me.error = 0;
            list_push_back(&queue->waiting_receivers, &me.link);
            wait_queue_say_object(queue, sysv_msgq_describe);
            int woken = wait_queue_sleep_giving(&queue->receivers, "msgrcv");
            if (me.message) {                       /* ours, whatever else happened */
                *handed = me.message;
                status = 0;
                break;
            }
            if (me.error) {
                status = me.error;                  /* E2BIG: a matching message too long */
                break;
            }
            if (me.link.next)                       /* not handed one: still on the list */
                list_remove(&me.link);
            if ((status = after_wait(queue, woken)) != 0)
                break;
            status = TRANSFER_NEEDS_BIG_LOCK;
            if (ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ) < 0)
                break;                              /* IPC_SET took the right meanwhile: EACCES there */
        }
    }
    spinlock_give(&queue->lock);
    if (waited)
        sysv_msgq_put(queue);
    kfree(taken);
    return status;
}

static int msgsnd_row(int id, const void *user_message, int size, int flags)
{
    int status = call_of_any_thread_may_go_without_big_lock() ? send_without_big_lock(id, user_message, size, flags)
                                                : TRANSFER_NEEDS_BIG_LOCK;
    return syscall_done_without_big_lock(status != TRANSFER_NEEDS_BIG_LOCK)
               ? status
               : sys_msgsnd(id, user_message, size, flags);
}

static int msgrcv_row(int id, void *user_message, int size, long type, int flags)
{
    struct sysv_message *handed = 0;
    int status = call_of_any_thread_may_go_without_big_lock()
                     ? receive_without_big_lock(id, user_message, size, type, flags, &handed)
                     : TRANSFER_NEEDS_BIG_LOCK;
    if (handed) {                                   /* the sender checked its size against ours */
        uint32_t copied = handed->size < (uint32_t)size ? handed->size : (uint32_t)size;
        if (copy_to_user(user_message, &handed->type, sizeof handed->type) == 0 &&
            copy_to_user((char *)user_message + sizeof handed->type, handed->text, copied) == 0) {
            kfree(handed);
            syscall_done_without_big_lock(1);
            return (int)copied;
        }
        syscall_done_without_big_lock(0);           /* a fault: with the big lock, which may */
        return sysv_msgq_take_handed_message(id, handed, user_message, size);
    }
    return syscall_done_without_big_lock(status != TRANSFER_NEEDS_BIG_LOCK)
               ? status
               : sys_msgrcv(id, user_message, size, type, flags);
}

void sysv_msgq_calls_without_big_lock_start(void)
{
    syscall_replace_without_big_lock_as_cancel_point(SYS_msgsnd, msgsnd_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_msgrcv, msgrcv_row);
}
