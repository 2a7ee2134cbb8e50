/* kernel/fs/regular_file.c - open regular files and directories: reading
 * and writing bytes at the open file's offset, through the file system's
 * operations (memfs in memory, ext2 on the disk), under the file-system
 * lock (fs_lock.h). */
#include "regular_file.h"

#include "file.h"
#include "file_times.h"
#include "fs_lock.h"
#include "mount.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"
#include "uapi/stat.h"
#include "uapi/termios.h"          /* FIONREAD */

void inode_note_access(struct inode *inode)
{
    if (!(inode->fs->flags & MS_RDONLY) && file_times_accessed(inode, file_times_now()))
        inode->operations->changed(inode);   /* ext2 stores it; it moves once per write at most */
}

static int regular_read(struct file *file, void *user_buffer, uint32_t size)
{
    fs_lock();
    struct inode *inode = file->inode;
    int count = inode->operations->read(inode, file->offset, user_buffer, size, 1);
    if (count > 0)
        file->offset += (uint32_t)count;
    if (count >= 0 && size > 0)
        inode_note_access(inode);     /* at the end of the file too, as Linux */
    fs_unlock();
    return count;
}

/* A write of a file opened with O_SYNC or O_DSYNC ends as fsync(2) does:
 * the blocks are on the disk when write returns, or write fails with the
 * disk's error (the bytes are in the file all the same, as on Linux).
 * Context: fs_lock held. */
static int write_through(struct file *file, int count)
{
    if (count <= 0 || !(file->flags & O_DSYNC))
        return count;
    int status = file->inode->operations->fsync(file->inode);
    return status < 0 ? status : count;
}

static int regular_write(struct file *file, const void *user_buffer, uint32_t size)
{
    fs_lock();
    struct inode *inode = file->inode;
    if (file->flags & O_APPEND)
        file->offset = inode->size;   /* under the lock: two appenders never overlap */
    int count = inode->operations->write(inode, file->offset, user_buffer, size);
    if (count > 0)
        file->offset += (uint32_t)count;
    count = write_through(file, count);
    fs_unlock();
    return count;
}

/* pread: the same at `offset`, the file's own offset untouched. */
static int regular_read_at(struct file *file, void *user_buffer, uint32_t size, uint32_t offset)
{
    fs_lock();
    struct inode *inode = file->inode;
    int count = inode->operations->read(inode, offset, user_buffer, size, 1);
    fs_unlock();
    return count;
}

/* pwrite: at `offset`; with O_APPEND at the end all the same, as Linux
 * does (its pwrite(2) BUGS). */
static int regular_write_at(struct file *file, const void *user_buffer, uint32_t size, uint32_t offset)
{
    fs_lock();
    struct inode *inode = file->inode;
    if (file->flags & O_APPEND)
        offset = inode->size;
    int count = write_through(file, inode->operations->write(inode, offset, user_buffer, size));
    fs_unlock();
    return count;
}

static int directory_read(struct file *file, void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return -EISDIR;
}

static int directory_read_at(struct file *file, void *user_buffer, uint32_t size, uint32_t offset)
{
    (void)file, (void)user_buffer, (void)size, (void)offset;
    return -EISDIR;
}

void inode_fill_stat(const struct inode *inode, struct stat *st)
{
    static const uint32_t type_bits[] = {
        [INODE_REGULAR] = S_IFREG, [INODE_DIRECTORY] = S_IFDIR,
        [INODE_FIFO] = S_IFIFO, [INODE_DEVICE] = S_IFCHR, [INODE_SOCKET] = S_IFSOCK,
        [INODE_SYMLINK] = S_IFLNK,
    };
    st->st_dev = inode->fs->id;
    st->st_ino = inode->number;
    st->st_mode = type_bits[inode->type] | inode->permissions;
    st->st_nlink = inode->links;
    st->st_uid = inode->uid;
    st->st_gid = inode->gid;
    st->st_rdev = inode->type == INODE_DEVICE ? inode->device_number : 0;
    /* bytes of a file or a link's target; a directory on the disk, the
     * bytes of its blocks (memfs's hold their entries in no bytes: 0) */
    st->st_size = inode->type == INODE_REGULAR || inode->type == INODE_SYMLINK ||
                  inode->type == INODE_DIRECTORY ? (long)inode->size : 0;
    st->st_atime = inode->access_time;
    st->st_mtime = inode->modify_time;
    st->st_ctime = inode->change_time;
    st->st_blksize = 4096;
    st->st_blocks = (st->st_size + 511) / 512;
}

static int inode_file_stat(struct file *file, struct stat *st)
{
    inode_fill_stat(file->inode, st);
    return 0;
}

/* ioctl(FIONREAD) on a regular file: its size less the offset, below 0
 * past the end, as Linux's; -ENOTTY for any other request. */
static int regular_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    if (request != FIONREAD)
        return -ENOTTY;
    int unread = (int)(file->inode->size - file->offset);
    return copy_to_user((void *)argument, &unread, sizeof unread) < 0 ? -EFAULT : 0;
}

static void inode_file_release(struct file *file)
{
    inode_close(file->inode);         /* an unlinked file goes now */
}

static const struct file_operations regular_operations = {
    .read = regular_read,
    .write = regular_write,
    .read_at = regular_read_at,
    .write_at = regular_write_at,
    .ioctl = regular_ioctl,
    .stat = inode_file_stat,
    .release = inode_file_release,
};

static const struct file_operations directory_operations = {
    .read = directory_read,
    .read_at = directory_read_at,
    .stat = inode_file_stat,
    .release = inode_file_release,
};

int regular_file_open(struct inode *inode, uint32_t flags, struct file **result)
{
    const struct file_operations *operations =
        inode->type == INODE_DIRECTORY ? &directory_operations : &regular_operations;
    struct file *file = file_create(operations, 0, flags & ~(O_CREAT | O_EXCL | O_TRUNC));
    if (!file)
        return -ENOMEM;
    file->inode = inode;
    inode->open_count++;
    *result = file;
    return 0;
}
