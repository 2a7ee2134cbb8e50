/* kernel/ipc/posix_mq_internal.h - what the two message-queue files share:
 * the queue object (posix_mq.c: names, opening, closing, attributes) and the
 * way from a descriptor to it (posix_mq_transfer.c: sending and receiving).
 * The rest of the kernel uses posix_mq.h. */
#ifndef KERNEL_IPC_POSIX_MQ_INTERNAL_H
#define KERNEL_IPC_POSIX_MQ_INTERNAL_H

#include <stdint.h>

#include "ipc_names.h"
#include "lib/list.h"
#include "ipc_big_lock_use.h"
#include "proc/credentials.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"
#include "uapi/fcntl.h"
#include "uapi/mqueue.h"

struct file;
struct process;

/* Who mq_notify registered for a queue, and how to tell it
 * (posix_mq_notify.c). */
struct posix_mq_notification {
    struct process *owner;            /* NULL: nobody is registered */
    int notify;                       /* SIGEV_SIGNAL, SIGEV_NONE or SIGEV_THREAD */
    int signal;                       /* SIGEV_SIGNAL: sigev_signo, 0 for none */
    union kernel_sigval value;        /* sigev_value */
    struct file *pipe;                /* SIGEV_THREAD: the C library's pipe's write end (a reference) */
};

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
    unsigned charged_uid;             /* its creator's real user, whose RLIMIT_MSGQUEUE it counts against */
    long max_messages;
    long message_size;
    struct list messages;             /* struct posix_mq_message: highest priority first, FIFO within one */
    long count;                       /* messages queued */
    uint32_t bytes_queued;            /* fstat's st_size */
    struct wait_queue senders;        /* waiting for room */
    struct wait_queue receivers;      /* waiting for a message */
    struct posix_mq_notification notification;   /* mq_notify's registration */
    /* On several CPUs: its lock (class "mqueue"), also its two queues'
     * lock, under which mq_timedsend and mq_timedreceive run without the
     * big kernel lock (posix_mq_without_big_lock.c); a call with the big
     * lock that uses the queue counts itself in big_lock_users, under the
     * lock, for as long as it uses it, waits included, which keeps those
     * calls out meanwhile (as a pipe's do: pipe.h). */
    struct spinlock lock;
    unsigned big_lock_users;
};

/* A call with the big lock uses `queue` (NULL: nothing), until the
 * matching end (ipc_big_lock_use.h). */
static inline void posix_mq_begin_big_lock_use(struct posix_mq *queue)
{
    if (queue)
        big_lock_use_begin(&queue->lock, &queue->big_lock_users);
}

static inline void posix_mq_end_big_lock_use(struct posix_mq *queue)
{
    if (queue)
        big_lock_use_end(&queue->lock, &queue->big_lock_users);
}

/* Puts `message` after every message of its priority or a higher one,
 * so that receivers see the highest priority first and, within one
 * priority, the order of sending. */
static inline void posix_mq_insert_by_priority(struct posix_mq *queue, struct posix_mq_message *message)
{
    struct list_node *position = &queue->messages.head;   /* the back, unless one ranks lower */
    list_for_each(node, &queue->messages) {
        if (list_entry(node, struct posix_mq_message, link)->priority < message->priority) {
            position = node;
            break;
        }
    }
    list_insert_before(position, &message->link);
    queue->count++;
    queue->bytes_queued += message->length;
}

#define ANY_ACCESS O_ACCMODE          /* posix_mq_queue_of: mq_getattr needs neither reading nor writing */

/* The queue behind open file `file` if it is one and was opened for
 * `access` (O_RDONLY to receive, O_WRONLY to send, or ANY_ACCESS); else
 * NULL, which callers answer with EBADF. */
struct posix_mq *posix_mq_of_file(const struct file *file, uint32_t access);

/* The same for descriptor `fd` of the running process, with its open
 * file in *file, for a call that does not sleep (one that does holds the
 * file: fs/file_hold.h). */
struct posix_mq *posix_mq_queue_of(int fd, uint32_t access, struct file **file);

/* mq_timedsend and mq_timedreceive on `file`, the one the call's
 * descriptor named when the call began (NULL: none, EBADF):
 * sys_mq_timedsend's and sys_mq_timedreceive's work, checks and errors
 * after the lookup (posix_mq_transfer.c). A call begun without the big
 * lock goes on with them and its own file (posix_mq_without_big_lock.c,
 * fs/file_without_big_lock.h). Context: a system call with the big lock;
 * sleeps. */
struct timespec;
int posix_mq_send_file(struct file *file, const char *user_message, uint32_t length, uint32_t priority,
                       const struct timespec *user_timeout);
int posix_mq_receive_file(struct file *file, char *user_buffer, uint32_t size, uint32_t *user_priority,
                          const struct timespec *user_timeout);

/* poll(2)'s answer for a queue's file (file_operations.poll):
 * posix_mq_poll.c. */
struct poll_table;
unsigned posix_mq_poll(struct file *file, struct poll_table *table);

/* mq_notify (posix_mq_notify.c). A message has just gone into `queue`,
 * which was empty, and no receiver waits for it: tell the registered
 * process, if any, and end its registration. Context: kernel lock held;
 * never sleeps. */
void posix_mq_notify_message_arrived(struct posix_mq *queue);

/* Ends the registration on `queue` of `process` (the queue is being freed:
 * NULL, whoever holds it); nothing if it has none. Context: kernel lock
 * held; never sleeps. */
void posix_mq_notify_cancel(struct posix_mq *queue, const struct process *process);

#endif
