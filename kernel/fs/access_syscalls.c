/* kernel/fs/access_syscalls.c - faccessat: may the caller
 * read, write or run a file (access(2))?
 *
 * A set-user-id program asks it to learn what the user who ran it may
 * do, so the answer weighs the real user and group ids, not the
 * effective ones, for the whole walk as for the file (with AT_EACCESS
 * the effective ones, which open(2) weighs). The rules are open's
 * (inode_permission, vfs.c), with two more, as Linux's:
 *
 *   W_OK of a file, directory or link on a read-only mount   EROFS
 *   X_OK of a file with no execute bit at all                 EACCES, even for root
 *
 * F_OK (0) asks only whether the name leads to a file. The answer is
 * the state of one moment: a program that opens afterwards must still
 * check open's own answer. access(path, mode) is the C library's
 * faccessat(AT_FDCWD, path, mode, 0), as glibc's on the newer machines. */
#include "at_directory.h"
#include "fs_lock.h"
#include "proc/users_for_core.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define ACCESS_MODES    (R_OK | W_OK | X_OK)
#define FACCESSAT_FLAGS (AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)
#define ANY_EXECUTE_BITS 0111

/* access(2)'s bits are the permission bits' own: R_OK is MAY_READ. */
_Static_assert(R_OK == MAY_READ && W_OK == MAY_WRITE && X_OK == MAY_EXECUTE, "access modes");

/* May the caller have `mode` of `inode`? Context: file-system lock held. */
static int may_access(struct inode *inode, unsigned mode)
{
    if (!mode)
        return 0;                                  /* F_OK: it is there */
    if ((mode & W_OK) && inode->type != INODE_FIFO && inode->type != INODE_DEVICE &&
        inode->type != INODE_SOCKET && vfs_may_write(inode) < 0)
        return -EROFS;
    int status = inode_permission(inode, mode);   /* EACCES */
    if (status == 0 && (mode & X_OK) && inode->type != INODE_DIRECTORY &&
        !(inode->permissions & ANY_EXECUTE_BITS))
        return -EACCES;                            /* root too: nothing here is a program (execve(2)) */
    return status;
}

int sys_faccessat(int dirfd, const char *user_path, int mode, int flags)
{
    if ((mode & ~ACCESS_MODES) || (flags & ~FACCESSAT_FLAGS))
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    struct inode *inode;
    fs_lock();
    vfs_check_with_real_ids(!(flags & AT_EACCESS));
    int status = at_file_lookup(dirfd, user_path, flags, &at, &inode);
    if (status >= 0)
        status = inode ? may_access(inode, (unsigned)mode) : 0;   /* a pipe or a socket: its owner asks */
    vfs_check_with_real_ids(0);
    fs_unlock();
    return at_directory_release(&at, status);
}

