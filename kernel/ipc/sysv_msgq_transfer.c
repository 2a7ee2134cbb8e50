/* kernel/ipc/sysv_msgq_transfer.c - System V message queues, the moving
 * half: msgsnd and msgrcv, and the hand-off of a new message straight to a
 * receiver that waits for it (the queue object, msgget and msgctl are in
 * sysv_msgq.c, whose opening comment draws the whole). */
#include "sysv_msgq.h"

#include "sysv_msgq_internal.h"

#include <limits.h>

#include "arch/x86/cpu.h"
#include "ipc/ipc_key.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "lib/list.h"
#include "lib/kprintf.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "syscall.h"
#include "subsystems/sysv_ipc_calls.h"
#include "uapi/errno.h"
/* Does a message of type `message_type` match msgrcv(type, flags)
 * (msgrcv(2))?
 *   type == 0: every message;
 *   type  > 0: that type (MSG_EXCEPT: any other);
 *   type  < 0: any type <= |type| (select_message takes the lowest). */
static int type_matches(long message_type, long type, int flags)
{
    // LAB(sysv_msgq) BEGIN: which messages msgrcv's type (and MSG_EXCEPT) lets through
    if (type == 0)
        return 1;
    if (type < 0)
        return message_type <= (type == LONG_MIN ? LONG_MAX : -type);   /* -LONG_MIN does not fit */
    return (flags & MSG_EXCEPT) ? message_type != type : message_type == type;
    // LAB(sysv_msgq) STUB
    // (void)message_type;
    // (void)flags;
    // return type == 0;                  /* only type 0 for now: sys_msgrcv refuses the others */
    // LAB(sysv_msgq) END
}

/* The message msgrcv(type, flags) takes, or NULL when none matches: the
 * first that matches, or for type < 0 the first of the lowest type. */
static inline __attribute__((always_inline)) struct sysv_message *select_message(struct sysv_msgq *queue, long type,
                                                                               int flags)
{
    // LAB(sysv_msgq) BEGIN: the first message that matches, or for type < 0 the first of the lowest type
    struct sysv_message *lowest = 0;
    list_for_each(node, &queue->messages) {
        struct sysv_message *message = list_entry(node, struct sysv_message, link);
        if (!type_matches(message->type, type, flags))
            continue;
        if (type >= 0)
            return message;
        if (!lowest || message->type < lowest->type)
            lowest = message;                /* strictly lower: the earliest of a type wins */
    }
    return lowest;
    // LAB(sysv_msgq) STUB
    // list_for_each(node, &queue->messages) {   /* the first that matches, whatever the type */
    //     struct sysv_message *message = list_entry(node, struct sysv_message, link);
    //     if (type_matches(message->type, type, flags))
    //         return message;
    // }
    // return 0;
    // LAB(sysv_msgq) END
}

/* Gives a new `message` to the first waiting receiver it matches and
 * returns 1; 0 when no receiver waits for it (Linux's pipelined_send). The
 * receivers waiting all found nothing in the queue, so the new message is
 * the one each would take. A matching receiver whose buffer is too small
 * (and no MSG_NOERROR) is woken on the way with E2BIG, as on Linux, and
 * the message goes on to the next. The hand-off is a receive: it sets
 * msg_lrpid and msg_rtime; msg_qnum does not change. */
static int hand_to_waiting_receiver(struct sysv_msgq *queue, struct sysv_message *message)
{
    list_for_each_safe(node, &queue->waiting_receivers) {
        struct waiting_receiver *receiver = list_entry(node, struct waiting_receiver, link);
        if (!type_matches(message->type, receiver->type, receiver->flags))
            continue;
        list_remove(&receiver->link);
        wait_queue_wake_task_locked(receiver->task);
        if (message->size > receiver->size && !(receiver->flags & MSG_NOERROR)) {
            receiver->error = -E2BIG;
            continue;
        }
        receiver->message = message;
        queue->last_receiver = receiver->pid;
        queue->receive_time = ipc_now_seconds();
        return 1;
    }
    return 0;
}

/* On several CPUs a receiver without the big lock may take itself off
 * `waiting_receivers` at any time (a signal woke it), under the queue's
 * lock: the calls with the big lock change that list under it too. */
static inline void lock_receivers(struct sysv_msgq *queue)
{
    spinlock_take_on_several_cpus(&queue->lock);
}

static inline void unlock_receivers(struct sysv_msgq *queue)
{
    spinlock_give_on_several_cpus(&queue->lock);
}

static int deliver(struct sysv_msgq *queue, struct sysv_message *message)
{
    if (hand_to_waiting_receiver(queue, message))
        return 1;
    list_push_back(&queue->messages, &message->link);
    queue->message_count++;
    queue->bytes_queued += message->size;
    return 0;
}

/* Waits until `size` more bytes fit in the queue, and one more message
 * (sysv_msgq_has_room). 0, -EAGAIN under IPC_NOWAIT, or
 * sleep_on's -EIDRM, -ERESTARTNOHAND. Caller holds the kernel lock.
 * May sleep. */
