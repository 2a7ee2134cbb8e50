/* libc/include/mqueue.h - POSIX message queues (mq_overview(7)). A queue
 * descriptor is an ordinary descriptor: close() works on it, fork()
 * shares it. struct mq_attr and the limits come from kernel/uapi/mqueue.h. */
#ifndef LIBC_INCLUDE_MQUEUE_H
#define LIBC_INCLUDE_MQUEUE_H

#include <fcntl.h>
#include <sys/types.h>
#include <bits/sigevent.h>
#include <time.h>
#include <uapi/mqueue.h>

typedef int mqd_t;

/* With O_CREAT, two more arguments: the mode (mode_t) and the attributes
 * (struct mq_attr *, or NULL for the defaults). */
mqd_t mq_open(const char *name, int flags, ...);
int mq_close(mqd_t queue);
int mq_unlink(const char *name);
int mq_send(mqd_t queue, const char *message, size_t length, unsigned priority);
int mq_timedsend(mqd_t queue, const char *message, size_t length, unsigned priority,
                 const struct timespec *deadline);
ssize_t mq_receive(mqd_t queue, char *buffer, size_t size, unsigned *priority);
ssize_t mq_timedreceive(mqd_t queue, char *buffer, size_t size, unsigned *priority,
                        const struct timespec *deadline);
int mq_getattr(mqd_t queue, struct mq_attr *attributes);
int mq_setattr(mqd_t queue, const struct mq_attr *new_attributes, struct mq_attr *old_attributes);
/* Asks to be told (by a signal, or a function run in a new thread) when a
 * message arrives on the queue while it is empty; NULL takes it back. */
int mq_notify(mqd_t queue, const struct sigevent *notification);

#endif
