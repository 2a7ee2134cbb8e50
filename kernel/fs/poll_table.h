/* kernel/fs/poll_table.h - one call waiting on many objects: the table of
 * watches behind poll(2) and select(2).
 *
 * A task sleeps on one wait queue. poll() on a pipe, a socket and a
 * mailbox has to wake when any of the three changes, so it links a watch
 * into each of their queues and sleeps on a queue of its own:
 *
 *   struct poll_table (the caller's, on its kernel stack)
 *     wake: [poller] <------------------+-----------+-----------+
 *     watches[0] -> pipe 3 `readable`   |           |           |
 *                   (holds the pipe's file)         |           |
 *     watches[1] -> socket 5 `readable` |  any wake-up of a watched
 *     watches[2] -> socket 6 `writable` |  queue also wakes `wake`
 *                   (socket 5's peer: holds it too) |           |
 *     watches[3] -> mailbox `receivers` +-----------+-----------+
 *
 *   1. The call asks each descriptor's file how it is now
 *      (file_operations.poll). While the table is registering (the first
 *      look only), the file links a watch into each queue whose wake-up
 *      could change its answer: poll_table_watch.
 *   2. Nothing ready: the caller sleeps on `wake`, with its deadline.
 *   3. A write, a close, a message held... wakes a watched queue, which
 *      wakes `wake` too (kernel/sched/wait_queue.h). The caller asks
 *      every file again, without registering, and sleeps again if still
 *      nothing is ready (a wake-up is a hint, not a promise).
 *   4. At the end every watch is taken out and what it held let go.
 *
 * A watch holds what owns its queue (the file, or a socket's peer), so
 * that another thread closing the descriptor meanwhile cannot free a
 * queue with a watch still linked in: the object lives until step 4.
 *
 * epoll keeps a table per watched descriptor, for as long as it is
 * watched (kernel/fs/epoll.h): its watches call `woken` instead of waking
 * `wake`, and hold no reference to the file itself, whose last close
 * takes them out (an epoll set must not keep its files open); what else
 * they watch (a socket's peer) they still hold. */
#ifndef KERNEL_FS_POLL_TABLE_H
#define KERNEL_FS_POLL_TABLE_H

#include <stdint.h>

#include "multiplexing_for_core.h"   /* what the core asks: poll_table_watch */
#include "sched/wait_queue.h"

#define POLL_WATCHES_PER_FILE 3   /* the most queues one file's poll watches */

/* poll_table.registering: 0 once the first look is over, else how the
 * file's own queues are watched. */
#define REGISTERING_HOLDING   1   /* poll and select: holding the file */
#define REGISTERING_BORROWING 2   /* epoll: not holding it (its last close unwatches) */

struct file;

struct poll_watch {
    struct wait_queue_watch link;      /* in the watched object's queue */
    void *held;                        /* what owns that queue, kept alive */
    void (*let_go)(void *held);        /* drops the reference to `held` */
};

struct poll_table {
    struct wait_queue wake;            /* the caller sleeps here, alone */
    int registering;                   /* the first look: watches are made (REGISTERING_*) */
    struct file *file;                 /* the file being asked now */
    struct poll_watch *watches;
    unsigned count, capacity;
    unsigned files;                    /* descriptors asked, for ps */
    /* epoll: each watch calls this instead of waking `wake` (NULL for
     * poll and select) */
    void (*woken)(struct wait_queue_watch *watch);
};

/* A table for `files` descriptors; `waits` = 0 (a zero timeout) makes one
 * that never registers nor sleeps. 0, or -ENOMEM. Context: system call. */
int poll_table_init(struct poll_table *table, unsigned files, int waits);

/* As poll_table_watch (multiplexing_for_core.h), for a queue of another
 * object, `held`: the caller has taken a
 * reference to it, which the table gives back with `let_go`. When the
 * table is not registering, let_go is called at once. */
void poll_table_watch_holding(struct poll_table *table, struct wait_queue *queue, void *held,
                              void (*let_go)(void *held));

/* Whether a file's poll should register watches (and take references). */
static inline int poll_table_registering(const struct poll_table *table)
{
    return table && table->registering;
}

/* Sleeps until a watched queue wakes, `deadline_ns` (clock time; 0 =
 * none) passes, or a signal comes. Returns a WAKE_* value. `reason` is
 * what ps shows. Context: kernel lock held; sleeps. */
int poll_table_sleep(struct poll_table *table, uint64_t deadline_ns, const char *reason);

/* A table of `capacity` watches at `watches` (the caller's memory) for
 * one file, kept for as long as the caller likes: epoll's. Its watches
 * call `woken`. Context: kernel lock held. */
void poll_table_init_kept(struct poll_table *table, struct poll_watch *watches, unsigned capacity,
                          void (*woken)(struct wait_queue_watch *watch));

/* Takes every watch out of its queue and lets go what it held. */
void poll_table_unwatch(struct poll_table *table);

/* poll_table_unwatch, and frees the watches poll_table_init made. */
void poll_table_release(struct poll_table *table);

#endif
