/* kernel/ipc/posix_mq_internal.h - what the two message-queue files share:
 * the queue object (posix_mq.c: names, opening, closing, attributes) and the
 * way from a descriptor to it (posix_mq_transfer.c: sending and receiving).
 * The rest of the kernel uses posix_mq.h. */
#ifndef KERNEL_IPC_POSIX_MQ_INTERNAL_H
#define KERNEL_IPC_POSIX_MQ_INTERNAL_H

#include <stdint.h>

#include "ipc_names.h"
#include "lib/list.h"
#include "proc/credentials.h"
#include "sched/wait_queue.h"
#include "uapi/fcntl.h"
#include "uapi/mqueue.h"

struct file;

/* One message, allocated to its exact length when it is sent. */
struct posix_mq_message {
    struct list_node link;            /* in its queue, by priority */
    unsigned priority;
    uint32_t length;
    uint8_t bytes[];
};

struct posix_mq {
    struct named_ipc_object names;    /* "/" + name, and what keeps it alive (ipc_names.h) */
    int owner_pid;                    /* its creator, for ipcs */
    struct object_owner owner;        /* its creator's effective ids, and mode less the umask */
    long max_messages;
    long message_size;
    struct list messages;             /* struct posix_mq_message: highest priority first, FIFO within one */
    long count;                       /* messages queued */
    uint32_t bytes_queued;            /* fstat's st_size */
    struct wait_queue senders;        /* waiting for room */
    struct wait_queue receivers;      /* waiting for a message */
};

#define ANY_ACCESS O_ACCMODE          /* posix_mq_queue_of: mq_getattr needs neither reading nor writing */

/* The queue behind descriptor `fd` of the running process if it was
 * opened for `access` (O_RDONLY to receive, O_WRONLY to send, or
 * ANY_ACCESS), with its open file in *file; else NULL, which callers
 * answer with EBADF. */
struct posix_mq *posix_mq_queue_of(int fd, uint32_t access, struct file **file);

#endif
