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

#include "sysv_msgq_internal.h"

#include <limits.h>

#include "arch/x86/cpu.h"
#include "ipc/ipc_key.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "lib/list.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/lookup.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "syscall.h"
#include "subsystems/sysv_ipc_calls.h"
#include "uapi/errno.h"

static struct ipc_table queue_table = IPC_TABLE_INITIALIZER(MSGMNI);
static unsigned live_queues;                      /* changed by atomic steps: a free may come without the big lock */
static const struct lock_class sysv_msgq_lock_class = { "msgqueue", 0 };

_Static_assert(MSGMNI <= IPC_TABLE_SLOTS, "the key table is too small for MSGMNI");

unsigned sysv_msgq_count(void)
{
    return __atomic_load_n(&live_queues, __ATOMIC_RELAXED);
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

struct sysv_msgq *sysv_msgq_find(int id)
{
    return (struct sysv_msgq *)ipc_table_find(&queue_table, id);   /* object comes first */
}

void sysv_msgq_free(struct sysv_msgq *queue)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        lookups_wait();                           /* a call without the big lock may have found it (lookup.h) */
    kfree(queue);
    __atomic_sub_fetch(&live_queues, 1, __ATOMIC_RELAXED);
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
    queue->references = 1;                        /* the key table's */
    list_init(&queue->messages);
    list_init(&queue->waiting_receivers);
    queue->byte_limit = MSGMNB;
    queue->change_time = ipc_now_seconds();
    wait_queue_init(&queue->senders);
    wait_queue_init(&queue->receivers);
    spinlock_init(&queue->lock, "msgqueue", &sysv_msgq_lock_class);
    queue->senders.lock = queue->receivers.lock = &queue->lock;
    int id = ipc_table_insert(&queue_table, &queue->object, key, flags);   /* whole before the table shows it */
    if (id < 0) {
        kfree(queue);
        return id;                                /* ENOSPC: MSGMNI queues exist */
    }
    __atomic_add_fetch(&live_queues, 1, __ATOMIC_RELAXED);
    return id;
}

/* IPC_RMID: the id stops working now, the messages go, and every sleeper
 * leaves with EIDRM; the last one out frees the queue. */
static void queue_remove(struct sysv_msgq *queue)
{
    ipc_table_remove(&queue_table, &queue->object);
    free_messages(queue);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        spinlock_take(&queue->lock);              /* receivers without the big lock look at these */
    queue->removed = 1;
    while (list_pop_front(&queue->waiting_receivers))
        ;                                         /* each wakes below, and sees `removed` */
    wait_queue_wake_all(&queue->senders);
    wait_queue_wake_all(&queue->receivers);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        spinlock_give(&queue->lock);
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

void sysv_msgq_each_status(sysv_msgq_status_emit emit, void *context)
{
    for (unsigned slot = 0; slot < queue_table.capacity; slot++) {
        const struct sysv_msgq *queue = (const struct sysv_msgq *)queue_table.slots[slot];
        if (!queue)
            continue;
        struct msqid_ds status;
        memset(&status, 0, sizeof status);
        queue_status(queue, &status);
        emit(&status, queue->object.id, context);
    }
}

/* msgctl's command on the queue, which is used with the big lock. */
static int queue_command(struct sysv_msgq *queue, int command, struct msqid_ds *status,
                         struct msqid_ds *user_buffer)
{
    switch (command) {
    case IPC_STAT:
        queue_status(queue, status);
        return copy_to_user(user_buffer, status, sizeof *status) < 0 ? -EFAULT : 0;
    case IPC_SET:
        /* EPERM: raising msg_qbytes above MSGMNB is for a privileged Linux
         * process; here nobody may, so the kernel heap stays safe */
        if (status->msg_qbytes > MSGMNB)
            return -EPERM;
        ipc_object_set_perm(&queue->object, &status->msg_perm);
        queue->byte_limit = (uint32_t)status->msg_qbytes;
        queue->change_time = ipc_now_seconds();
        wait_queue_wake_all(&queue->senders);     /* a larger limit may make room */
        wait_queue_wake_all(&queue->receivers);   /* a right to read taken: each looks again (Linux) */
        return 0;
    default:
        queue_remove(queue);
        return 0;
    }
}

/* IPC_INFO: the limits; MSG_INFO: the same with what is in use in three
 * fields (struct msginfo in uapi/sysv_ipc.h). Returns the highest slot in
 * use, as Linux's. */
static int queue_info(int command, struct msginfo *user_buffer)
{
    struct msginfo info = {
        .msgpool = MSGMNI * MSGMNB / 1024, .msgmap = MSGMNB, .msgtql = MSGMNB,
        .msgmax = MSGMAX, .msgmnb = MSGMNB, .msgmni = MSGMNI,
        .msgssz = 16, .msgseg = MSGMNI * MSGMNB / 16,   /* Linux's MSGSSZ and MSGSEG */
    };
    if (command == MSG_INFO) {
        info.msgpool = info.msgmap = info.msgtql = 0;
        for (unsigned slot = 0; slot < queue_table.capacity; slot++) {
            const struct sysv_msgq *queue = (const struct sysv_msgq *)queue_table.slots[slot];
            if (!queue)
                continue;
            info.msgpool++;
            info.msgmap += (int)queue->message_count;
            info.msgtql += (int)queue->bytes_queued;
        }
    }
    if (copy_to_user(user_buffer, &info, sizeof info) < 0)
        return -EFAULT;
    return ipc_table_highest_slot(&queue_table);
}

/* msgctl: IPC_STAT, IPC_SET, IPC_RMID on the queue `id`; MSG_STAT and
 * MSG_STAT_ANY are IPC_STAT of the queue in slot `id`, and return its id;
 * IPC_INFO and MSG_INFO ask about all queues. */
int sys_msgctl(int id, int command, struct msqid_ds *user_buffer)
{
    /* EINVAL: a negative id, or a command that is not provided */
    if (id < 0)
        return -EINVAL;
    if (command == IPC_INFO || command == MSG_INFO)
        return queue_info(command, (struct msginfo *)user_buffer);
    int by_slot = command == MSG_STAT || command == MSG_STAT_ANY;
    if (!by_slot && command != IPC_STAT && command != IPC_SET && command != IPC_RMID)
        return -EINVAL;
    struct msqid_ds status;
    if (command == IPC_SET && copy_from_user(&status, user_buffer, sizeof status) < 0)
        return -EFAULT;
    struct sysv_msgq *queue = by_slot ? (struct sysv_msgq *)ipc_table_at_slot(&queue_table, id)
                                      : sysv_msgq_find(id);
    if (!queue)
        return -EINVAL;
    /* EACCES: IPC_STAT and MSG_STAT read the queue; EPERM: IPC_SET and
     * IPC_RMID are its owner's, its creator's or root's */
    int refused = command == IPC_SET || command == IPC_RMID ? ipc_object_may_administer(&queue->object.owner)
                : command == MSG_STAT_ANY ? 0
                : ipc_object_permission(&queue->object.owner, IPC_ACCESS_READ);
    if (refused < 0)
        return refused;
    sysv_msgq_begin_big_lock_use(queue);          /* the calls without the big lock keep off */
    int result = queue_command(queue, by_slot ? IPC_STAT : command, &status, user_buffer);
    if (by_slot && result == 0)
        result = queue->object.id;
    sysv_msgq_end_big_lock_use(queue);
    if (command == IPC_RMID)
        sysv_msgq_put(queue);                     /* the key table's reference */
    return result;
}
