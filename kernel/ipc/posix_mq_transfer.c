/* kernel/ipc/posix_mq_transfer.c - sending and receiving on a POSIX
 * message queue (the queue itself: posix_mq.c).
 *
 *   mq_send(prio) --> [ first -> prio 9 -> prio 9 -> prio 5 -> prio 0 ] --> mq_receive
 *                      wait queue `senders`   (while the queue is full)
 *                      wait queue `receivers` (while it is empty)
 *
 * The rules, and where they live:
 *  - A message goes in after every message of its priority or a higher
 *    one, so receivers see the highest priority first and, within one
 *    priority, the order of sending; priorities are below MQ_PRIO_MAX.  -> posix_mq_insert_by_priority
 *  - A send longer than the queue's message size, or a receive buffer
 *    shorter than it, is EMSGSIZE, before any waiting.                  -> sys_mq_timed*
 *  - A full queue makes senders wait, an empty one receivers; with
 *    O_NONBLOCK they get EAGAIN; past an absolute deadline on
 *    CLOCK_REALTIME ETIMEDOUT (at once if it had passed before the call).
 *    A signal ends the wait: EINTR, or a restart under SA_RESTART, as
 *    Linux does for message queues (signal(7) lists them).              -> wait_once
 *  - A message into an empty queue that no receiver waits on notifies
 *    the process registered by mq_notify (posix_mq_notify.c).         -> send
 *  - Each message wakes one receiver and each receive one sender: a
 *    woken task looks again, so a task that came later and took the
 *    message first costs the woken one only another wait.
 *
 * Everything runs with interrupts off (system calls do) and under the
 * kernel lock, so no wake-up can slip between a check and a sleep. */
#include "posix_mq.h"
#include "posix_mq_internal.h"

#include "fs/file.h"
#include "fs/file_hold.h"
#include "ipc/signal.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/time.h"
#include "subsystems/posix_ipc_calls.h"

#define NS_PER_SECOND 1000000000ll
#define NO_DEADLINE INT64_MAX         /* read_deadline's "none": no tv_sec reaches it */

/* Reads an absolute CLOCK_REALTIME timeout, in ns since the Epoch (NULL:
 * NO_DEADLINE). Any tv_sec will do: one before now, even before the Epoch,
 * is a deadline already past, which fails only a call that has to wait
 * (POSIX). A bad tv_nsec is EINVAL even if the call would not wait, as on
 * Linux (POSIX leaves that check open then). */
static int read_deadline(const struct timespec *user_timeout, int64_t *deadline)
{
    *deadline = NO_DEADLINE;
    if (!user_timeout)
        return 0;
    struct timespec timeout;
    if (copy_from_user(&timeout, user_timeout, sizeof timeout) < 0)
        return -EFAULT;
    if (timeout.tv_nsec < 0 || timeout.tv_nsec >= NS_PER_SECOND)
        return -EINVAL;
    *deadline = (int64_t)timeout.tv_sec * NS_PER_SECOND + timeout.tv_nsec;
    return 0;
}

/* Waits once on `waiters` (one of `queue`'s) for the queue to change. 0
 * when woken or when the wait's time is up (the caller looks again, and
 * comes back here), else -EAGAIN (O_NONBLOCK), -ETIMEDOUT once `deadline`
 * has passed, or -ERESTARTSYS (a signal). The deadline is on the real-time
 * clock and the sleep on the monotonic one, so it is converted at each
 * wait: a clock set back since the last one makes the caller wait longer,
 * as POSIX has it. Caller holds the kernel lock. May sleep. */
