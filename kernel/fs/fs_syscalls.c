/* kernel/fs/fs_syscalls.c - the file system's system calls that open,
 * look at and move through files: paths in, descriptors out (names that
 * change: name_syscalls.c; mounts and the disk: mount_syscalls.c). Each
 * takes the file-system lock (fs_lock.h) for its whole run, copies its
 * path from user memory, then works on kernel strings only. */
#include "at_directory.h"
#include "devices.h"
#include "file.h"
#include "file_hold.h"
#include "fs_lock.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "regular_file.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "vfs.h"

#define DIRENT_NAME_MAX 255            /* a name on a disk may be longer than the VFS's (ext2: 255) */

#define OPEN_FLAGS_KNOWN (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
                          O_NONBLOCK | O_SYNC | O_DIRECTORY | O_CLOEXEC)

int path_from_user(char *path, const char *user_path)
{
    int length = strncpy_from_user(path, user_path, PATH_MAX_LENGTH);
    if (length == 0)
        return -ENOENT;
    return length < 0 ? length : 0;
}

int lookup_user_path(const char *user_path, struct inode **inode)
{
    char path[PATH_MAX_LENGTH];
    int status = path_from_user(path, user_path);
    return status < 0 ? status : vfs_lookup(path, inode);
}

static int open_locked(int dirfd, const char *user_path, uint32_t flags, uint32_t mode,
                       struct at_directory *at)
{
    char path[PATH_MAX_LENGTH];
    int status = path_from_user(path, user_path);
    if (status < 0)
        return status;
    /* O_CREAT with O_DIRECTORY: EINVAL, as Linux since 6.4 (6.1 made a
     * file, then answered ENOTDIR) */
    if ((flags & O_ACCMODE) == O_ACCMODE || (flags & ~OPEN_FLAGS_KNOWN) ||
        (flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
        return -EINVAL;
    if ((status = at_directory_hold(dirfd, path, 0, at)) < 0)
        return status;                             /* EBADF, ENOTDIR */
    struct file *file;
    status = vfs_open(at->inode, path, flags, mode, &file);   /* O_DIRECTORY: ENOTDIR at the look-up (vfs.c) */
    if (status < 0)
        return status;
    return descriptor_install_new(file, flags & O_CLOEXEC);
}

int sys_openat(int dirfd, const char *user_path, uint32_t flags, uint32_t mode)
{
    struct at_directory at = AT_DIRECTORY_NONE;
    fs_lock();
    int status = open_locked(dirfd, user_path, flags, mode, &at);
    fs_unlock();
    return at_directory_release(&at, status);
}

int sys_open(const char *user_path, uint32_t flags, uint32_t mode)
{
    return sys_openat(AT_FDCWD, user_path, flags, mode);
}

int sys_lseek(int fd, int offset, int whence)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->inode || file->inode->type == INODE_FIFO || file->inode->type == INODE_DEVICE) {
        if (device_seeks_to_zero(file)) {       /* /dev/null, /dev/zero: always 0, as on Linux */
            file->offset = 0;
            return 0;
        }
        return -ESPIPE;                          /* pipes, FIFOs, sockets, terminals */
    }
    long long base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = file->offset; break;
    case SEEK_END: base = file->inode->size; break;
    default: return -EINVAL;
    }
    long long position = base + offset;
    if (position < 0 || position > FILE_OFFSET_MAX)
        return -EINVAL;
    file->offset = (uint32_t)position;
    return (int)position;
}

#define FSTATAT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)

/* What fstat says of `file`: its inode's facts, and what pipes and
 * terminals add. */
static void file_fill_stat(struct file *file, struct stat *st)
{
    if (file->inode)
        inode_fill_stat(file->inode, st);
    if (file->operations->stat)
        file->operations->stat(file, st);
}

/* fstatat: stat (flags 0) and lstat (AT_SYMLINK_NOFOLLOW) from dirfd;
 * "" with AT_EMPTY_PATH is fstat of dirfd, whatever file it is. */
int sys_fstatat(int dirfd, const char *user_path, struct stat *user_stat, int flags)
{
    if (flags & ~FSTATAT_FLAGS)
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    struct inode *inode;
    struct stat st;
    memset(&st, 0, sizeof st);
    fs_lock();
    int status = at_file_lookup(dirfd, user_path, flags, &at, &inode);
    if (status == 0 || (status == AT_FILE_ITSELF && !at.held.file))
        inode_fill_stat(inode, &st);               /* a path, or "" for the working directory */
    fs_unlock();
    if (status == AT_FILE_ITSELF && at.held.file)
        file_fill_stat(at.held.file, &st);
    status = at_directory_release(&at, status);
    return status < 0 ? status : copy_to_user(user_stat, &st, sizeof st);
}

int sys_stat(const char *user_path, struct stat *user_stat)
{
    return sys_fstatat(AT_FDCWD, user_path, user_stat, 0);
}

