/* kernel/ipc/sysv_msgq.c - System V message queues: typed messages kept in
 * arrival order, taken by type.
 *
 *   msgsnd appends at the tail               msgrcv picks one (select_message)
 *            |                                          |
 *            v                                          v
 *   first -> [type 3 "a"] -> [type 1 "b"] -> [type 2 "c"] -> [type 1 "d"] <- last
 *
 *   msgrcv(type  0) takes "a": the first message;
 *   msgrcv(type  1) takes "b": the first message of type 1;
 *   msgrcv(type -2) takes "b": the first message of the lowest type <= 2;
 *   msgrcv(type  1, MSG_EXCEPT) takes "a": the first message not of type 1.
 *
 * A queue holds at most msg_qbytes bytes of text (and as many messages):
 * senders wait on `senders` for room, receivers on `receivers` for a
 * message that matches their type. A receiver that waits leaves a note of
 * what it waits for (struct waiting_receiver), and a sender hands a new
 * message straight to the first one it matches, before msgsnd returns, as
 * Linux's pipelined_send does: the message is the receiver's at once, so an
 * IPC_RMID right after the send cannot take it away. Only a message that no
 * waiting receiver wants is queued. A receive that makes room wakes all the
 * senders, and each checks whether its own message fits now.
 *
 * A sleeper holds a reference on the queue: IPC_RMID takes the queue out
 * of the key table and frees its messages at once, wakes everybody, and
 * the last sleeper to leave (each with EIDRM, unless a message was handed
 * to it before) frees the queue itself.
 * Everything runs inside system calls with interrupts off, so nothing can
 * happen between a check and the sleep that follows it. A signal ends a
 * wait; once its handler has run the call fails with EINTR, never
 * restarted, even under SA_RESTART (as on Linux). */
#include "sysv_msgq.h"

#include <limits.h>

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
#include "uapi/errno.h"

struct sysv_message {
    struct list_node link;            /* in the queue's list, in arrival order */
    long type;                        /* mtype: 1 or more */
    uint32_t size;                    /* bytes of text */
    char text[];                      /* mtext */
};

struct sysv_msgq {
    struct ipc_object object;         /* key, id, mode: first, for the key table */
    unsigned references;              /* the key table's, plus one per sleeping caller */
    int removed;                      /* IPC_RMID done: sleepers leave with EIDRM */
    struct list messages;             /* struct sysv_message, oldest first */
    unsigned message_count;           /* msg_qnum */
    uint32_t bytes_queued;            /* msg_cbytes */
    uint32_t byte_limit;              /* msg_qbytes */
    int last_sender, last_receiver;   /* msg_lspid, msg_lrpid */
    long send_time, receive_time, change_time;   /* msg_stime, msg_rtime, msg_ctime */
    struct wait_queue senders;        /* waiting for room */
    struct wait_queue receivers;      /* waiting for a message of their type */
    struct list waiting_receivers;    /* what each of those waits for (struct waiting_receiver) */
};

/* A receiver asleep in msgrcv, kept on its own kernel stack (Linux's
 * struct msg_receiver): what it waits for, so that a sender can hand it a
 * message (hand_to_waiting_receiver). Whoever wakes it takes it off the
 * list: the sender that hands it a message, IPC_RMID, or itself when a
 * signal woke it. */
struct waiting_receiver {
    struct list_node link;            /* in waiting_receivers, in the order they came */
    struct task *task;
    int pid;                          /* its process: msg_lrpid once it is handed one */
    long type;                        /* msgrcv's type and flags */
    int flags;
    uint32_t size;                    /* its buffer's size */
    struct sysv_message *message;     /* handed to it: its own now, no longer the queue's */
    int error;                        /* -E2BIG: a matching message too long for it came */
};

static struct ipc_table queue_table = IPC_TABLE_INITIALIZER(MSGMNI);
static unsigned live_queues;

_Static_assert(MSGMNI <= IPC_TABLE_SLOTS, "the key table is too small for MSGMNI");

unsigned sysv_msgq_count(void)
{
    return live_queues;
}

void sysv_msgq_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "msgqueue %d", ((const struct sysv_msgq *)object)->object.id);
}

void sysv_msgq_list_objects(ipc_list_emit emit, void *context)
{
    for (unsigned slot = 0; slot < queue_table.capacity; slot++) {
        const struct sysv_msgq *queue = (const struct sysv_msgq *)queue_table.slots[slot];
        if (!queue)
            continue;
        struct kinfo_ipc_object entry;
        ipc_object_list_entry(&queue->object, "msgqueue", &entry);
        entry.count = queue->bytes_queued;
        entry.capacity = queue->byte_limit;
        entry.senders_waiting = queue->senders.length;
        entry.receivers_waiting = queue->receivers.length;
        emit(&entry, context);
    }
}

/* The live queue with this id, or NULL. */
static struct sysv_msgq *find_queue(int id)
{
    return (struct sysv_msgq *)ipc_table_find(&queue_table, id);   /* object comes first */
}

