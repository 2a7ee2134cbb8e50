/* kernel/fs/file_without_big_lock.c - read(2) and write(2), readv(2)
 * and writev(2) on several CPUs: they begin without the big kernel lock
 * (docs/smp.md, "A pipe without the big lock").
 *
 * int 0x80 takes the big kernel lock for every call but those marked in
 * syscall_without_big_lock (arch/x86/trap_entry.asm). read and write
 * are marked, and their rows in the table are the two functions below:
 * a file whose kind has read_without_big_lock / write_without_big_lock
 * (fs/file.h; a pipe's: ipc/pipe_without_big_lock.c) is read or written
 * under its own lock alone. The descriptor is looked up without a lock
 * in a process of one thread, whose descriptors nobody else changes
 * (fs/file_hold.h says the same of holding them); in a process of
 * several, under the process's descriptors lock, and the file is held by
 * a reference until the call ends (docs/smp.md, "Threads without
 * the big lock"); both are cancellation points in a program of threads, and
 * come here as such too. Everything else, and every case the file's kind
 * leaves (TRANSFER_NEEDS_BIG_LOCK), takes the big lock and goes the usual
 * way with the file the try holds: file_read and file_write, sys_read's
 * and sys_write's work after the lookup, with their checks and errors
 * (fs/file.c), so that a read whose wait a signal ended stays on its own
 * file even if another thread closed the descriptor meanwhile
 * (descriptor_try_done_without_big_lock). A descriptor with no file
 * behind it is EBADF here, as there. With the
 * trace on (kernel/trace.h), every call goes that way, so that the trace
 * has its lines. */
#include "file_without_big_lock.h"

#include "arch/x86/cache_line.h"
#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "file.h"
#include "file_hold.h"
#include "user_vector.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/syscall.h"

READ_MOSTLY uint8_t syscall_without_big_lock[SYSCALL_COUNT];
_Static_assert(AS_CANCEL_POINT == 2, "AS_CANCEL_POINT in arch/x86/trap_entry.asm");

/* The file behind `fd` if read or write (`writing`) of `size` bytes at
 * `buffer` may go without the big lock: the calls' own checks passed.
 * NULL otherwise, and *answer says what then: -EBADF if no file is open
 * at `fd` (sys_read's and sys_write's first check, which needs nothing
 * the big lock guards), else TRANSFER_NEEDS_BIG_LOCK. Whatever was found
 * is held in *held (HELD_NOTHING before: descriptor_hold_without_big_lock)
 * until the call lets it go. */
static inline struct file *file_without_big_lock(int fd, int writing, const void *buffer, uint32_t size,
                                                 int *answer, struct held_file *held)
{
    *answer = TRANSFER_NEEDS_BIG_LOCK;
    if (trace_on)
        return 0;
    struct file *file = descriptor_hold_without_big_lock(fd, held);
    if (!file)
        *answer = -EBADF;
    if (!file || (file->flags & O_ACCMODE) == (writing ? O_RDONLY : O_WRONLY) || (int)size <= 0 ||
        !user_range_ok(buffer, size))
        return 0;
    return file;
}

/* read's row in the table. Context: a system call, with the big lock
 * or without it (a cancellation point calls it with: syscall_run). */
static int read_without_big_lock(int fd, void *buffer, uint32_t size)
{
    if (running_without_big_lock()) {
        int result;
        struct held_file held = HELD_NOTHING;
        struct file *file = file_without_big_lock(fd, 0, buffer, size, &result, &held);
        if (file && file->operations->read_without_big_lock)
            result = file->operations->read_without_big_lock(file, buffer, size);
        if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
            return result;
        return descriptor_unhold(&held, file_read(descriptor_file_for_big_lock(&held, fd), buffer, size));
    }
    return sys_read(fd, buffer, size);
}

/* write's row in the table; the same. */
static int write_without_big_lock(int fd, const void *buffer, uint32_t size)
{
    if (running_without_big_lock()) {
        int result;
        struct held_file held = HELD_NOTHING;
        struct file *file = file_without_big_lock(fd, 1, buffer, size, &result, &held);
        if (file && file->operations->write_without_big_lock)
            result = file->operations->write_without_big_lock(file, buffer, size);
        if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
            return result;
        return descriptor_unhold(&held, file_write(descriptor_file_for_big_lock(&held, fd), buffer, size));
    }
    return sys_write(fd, buffer, size);
}

/* readv's and writev's rows (`writing`): a file whose kind moves a
 * vector without the big lock (a pipe's), its buffers' array copied in
 * and checked as with the big lock (user_vector_fetch, on the heap for
 * more than USER_VECTOR_INLINE of them). Every other case, an error of
 * the array's included, goes the usual way, which says it again:
 * file_readv and file_writev (fs/vector_io.c), on the file held. */
static int vector_without_big_lock(int fd, int writing, const struct iovec *user_segments, int count)
{
    if (running_without_big_lock()) {
        int result = TRANSFER_NEEDS_BIG_LOCK;
        struct held_file held = HELD_NOTHING;
        struct file *file = 0;                     /* the trace on: its lines are the usual way's */
        if (!trace_on && !(file = descriptor_hold_without_big_lock(fd, &held))) {
            result = -EBADF;
        } else if (file && (file->flags & O_ACCMODE) != (writing ? O_RDONLY : O_WRONLY) &&
                   (writing ? file->operations->write_vector_without_big_lock
                            : file->operations->read_vector_without_big_lock)) {
            struct user_vector data;
            if (user_vector_fetch(&data, user_segments, count) == 0) {
                if (data.total)
                    result = writing ? file->operations->write_vector_without_big_lock(file, &data)
                                     : file->operations->read_vector_without_big_lock(file, &data);
                user_vector_release(&data);
            }
        }
        if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
            return result;
        struct file *own = descriptor_file_for_big_lock(&held, fd);
        return descriptor_unhold(&held, writing ? file_writev(own, user_segments, count)
                                                : file_readv(own, user_segments, count));
    }
    return writing ? sys_writev(fd, user_segments, count) : sys_readv(fd, user_segments, count);
}

static int readv_without_big_lock(int fd, const struct iovec *user_segments, int count)
{
    return vector_without_big_lock(fd, 0, user_segments, count);
}

static int writev_without_big_lock(int fd, const struct iovec *user_segments, int count)
{
    return vector_without_big_lock(fd, 1, user_segments, count);
}

void file_calls_without_big_lock_start(void)
{
    /* a program of threads makes both as cancellation points (the C
     * library), and its reads and writes go without the big lock too */
    syscall_replace_without_big_lock_as_cancel_point(SYS_read, read_without_big_lock);
    syscall_replace_without_big_lock_as_cancel_point(SYS_write, write_without_big_lock);
    syscall_replace_without_big_lock_as_cancel_point(SYS_readv, readv_without_big_lock);
    syscall_replace_without_big_lock_as_cancel_point(SYS_writev, writev_without_big_lock);
}