int sys_lstat(const char *user_path, struct stat *user_stat)
{
    return sys_fstatat(AT_FDCWD, user_path, user_stat, AT_SYMLINK_NOFOLLOW);
}

int sys_fstat(int fd, struct stat *user_stat)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    struct stat st;
    memset(&st, 0, sizeof st);
    file_fill_stat(file, &st);
    return copy_to_user(user_stat, &st, sizeof st);
}

int sys_ftruncate(int fd, int length)
{
    struct held_file held;               /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct file *file = held.file;
    if (!file->inode || file->inode->type != INODE_REGULAR || (file->flags & O_ACCMODE) == O_RDONLY)
        return descriptor_unhold(&held, -EINVAL);
    if (length < 0)
        return descriptor_unhold(&held, -EINVAL);
    fs_lock();
    struct inode *inode = file->inode;
    status = inode->operations->truncate(inode, (uint32_t)length);
    fs_unlock();
    return descriptor_unhold(&held, status);
}

/* ftruncate by name, its checks in Linux's order (do_sys_truncate,
 * vfs_truncate): the length, the walk, the type (EISDIR, EINVAL), a
 * read-only mount (EROFS), write permission (EACCES). */
int sys_truncate(const char *user_path, int length)
{
    if (length < 0)
        return -EINVAL;
    struct inode *inode;
    fs_lock();
    int status = lookup_user_path(user_path, &inode);
    if (status == 0)
        status = inode->type == INODE_DIRECTORY ? -EISDIR : inode->type != INODE_REGULAR ? -EINVAL : 0;
    if (status == 0)
        status = vfs_may_write(inode);                   /* EROFS */
    if (status == 0)
        status = inode_permission(inode, MAY_WRITE);     /* EACCES */
    if (status == 0)
        status = inode->operations->truncate(inode, (uint32_t)length);
    fs_unlock();
    return status;
}

static int create_at(int dirfd, const char *user_path, enum inode_type type, uint32_t mode)
{
    char path[PATH_MAX_LENGTH];
    struct at_directory at = AT_DIRECTORY_NONE;
    fs_lock();
    int status = path_from_user(path, user_path);
    if (status == 0)
        status = at_directory_hold(dirfd, path, 0, &at);   /* EBADF, ENOTDIR */
    if (status == 0)
        status = vfs_create_from(at.inode, path, type, mode, 0);
    fs_unlock();
    return at_directory_release(&at, status);
}

int sys_mkdirat(int dirfd, const char *user_path, uint32_t mode)
{
    return create_at(dirfd, user_path, INODE_DIRECTORY, mode);
}

int sys_mkdir(const char *user_path, uint32_t mode)
{
    return create_at(AT_FDCWD, user_path, INODE_DIRECTORY, mode);
}

int sys_mknodat(int dirfd, const char *user_path, uint32_t mode, uint32_t device)
{
    (void)device;
    switch (mode & S_IFMT) {
    case S_IFIFO:
        return create_at(dirfd, user_path, INODE_FIFO, mode);
    case S_IFSOCK:                     /* a name with no socket: connect() is refused */
        return create_at(dirfd, user_path, INODE_SOCKET, mode);
    case S_IFREG:
    case 0:
        return create_at(dirfd, user_path, INODE_REGULAR, mode);
    default:
        return -EPERM;                 /* devices are the kernel's to make */
    }
}

int sys_mknod(const char *user_path, uint32_t mode, uint32_t device)
{
    return sys_mknodat(AT_FDCWD, user_path, mode, device);
}

/* The working directory becomes `inode`: a directory the process may
 * search (ENOTDIR, EACCES). Context: file-system lock held. */
