/* kernel/fs/multiplexing_for_core.h - what the core asks of poll, select,
 * epoll and signal-driven I/O (the subsystem "multiplexing",
 * kernel/subsystems/multiplexing.c): a file's poll watching one of its
 * queues, a file leaving the epoll sets that watch it, fcntl's commands
 * of signal-driven I/O, and the counts and list kinfo shows. A kernel built without the subsystem gets the
 * stand-ins below (no poll tables, no epoll instances), so that the core
 * reads the same in every profile (kernel/subsystems/subsystem.h).
 * poll_table.h and epoll.h include this file. */
#ifndef KERNEL_FS_MULTIPLEXING_FOR_CORE_H
#define KERNEL_FS_MULTIPLEXING_FOR_CORE_H

#include <stdint.h>

#include "ipc/ipc_list.h"
#include "uapi/errno.h"

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

/* fcntl's F_SETOWN, F_GETOWN, F_SETSIG, F_GETSIG, F_SETOWN_EX and
 * F_GETOWN_EX on `file` (kernel/fs/signal_driven_io.c). Without the
 * subsystem there is no signal-driven I/O: EINVAL, as for a command
 * the kernel does not know. Context: system call. */
#ifdef SUBSYSTEM_MULTIPLEXING
int file_async_fcntl(struct file *file, int command, uint32_t argument);
#else
static inline int file_async_fcntl(struct file *file, int command, uint32_t argument)
{
    (void)file, (void)command, (void)argument;
    return -EINVAL;                   /* no signal-driven I/O */
}
#endif

/* F_SETFL turns O_ASYNC on (`on`) or off for `file`, through descriptor
 * `fd` (the si_fd of its signals). 1: on, the file signals; 0: off, or
 * a file that never signals (no poll, or one that answers for its
 * caller: file.h), which keeps no O_ASYNC, as Linux's files without
 * fasync; -ENOMEM; without the subsystem -EINVAL. Context: system call. */
#ifdef SUBSYSTEM_MULTIPLEXING
int file_async_switch(struct file *file, int fd, int on);
#else
static inline int file_async_switch(struct file *file, int fd, int on)
{
    (void)file, (void)fd, (void)on;
    return -EINVAL;                   /* no signal-driven I/O */
}
#endif

/* `file`'s last reference is going: its signal-driven I/O ends. Called
 * by file_put, before the file's release, when file->async is set. */
#ifdef SUBSYSTEM_MULTIPLEXING
void file_async_forget(struct file *file);
#else
static inline void file_async_forget(struct file *file)   /* never set without the subsystem */
{
    (void)file;
}
#endif

/* SIGURG to `file`'s owner (F_SETOWN), whether or not O_ASYNC is on, as
 * Linux's send_sigurg: TCP's urgent data came (kernel/net/tcp_urgent.c).
 * Nothing without an owner. Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_MULTIPLEXING
void file_send_urgent_signal(struct file *file);
#else
static inline void file_send_urgent_signal(struct file *file)   /* no owners */
{
    (void)file;
}
#endif

#endif
