/* kernel/fs/multiplexing_for_core.h - what the core asks of poll, select
 * and epoll (the subsystem "multiplexing",
 * kernel/subsystems/multiplexing.c): a file's poll watching one of its
 * queues, a file leaving the epoll sets that watch it, and the counts and
 * list kinfo shows. A kernel built without the subsystem gets the
 * stand-ins below (no poll tables, no epoll instances), so that the core
 * reads the same in every profile (kernel/subsystems/subsystem.h).
 * poll_table.h and epoll.h include this file. */
#ifndef KERNEL_FS_MULTIPLEXING_FOR_CORE_H
#define KERNEL_FS_MULTIPLEXING_FOR_CORE_H

#include "ipc/ipc_list.h"

struct file;
struct poll_table;
struct wait_queue;

/* Called by a file's poll: watch `queue`, which belongs to table->file. */
#ifdef SUBSYSTEM_MULTIPLEXING
void poll_table_watch(struct poll_table *table, struct wait_queue *queue);
#else
static inline void poll_table_watch(struct poll_table *table, struct wait_queue *queue)   /* no poll tables */
{
    (void)table;
    (void)queue;
}
#endif

/* `file`'s last reference is going: it leaves every set that watches it.
 * Called by file_put, before the file's release. */
#ifdef SUBSYSTEM_MULTIPLEXING
void epoll_forget_file(struct file *file);
#else
static inline void epoll_forget_file(struct file *file)   /* no epoll instances */
{
    (void)file;
}
#endif

/* Live instances and entries, for the leak counters. */
#ifdef SUBSYSTEM_MULTIPLEXING
unsigned epoll_count(void);
#else
static inline unsigned epoll_count(void)   /* no epoll instances */
{
    return 0;
}
#endif
#ifdef SUBSYSTEM_MULTIPLEXING
unsigned epoll_entry_count(void);
#else
static inline unsigned epoll_entry_count(void)   /* no epoll instances */
{
    return 0;
}
#endif

/* For ipcs: each instance, the descriptors it watches as its COUNT, its
 * epoll_wait callers as receivers (kernel/fs/epoll.c). */
#ifdef SUBSYSTEM_MULTIPLEXING
void epoll_list_objects(ipc_list_emit emit, void *context);
#else
static inline void epoll_list_objects(ipc_list_emit emit, void *context)   /* no epoll instances */
{
    (void)emit;
    (void)context;
}
#endif

#endif
