/* kernel/fs/fs_syscalls.c - the file system's system calls: paths in,
 * descriptors out. Each copies its path from user memory first, then works
 * on kernel strings only. */
#include "file.h"
#include "file_content.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "regular_file.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "vfs.h"

#define OPEN_FLAGS_KNOWN (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
                          O_NONBLOCK | O_DIRECTORY | O_CLOEXEC)

static int copy_path(char *path, const char *user_path)
{
    int length = strncpy_from_user(path, user_path, PATH_MAX_LENGTH);
    if (length == 0)
        return -ENOENT;
    return length < 0 ? length : 0;
}

int sys_open(const char *user_path, uint32_t flags, uint32_t mode)
{
    char path[PATH_MAX_LENGTH];
    int status = copy_path(path, user_path);
    if (status < 0)
        return status;
    if ((flags & O_ACCMODE) == O_ACCMODE || (flags & ~OPEN_FLAGS_KNOWN))
        return -EINVAL;
    struct file *file;
    status = vfs_open(path, flags, mode, &file);
    if (status < 0)
        return status;
    if ((flags & O_DIRECTORY) && (!file->inode || file->inode->type != INODE_DIRECTORY)) {
        file_put(file);
        return -ENOTDIR;
    }
    int fd = descriptor_install(current_task->process, file);
    if (fd < 0)
        file_put(file);
    else if (flags & O_CLOEXEC)
        descriptor_set_close_on_exec(current_task->process, fd, 1);
    return fd;
}

int sys_lseek(int fd, int offset, int whence)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->inode || file->inode->type == INODE_FIFO || file->inode->type == INODE_DEVICE)
        return -ESPIPE;
    long long base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = file->offset; break;
    case SEEK_END: base = file->inode->size; break;
    default: return -EINVAL;
    }
    long long position = base + offset;
    if (position < 0 || position > FILE_SIZE_MAX)
        return -EINVAL;
    file->offset = (uint32_t)position;
    return (int)position;
}

int sys_stat(const char *user_path, struct stat *user_stat)
{
    char path[PATH_MAX_LENGTH];
    struct inode *inode;
    int status = copy_path(path, user_path);
    if (status == 0)
        status = vfs_lookup(path, &inode);
    if (status < 0)
        return status;
    struct stat st;
    memset(&st, 0, sizeof st);
    inode_fill_stat(inode, &st);
    return copy_to_user(user_stat, &st, sizeof st);
}

int sys_fstat(int fd, struct stat *user_stat)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    struct stat st;
    memset(&st, 0, sizeof st);
    if (file->inode)
        inode_fill_stat(file->inode, &st);
    if (file->operations->stat)
        file->operations->stat(file, &st);   /* pipes and terminals say more */
    return copy_to_user(user_stat, &st, sizeof st);
}

int sys_ftruncate(int fd, int length)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->inode || file->inode->type != INODE_REGULAR || (file->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    if (length < 0)
        return -EINVAL;
    return file_content_truncate(file->inode, (uint32_t)length);
}

int sys_mkdir(const char *user_path, uint32_t mode)
{
    char path[PATH_MAX_LENGTH];
    int status = copy_path(path, user_path);
    return status < 0 ? status : vfs_create(path, INODE_DIRECTORY, mode, 0);
}

int sys_mknod(const char *user_path, uint32_t mode, uint32_t device)
{
    (void)device;
    char path[PATH_MAX_LENGTH];
    int status = copy_path(path, user_path);
    if (status < 0)
        return status;
    switch (mode & S_IFMT) {
    case S_IFIFO:
        return vfs_create(path, INODE_FIFO, mode, 0);
    case S_IFSOCK:                     /* a name with no socket: connect() is refused */
        return vfs_create(path, INODE_SOCKET, mode, 0);
    case S_IFREG:
    case 0:
        return vfs_create(path, INODE_REGULAR, mode, 0);
    default:
        return -EPERM;                 /* devices are the kernel's to make */
    }
}

int sys_unlink(const char *user_path)
{
    char path[PATH_MAX_LENGTH], name[NAME_MAX_LENGTH + 1];
    struct inode *directory;
    int status = copy_path(path, user_path);
    if (status == 0)
        status = vfs_lookup_parent(path, &directory, name);
    if (status < 0)
        return status == -EEXIST ? -EISDIR : status;
    struct inode *inode = directory_find(directory, name);
    if (!inode)
        return -ENOENT;
    if (inode->type == INODE_DIRECTORY)
        return -EISDIR;
    if (path_has_trailing_slash(path))
        return -ENOTDIR;
    int refused = vfs_may_remove(directory, inode);   /* EACCES, EPERM */
    return refused < 0 ? refused : directory_remove(directory, name);
}

