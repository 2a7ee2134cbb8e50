/* kernel/fs/file.c - open files and the system calls every kind of
 * descriptor shares: read, write, pread, pwrite, close, dup, dup2,
 * fcntl, ioctl. (readv and writev: vector_io.c.) */
#include "file.h"
#include "file_hold.h"

#include "ipc/pipe.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "multiplexing_for_core.h"
#include "file_locks_for_core.h"
#include "proc/limits.h"          /* and proc/process.h */
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/termios.h"          /* FIONBIO, FIOASYNC, FIOCLEX, FIONCLEX */

static unsigned open_file_count;

/* Keeps files_end above every descriptor in use: a table of 256 is
 * looked through only as far as a process ever used it. */
static void note_in_use(struct process *process, int fd)
{
    if ((unsigned)fd >= process->files_end)
        process->files_end = (unsigned)fd + 1;
}

struct file *file_create(const struct file_operations *operations, void *object, uint32_t flags)
{
    struct file *file = kzalloc(sizeof *file);
    if (!file)
        return 0;
    file->references = 1;
    file->operations = operations;
    file->object = object;
    file->flags = flags;
    open_file_count++;
    return file;
}

void file_get(struct file *file)
{
    __atomic_add_fetch(&file->references, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *file)
{
    if (__atomic_sub_fetch(&file->references, 1, __ATOMIC_ACQ_REL))
        return;
    if (file->epoll_entries)
        epoll_forget_file(file);      /* out of every set, while its queues exist */
    if (file->async)
        file_async_forget(file);      /* its signals end, while its queues exist */
    file_locks_file_gone(file);       /* its flock(2) and F_OFD_SETLK locks go with the open file */
    if (file->operations->release)
        file->operations->release(file);
    open_file_count--;
    kfree(file);
}

unsigned file_count(void)
{
    return open_file_count;
}

static const struct lock_class descriptors_lock_class = { "descriptors", 0 };

void descriptor_table_start(struct process *process)
{
    spinlock_init(&process->descriptors_lock, "descriptors", &descriptors_lock_class);
}

void descriptor_set(struct process *process, int fd, struct file *file)
{
    spinlock_take_on_several_cpus(&process->descriptors_lock);
    process->files[fd] = file;
    spinlock_give_on_several_cpus(&process->descriptors_lock);
}

int descriptor_install(struct process *process, struct file *file)
{
    for (int fd = 0; fd < limits_descriptors(process); fd++) {
        if (!process->files[fd]) {
            descriptor_set(process, fd, file);
            descriptor_set_close_on_exec(process, fd, 0);
            note_in_use(process, fd);
            return fd;
        }
    }
    return -EMFILE;
}

#define BITS_PER_WORD 32

int descriptor_close_on_exec(const struct process *process, int fd)
{
    return (process->close_on_exec[fd / BITS_PER_WORD] >> (fd % BITS_PER_WORD)) & 1;
}

void descriptor_set_close_on_exec(struct process *process, int fd, int close_on_exec)
{
    uint32_t bit = 1u << (fd % BITS_PER_WORD);
    if (close_on_exec)
        process->close_on_exec[fd / BITS_PER_WORD] |= bit;
    else
        process->close_on_exec[fd / BITS_PER_WORD] &= ~bit;
}

struct file *descriptor_lookup(int fd)
{
    if ((unsigned)fd >= MAX_OPEN_FILES)
        return 0;
    return current_task->process->files[fd];
}

void descriptor_close_all(struct process *process)
{
    for (unsigned fd = 0; fd < process->files_end; fd++) {
        if (process->files[fd]) {
            struct file *file = process->files[fd];
            descriptor_set(process, fd, 0);
            file_close(file, process);
        }
    }
    process->files_end = 0;
}

void descriptor_copy_table(struct process *child, const struct process *parent)
{
    /* the child's table is empty (process_allocate): copy the part in use */
    for (unsigned fd = 0; fd < parent->files_end; fd++) {
        child->files[fd] = parent->files[fd];
        if (child->files[fd])
            file_get(child->files[fd]);
    }
    child->files_end = parent->files_end;
    memcpy(child->close_on_exec, parent->close_on_exec, sizeof child->close_on_exec);
}

/* What read, write, pread and pwrite ask of the file (transfer_hold). */
enum transfer {
    TRANSFER_READ,              /* read: a read operation, open for reading */
    TRANSFER_WRITE,             /* write: a write operation, open for writing */
    TRANSFER_READ_AT,           /* pread: read_at, open for reading */
    TRANSFER_WRITE_AT,          /* pwrite: write_at, open for writing */
};

/* Holds `file`, the one behind the call's descriptor (NULL: none), for
 * `transfer` (fs/file_hold.h) once the checks the four calls share
 * pass, in Linux's order: the offset (pread's and pwrite's; read and
 * write pass 0), negative: EINVAL; the descriptor (EBADF); the operation the call needs, else `unable` (EBADF
 * for read and write; ESPIPE for pread and pwrite: a pipe, socket or
 * terminal has no positions); the direction the file is open for
 * (EBADF); the size (EINVAL); the buffer (EFAULT, before any waiting, as
 * Linux's access_ok). 0, or the error with nothing held. Inline: read
 * and write are the hot paths of pipes and sockets. */
static inline __attribute__((always_inline)) int transfer_hold(struct file *file, enum transfer transfer, int unable,
                                                               int offset, const void *user_buffer, uint32_t size,
                                                               struct held_file *held)
{
    if (offset < 0)
        return -EINVAL;
    if (!file)
        return -EBADF;
    const struct file_operations *operations = file->operations;
    int writing = transfer == TRANSFER_WRITE || transfer == TRANSFER_WRITE_AT;
    int able = transfer == TRANSFER_READ    ? operations->read != 0
             : transfer == TRANSFER_WRITE   ? operations->write != 0
             : transfer == TRANSFER_READ_AT ? operations->read_at != 0
                                            : operations->write_at != 0;
    if (!able)
        return unable;
    if ((file->flags & O_ACCMODE) == (writing ? O_RDONLY : O_WRONLY))
        return -EBADF;
    if ((int)size < 0)
        return -EINVAL;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    file_hold(held, file);
    return 0;
}

static inline __attribute__((always_inline)) int read_file(struct file *file, void *buffer, uint32_t size)
{
    struct held_file held;
    int status = transfer_hold(file, TRANSFER_READ, -EBADF, 0, buffer, size, &held);
    return status < 0 ? status : descriptor_unhold(&held, held.file->operations->read(held.file, buffer, size));
}

static inline __attribute__((always_inline)) int write_file(struct file *file, const void *buffer, uint32_t size)
{
    struct held_file held;
    int status = transfer_hold(file, TRANSFER_WRITE, -EBADF, 0, buffer, size, &held);
    return status < 0 ? status : descriptor_unhold(&held, held.file->operations->write(held.file, buffer, size));
}

int sys_read(int fd, void *buffer, uint32_t size)
{
    return read_file(descriptor_lookup(fd), buffer, size);
}

int sys_write(int fd, const void *buffer, uint32_t size)
{
    return write_file(descriptor_lookup(fd), buffer, size);
}

int file_read(struct file *file, void *buffer, uint32_t size)
{
    return read_file(file, buffer, size);
}

int file_write(struct file *file, const void *buffer, uint32_t size)
{
    return write_file(file, buffer, size);
}

/* pread and pwrite move the bytes at `offset` (not negative: checked
 * first); the file's own offset does not move (read_at, write_at). */
int sys_pread(int fd, void *buffer, uint32_t size, int offset)
{
    struct held_file held;
    int status = transfer_hold(descriptor_lookup(fd), TRANSFER_READ_AT, -ESPIPE, offset, buffer, size, &held);
    return status < 0 ? status
                      : descriptor_unhold(&held, held.file->operations->read_at(held.file, buffer, size, offset));
}

int sys_pwrite(int fd, const void *buffer, uint32_t size, int offset)
{
    struct held_file held;
    int status = transfer_hold(descriptor_lookup(fd), TRANSFER_WRITE_AT, -ESPIPE, offset, buffer, size, &held);
    return status < 0 ? status
                      : descriptor_unhold(&held, held.file->operations->write_at(held.file, buffer, size, offset));
}

int sys_close(int fd)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    descriptor_set(current_task->process, fd, 0);
    file_close(file, current_task->process);
    return 0;
}

