/* kernel/ipc/pipe_without_big_lock.c - read(2) and write(2) of a pipe on
 * several CPUs without the big kernel lock: under the pipe's own lock
 * (pipe.h), so that two pairs of processes, each with its own pipe, run
 * their system calls at once on two CPUs (docs/smp.md, "A pipe without
 * the big lock").
 *
 * The rules are pipe.c's and pipe_write.c's; this is the same read and
 * write for the usual case, and readv and writev's (one copy from or to
 * all their buffers), and for every other case the call takes the big
 * lock and goes their way (TRANSFER_NEEDS_BIG_LOCK: fs/file.c):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   bytes to read, or room to write       a call with the big lock uses the pipe
 *   nobody polls either queue             poll, select or epoll watch it
 *   a write of at most PIPE_BUF bytes     a bigger one (it may be split)
 *     that fits the ring as it is           or one that must grow the ring
 *   a reader left                         none: SIGPIPE and EPIPE
 *   no signal or other work pending       a signal to take (it ends the wait)
 *   the user pages present and writable   a fault: the copy fails at once, and
 *                                           the big lock's way copies again
 *                                           (kernel/mm/page_fault.c)
 *
 * Waiting is on the same queues (wait_queue_sleep_giving gives the
 * pipe's lock up once this task is asleep, and takes it back), so a
 * waiter is woken by a call of either kind. A waiter woken here runs on
 * its own CPU: the wake-up takes that CPU's run-queue lock, not the big
 * lock (kernel/sched/run_queue_lock.h). Context of both: a system call
 * without the big kernel lock, interrupts off, the file held: by its
 * descriptor in a process of one thread, by a reference in a process of
 * several, whose other threads may close it meanwhile (fs/file_without_
 * big_lock.c).
 *
 * Below them, the table a pipe end gets once several CPUs run tasks:
 * these two first, and pipe.c's operations, each counted in
 * big_lock_users while it runs (pipe.h). */
#include "pipe.h"

#include "fs/file.h"
#include "fs/user_vector.h"
#include "ipc/ipc_list.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* Nobody polls `pipe`, and no call with the big lock uses it: the calls
 * here may go on. Context: the pipe's lock held. */
static inline int pipe_is_ours(const struct pipe *pipe)
{
    return !pipe->big_lock_users && !pipe->readable.watches && !pipe->writable.watches;
}

/* read's and readv's transfer: into `user_buffer`, or when `vector` is
 * not NULL into its buffers, up to `size` bytes. Always inlined, each
 * caller passing a constant NULL for the way it does not use, as
 * pipe_write.c's loop. (readv with the big lock reads buffer after
 * buffer while the next would not wait: here the bytes there are, at
 * most `size`, in one copy, which is what that comes to.) */
static inline __attribute__((always_inline)) int
pipe_read_bytes_without_big_lock(struct file *file, void *user_buffer, const struct user_vector *vector, uint32_t size)
{
    struct pipe *pipe = file->object;
    int result = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&pipe->lock);
    while (pipe_is_ours(pipe)) {
        uint32_t count = pipe->ring.count;
        if (count) {
            uint32_t taken = size < count ? size : count;
            if ((vector ? byte_ring_read_to_vector(&pipe->ring, vector, 0, taken, 0)
                        : byte_ring_read_to_user(&pipe->ring, user_buffer, taken, 0)) < 0)
                break;                                 /* a fault: the big lock's way */
            wait_queue_wake_all(&pipe->writable);      /* room for the writers */
            result = (int)taken;
            break;
        }
        if (pipe->writers == 0) {
            result = 0;                                /* end of file */
            break;
        }
        if (file->flags & O_NONBLOCK) {
            result = -EAGAIN;
            break;
        }
        wait_queue_say_object(pipe, pipe_describe);
        if (wait_queue_sleep_giving(&pipe->readable, "pipe read") != WAKE_NORMAL)
            break;                                     /* a signal: the big lock's way */
    }
    spinlock_give(&pipe->lock);
    return result;
}

/* write's and writev's transfer, the same way: `size` bytes from
 * `user_buffer` or from the buffers of `vector`, at most PIPE_BUF of
 * them, as one write. */