int sys_rmdir(const char *user_path)
{
    char path[PATH_MAX_LENGTH], name[NAME_MAX_LENGTH + 1];
    struct inode *directory;
    int status = copy_path(path, user_path);
    if (status == 0)
        status = vfs_lookup_parent(path, &directory, name);
    if (status < 0)
        return status == -EEXIST ? -EBUSY : status;
    struct inode *inode = directory_find(directory, name);
    if (!inode)
        return -ENOENT;
    if (inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    if (inode->entry_count)
        return -ENOTEMPTY;
    int refused = vfs_may_remove(directory, inode);   /* EACCES, EPERM */
    return refused < 0 ? refused : directory_remove(directory, name);
}

/* Is `inode` the directory `ancestor` or somewhere below it? */
static int is_within(struct inode *inode, struct inode *ancestor)
{
    for (;;) {
        if (inode == ancestor)
            return 1;
        if (inode == vfs_root())
            return 0;
        inode = inode->parent;
    }
}

int sys_rename(const char *user_old, const char *user_new)
{
    char old_path[PATH_MAX_LENGTH], new_path[PATH_MAX_LENGTH];
    char old_name[NAME_MAX_LENGTH + 1], new_name[NAME_MAX_LENGTH + 1];
    struct inode *old_directory, *new_directory;
    int status = copy_path(old_path, user_old);
    if (status == 0)
        status = copy_path(new_path, user_new);
    if (status == 0)
        status = vfs_lookup_parent(old_path, &old_directory, old_name);
    if (status == 0)
        status = vfs_lookup_parent(new_path, &new_directory, new_name);
    if (status < 0)
        return status == -EEXIST ? -EBUSY : status;
    struct inode *moving = directory_find(old_directory, old_name);
    if (!moving)
        return -ENOENT;
    struct inode *replaced = directory_find(new_directory, new_name);
    if (replaced == moving)
        return 0;
    if (moving->type == INODE_DIRECTORY && is_within(new_directory, moving))
        return -EINVAL;                /* into its own subtree */
    /* EACCES, EPERM: the old name is removed, the new one written */
    if ((status = vfs_may_remove(old_directory, moving)) < 0 ||
        (status = replaced ? vfs_may_remove(new_directory, replaced)
                           : inode_permission(new_directory, MAY_WRITE | MAY_EXECUTE)) < 0)
        return status;
    if (replaced) {
        if (replaced->type == INODE_DIRECTORY && moving->type != INODE_DIRECTORY)
            return -EISDIR;
        if (replaced->type != INODE_DIRECTORY && moving->type == INODE_DIRECTORY)
            return -ENOTDIR;
        if (replaced->type == INODE_DIRECTORY && replaced->entry_count)
            return -ENOTEMPTY;
    }
    /* Hold the node with an extra link while its name moves, so that
     * removing the old entry cannot free it. */
    moving->links++;
    if (replaced)
        directory_remove(new_directory, new_name);
    directory_remove(old_directory, old_name);
    status = directory_add(new_directory, new_name, moving);
    moving->links--;
    if (status < 0)
        inode_release_if_unused(moving);   /* out of memory: the name is lost, as a crash would */
    return status;
}

int sys_chdir(const char *user_path)
{
    char path[PATH_MAX_LENGTH];
    struct inode *inode;
    int status = copy_path(path, user_path);
    if (status == 0)
        status = vfs_lookup(path, &inode);
    if (status < 0)
        return status;
    if (inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    struct process *process = current_task->process;
    inode->open_count++;
    process->cwd->open_count--;
    inode_release_if_unused(process->cwd);
    process->cwd = inode;
    return 0;
}

int sys_getcwd(char *user_buffer, uint32_t size)
{
    struct inode *cwd = current_task->process->cwd;
    char path[PATH_MAX_LENGTH];
    if (size == 0)
        return -EINVAL;
    if (cwd->links == 0)
        return -ENOENT;                /* removed: it has no path any more */
    int length = vfs_path_of(cwd, path, sizeof path);
    if (length < 0)
        return -ENAMETOOLONG;
    if ((uint32_t)length + 1 > size)
        return -ERANGE;
    if (copy_to_user(user_buffer, path, (uint32_t)length + 1) < 0)
        return -EFAULT;
    return length + 1;
}

/* Fills the buffer with struct kernel_dirent records for the directory's
 * entries from the file's offset on. The offset is an entry's serial
 * number, not its index, so entries removed meanwhile make none be skipped. */
int sys_getdents(int fd, void *user_buffer, uint32_t size)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->inode || file->inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    struct directory_entry *entry = file->inode->entries;
    while (entry && entry->serial < file->offset)
        entry = entry->next;
    static const uint8_t dirent_types[] = {
        [INODE_REGULAR] = DT_REG, [INODE_DIRECTORY] = DT_DIR,
        [INODE_FIFO] = DT_FIFO, [INODE_DEVICE] = DT_CHR, [INODE_SOCKET] = DT_SOCK,
    };
    uint32_t used = 0;
    for (; entry; entry = entry->next) {
        uint32_t name_length = strlen(entry->name);
        uint32_t record = (8 + name_length + 1 + 3) & ~3u;   /* header + name + NUL, aligned */
        if (used + record > size)
            break;
        uint8_t buffer[8 + NAME_MAX_LENGTH + 4];
        struct kernel_dirent *dirent = (struct kernel_dirent *)buffer;
        memset(buffer, 0, record);
        dirent->d_ino = entry->inode->number;
        dirent->d_reclen = (unsigned short)record;
        dirent->d_type = dirent_types[entry->inode->type];
        memcpy(dirent->d_name, entry->name, name_length + 1);
        if (copy_to_user((uint8_t *)user_buffer + used, buffer, record) < 0)
            return -EFAULT;
        used += record;
        file->offset = entry->serial + 1;
    }
    if (used == 0 && entry)
        return -EINVAL;                /* the buffer cannot hold even one entry */
    return (int)used;
}
