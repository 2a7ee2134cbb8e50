/* kernel/ipc/sysv_msgq_internal.h - what the two halves of System V
 * message queues share: the queue object and its messages
 * (sysv_msgq.c: msgget, msgctl, the key table) and the transfer of a
 * message (sysv_msgq_transfer.c: msgsnd, msgrcv, the hand-off). */
#ifndef KERNEL_IPC_SYSV_MSGQ_INTERNAL_H
#define KERNEL_IPC_SYSV_MSGQ_INTERNAL_H

#include <stdint.h>

#include "ipc/ipc_key.h"
#include "lib/list.h"
#include "ipc/signal.h"
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

/* The live queue with this id, or NULL. */
struct sysv_msgq *sysv_msgq_find(int id);

/* Frees a queue whose last reference went (sysv_msgq.c). */
void sysv_msgq_free(struct sysv_msgq *queue);

/* Drops one reference; the last one frees the queue (its messages are
 * already gone: only a removed queue loses its last reference). */
static inline void sysv_msgq_put(struct sysv_msgq *queue)
{
    if (--queue->references == 0)
        sysv_msgq_free(queue);
}

/* Sleeps on one of the queue's wait queues. Returns 0 when woken to look
 * again, -EIDRM when the queue was removed meanwhile (it may be freed by
 * then: the caller must not touch it), or -ERESTARTNOHAND for a signal:
 * EINTR once a handler runs, even under SA_RESTART, as on Linux; the call
 * starts again only when no handler ran (a stop and a continue).
 * Caller holds the kernel lock. May sleep. */
static inline int sysv_msgq_sleep(struct sysv_msgq *queue, struct wait_queue *wait, const char *reason)
{
    queue->references++;                          /* IPC_RMID must not free it under us */
    wait_queue_say_object(queue, sysv_msgq_describe);
    int woken = wait_queue_sleep(wait, reason, 0, WAIT_INTERRUPTIBLE);
    int removed = queue->removed;
    sysv_msgq_put(queue);
    if (removed)
        return -EIDRM;
    return woken == WAKE_INTERRUPTED ? -ERESTARTNOHAND : 0;
}

#endif