void descriptor_uninstall(struct process *process, int fd, struct file *file)
{
    if (process->files[fd] != file)
        return;                              /* closed meanwhile */
    descriptor_set(process, fd, 0);
    file_put(file);
}

/* Installs `file` at the lowest free descriptor >= `lowest`, with the
 * close-on-exec flag given. */
static int duplicate_from(struct file *file, int lowest, int close_on_exec)
{
    struct process *process = current_task->process;
    for (int fd = lowest; fd < limits_descriptors(process); fd++) {
        if (!process->files[fd]) {
            file_get(file);
            descriptor_set(process, fd, file);
            descriptor_set_close_on_exec(process, fd, close_on_exec);
            note_in_use(process, fd);
            return fd;
        }
    }
    return -EMFILE;
}

int sys_dup(int fd)
{
    struct file *file = descriptor_lookup(fd);
    return file ? duplicate_from(file, 0, 0) : -EBADF;
}

/* dup2 and dup3: `file` at `new_fd`, closing what was there. */
static int duplicate_to(struct file *file, int new_fd, int close_on_exec)
{
    struct process *process = current_task->process;
    struct file *previous = process->files[new_fd];
    file_get(file);
    descriptor_set(process, new_fd, file);
    note_in_use(process, new_fd);
    descriptor_set_close_on_exec(process, new_fd, close_on_exec);
    if (previous)
        file_close(previous, process);
    return new_fd;
}

