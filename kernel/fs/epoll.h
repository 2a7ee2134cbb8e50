/* kernel/fs/epoll.h - epoll(7): a set of watched descriptors that lives
 * in a descriptor of its own, and a ready list that the watched objects'
 * wake-ups fill, so that a wait looks only at what changed.
 *
 *   epoll file --> struct epoll
 *                    wake:  [epoll_wait callers]  <- pollers of the epoll fd watch it too
 *                    ready: entry(pipe 3) -> entry(socket 7)
 *                    entries (the interest list, keyed by file and fd):
 *                      entry(pipe 3)    table: watch --> pipe's `readable`
 *                      entry(socket 7)  table: watches --> socket's `readable`,
 *                      entry(mq 9)             `writable`, the peer's `writable`
 *
 *   1. epoll_ctl ADD asks the file once (file_operations.poll) with the
 *      entry's own poll table registering, which links a watch into each
 *      queue whose wake-up could change the answer. The watches stay for
 *      as long as the entry does.
 *   2. A write, a close, a message... wakes a watched queue; the watch
 *      calls epoll_entry_woken (wait_queue_watch.woken) instead of waking
 *      a sleeper: the entry goes on the ready list (once) and the
 *      instance's `wake` queue is woken.
 *   3. epoll_wait takes entries off the ready list and asks each file
 *      again, without registering (a wake-up is a hint, not a promise):
 *      ready ones are reported, and go back on the list unless
 *      edge-triggered (EPOLLET) or one-shot (EPOLLONESHOT, then disarmed
 *      until EPOLL_CTL_MOD). So a wait costs the ready entries, not the
 *      watched ones.
 *
 * An entry holds no reference to its file: it goes when the file's last
 * reference does (file_put calls epoll_forget_file), as Linux's do, so a
 * watched descriptor closed in every process leaves every set. It holds
 * what else its watches watch (a socket's peer). Context of everything
 * here: kernel lock held (system calls); nothing sleeps. */
#ifndef KERNEL_FS_EPOLL_H
#define KERNEL_FS_EPOLL_H

#include <stdint.h>

#include "multiplexing_for_core.h"   /* what the core asks: epoll_forget_file ... */
#include "uapi/epoll.h"

#define EPOLL_MAX_ENTRIES 8192   /* watches of every set together: then ENOSPC (Linux's max_user_watches) */
#define EPOLL_MAX_NESTING 4      /* instances watching instances (Linux's EP_MAX_NESTS): then ELOOP */

struct epoll;
struct epoll_entry;
struct file;

/* A new epoll instance in a new open file (O_RDWR), or NULL when memory
 * is short. */
struct file *epoll_file_create(void);

/* Whether `file` is an epoll instance's. */
int file_is_epoll(const struct file *file);

/* The entry of `epoll` for (`file`, `fd`), or NULL. */
struct epoll_entry *epoll_entry_find(struct epoll *epoll, struct file *file, int fd);

/* Watches `file` (descriptor `fd`) for `event`: 0, -ENOMEM, -ENOSPC
 * past EPOLL_MAX_ENTRIES, or -EINVAL when a file at or under `file`
 * would then have too many wake-up paths up through nested instances
 * (Linux's reverse_path_check: 500 of length 1, 100 of 2, 50 of 3, 10
 * of 4). The caller checked it is not there yet. */
int epoll_entry_add(struct epoll *epoll, struct file *file, int fd, const struct epoll_event *event);

/* New events and data for `entry`; re-armed, and ready at once if so. */
void epoll_entry_modify(struct epoll_entry *entry, const struct epoll_event *event);

/* Whether `entry` was added with EPOLLEXCLUSIVE (then MOD is EINVAL). */
int epoll_entry_is_exclusive(const struct epoll_entry *entry);

/* Takes `entry` out of its set and frees it. */
void epoll_entry_remove(struct epoll_entry *entry);

/* Whether adding the instance `target` to `epoll` would make a cycle,
 * or a chain of instances deeper than EPOLL_MAX_NESTING. */
int epoll_would_loop(struct epoll *epoll, struct epoll *target);

/* Fills `events` with up to `max` ready entries' events (step 3 above);
 * returns how many. */
int epoll_harvest(struct epoll *epoll, struct epoll_event *events, int max);

/* How many entries are on the ready list (an upper bound for harvest). */
unsigned epoll_ready_count(const struct epoll *epoll);

/* Sleeps on the instance's queue until a wake-up, `deadline_ns` (0 =
 * none) or a signal; a WAKE_* value. Context: sleeps. */
int epoll_sleep(struct epoll *epoll, uint64_t deadline_ns);

/* The queues `file`'s poll watches changed (a socket's peer came or
 * went: connect, disconnect, accept): each entry watching it drops its
 * watches and makes them again, and is made ready if the file is. An
 * entry made before connect() thus hears the peer's room come back.
 * Context: kernel lock held; never sleeps. */
void epoll_file_rewatch(struct file *file);

#endif
