/* kernel/ipc/posix_mq_notify.c - mq_notify: a process asks to be told when
 * a message arrives on an empty POSIX queue, instead of waiting in
 * mq_receive (the queue itself: posix_mq.c; sending: posix_mq_transfer.c).
 *
 *   mq_notify(fd, &sigevent) --> queue->notification = { owner, how, value }
 *   mq_send into an EMPTY queue, nobody waiting in mq_receive
 *        --> SIGEV_SIGNAL: sigev_signo to the owner, si_code SI_MESGQ,
 *                          si_value = sigev_value, si_pid/si_uid = the sender
 *            SIGEV_NONE:   nothing
 *            SIGEV_THREAD: sigev_value into the C library's pipe (below)
 *        --> the registration ends: one notification per registration
 *
 * The rules (POSIX mq_notify, and Linux where POSIX leaves room), and where
 * they live:
 *  - One process per queue: another registration, by anyone, the owner
 *    too, is EBUSY until the owner's ends.                              -> sys_mq_notify
 *  - A NULL sigevent ends the caller's own registration; from any other
 *    process it does nothing and succeeds, as on Linux.                 -> sys_mq_notify
 *  - The notification comes only for a message into an empty queue that
 *    no mq_receive waits for: a waiting receiver takes it as usual.     -> posix_mq_transfer.c's send
 *  - A registration ends when it fires, when the owner closes a
 *    descriptor of the queue or exits (posix_mq.c's posix_mq_flush),
 *    and when the queue goes.                                           -> posix_mq_notify_cancel
 *  - An unknown sigev_notify, or a SIGEV_SIGNAL number outside
 *    0..NSIG-1, is EINVAL (checked before the descriptor, as on Linux);
 *    a descriptor that is no queue is EBADF.                            -> sys_mq_notify
 *
 * SIGEV_THREAD is the C library's (libc/mqueue/mq_notify.c), as on Linux,
 * where the library gives the kernel a netlink socket: here it gives the
 * write end of a pipe in sigev_signo. The registration keeps a reference to
 * it; firing writes sigev_value into the pipe, and any end of the
 * registration drops the reference. The library's thread reading the other
 * end thus reads the value (run the function) or end of file (the
 * registration went: exit without running it).
 *
 * The owner is a struct process, kept without a reference: an exiting
 * process closes its descriptors first, which ends its registrations, so
 * no registration outlives its owner. Everything runs with the kernel
 * lock held and never sleeps. */
#include "posix_mq.h"
#include "posix_mq_internal.h"

#include "fs/file.h"
#include "ipc/pipe.h"
#include "ipc/signal.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "syscall.h"
#include "subsystems/posix_ipc_calls.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

void posix_mq_notify_cancel(struct posix_mq *queue, const struct process *process)
{
    struct posix_mq_notification *registration = &queue->notification;
    if (!registration->owner || (process && registration->owner != process))
        return;
    struct file *pipe = registration->pipe;
    memset(registration, 0, sizeof *registration);
    if (pipe)
        file_put(pipe);                   /* the library's thread reads end of file, or the value first */
}

/* SIGEV_SIGNAL: the owner gets the signal with what POSIX says it carries. */
static void send_notification_signal(const struct posix_mq_notification *registration)
{
    if (registration->signal == 0)
        return;                           /* Linux takes 0 and sends nothing */
    struct kernel_siginfo info;
    memset(&info, 0, sizeof info);
    info.signo = registration->signal;
    info.code = SI_MESGQ;
    info.fields.sender.pid = current_task->process->pid;   /* the sender of the message */
    info.fields.sender.uid = current_task->process->uid;
    info.fields.sender.value = registration->value;
    signal_send_info(registration->owner, &info);   /* -EAGAIN (its queue of signals full): lost, as on Linux */
}

void posix_mq_notify_message_arrived(struct posix_mq *queue)
{
    struct posix_mq_notification *registration = &queue->notification;
    if (!registration->owner)
        return;
    if (registration->notify == SIGEV_SIGNAL)
        send_notification_signal(registration);
    else if (registration->notify == SIGEV_THREAD)   /* no reader left, or no room: nobody to run it */
        pipe_write_from_kernel(registration->pipe, &registration->value, sizeof registration->value);
    posix_mq_notify_cancel(queue, 0);     /* one notification per registration */
}

/* Reads and checks *user_notification: 0, -EFAULT, or -EINVAL for an
 * unknown sigev_notify or a SIGEV_SIGNAL number out of range. */
static int read_notification(const struct kernel_sigevent *user_notification, struct kernel_sigevent *notification)
{
    if (copy_from_user(notification, user_notification, sizeof *notification) < 0)
        return -EFAULT;
    if (notification->notify != SIGEV_SIGNAL && notification->notify != SIGEV_NONE &&
        notification->notify != SIGEV_THREAD)
        return -EINVAL;
    if (notification->notify == SIGEV_SIGNAL && (notification->signo < 0 || notification->signo >= NSIG))
        return -EINVAL;
    return 0;
}

/* sys_mq_notify's registration (`notification`) or its cancel (NULL). */
static int register_or_cancel(struct posix_mq *queue, const struct kernel_sigevent *notification_or_cancel)
{
    struct process *process = current_task->process;
    struct posix_mq_notification *registration = &queue->notification;
    if (!notification_or_cancel) {
        posix_mq_notify_cancel(queue, process);   /* only the caller's own */
        return 0;
    }
    struct kernel_sigevent notification = *notification_or_cancel;
    /* EBUSY: a process is registered already, the caller too */
    if (registration->owner)
        return -EBUSY;
    struct file *pipe = 0;
    if (notification.notify == SIGEV_THREAD) {
        pipe = descriptor_lookup(notification.signo);
        if (!pipe || !pipe_is_write_end(pipe))
            return -EBADF;                /* the library's pipe is not there */
        file_get(pipe);
    }
    registration->owner = process;
    registration->notify = notification.notify;
    registration->signal = notification.notify == SIGEV_SIGNAL ? notification.signo : 0;
    registration->value = notification.value;
    registration->pipe = pipe;
    return 0;
}

int sys_mq_notify(int fd, const struct kernel_sigevent *user_notification)
{
    struct kernel_sigevent notification;
    int status;
    if (user_notification && (status = read_notification(user_notification, &notification)) < 0)
        return status;
    struct file *file;
    struct posix_mq *queue = posix_mq_queue_of(fd, ANY_ACCESS, &file);
    if (!queue)
        return -EBADF;
    posix_mq_begin_big_lock_use(queue);     /* a send without the big lock sees it all or none */
    status = register_or_cancel(queue, user_notification ? &notification : 0);
    posix_mq_end_big_lock_use(queue);
    return status;
}