/* Drops one reference; the last one frees the queue (its messages are
 * already gone: only a removed queue loses its last reference). */
static void queue_put(struct sysv_msgq *queue)
{
    if (--queue->references > 0)
        return;
    kfree(queue);
    live_queues--;
}

/* Sleeps on one of the queue's wait queues. Returns 0 when woken to look
 * again, -EIDRM when the queue was removed meanwhile (it may be freed by
 * then: the caller must not touch it), or -ERESTARTNOHAND for a signal:
 * EINTR once a handler runs, even under SA_RESTART, as on Linux; the call
 * starts again only when no handler ran (a stop and a continue).
 * Caller holds the scheduler lock. May sleep. */
static int sleep_on(struct sysv_msgq *queue, struct wait_queue *wait, const char *reason)
{
    queue->references++;                          /* IPC_RMID must not free it under us */
    wait_queue_say_object(queue, sysv_msgq_describe);
    int woken = wait_queue_sleep(wait, reason, 0, WAIT_INTERRUPTIBLE);
    int removed = queue->removed;
    queue_put(queue);
    if (removed)
        return -EIDRM;
    return woken == WAKE_INTERRUPTED ? -ERESTARTNOHAND : 0;
}

/* Does a message of type `message_type` match msgrcv(type, flags)
 * (msgrcv(2))?
 *   type == 0: every message;
 *   type  > 0: that type (MSG_EXCEPT: any other);
 *   type  < 0: any type <= |type| (select_message takes the lowest). */
static int type_matches(long message_type, long type, int flags)
{
    if (type == 0)
        return 1;
    if (type < 0)
        return message_type <= (type == LONG_MIN ? LONG_MAX : -type);   /* -LONG_MIN does not fit */
    return (flags & MSG_EXCEPT) ? message_type != type : message_type == type;
}

/* The message msgrcv(type, flags) takes, or NULL when none matches: the
 * first that matches, or for type < 0 the first of the lowest type. */
