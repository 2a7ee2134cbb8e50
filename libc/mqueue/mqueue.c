/* libc/mqueue/mqueue.c - wrappers for POSIX message queues. The untimed
 * calls are the timed ones without a deadline; mq_getattr and mq_setattr
 * share one system call, as on Linux. */
#include <mqueue.h>
#include <stdarg.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Opens (with O_CREAT, perhaps creates) the queue `name` ("/something");
 * returns its descriptor. */
mqd_t mq_open(const char *name, int flags, ...)
{
    mode_t mode = 0;
    struct mq_attr *attributes = 0;
    if (flags & O_CREAT) {
        va_list arguments;
        va_start(arguments, flags);
        mode = va_arg(arguments, mode_t);
        attributes = va_arg(arguments, struct mq_attr *);
        va_end(arguments);
    }
    return syscall_result(syscall4(SYS_mq_open, (long)name, flags, (long)mode, (long)attributes));
}

int mq_close(mqd_t queue)
{
    return close(queue);
}

/* Removes the name; the queue lives on while descriptors remain. */
int mq_unlink(const char *name)
{
    return syscall_result(syscall1(SYS_mq_unlink, (long)name));
}

int mq_timedsend(mqd_t queue, const char *message, size_t length, unsigned priority,
                 const struct timespec *deadline)
{
    return syscall_result(cancel_point_result(syscall5(cancel_point_number(SYS_mq_timedsend),
                                                       queue, (long)message, (long)length, (long)priority,
                                                       (long)deadline)));
}

int mq_send(mqd_t queue, const char *message, size_t length, unsigned priority)
{
    return mq_timedsend(queue, message, length, priority, 0);
}

/* Takes the oldest message of the highest priority; returns its length. */
ssize_t mq_timedreceive(mqd_t queue, char *buffer, size_t size, unsigned *priority,
                        const struct timespec *deadline)
{
    return syscall_result(cancel_point_result(syscall5(cancel_point_number(SYS_mq_timedreceive),
                                                       queue, (long)buffer, (long)size, (long)priority,
                                                       (long)deadline)));
}

ssize_t mq_receive(mqd_t queue, char *buffer, size_t size, unsigned *priority)
{
    return mq_timedreceive(queue, buffer, size, priority, 0);
}

int mq_getattr(mqd_t queue, struct mq_attr *attributes)
{
    return syscall_result(syscall3(SYS_mq_getsetattr, queue, 0, (long)attributes));
}

/* Only O_NONBLOCK in new_attributes->mq_flags takes effect. */
int mq_setattr(mqd_t queue, const struct mq_attr *new_attributes, struct mq_attr *old_attributes)
{
    return syscall_result(syscall3(SYS_mq_getsetattr, queue, (long)new_attributes, (long)old_attributes));
}