static inline __attribute__((always_inline)) int
pipe_write_bytes_without_big_lock(struct file *file, const void *user_buffer, const struct user_vector *vector,
                                  uint32_t size)
{
    struct pipe *pipe = file->object;
    if (size > PIPE_ATOMIC_MAX)
        return TRANSFER_NEEDS_BIG_LOCK;                /* it may be split: pipe_write.c */
    int result = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&pipe->lock);
    while (pipe_is_ours(pipe) && pipe->readers) {      /* no reader: SIGPIPE, the big lock's */
        if (pipe_room(pipe) >= size) {
            if (byte_ring_room(&pipe->ring) < size)
                break;                                 /* the ring must grow: the heap's */
            if ((vector ? byte_ring_write_from_vector(&pipe->ring, vector, 0, size)
                        : byte_ring_write_from_user(&pipe->ring, user_buffer, size)) < 0)
                break;                                 /* a fault */
            wait_queue_wake_all(&pipe->readable);      /* bytes for the readers */
            result = (int)size;
            break;
        }
        if (file->flags & O_NONBLOCK) {
            result = -EAGAIN;
            break;
        }
        wait_queue_say_object(pipe, pipe_describe);
        if (wait_queue_sleep_giving(&pipe->writable, "pipe write") != WAKE_NORMAL)
            break;
    }
    spinlock_give(&pipe->lock);
    return result;
}

static int pipe_read_without_big_lock(struct file *file, void *user_buffer, uint32_t size)
{
    return pipe_read_bytes_without_big_lock(file, user_buffer, 0, size);
}

static int pipe_write_without_big_lock(struct file *file, const void *user_buffer, uint32_t size)
{
    return pipe_write_bytes_without_big_lock(file, user_buffer, 0, size);
}

static int pipe_read_vector_without_big_lock(struct file *file, const struct user_vector *data)
{
    return pipe_read_bytes_without_big_lock(file, 0, data, data->total);
}

static int pipe_write_vector_without_big_lock(struct file *file, const struct user_vector *data)
{
    return pipe_write_bytes_without_big_lock(file, 0, data, data->total);
}

/* Each call that uses a pipe with the big kernel lock keeps the calls
 * without it off the pipe meanwhile (pipe.h, big_lock_users): pipe.c's
 * operations, counted. */
static int pipe_read_with_big_lock(struct file *file, void *user_buffer, uint32_t size)
{
    pipe_begin_big_lock_use(file->object);
    int result = pipe_read(file, user_buffer, size);
    pipe_end_big_lock_use(file->object);
    return result;
}

static int pipe_write_with_big_lock(struct file *file, const void *user_buffer, uint32_t size)
{
    pipe_begin_big_lock_use(file->object);
    int result = pipe_write(file, user_buffer, size);
    pipe_end_big_lock_use(file->object);
    return result;
}

static int pipe_write_vector_with_big_lock(struct file *file, const struct user_vector *data)
{
    pipe_begin_big_lock_use(file->object);
    int result = pipe_write_vector(file, data);
    pipe_end_big_lock_use(file->object);
    return result;
}

/* (Its watches go in while no call without the big lock runs.) */
static unsigned pipe_poll_with_big_lock(struct file *file, struct poll_table *table)
{
    pipe_begin_big_lock_use(file->object);
    unsigned events = pipe_poll(file, table);
    pipe_end_big_lock_use(file->object);
    return events;
}

/* A pipe end's operations once several CPUs run tasks (pipe.h). One CPU
 * keeps pipe.c's table, and pays nothing. */
const struct file_operations pipe_operations_on_several_cpus = {
    .read = pipe_read_with_big_lock,
    .write = pipe_write_with_big_lock,
    .read_without_big_lock = pipe_read_without_big_lock,
    .write_without_big_lock = pipe_write_without_big_lock,
    .read_vector_without_big_lock = pipe_read_vector_without_big_lock,
    .write_vector_without_big_lock = pipe_write_vector_without_big_lock,
    .write_vector = pipe_write_vector_with_big_lock,
    .ioctl = pipe_ioctl,            /* it counts itself, as pipe_fcntl_size */
    .stat = pipe_stat,
    .fd_name = pipe_fd_name,
    .poll = pipe_poll_with_big_lock,
    .release = pipe_release,        /* it counts itself: it may free the pipe */
};
