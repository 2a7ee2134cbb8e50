/* kernel/ipc/posix_mq_without_big_lock.c - mq_send and mq_receive on
 * several CPUs without the big kernel lock: under the queue's own lock
 * (posix_mq_internal.h), so that two pairs of processes, each with
 * queues of their own, run at once on two CPUs (docs/smp.md, "POSIX
 * queues without the big lock").
 *
 * The rules are posix_mq_transfer.c's; this is the same send and receive
 * for the usual case, and every other case takes the big lock and goes
 * its way, with the file it holds (posix_mq_send_file,
 * posix_mq_receive_file: fs/file_without_big_lock.h):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   no timeout (mq_send, mq_receive)      mq_timedsend, mq_timedreceive with one
 *   no call with the big lock uses the    one does (big_lock_users), or poll,
 *     queue, nobody polls it, nobody is     select or epoll watch it, or a
 *     registered by mq_notify               process waits for mq_notify's news
 *   trace off, nothing pending            the trace; a signal to take (it ends
 *                                           the wait too)
 *   sizes right, user memory present      EMSGSIZE, EBADF; a fault (the copy
 *                                           fails at once: kernel/mm/
 *                                           page_fault.c), done again there
 *
 * The message is copied in and allocated before the queue's lock is taken,
 * and freed after it is given: the heap has a lock of its own on several
 * CPUs (kernel/mm/heap.c), taken inside no other. A waiter sleeps on the
 * queue's `senders` or `receivers` under its lock
 * (wait_queue_sleep_giving), and every send wakes one receiver, every
 * receive one sender, as posix_mq_transfer.c does. A wait that ends with
 * nothing done (a signal) leaves the queue as it was, and the call goes
 * the big lock's way from the start.
 *
 * The queue's file is held meanwhile: by the descriptor in a process of
 * one thread, by a reference in a process of several, whose other
 * threads may close the descriptor (fs/file_without_big_lock.h). The
 * messages are the caller's own memory and the queue's copies, never
 * another process's pages.
 *
 * Context of the calls: a system call without the big kernel lock,
 * interrupts off. */
#include "posix_mq.h"
#include "posix_mq_internal.h"

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "fs/file.h"
#include "fs/file_without_big_lock.h"
#include "ipc_list.h"
#include "kernel/syscall.h"
#include "subsystems/posix_ipc_calls.h"
#include "kernel/trace.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/syscall.h"


/* The queue behind `fd`, opened for `access`, if a call on it may go
 * without the big lock; its file held in *held (HELD_NOTHING before:
 * descriptor_hold_without_big_lock, by a reference in a process of
 * several threads) until the row lets it go, whatever the answer. */
static struct posix_mq *queue_without_big_lock(int fd, uint32_t access, const void *user_timeout,
                                               struct held_file *held)
{
    if (user_timeout || !call_of_any_thread_may_go_without_big_lock())
        return 0;
    struct file *file = descriptor_hold_without_big_lock(fd, held);
    return file ? posix_mq_of_file(file, access) : 0;
}

/* No call with the big lock uses `queue`, nobody polls it, nobody waits
 * for mq_notify's news of it. Context: its lock held. */
static inline int queue_is_ours(const struct posix_mq *queue)
{
    return !queue->big_lock_users && !queue->senders.watches && !queue->receivers.watches &&
           !queue->notification.owner;
}