static int wait_for_room(struct sysv_msgq *queue, uint32_t size, int flags)
{
    while (!sysv_msgq_has_room(queue, size)) {
        if (flags & IPC_NOWAIT)
            return -EAGAIN;
        int result = sysv_msgq_sleep(queue, &queue->senders, "msgsnd");
        if (result < 0)
            return result;
        /* EACCES: the right to write, looked at again once room came
         * (IPC_SET may have taken it), as Linux's sender does then */
        if (sysv_msgq_has_room(queue, size))
            return ipc_object_permission(&queue->object.owner, IPC_ACCESS_WRITE);
    }
    return 0;
}

/* On several CPUs a call with the big lock uses the queue for as long as
 * it runs (sysv_msgq_internal.h), holding a reference, so that the end
 * of the use finds the queue there even after IPC_RMID. One CPU, which
 * has nothing to count, pays one test. */
static inline void begin_use(struct sysv_msgq *queue)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        sysv_msgq_get(queue);
        sysv_msgq_begin_big_lock_use(queue);
    }
}

static inline void end_use(struct sysv_msgq *queue)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        sysv_msgq_end_big_lock_use(queue);
        sysv_msgq_put(queue);
    }
}

/* msgsnd's work, once the message is in and the queue found. */
static int send(struct sysv_msgq *queue, struct sysv_message *message, int flags)
{
    int result = ipc_object_permission(&queue->object.owner, IPC_ACCESS_WRITE);   /* EACCES */
    if (result == 0)
        result = wait_for_room(queue, message->size, flags);
    if (result < 0) {
        kfree(message);
        return result;
    }
    queue->last_sender = current_task->process->pid;
    queue->send_time = ipc_now_seconds();
    long sent_type = message->type;
    uint32_t sent_size = message->size;
    lock_receivers(queue);
    int handed = deliver(queue, message);
    unlock_receivers(queue);
    trace_current_event("send", "obj=msgqueue:%d type=%ld len=%u via=%s", queue->object.id,
                sent_type, sent_size, handed ? "direct" : "held");
    return 0;
}

int sys_msgsnd(int id, const void *user_message, int size, int flags)
{
    /* EINVAL: a negative id, a size below 0 or above MSGMAX (msgsnd(2)) */
    if (id < 0 || size < 0 || size > MSGMAX)
        return -EINVAL;
    long type;
    if (copy_from_user(&type, user_message, sizeof type) < 0)
        return -EFAULT;
    /* EINVAL: types start at 1; msgrcv gives 0 and negative types other meanings */
    if (type < 1)
        return -EINVAL;
    /* the text comes in before any wait, as on Linux: a fault is EFAULT at once */
    struct sysv_message *message = kmalloc(sizeof *message + (uint32_t)size);
    if (!message)
        return -ENOMEM;
    message->type = type;
    message->size = (uint32_t)size;
    if (copy_from_user(message->text, (const char *)user_message + sizeof type, (uint32_t)size) < 0) {
        kfree(message);
        return -EFAULT;
    }
    struct sysv_msgq *queue = sysv_msgq_find(id);
    if (!queue) {
        kfree(message);
        return -EINVAL;                           /* no such queue, or removed */
    }
    begin_use(queue);
    int result = send(queue, message, flags);
    end_use(queue);
    return result;
}

/* Sleeps in msgrcv until a sender hands `me` a message (1), or until the
 * receiver should look at the queue again (0: IPC_SET woke it, and its
 * right to read is still there), or fails: -E2BIG (a matching message
 * was too long for it), -EACCES (IPC_SET took the right to read), or
 * sleep_on's -EIDRM, -ERESTARTNOHAND. A handed message is
 * ours whatever else happened meanwhile (a signal, IPC_RMID after the
 * send): the queue may be gone then. Caller holds the kernel lock. May
 * sleep. */
static int wait_for_message(struct sysv_msgq *queue, struct waiting_receiver *me)
{
    me->task = current_task;
    me->message = 0;
    me->error = 0;
    lock_receivers(queue);
    list_push_back(&queue->waiting_receivers, &me->link);
    unlock_receivers(queue);
    int result = sysv_msgq_sleep(queue, &queue->receivers, "msgrcv");
    if (me->message)
        return 1;
    if (me->error)
        return me->error;
    if (me->link.next) {              /* a signal woke us: we are still on the list */
        lock_receivers(queue);        /* (IPC_RMID empties it: never so after -EIDRM) */
        list_remove(&me->link);
        unlock_receivers(queue);
    }
    /* EACCES: woken with nothing, by IPC_SET, which may have taken the
     * right to read: looked at again, as Linux's receiver does */
    return result == 0 ? ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ) : result;
}

/* Copies a message's type and its first `copied` bytes out to msgrcv's
 * buffer: 0 or -EFAULT. */
static int copy_message_out(void *user_message, const struct sysv_message *message, uint32_t copied)
{
    if (copy_to_user(user_message, &message->type, sizeof message->type) < 0 ||
        copy_to_user((char *)user_message + sizeof message->type, message->text, copied) < 0)
        return -EFAULT;
    return 0;
}