static struct sysv_message *select_message(struct sysv_msgq *queue, long type, int flags)
{
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
        wait_queue_wake_task(receiver->task);
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

/* A message into the queue: handed to a waiting receiver, or linked at
 * the tail. Returns 1 if it was handed. */
static int deliver(struct sysv_msgq *queue, struct sysv_message *message)
{
    if (hand_to_waiting_receiver(queue, message))
        return 1;
    list_push_back(&queue->messages, &message->link);
    queue->message_count++;
    queue->bytes_queued += message->size;
    return 0;
}

/* Unlinks and frees every message (IPC_RMID). */
static void free_messages(struct sysv_msgq *queue)
{
    struct list_node *node;
    while ((node = list_pop_front(&queue->messages)))
        kfree(list_entry(node, struct sysv_message, link));
    queue->message_count = 0;
    queue->bytes_queued = 0;
}

int sys_msgget(int key, int flags)
{
    struct ipc_object *existing;
    int result = ipc_key_lookup(&queue_table, key, flags, &existing);
    if (result == 0 && existing)
        result = ipc_object_permission(&existing->owner, (unsigned)flags & IPC_MODE_BITS);   /* EACCES */
    if (result < 0 || existing)
        return result < 0 ? result : existing->id;
    struct sysv_msgq *queue = kzalloc(sizeof *queue);
    if (!queue)
        return -ENOMEM;
    int id = ipc_table_insert(&queue_table, &queue->object, key, flags);
    if (id < 0) {
        kfree(queue);
        return id;                                /* ENOSPC: MSGMNI queues exist */
    }
    queue->references = 1;                        /* the key table's */
    list_init(&queue->messages);
    list_init(&queue->waiting_receivers);
    queue->byte_limit = MSGMNB;
    queue->change_time = ipc_now_seconds();
    wait_queue_init(&queue->senders);
    wait_queue_init(&queue->receivers);
    live_queues++;
    return id;
}

/* Waits until `size` more bytes fit in the queue, and one more message:
 * the count is capped by msg_qbytes too, or empty messages could fill the
 * kernel heap (Linux's msg_fits_inqueue). 0, -EAGAIN under IPC_NOWAIT, or
 * sleep_on's -EIDRM, -ERESTARTNOHAND. Caller holds the scheduler lock.
 * May sleep. */
static int wait_for_room(struct sysv_msgq *queue, uint32_t size, int flags)
{
    while (queue->bytes_queued + size > queue->byte_limit ||
           queue->message_count + 1 > queue->byte_limit) {
        if (flags & IPC_NOWAIT)
            return -EAGAIN;
        int result = sleep_on(queue, &queue->senders, "msgsnd");
        if (result < 0)
            return result;
    }
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
    struct sysv_msgq *queue = find_queue(id);
    if (!queue) {
        kfree(message);
        return -EINVAL;                           /* no such queue, or removed */
    }
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
    int handed = deliver(queue, message);
    trace_current_event("send", "obj=msgqueue:%d type=%ld len=%u via=%s", queue->object.id,
                sent_type, sent_size, handed ? "direct" : "held");
    return 0;
}

/* Sleeps in msgrcv until a sender hands `me` a message (1), or until the
 * receiver should look at the queue again (0: not at present, as nothing
 * else wakes a receiver), or fails: -E2BIG (a matching message was too
 * long for it), or sleep_on's -EIDRM, -ERESTARTNOHAND. A handed message is
 * ours whatever else happened meanwhile (a signal, IPC_RMID after the
 * send): the queue may be gone then. Caller holds the scheduler lock. May
 * sleep. */
static int wait_for_message(struct sysv_msgq *queue, struct waiting_receiver *me)
{
    me->task = current_task;
    me->message = 0;
    me->error = 0;
    list_push_back(&queue->waiting_receivers, &me->link);
    int result = sleep_on(queue, &queue->receivers, "msgrcv");
    if (me->message)
        return 1;
    if (me->error)
        return me->error;
    if (me->link.next)                /* a signal woke us: we are still on the list */
        list_remove(&me->link);       /* (IPC_RMID empties it: never so after -EIDRM) */
    return result;
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
 * the queue, if it is still there, as if sent again. */
static int take_handed_message(int id, struct sysv_message *message, void *user_message, int size)
{
    uint32_t copied = message->size < (uint32_t)size ? message->size : (uint32_t)size;
    if (copy_message_out(user_message, message, copied) < 0) {
        struct sysv_msgq *queue = find_queue(id);
        if (queue)
            deliver(queue, message);
        else
            kfree(message);
        return -EFAULT;
    }
    trace_current_event("recv", "obj=msgqueue:%d type=%ld len=%u via=direct", id, message->type, message->size);
    kfree(message);
    return (int)copied;
}

int sys_msgrcv(int id, void *user_message, int size, long type, int flags)
{
    /* EINVAL: a negative id or size (msgrcv(2)) */
    if (id < 0 || size < 0)
        return -EINVAL;
    if (flags & MSG_COPY)
        return -ENOSYS;                           /* as Linux without CONFIG_CHECKPOINT_RESTORE */
    struct sysv_msgq *queue = find_queue(id);
    if (!queue)
        return -EINVAL;
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

/* IPC_RMID: the id stops working now, the messages go, and every sleeper
 * leaves with EIDRM; the last one out frees the queue. */
static void queue_remove(struct sysv_msgq *queue)
{
    ipc_table_remove(&queue_table, &queue->object);
    queue->removed = 1;
    free_messages(queue);
    while (list_pop_front(&queue->waiting_receivers))
        ;                                         /* each wakes below, and sees `removed` */
    wait_queue_wake_all(&queue->senders);
    wait_queue_wake_all(&queue->receivers);
    queue_put(queue);                             /* the key table's reference */
}

/* IPC_STAT: what msgctl(2) reports. */
static void queue_status(const struct sysv_msgq *queue, struct msqid_ds *status)
{
    ipc_object_get_perm(&queue_table, &queue->object, &status->msg_perm);
    status->msg_stime = queue->send_time;
    status->msg_rtime = queue->receive_time;
    status->msg_ctime = queue->change_time;
    status->msg_cbytes = queue->bytes_queued;
    status->msg_qnum = queue->message_count;
    status->msg_qbytes = queue->byte_limit;
    status->msg_lspid = queue->last_sender;
    status->msg_lrpid = queue->last_receiver;
}

int sys_msgctl(int id, int command, struct msqid_ds *user_buffer)
{
    /* EINVAL: a negative id, or a command that is not provided */
    if (id < 0 || (command != IPC_STAT && command != IPC_SET && command != IPC_RMID))
        return -EINVAL;
    struct msqid_ds status;
    if (command == IPC_SET && copy_from_user(&status, user_buffer, sizeof status) < 0)
        return -EFAULT;
    struct sysv_msgq *queue = find_queue(id);
    if (!queue)
        return -EINVAL;
    /* EACCES: IPC_STAT reads the queue; EPERM: IPC_SET and IPC_RMID are
     * its owner's, its creator's or root's */
    int refused = command == IPC_STAT ? ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ)
                                      : ipc_object_may_administer(&queue->object.owner);
    if (refused < 0)
        return refused;
    switch (command) {
    case IPC_STAT:
        queue_status(queue, &status);
        return copy_to_user(user_buffer, &status, sizeof status) < 0 ? -EFAULT : 0;
    case IPC_SET:
        /* EPERM: raising msg_qbytes above MSGMNB is for a privileged Linux
         * process; here nobody may, so the kernel heap stays safe */
        if (status.msg_qbytes > MSGMNB)
            return -EPERM;
        ipc_object_set_perm(&queue->object, &status.msg_perm);
        queue->byte_limit = (uint32_t)status.msg_qbytes;
        queue->change_time = ipc_now_seconds();
        wait_queue_wake_all(&queue->senders);     /* a larger limit may make room */
        return 0;
    default:
        queue_remove(queue);
        return 0;
    }
}