static int send_without_big_lock(struct file *file, struct posix_mq *queue, const char *user_message,
                                 uint32_t length, uint32_t priority)
{
    if (length > (uint32_t)queue->message_size || priority >= MQ_PRIO_MAX)
        return TRANSFER_NEEDS_BIG_LOCK;                            /* EMSGSIZE, EINVAL: there */
    struct posix_mq_message *message = kmalloc(sizeof *message + length);
    if (!message)
        return TRANSFER_NEEDS_BIG_LOCK;
    if (copy_from_user(message->bytes, user_message, length) < 0) {
        kfree(message);
        return TRANSFER_NEEDS_BIG_LOCK;                            /* a fault: handled there */
    }
    message->priority = priority;
    message->length = length;
    int status = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&queue->lock);
    while (queue_is_ours(queue)) {
        if (queue->count < queue->max_messages) {
            posix_mq_insert_by_priority(queue, message);
            message = 0;                            /* the queue's now */
            wait_queue_wake_one(&queue->receivers);
            status = 0;
            break;
        }
        if (file->flags & O_NONBLOCK) {
            status = -EAGAIN;
            break;
        }
        wait_queue_say_object(queue, posix_mq_describe);
        if (wait_queue_sleep_giving(&queue->senders, "mq_send: full") != WAKE_NORMAL)
            break;                                  /* a signal: there */
    }
    spinlock_give(&queue->lock);
    kfree(message);                                 /* not sent (NULL if sent) */
    return status;
}

static int receive_without_big_lock(struct file *file, struct posix_mq *queue, char *user_buffer, uint32_t size,
                                    uint32_t *user_priority)
{
    if (size < (uint32_t)queue->message_size)
        return TRANSFER_NEEDS_BIG_LOCK;                            /* EMSGSIZE: there */
    struct posix_mq_message *taken = 0;
    int status = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&queue->lock);
    while (queue_is_ours(queue)) {
        if (!list_empty(&queue->messages)) {
            struct posix_mq_message *message =
                list_entry(list_first(&queue->messages), struct posix_mq_message, link);
            if (copy_to_user(user_buffer, message->bytes, message->length) < 0 ||
                (user_priority && copy_to_user(user_priority, &message->priority, sizeof message->priority) < 0))
                break;                              /* a fault: there (the message stays) */
            list_remove(&message->link);
            queue->count--;
            queue->bytes_queued -= message->length;
            wait_queue_wake_one(&queue->senders);   /* room for one more */
            status = (int)message->length;
            taken = message;
            break;
        }
        if (file->flags & O_NONBLOCK) {
            status = -EAGAIN;
            break;
        }
        wait_queue_say_object(queue, posix_mq_describe);
        if (wait_queue_sleep_giving(&queue->receivers, "mq_recv: empty") != WAKE_NORMAL)
            break;                                  /* a signal: there */
    }
    spinlock_give(&queue->lock);
    kfree(taken);
    return status;
}

static int mq_timedsend_row(int fd, const char *user_message, uint32_t length, uint32_t priority,
                            const struct timespec *user_timeout)
{
    struct held_file held = HELD_NOTHING;
    struct posix_mq *queue = queue_without_big_lock(fd, O_WRONLY, user_timeout, &held);
    int status =
        queue ? send_without_big_lock(held.file, queue, user_message, length, priority) : TRANSFER_NEEDS_BIG_LOCK;
    if (descriptor_try_done_without_big_lock(&held, status != TRANSFER_NEEDS_BIG_LOCK))
        return status;
    return descriptor_unhold(&held, posix_mq_send_file(descriptor_file_for_big_lock(&held, fd), user_message, length,
                                                       priority, user_timeout));
}

static int mq_timedreceive_row(int fd, char *user_buffer, uint32_t size, uint32_t *user_priority,
                               const struct timespec *user_timeout)
{
    struct held_file held = HELD_NOTHING;
    struct posix_mq *queue = queue_without_big_lock(fd, O_RDONLY, user_timeout, &held);
    int status = queue ? receive_without_big_lock(held.file, queue, user_buffer, size, user_priority)
                       : TRANSFER_NEEDS_BIG_LOCK;
    if (descriptor_try_done_without_big_lock(&held, status != TRANSFER_NEEDS_BIG_LOCK))
        return status;
    return descriptor_unhold(&held, posix_mq_receive_file(descriptor_file_for_big_lock(&held, fd), user_buffer, size,
                                                          user_priority, user_timeout));
}

void posix_mq_calls_without_big_lock_start(void)
{
    /* cancellation points in a program of threads (the C library) */
    syscall_replace_without_big_lock_as_cancel_point(SYS_mq_timedsend, mq_timedsend_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_mq_timedreceive, mq_timedreceive_row);
}
