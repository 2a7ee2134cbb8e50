/* kernel/fs/file_times.h - a file's three times, and what moves each, for
 * every file system (memfs.c, ext2/, the VFS). The rule is here, once; the
 * caller gives `now` (seconds since the Epoch: file_times_now() for memfs
 * and the VFS, ext2_now() for ext2, which its host test answers itself).
 *
 *   st_atime  access_time  the bytes were read (Linux's relatime, below)
 *   st_mtime  modify_time  the bytes changed: write, truncate, a write
 *                          through a MAP_SHARED mapping (msync); for a
 *                          directory, an entry was added or removed
 *   st_ctime  change_time  anything of the inode changed: the above, and
 *                          chmod, chown, a link made or removed, a rename
 *
 * POSIX says which calls "mark for update" which time; Linux's default
 * mount option, relatime, updates the access time only when it would
 * otherwise say something false: when it is not later than the last
 * modification or change (a reader can tell the file was read since it
 * was written), or is a day old. So a file read a thousand times costs
 * one update, not a thousand. Context: the file-system lock held. */
#ifndef KERNEL_FS_FILE_TIMES_H
#define KERNEL_FS_FILE_TIMES_H

#include <stdint.h>

#include "inode.h"
#include "sched/clock.h"

#define RELATIME_MAX_AGE (24u * 60 * 60)   /* seconds: an older access time is always updated */

/* The time a file system in memory stamps now: CLOCK_REALTIME's seconds. */
static inline uint32_t file_times_now(void)
{
    return (uint32_t)clock_realtime_seconds();
}

/* A new inode: all three times are `now`. */
static inline void file_times_created(struct inode *inode, uint32_t now)
{
    inode->access_time = inode->modify_time = inode->change_time = now;
}

/* The bytes (or a directory's entries) changed: modification and change. */
static inline void file_times_modified(struct inode *inode, uint32_t now)
{
    inode->modify_time = inode->change_time = now;
}

/* Something about the inode itself changed (mode, owner, links, name). */
static inline void file_times_changed(struct inode *inode, uint32_t now)
{
    inode->change_time = now;
}

/* The bytes were read (or a directory listed): relatime's rule, as Linux's
 * relatime_need_update. Returns 1 when the access time moved, so that a
 * file system on a disk stores it; 0 when it stays. */
static inline int file_times_accessed(struct inode *inode, uint32_t now)
{
    uint32_t access = inode->access_time;
    int stale = inode->modify_time >= access || inode->change_time >= access ||
                (int32_t)(now - access) >= (int32_t)RELATIME_MAX_AGE;
    if (!stale || access == now)
        return 0;
    inode->access_time = now;
    return 1;
}

#endif