static int wait_once(const struct posix_mq *queue, struct wait_queue *waiters, const struct file *file,
                     int64_t deadline, const char *reason)
{
    if (file->flags & O_NONBLOCK)
        return -EAGAIN;
    uint64_t wake_at = 0;             /* wait_queue_sleep's "no deadline" */
    if (deadline != NO_DEADLINE) {
        int64_t left = deadline - clock_realtime_ns();
        if (left <= 0)
            return -ETIMEDOUT;
        wake_at = clock_now_ns() + (uint64_t)left;
    }
    wait_queue_say_object(queue, posix_mq_describe);   /* for ps */
    if (wait_queue_sleep(waiters, reason, wake_at, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
        return -ERESTARTSYS;
    return 0;
}

/* What mq_timedsend and mq_timedreceive check before they may wait, in
 * this order: the timeout (EFAULT, EINVAL) into *deadline, then the
 * descriptor (`file` NULL: EBADF), its file held in *held for the call
 * (fs/file_hold.h). 0, or the error with nothing held. */
static inline int transfer_hold(struct file *file, const struct timespec *user_timeout, int64_t *deadline,
                                struct held_file *held)
{
    int status = read_deadline(user_timeout, deadline);
    if (status < 0)
        return status;
    if (!file)
        return -EBADF;
    file_hold(held, file);
    return 0;
}

/* mq_timedsend's work, with the file held. */
static inline __attribute__((always_inline)) int send(struct file *file, const char *user_message, uint32_t length,
                                                     uint32_t priority, int64_t deadline)
{
    int status;
    struct posix_mq *queue = posix_mq_of_file(file, O_WRONLY);
    if (!queue)
        return -EBADF;
    if (length > (uint32_t)queue->message_size)
        return -EMSGSIZE;
    /* copied in before any waiting, so that a sleeping sender holds no user page */
    struct posix_mq_message *message = kmalloc(sizeof *message + length);
    if (!message)
        return -ENOMEM;
    if (copy_from_user(message->bytes, user_message, length) < 0) {
        kfree(message);
        return -EFAULT;
    }
    message->priority = priority;
    message->length = length;
    while (queue->count >= queue->max_messages) {
        if ((status = wait_once(queue, &queue->senders, file, deadline, "mq_send: full")) < 0) {
            kfree(message);
            return status;
        }
    }
    int was_empty = queue->count == 0;
    posix_mq_insert_by_priority(queue, message);
    if (!wait_queue_wake_one(&queue->receivers) && was_empty)
        posix_mq_notify_message_arrived(queue);   /* mq_notify: empty, and nobody waited */
    return 0;
}

/* send and receive as calls with the big lock that use the queue
 * (posix_mq_internal.h): the calls without it keep off meanwhile. One
 * CPU, which has nothing to count, pays one test. */
static int send_counted(struct file *file, const char *user_message, uint32_t length,
                                                  uint32_t priority, int64_t deadline)
{
    struct posix_mq *queue = posix_mq_of_file(file, ANY_ACCESS);
    posix_mq_begin_big_lock_use(queue);
    int status = send(file, user_message, length, priority, deadline);
    posix_mq_end_big_lock_use(queue);
    return status;
}

static int posix_mq_send_with_big_lock(struct file *file, const char *user_message, uint32_t length,
                                       uint32_t priority, int64_t deadline)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        return send_counted(file, user_message, length, priority, deadline);
    return send(file, user_message, length, priority, deadline);
}

static inline __attribute__((always_inline)) int send_to_file(struct file *file, const char *user_message,
                                                              uint32_t length, uint32_t priority,
                                                              const struct timespec *user_timeout)
{
    if (priority >= MQ_PRIO_MAX)
        return -EINVAL;
    int64_t deadline;
    struct held_file held;
    int status = transfer_hold(file, user_timeout, &deadline, &held);
    return status < 0 ? status
                      : descriptor_unhold(&held, posix_mq_send_with_big_lock(held.file, user_message, length, priority,
                                                                            deadline));
}

/* (flatten: its helpers are inlined here, as when it was their only
 * caller; the POSIX queue round trip of docs/performance.md.) */
__attribute__((flatten)) int sys_mq_timedsend(int fd, const char *user_message, uint32_t length, uint32_t priority,
                                              const struct timespec *user_timeout)
{
    return send_to_file(descriptor_lookup(fd), user_message, length, priority, user_timeout);
}

int posix_mq_send_file(struct file *file, const char *user_message, uint32_t length, uint32_t priority,
                       const struct timespec *user_timeout)
{
    return send_to_file(file, user_message, length, priority, user_timeout);
}

/* mq_timedreceive's work, with the file held. */
static inline __attribute__((always_inline)) int receive(struct file *file, char *user_buffer, uint32_t size,
                                                        uint32_t *user_priority, int64_t deadline)
{
    int status;
    struct posix_mq *queue = posix_mq_of_file(file, O_RDONLY);
    if (!queue)
        return -EBADF;
    if (size < (uint32_t)queue->message_size)
        return -EMSGSIZE;             /* the longest message might not fit */
    while (list_empty(&queue->messages)) {
        if ((status = wait_once(queue, &queue->receivers, file, deadline, "mq_recv: empty")) < 0) {
            return status;
        }
    }
    struct posix_mq_message *message = list_entry(list_first(&queue->messages), struct posix_mq_message, link);
    if (copy_to_user(user_buffer, message->bytes, message->length) < 0 ||
        (user_priority && copy_to_user(user_priority, &message->priority, sizeof message->priority) < 0)) {
        wait_queue_wake_one(&queue->receivers);   /* the message stays: pass our wake-up on */
        return -EFAULT;
    }
    list_remove(&message->link);
    queue->count--;
    queue->bytes_queued -= message->length;
    wait_queue_wake_one(&queue->senders);         /* room for one more */
    int received = (int)message->length;
    kfree(message);
    return received;
}

static int receive_counted(struct file *file, char *user_buffer, uint32_t size,
                                                     uint32_t *user_priority, int64_t deadline)
{
    struct posix_mq *queue = posix_mq_of_file(file, ANY_ACCESS);
    posix_mq_begin_big_lock_use(queue);
    int status = receive(file, user_buffer, size, user_priority, deadline);
    posix_mq_end_big_lock_use(queue);
    return status;
}

static int posix_mq_receive_with_big_lock(struct file *file, char *user_buffer, uint32_t size,
                                          uint32_t *user_priority, int64_t deadline)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        return receive_counted(file, user_buffer, size, user_priority, deadline);
    return receive(file, user_buffer, size, user_priority, deadline);
}

static inline __attribute__((always_inline)) int receive_from_file(struct file *file, char *user_buffer,
                                                                   uint32_t size, uint32_t *user_priority,
                                                                   const struct timespec *user_timeout)
{
    int64_t deadline;
    struct held_file held;
    int status = transfer_hold(file, user_timeout, &deadline, &held);
    return status < 0 ? status
                      : descriptor_unhold(&held, posix_mq_receive_with_big_lock(held.file, user_buffer, size,
                                                                               user_priority, deadline));
}

__attribute__((flatten)) int sys_mq_timedreceive(int fd, char *user_buffer, uint32_t size, uint32_t *user_priority,
                                                 const struct timespec *user_timeout)
{
    return receive_from_file(descriptor_lookup(fd), user_buffer, size, user_priority, user_timeout);
}

int posix_mq_receive_file(struct file *file, char *user_buffer, uint32_t size, uint32_t *user_priority,
                          const struct timespec *user_timeout)
{
    return receive_from_file(file, user_buffer, size, user_priority, user_timeout);
}