static int change_directory(struct inode *inode)
{
    if (inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    int status = inode_permission(inode, MAY_EXECUTE);
    if (status < 0)
        return status;
    struct process *process = current_task->process;
    inode->open_count++;
    struct inode *old = process->cwd;
    process->cwd = inode;
    inode_close(old);
    return 0;
}

int sys_chdir(const char *user_path)
{
    struct inode *inode;
    fs_lock();
    int status = lookup_user_path(user_path, &inode);
    if (status == 0)
        status = change_directory(inode);
    fs_unlock();
    return status;
}

/* chdir to the directory open as `fd`, as nftw's FTW_CHDIR and a shell's
 * pushd use it: the way back to a directory whatever became of its path. */
int sys_fchdir(int fd)
{
    struct held_file held;             /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct inode *inode = held.file->inode;
    if (!inode)
        return descriptor_unhold(&held, -ENOTDIR);   /* a pipe or a socket */
    fs_lock();
    status = change_directory(inode);
    fs_unlock();
    return descriptor_unhold(&held, status);
}

int sys_getcwd(char *user_buffer, uint32_t size)
{
    char path[PATH_MAX_LENGTH];
    if (size == 0)
        return -EINVAL;
    fs_lock();
    struct inode *cwd = current_task->process->cwd;
    int length = cwd->links == 0 ? -ENOENT   /* removed: it has no path any more */
                                 : vfs_path_of(cwd, path, sizeof path);
    fs_unlock();
    if (length == -ERANGE)
        return -ENAMETOOLONG;
    if (length < 0)
        return length;
    if ((uint32_t)length + 1 > size)
        return -ERANGE;
    if (copy_to_user(user_buffer, path, (uint32_t)length + 1) < 0)
        return -EFAULT;
    return length + 1;
}

/* getdents: what the records go to, and how far they got. */
struct dirent_fill {
    uint8_t *user_buffer;
    uint32_t size, used;
    int fault;
};

static int emit_dirent(void *context, const char *name, uint32_t number, enum inode_type type)
{
    static const uint8_t dirent_types[] = {
        [INODE_REGULAR] = DT_REG, [INODE_DIRECTORY] = DT_DIR, [INODE_FIFO] = DT_FIFO,
        [INODE_DEVICE] = DT_CHR, [INODE_SOCKET] = DT_SOCK, [INODE_SYMLINK] = DT_LNK,
    };
    struct dirent_fill *fill = context;
    uint32_t name_length = strlen(name);
    uint32_t record = (8 + name_length + 1 + 3) & ~3u;   /* header + name + NUL, aligned */
    if (fill->used + record > fill->size)
        return 1;
    uint8_t buffer[8 + DIRENT_NAME_MAX + 4];
    struct kernel_dirent *dirent = (struct kernel_dirent *)buffer;
    memset(buffer, 0, record);
    dirent->d_ino = number;
    dirent->d_reclen = (unsigned short)record;
    dirent->d_type = dirent_types[type];
    memcpy(dirent->d_name, name, name_length + 1);
    if (copy_to_user(fill->user_buffer + fill->used, buffer, record) < 0) {
        fill->fault = 1;
        return 1;
    }
    fill->used += record;
    return 0;
}

static int note_entry(void *context, const char *name, uint32_t number, enum inode_type type)
{
    (void)name, (void)number, (void)type;
    *(int *)context = 1;
    return 1;
}

/* A directory's file offset: 0 before ".", 1 before "..", and past them
 * the file system's own position + DOT_ENTRIES. The file systems list
 * only the names they store; "." and ".." are the VFS's (filesystem.md),
 * and getdents lists them first, as Linux does. */
#define DOT_ENTRIES 2

/* Emits "." and then ".." (the directory's parent in its own file system:
 * a file system's root is its own, as Linux's getdents says) from
 * *position on; nonzero if `emit` stopped. */
static int emit_dot_entries(struct inode *directory, uint32_t *position, directory_emit emit, void *context)
{
    if (*position == 0) {
        if (emit(context, ".", directory->number, INODE_DIRECTORY))
            return 1;
        *position = 1;
    }
    if (*position == 1) {
        if (emit(context, "..", directory->parent->number, INODE_DIRECTORY))
            return 1;
        *position = DOT_ENTRIES;
    }
    return 0;
}

/* Fills the buffer with struct kernel_dirent records for the directory's
 * entries from the file's offset on; the file system says what an offset
 * is (memfs: an entry's serial number; ext2: a byte in the directory), so
 * that entries removed meanwhile make none be skipped. */
int sys_getdents(int fd, void *user_buffer, uint32_t size)
{
    struct held_file held;               /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct file *file = held.file;
    if (!file->inode || file->inode->type != INODE_DIRECTORY)
        return descriptor_unhold(&held, -ENOTDIR);
    struct dirent_fill fill = { user_buffer, size, 0, 0 };
    fs_lock();
    struct inode *directory = file->inode;
    uint32_t position = file->offset;
    status = 0;
    if (!emit_dot_entries(directory, &position, emit_dirent, &fill)) {
        uint32_t stored = position - DOT_ENTRIES;
        status = directory->operations->readdir(directory, &stored, emit_dirent, &fill);
        position = stored + DOT_ENTRIES;
    }
    int more = 0;
    if (status == 0 && fill.used == 0 && !fill.fault) {
        /* nothing fitted: the end, or a buffer too small for one entry */
        uint32_t probe = position - DOT_ENTRIES;
        if (position < DOT_ENTRIES)
            more = 1;                  /* "." or ".." did not fit */
        else
            directory->operations->readdir(directory, &probe, note_entry, &more);
    }
    if (status == 0)
        inode_note_access(directory);  /* listing a directory reads it */
    fs_unlock();
    if (status < 0)
        return descriptor_unhold(&held, status);
    if (fill.fault && fill.used == 0)
        return descriptor_unhold(&held, -EFAULT);
    file->offset = position;
    if (more)
        return descriptor_unhold(&held, -EINVAL);   /* the buffer cannot hold even one entry */
    return descriptor_unhold(&held, (int)fill.used);
}
