/* kernel/ipc/posix_mq_poll.c - poll(2) and select(2) of a POSIX message
 * queue descriptor (mq_overview(7): "message queue descriptors can be
 * monitored using select, poll and epoll"): readable when a message
 * waits, writable when mq_send would not wait. The descriptor's access
 * mode does not matter, as on Linux. Watched: both queues, which every
 * send and every receive wakes (posix_mq_transfer.c). */
#include "posix_mq_internal.h"

#include "fs/file.h"
#include "fs/poll_table.h"
#include "uapi/poll.h"

unsigned posix_mq_poll(struct file *file, struct poll_table *table)
{
    struct posix_mq *queue = file->object;
    posix_mq_begin_big_lock_use(queue);     /* (its watches go in while no call without it runs) */
    poll_table_watch(table, &queue->receivers);
    poll_table_watch(table, &queue->senders);
    unsigned events = 0;
    if (queue->count > 0)
        events |= POLLIN | POLLRDNORM;
    if (queue->count < queue->max_messages)
        events |= POLLOUT | POLLWRNORM;
    posix_mq_end_big_lock_use(queue);
    return events;
}
