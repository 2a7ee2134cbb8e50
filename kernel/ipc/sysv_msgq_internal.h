/* kernel/ipc/sysv_msgq_internal.h - what the two halves of System V
 * message queues share: the queue object and its messages
 * (sysv_msgq.c: msgget, msgctl, the key table) and the transfer of a
 * message (sysv_msgq_transfer.c: msgsnd, msgrcv, the hand-off). */
#ifndef KERNEL_IPC_SYSV_MSGQ_INTERNAL_H
#define KERNEL_IPC_SYSV_MSGQ_INTERNAL_H

#include <stdint.h>

#include "ipc/ipc_big_lock_use.h"
#include "ipc/ipc_key.h"
#include "lib/list.h"
#include "ipc/signal.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"
#include "sysv_msgq.h"
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
    /* On several CPUs: its lock (class "msgqueue"), also its two queues'
     * lock, under which msgsnd and msgrcv run without the big kernel lock
     * (sysv_msgq_without_big_lock.c); a call with the big lock that uses
     * the queue counts itself in big_lock_users, under the lock, for as
     * long as it uses it, waits included, which keeps those calls out
     * meanwhile (ipc_big_lock_use.h). `references` changes by atomic
     * steps: calls of both kinds hold one while they sleep. */
    struct spinlock lock;
    unsigned big_lock_users;
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

/* The live queue with this id, or NULL. Without the big lock, only in
 * a lookup (sched/lookup.h). */
struct sysv_msgq *sysv_msgq_find(int id);

/* Frees a queue whose last reference went (sysv_msgq.c); on several
 * CPUs it first waits for the lookups under way, which may have found
 * it. Context: no spinlock held. */
void sysv_msgq_free(struct sysv_msgq *queue);

static inline void sysv_msgq_get(struct sysv_msgq *queue)
{
    __atomic_add_fetch(&queue->references, 1, __ATOMIC_RELAXED);
}

/* Drops one reference; the last one frees the queue (its messages are
 * already gone: only a removed queue loses its last reference).
 * Context: no spinlock held. */
static inline void sysv_msgq_put(struct sysv_msgq *queue)
{
    if (__atomic_sub_fetch(&queue->references, 1, __ATOMIC_ACQ_REL) == 0)
        sysv_msgq_free(queue);
}

/* A call with the big lock uses `queue`, until the matching end
 * (ipc_big_lock_use.h). */
static inline void sysv_msgq_begin_big_lock_use(struct sysv_msgq *queue)
{
    big_lock_use_begin(&queue->lock, &queue->big_lock_users);
}

static inline void sysv_msgq_end_big_lock_use(struct sysv_msgq *queue)
{
    big_lock_use_end(&queue->lock, &queue->big_lock_users);
}

/* The transfer's steps that both kinds of call take (sysv_msgq_
 * transfer.c). Context: the big lock held and the queue used
 * (sysv_msgq_begin_big_lock_use), or, without it, the queue's lock held. */

/* The message msgrcv(type, flags) takes, or NULL when none matches. */
struct sysv_message *sysv_msgq_select_message(struct sysv_msgq *queue, long type, int flags);

/* A message into the queue: handed to a waiting receiver (woken), or
 * linked at the tail. Returns 1 if it was handed. */
int sysv_msgq_deliver(struct sysv_msgq *queue, struct sysv_message *message);

/* Do `size` more bytes fit in the queue, and one more message? The count
 * is capped by msg_qbytes too, or empty messages could fill the kernel
 * heap (Linux's msg_fits_inqueue). */
static inline int sysv_msgq_has_room(const struct sysv_msgq *queue, uint32_t size)
{
    return queue->bytes_queued + size <= queue->byte_limit && queue->message_count + 1 <= queue->byte_limit;
}

/* msgrcv's refusals before it looks for the queue: EINVAL (a negative id
 * or size), ENOSYS (MSG_COPY); 0 if none. */
int sysv_msgq_receive_refused(int id, int size, long type, int flags);

/* msgrcv's end with a message a sender handed us: out to the buffer, or
 * back to queue `id` on EFAULT. Context: the big lock held; may fault. */
int sysv_msgq_take_handed_message(int id, struct sysv_message *message, void *user_message, int size);

/* Sleeps on one of the queue's wait queues. Returns 0 when woken to look
 * again, -EIDRM when the queue was removed meanwhile (it may be freed by
 * then: the caller must not touch it), or -ERESTARTNOHAND for a signal:
 * EINTR once a handler runs, even under SA_RESTART, as on Linux; the call
 * starts again only when no handler ran (a stop and a continue).
 * Caller holds the kernel lock. May sleep. */
static inline int sysv_msgq_sleep(struct sysv_msgq *queue, struct wait_queue *wait, const char *reason)
{
    sysv_msgq_get(queue);                         /* IPC_RMID must not free it under us */
    wait_queue_say_object(queue, sysv_msgq_describe);
    int woken = wait_queue_sleep(wait, reason, 0, WAIT_INTERRUPTIBLE);
    int removed = queue->removed;
    sysv_msgq_put(queue);
    if (removed)
        return -EIDRM;
    return woken == WAKE_INTERRUPTED ? -ERESTARTNOHAND : 0;
}

#endif