/* msgrcv's end with a message a sender handed us (queue `id`, which may
 * be removed by now): out to the buffer, cut to `size` under MSG_NOERROR
 * (the sender checked the size for us). On EFAULT the message goes back to
 * the queue, if it is still there, as if sent again (Linux loses it). Its
 * msgsnd has returned 0 already, so it goes back whether or not it fits:
 * other sends may have taken the room it had meanwhile. The queue then
 * holds more than msg_qbytes until receivers take enough, each receiver
 * that faults adding one message at most, and senders wait till then. */
static inline __attribute__((always_inline)) int take_handed_message(int id, struct sysv_message *message,
                                                                   void *user_message, int size)
{
    uint32_t copied = message->size < (uint32_t)size ? message->size : (uint32_t)size;
    if (copy_message_out(user_message, message, copied) < 0) {
        struct sysv_msgq *queue = sysv_msgq_find(id);
        if (queue) {
            sysv_msgq_begin_big_lock_use(queue);
            lock_receivers(queue);
            deliver(queue, message);
            unlock_receivers(queue);
            sysv_msgq_end_big_lock_use(queue);
        } else
            kfree(message);
        return -EFAULT;
    }
    trace_current_event("recv", "obj=msgqueue:%d type=%ld len=%u via=direct", id, message->type, message->size);
    kfree(message);
    return (int)copied;
}

static int receive(struct sysv_msgq *queue, int id, void *user_message, int size, long type, int flags);

static int receive_refused(int id, int size, long type, int flags)
{
    /* EINVAL: a negative id or size (msgrcv(2)) */
    if (id < 0 || size < 0)
        return -EINVAL;
    if (flags & MSG_COPY)
        return -ENOSYS;                           /* as Linux without CONFIG_CHECKPOINT_RESTORE */
    // LAB(sysv_msgq) BEGIN: remove this check once type_matches and select_message know every type
    // LAB(sysv_msgq) STUB
    // if (type != 0)
    //     return -ENOSYS;                        /* typed receive: not written yet */
    // LAB(sysv_msgq) END
    (void)type;
    return 0;
}

int sys_msgrcv(int id, void *user_message, int size, long type, int flags)
{
    int refused = receive_refused(id, size, type, flags);
    if (refused < 0)
        return refused;
    struct sysv_msgq *queue = sysv_msgq_find(id);
    if (!queue)
        return -EINVAL;
    begin_use(queue);
    int result = receive(queue, id, user_message, size, type, flags);
    end_use(queue);
    return result;
}

/* msgrcv's work, once the queue is found. */
static int receive(struct sysv_msgq *queue, int id, void *user_message, int size, long type, int flags)
{
    int refused = ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ);   /* EACCES */
    if (refused < 0)
        return refused;
    struct waiting_receiver me = {
        .pid = current_task->process->pid, .type = type, .flags = flags, .size = (uint32_t)size,
    };
    struct sysv_message *message;
    while (!(message = select_message(queue, type, flags))) {
        /* ENOMSG: nothing matches and the caller will not wait */
        int result = (flags & IPC_NOWAIT) ? -ENOMSG : wait_for_message(queue, &me);
        if (result < 0)
            return result;
        if (result > 0)
            return take_handed_message(id, me.message, user_message, size);
    }
    /* E2BIG: longer than the buffer and no MSG_NOERROR: the message stays queued */
    if (message->size > (uint32_t)size && !(flags & MSG_NOERROR))
        return -E2BIG;
    uint32_t copied = message->size < (uint32_t)size ? message->size : (uint32_t)size;   /* MSG_NOERROR truncates */
    /* copied out before it is unlinked: on EFAULT the message stays queued
     * (Linux loses it) */
    if (copy_message_out(user_message, message, copied) < 0)
        return -EFAULT;
    list_remove(&message->link);
    queue->message_count--;
    queue->bytes_queued -= message->size;
    queue->last_receiver = current_task->process->pid;
    queue->receive_time = ipc_now_seconds();
    trace_current_event("recv", "obj=msgqueue:%d type=%ld len=%u via=held", queue->object.id,
                message->type, message->size);
    kfree(message);
    wait_queue_wake_all(&queue->senders);         /* room: each checks whether it fits */
    return (int)copied;
}

/* The steps sysv_msgq_without_big_lock.c shares (sysv_msgq_internal.h),
 * out of line here, so that the ones above stay inline in sys_msgsnd and
 * sys_msgrcv. */
struct sysv_message *sysv_msgq_select_message(struct sysv_msgq *queue, long type, int flags)
{
    return select_message(queue, type, flags);
}

int sysv_msgq_deliver(struct sysv_msgq *queue, struct sysv_message *message)
{
    return deliver(queue, message);
}

int sysv_msgq_take_handed_message(int id, struct sysv_message *message, void *user_message, int size)
{
    return take_handed_message(id, message, user_message, size);
}

int sysv_msgq_receive_refused(int id, int size, long type, int flags)
{
    return receive_refused(id, size, type, flags);
}
