/* kernel/fs/fs_lock.h - the file-system lock.
 *
 * The kernel lock (sched/wait_queue.h) makes a system call atomic until it
 * waits. A call on the disk waits in the middle of its work, for the
 * drive, and another task could then change the tree under it. So every
 * file-system system call takes this sleeping lock first and holds it
 * until it returns, disk waits included; it gives it up only to wait for
 * something else (a FIFO's other end), after taking a reference
 * (open_count) on the inode it keeps. The flusher task takes it too.
 *
 * What it protects: every inode's fields and names, mounts, the block
 * cache, ext2's state. A `struct inode *` is valid while the lock is held,
 * or while the holder keeps a reference to it (open_count).
 *
 * Context: a task (not an interrupt handler), kernel lock held; may sleep.
 * Not recursive. */
#ifndef KERNEL_FS_FS_LOCK_H
#define KERNEL_FS_FS_LOCK_H

void fs_lock(void);
void fs_unlock(void);

/* Does the running task hold it? For ASSERTs. */
int fs_lock_held(void);

#endif
