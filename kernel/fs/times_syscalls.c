/* kernel/fs/times_syscalls.c - utimensat: a file's access and
 * modification times set by hand (utimensat(2)), as touch(1) and cp -p
 * set them. Who may set what is Linux's rule:
 *
 *   times                   sets                      who may
 *   NULL, or both UTIME_NOW  both to now               the owner, root, or whoever
 *                                                      may write the file (EACCES)
 *   both UTIME_OMIT          nothing, nothing checked  anyone
 *   anything else            each as given: a time,    the owner or root (EPERM)
 *                            UTIME_NOW now, UTIME_OMIT
 *                            left alone
 *
 * Whenever a time is set, the change time becomes now (file_times.h).
 * The file systems keep seconds (memfs and ext2 alike): nanoseconds are
 * checked (EINVAL outside 0 to 999999999) and dropped.
 *
 * Which file: `path` from the working directory (dirfd AT_FDCWD) or from
 * the directory open as dirfd, from / when it is absolute; a symbolic
 * link at its end followed unless AT_SYMLINK_NOFOLLOW; "" with
 * AT_EMPTY_PATH, or a NULL path (futimens(3)), is dirfd's own file. */
#include "at_directory.h"
#include "file_hold.h"
#include "file_times.h"
#include "fs_lock.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/time.h"
#include "vfs.h"

#define NANOSECONDS_MAX 999999999L
#define UTIMENSAT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)

static int nanoseconds_valid(long nanoseconds)
{
    return nanoseconds == UTIME_NOW || nanoseconds == UTIME_OMIT ||
           (nanoseconds >= 0 && nanoseconds <= NANOSECONDS_MAX);
}

/* Whether both nanosecond fields of `times` (NULL: now) say something. */
static int times_valid(const struct timespec *times)
{
    return !times || (nanoseconds_valid(times[0].tv_nsec) && nanoseconds_valid(times[1].tv_nsec));
}

/* What one of the two times becomes: `now`, the time given, or (for
 * UTIME_OMIT) what it was. */
static uint32_t new_time(const struct timespec *given, uint32_t now, uint32_t old)
{
    if (!given || given->tv_nsec == UTIME_NOW)
        return now;
    return given->tv_nsec == UTIME_OMIT ? old : (uint32_t)given->tv_sec;
}

/* Sets the times of `inode` as `times` asks (NULL: both now), in
 * Linux's order of checks: the nanoseconds, the mount, who may.
 * Context: file-system lock held. */
static int set_times(struct inode *inode, const struct timespec *times)
{
    if (!times_valid(times))
        return -EINVAL;
    if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
        times = 0;                                 /* as NULL: write permission is enough */
    int status = vfs_may_write(inode);             /* EROFS */
    if (status < 0)
        return status;
    struct object_owner owner = inode_owner(inode);
    status = credentials_may_administer(current_task->process, &owner);   /* EPERM: not the owner nor root */
    if (status < 0 && !times)
        status = inode_permission(inode, MAY_WRITE);                     /* EACCES */
    if (status < 0)
        return status;
    uint32_t now = file_times_now();
    inode->access_time = new_time(times ? &times[0] : 0, now, inode->access_time);
    inode->modify_time = new_time(times ? &times[1] : 0, now, inode->modify_time);
    file_times_changed(inode, now);
    return inode->operations->changed(inode);      /* ext2: the inode goes to the disk */
}

/* futimens: the file open as `fd`. A pipe or a socket has no inode here:
 * its times are checked, and nothing is set, as fchmod does
 * (owner_syscalls.c). */
static int set_times_of_descriptor(int fd, const struct timespec *times, int flags)
{
    if (flags)
        return -EINVAL;
    struct held_file held;                         /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct inode *inode = held.file->inode;
    if (!inode)
        return descriptor_unhold(&held, times_valid(times) ? 0 : -EINVAL);
    fs_lock();
    status = set_times(inode, times);
    fs_unlock();
    return descriptor_unhold(&held, status);
}

int sys_utimensat(int dirfd, const char *user_path, const struct timespec *user_times, int flags)
{
    struct timespec times[2];
    if (user_times) {
        if (copy_from_user(times, user_times, sizeof times) < 0)
            return -EFAULT;
        if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
            return 0;                              /* nothing to do: the path is not even looked at */
    }
    const struct timespec *wanted = user_times ? times : 0;
    if (!user_path && dirfd != AT_FDCWD)
        return set_times_of_descriptor(dirfd, wanted, flags);
    if (flags & ~UTIMENSAT_FLAGS)
        return -EINVAL;
    if (!user_path)
        return -EFAULT;                            /* the working directory has no descriptor */
    struct at_directory at = AT_DIRECTORY_NONE;
    struct inode *inode = 0;
    fs_lock();
    int status = at_file_lookup(dirfd, user_path, flags, &at, &inode);
    if (status >= 0)
        status = inode ? set_times(inode, wanted) : times_valid(wanted) ? 0 : -EINVAL;
    fs_unlock();
    return at_directory_release(&at, status);
}