int sys_dup2(int old_fd, int new_fd)
{
    struct file *file = descriptor_lookup(old_fd);
    if (!file || new_fd < 0 || new_fd >= limits_descriptors(current_task->process))
        return -EBADF;
    if (old_fd == new_fd)
        return new_fd;
    return duplicate_to(file, new_fd, 0);
}

int sys_dup3(int old_fd, int new_fd, int flags)
{
    if (flags & ~O_CLOEXEC)
        return -EINVAL;
    if (old_fd == new_fd)
        return -EINVAL;               /* unlike dup2: Linux, and POSIX 2024 */
    if (new_fd < 0 || new_fd >= limits_descriptors(current_task->process))
        return -EBADF;
    struct file *file = descriptor_lookup(old_fd);
    if (!file)
        return -EBADF;
    return duplicate_to(file, new_fd, (flags & O_CLOEXEC) != 0);
}

#define FCNTL_SETTABLE_FLAGS (O_APPEND | O_NONBLOCK | O_ASYNC)

/* fcntl's F_SETFL on `file`, descriptor `fd`: O_APPEND, O_NONBLOCK and
 * O_ASYNC from `flags`, the others kept. O_ASYNC on a file that never
 * signals is not kept (0, as Linux's F_SETFL); -ENOMEM, or -EINVAL in a
 * profile without signal-driven I/O. */
static int set_status_flags(struct file *file, int fd, uint32_t flags)
{
    if ((flags ^ file->flags) & O_ASYNC) {
        int switched = file_async_switch(file, fd, (flags & O_ASYNC) != 0);
        if (switched < 0)
            return switched;
        if (!switched)
            flags &= ~O_ASYNC;        /* off, or a file that never signals */
    }
    file->flags = (file->flags & ~FCNTL_SETTABLE_FLAGS) | (flags & FCNTL_SETTABLE_FLAGS);
    return 0;
}

int sys_fcntl(int fd, int command, uint32_t argument)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    struct process *process = current_task->process;
    switch (command) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (argument >= (uint32_t)limits_descriptors(process))
            return -EINVAL;
        return duplicate_from(file, (int)argument, command == F_DUPFD_CLOEXEC);
    case F_GETFD:
        return descriptor_close_on_exec(process, fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
        descriptor_set_close_on_exec(process, fd, (argument & FD_CLOEXEC) != 0);
        return 0;
    case F_GETFL:
        return (int)file->flags;
    case F_SETFL:
        return set_status_flags(file, fd, argument);
    case F_SETOWN:
    case F_GETOWN:
    case F_SETSIG:
    case F_GETSIG:
    case F_SETOWN_EX:
    case F_GETOWN_EX:
        return file_async_fcntl(file, command, argument);
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
        return pipe_fcntl_size(file, command, argument);
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        return record_lock_fcntl(fd, command, (void *)argument);
    default:
        return -EINVAL;
    }
}

/* The requests every file takes, answered here before the file's own, as
 * Linux's do_vfs_ioctl does: the flags F_SETFL and F_SETFD set, from an
 * int for FIONBIO and FIOASYNC. FIOASYNC on a file that never signals is
 * ENOTTY (Linux: a file without fasync), where F_SETFL says 0. */
static int ioctl_of_every_file(struct file *file, int fd, uint32_t request, uint32_t argument)
{
    if (request == FIOCLEX || request == FIONCLEX) {
        descriptor_set_close_on_exec(current_task->process, fd, request == FIOCLEX);
        return 0;
    }
    int on;
    if (copy_from_user(&on, (const void *)argument, sizeof on) < 0)
        return -EFAULT;
    uint32_t flag = request == FIONBIO ? O_NONBLOCK : O_ASYNC;
    int status = set_status_flags(file, fd, on ? file->flags | flag : file->flags & ~flag);
    if (status == 0 && on && !(file->flags & flag))
        return -ENOTTY;
    return status;
}

int sys_ioctl(int fd, uint32_t request, uint32_t argument)
{
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (request == FIONBIO || request == FIOASYNC || request == FIOCLEX || request == FIONCLEX)
        return ioctl_of_every_file(file, fd, request, argument);
    if (!file->operations->ioctl)
        return -ENOTTY;
    return file->operations->ioctl(file, request, argument);
}

int descriptor_room(const struct process *process)
{
    for (int fd = 0; fd < limits_descriptors(process); fd++)
        if (!process->files[fd])
            return 1;
    return 0;
}

void file_close(struct file *file, struct process *process)
{
    const struct file_operations *operations = file->operations;
    if (operations->flush)
        operations->flush(file, process);
    record_locks_release(file, process);   /* POSIX: any descriptor's close lets them go */
    file_put(file);
    if (operations->closed)
        operations->closed();
}

int descriptor_install_new(struct file *file, int close_on_exec)
{
    struct process *process = current_task->process;
    int fd = descriptor_install(process, file);
    if (fd < 0)
        file_put(file);                /* its release undoes what made it */
    else if (close_on_exec)
        descriptor_set_close_on_exec(process, fd, 1);
    return fd;
}
