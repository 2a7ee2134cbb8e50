/* kernel/ipc/pipe.c - pipes and FIFOs: a ring buffer between writers and
 * readers, with one wait queue for each side.
 *
 *             write()                                  read()
 *   writers ---------> [ byte_ring.h: count bytes from start ] ---------> readers
 *      ^  sleep on `writable`                          sleep on `readable` |
 *      |   while the ring is full                      while it is empty   |
 *      +---- woken by every read -----+    +---- woken by every write -----+
 *
 * Rules (POSIX): a read of an empty pipe waits, or returns 0 once no writer
 * is left; a write with no reader fails with EPIPE; a write of at most
 * PIPE_ATOMIC_MAX bytes goes in whole or waits for room, so writers never
 * interleave inside it; O_NONBLOCK turns every wait into EAGAIN. All of it
 * runs with interrupts off (system calls do), so checks and sleeps cannot
 * miss a wake-up. The writes, write(2) and writev(2) in one loop, are in
 * pipe_write.c; the ring is lib/byte_ring.h. */
#include "pipe.h"

#include "fs/file.h"
#include "fs/inode.h"
#include "fs/multiplexing_for_core.h"
#include "ipc/ipc_list.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/stat.h"
#include "uapi/termios.h"           /* FIONREAD */

static unsigned live_pipes;
static const struct lock_class pipe_lock_class = { "pipe", 0 };
static uint32_t next_pipe_id = 1;
static struct list all_pipes = { { &all_pipes.head, &all_pipes.head } };   /* for ipcs */

void pipe_describe(const void *object, char *buffer, unsigned size)
{
    const struct pipe *pipe = object;
    ksnprintf(buffer, size, "%s %u", pipe->fifo ? "fifo" : "pipe", pipe->id);
}

void pipe_list_objects(ipc_list_emit emit, void *context)
{
    list_for_each(node, &all_pipes) {
        struct pipe *pipe = list_entry(node, struct pipe, link);
        struct kinfo_ipc_object object = {
            .owner_pid = 0, .count = pipe->ring.count, .capacity = pipe->capacity,
            .senders_waiting = pipe->writable.length, .receivers_waiting = pipe->readable.length,
        };
        strlcpy(object.kind, pipe->fifo ? "fifo" : "pipe", sizeof object.kind);
        ksnprintf(object.name, sizeof object.name, "%u", pipe->id);
        emit(&object, context);
    }
}

unsigned pipe_count(void)
{
    return live_pipes;
}

static struct pipe *pipe_create(void)
{
    struct pipe *pipe = kzalloc(sizeof *pipe);
    if (!pipe)
        return 0;
    pipe->capacity = PIPE_BUFFER_SIZE;
    if (byte_ring_create(&pipe->ring, PIPE_FIRST_ALLOCATION) < 0) {
        kfree(pipe);
        return 0;
    }
    wait_queue_init(&pipe->readable);
    wait_queue_init(&pipe->writable);
    wait_queue_init(&pipe->opened);
    spinlock_init(&pipe->lock, "pipe", &pipe_lock_class);
    pipe->readable.lock = pipe->writable.lock = &pipe->lock;   /* several CPUs: pipe.h */
    pipe->id = next_pipe_id++;
    live_pipes++;
    list_push_back(&all_pipes, &pipe->link);
    return pipe;
}

static void pipe_destroy(struct pipe *pipe)
{
    if (pipe->fifo)
        pipe->fifo->fifo = 0;          /* the next open of the FIFO starts afresh */
    list_remove(&pipe->link);
    byte_ring_destroy(&pipe->ring);
    kfree(pipe);
    live_pipes--;
}

/* Grows the ring (pipe.h says why) so that `wanted` more bytes fit. */
uint32_t __attribute__((noinline)) pipe_make_room(struct pipe *pipe, uint32_t wanted)
{
    uint32_t size = pipe->ring.size;
    while (size < pipe->capacity && size - pipe->ring.count < wanted)
        size *= 2;
    if (size != pipe->ring.size)
        byte_ring_resize(&pipe->ring, size);   /* -ENOMEM: the ring stays as it was */
    return byte_ring_room(&pipe->ring);
}

/* read(2) of a pipe or FIFO: waits while it is empty and a writer is
 * left. Context: a system call (kernel lock held); sleeps. */
int pipe_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct pipe *pipe = file->object;
    if (size == 0)
        return 0;
    // LAB(pipes) BEGIN: wait while the pipe is empty and a writer is left; end of file when none is
    while (pipe->ring.count == 0) {
        if (pipe->writers == 0) {
            return 0;                                  /* end of file */
        }
        if (file->flags & O_NONBLOCK) {
            return -EAGAIN;
        }
        wait_queue_say_object(pipe, pipe_describe);
        if (wait_queue_sleep(&pipe->readable, "pipe read", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED) {
            return -ERESTARTSYS;
        }
    }
    // LAB(pipes) STUB
    // if (pipe->ring.count == 0)
    //     return -EAGAIN;                            /* never waits, as if O_NONBLOCK; never end of file */
    // LAB(pipes) END
    uint32_t taken = size < pipe->ring.count ? size : pipe->ring.count;
    if (byte_ring_read_to_user(&pipe->ring, user_buffer, taken, 0) < 0)
        return -EFAULT;
    trace_current_event("read", "obj=%s:%u bytes=%u", pipe->fifo ? "fifo" : "pipe",
                pipe->id, taken);
    // LAB(pipes) BEGIN: wake the writers waiting for room
    wait_queue_wake_all(&pipe->writable);
    // LAB(pipes) STUB
    // LAB(pipes) END
    return (int)taken;
}

int pipe_stat(struct file *file, struct stat *st)
{
    struct pipe *pipe = file->object;
    st->st_mode = S_IFIFO | 0600;
    if (!pipe->fifo)
        st->st_ino = pipe->id;        /* as Linux: the number in /proc/PID/fd's "pipe:[N]" */
    st->st_size = (long)pipe->ring.count;
    st->st_blksize = PIPE_ATOMIC_MAX;
    return 0;
}

int pipe_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    if (request != FIONREAD)
        return -ENOTTY;
    struct pipe *pipe = file->object;
    pipe_begin_big_lock_use(pipe);
    int unread = (int)pipe->ring.count;      /* through either end, as Linux's */
    pipe_end_big_lock_use(pipe);
    return copy_to_user((void *)argument, &unread, sizeof unread) < 0 ? -EFAULT : 0;
}

struct inode *pipe_fd_name(struct file *file, char *buffer, unsigned size)
{
    struct pipe *pipe = file->object;
    if (pipe->fifo)
        return pipe->fifo;            /* a FIFO is named by its path */
    ksnprintf(buffer, size, "pipe:[%u]", pipe->id);
    return 0;
}

void pipe_release(struct file *file)
{
    struct pipe *pipe = file->object;
    uint32_t access = file->flags & O_ACCMODE;
    pipe_begin_big_lock_use(pipe);
    // LAB(pipes) BEGIN: the last reader's close wakes the writers, the last writer's the readers
    if (access != O_WRONLY && --pipe->readers == 0)
        wait_queue_wake_all(&pipe->writable);          /* writers now get EPIPE */
    if (access != O_RDONLY && --pipe->writers == 0)
        wait_queue_wake_all(&pipe->readable);          /* readers now get end of file */
    // LAB(pipes) STUB
    // if (access != O_WRONLY)
    //     pipe->readers--;
    // if (access != O_RDONLY)
    //     pipe->writers--;
    // LAB(pipes) END
    struct inode *inode = file->inode;
    if (pipe->readers == 0 && pipe->writers == 0)
        pipe_destroy(pipe);                            /* before the inode may go */
    else
        pipe_end_big_lock_use(pipe);
    if (inode) {
        inode_close(inode);
    }
}

/* poll(2) of a pipe or FIFO end, as Linux answers it. The read end is
 * readable with bytes in the ring, and hung up (POLLHUP) once no writer is
 * left: for a FIFO, only once a writer has come since this end was opened,
 * so that a reader polling before any writer came waits for one. The
 * write end is writable with room for PIPE_ATOMIC_MAX bytes (a write of
 * PIPE_BUF bytes would not wait), in error (POLLERR) with no reader left.
 * Context: kernel lock held; never sleeps. */
unsigned pipe_poll(struct file *file, struct poll_table *table)
{
    struct pipe *pipe = file->object;
    uint32_t access = file->flags & O_ACCMODE;
    unsigned events = 0;
    if (access != O_WRONLY) {
        poll_table_watch(table, &pipe->readable);      /* woken by writes and the last writer's close */
        if (pipe->ring.count)
            events |= POLLIN | POLLRDNORM;
        if (pipe->writers == 0 && (!pipe->fifo || file->offset != pipe->writer_opens))
            events |= POLLHUP;
    }
    if (access != O_RDONLY) {
        poll_table_watch(table, &pipe->writable);      /* woken by reads and the last reader's close */
        if (pipe_room(pipe) >= PIPE_ATOMIC_MAX)
            events |= POLLOUT | POLLWRNORM;
        if (pipe->readers == 0)
            events |= POLLERR;
    }
    return events;
}

const struct file_operations pipe_operations = {
    .read = pipe_read,
    .write = pipe_write,
    .write_vector = pipe_write_vector,
    .ioctl = pipe_ioctl,
    .stat = pipe_stat,
    .fd_name = pipe_fd_name,
    .poll = pipe_poll,
    .release = pipe_release,
};

/* The table a new end gets: on several CPUs, pipe_without_big_lock.c's. */
static inline const struct file_operations *pipe_operations_now(void)
{
#ifdef SUBSYSTEM_SMP
    if (big_kernel_lock_in_use)
        return &pipe_operations_on_several_cpus;
#endif
    return &pipe_operations;
}

/* Is `file` an end of a pipe or FIFO? */
static inline int is_pipe(const struct file *file)
{
#ifdef SUBSYSTEM_SMP
    if (file->operations == &pipe_operations_on_several_cpus)
        return 1;
#endif
    return file->operations == &pipe_operations;
}

int sys_pipe(int *user_descriptors)
{
    struct pipe *pipe = pipe_create();
    return pipe_install_ends(pipe, user_descriptors, 0);
}

#define PIPE2_FLAGS (O_CLOEXEC | O_NONBLOCK)

int sys_pipe2(int *user_descriptors, int flags)
{
    if (flags & ~PIPE2_FLAGS)
        return -EINVAL;
    return pipe_install_ends(pipe_create(), user_descriptors, flags);
}

int pipe_install_ends(struct pipe *pipe, int *user_descriptors, int flags)
{
    uint32_t nonblocking = flags & O_NONBLOCK;
    if (!pipe)
        return -ENOMEM;
    pipe->readers = pipe->writers = 1;
    struct file *read_end = file_create(pipe_operations_now(), pipe, O_RDONLY | nonblocking);
    struct file *write_end = file_create(pipe_operations_now(), pipe, O_WRONLY | nonblocking);
    if (!read_end || !write_end) {
        /* closing the end that exists takes the pipe with it */
        if (!read_end)
            pipe->readers = 0;
        if (!write_end)
            pipe->writers = 0;
        if (read_end)
            file_put(read_end);
        else if (write_end)
            file_put(write_end);
        else
            pipe_destroy(pipe);
        return -ENOMEM;
    }
    struct process *process = current_task->process;
    trace_current_event("create", "obj=pipe:%u", pipe->id);
    int descriptors[2];
    descriptors[0] = descriptor_install(process, read_end);
    descriptors[1] = descriptors[0] < 0 ? -EMFILE : descriptor_install(process, write_end);
    if (descriptors[1] < 0 || copy_to_user(user_descriptors, descriptors, sizeof descriptors) < 0) {
        int error = descriptors[1] < 0 ? -EMFILE : -EFAULT;
        /* each end installed is taken out under the descriptors lock: a
         * read without the big lock by another thread may have found it */
        if (descriptors[0] >= 0)
            descriptor_uninstall(process, descriptors[0], read_end);
        else
            file_put(read_end);
        if (descriptors[1] >= 0)
            descriptor_uninstall(process, descriptors[1], write_end);
        else
            file_put(write_end);
        return error;
    }
    if (flags & O_CLOEXEC) {
        descriptor_set_close_on_exec(process, descriptors[0], 1);
        descriptor_set_close_on_exec(process, descriptors[1], 1);
    }
    return 0;
}

int fifo_open(struct inode *inode, uint32_t flags, struct file **result)
{
    uint32_t access = flags & O_ACCMODE;
    struct pipe *pipe = inode->fifo;
    if (!pipe) {
        if (!(pipe = pipe_create()))
            return -ENOMEM;
        pipe->fifo = inode;
        inode->fifo = pipe;
        trace_current_event("create", "obj=fifo:%u", pipe->id);
    }
    if (access == O_WRONLY && (flags & O_NONBLOCK) && pipe->readers == 0) {
        if (pipe->readers == 0 && pipe->writers == 0)
            pipe_destroy(pipe);
        return -ENXIO;
    }
    struct file *file = file_create(pipe_operations_now(), pipe, flags & (O_ACCMODE | O_NONBLOCK | O_APPEND));
    if (!file) {
        if (pipe->readers == 0 && pipe->writers == 0)
            pipe_destroy(pipe);
        return -ENOMEM;
    }
    file->inode = inode;
    /* a FIFO has no offset (lseek: ESPIPE): the field keeps the writers
     * seen opening before this end, for pipe_poll's POLLHUP */
    file->offset = pipe->writer_opens;
    inode->open_count++;
    /* counted, as every change of a pipe with the big lock: a read or
     * write without it on another end looks at these (pipe.h) */
    pipe_begin_big_lock_use(pipe);
    if (access != O_WRONLY) {
        pipe->readers++;
        pipe->reader_opens++;
    }
    if (access != O_RDONLY) {
        pipe->writers++;
        pipe->writer_opens++;
    }
    pipe_end_big_lock_use(pipe);
    wait_queue_wake_all(&pipe->opened);

    /* Wait for the other end, unless O_NONBLOCK or O_RDWR. A counter of
     * opens, not the count of open ends, tells that the other side came:
     * it may have opened and closed again before we ran. */
    int status = 0;
    if (!(flags & O_NONBLOCK) && access == O_RDONLY) {
        unsigned seen = pipe->writer_opens;
        while (pipe->writers == 0 && pipe->writer_opens == seen && status == 0) {
            wait_queue_say_object(pipe, pipe_describe);
            if (wait_queue_sleep(&pipe->opened, "FIFO open for reading", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
                status = -ERESTARTSYS;
        }
    } else if (!(flags & O_NONBLOCK) && access == O_WRONLY) {
        unsigned seen = pipe->reader_opens;
        while (pipe->readers == 0 && pipe->reader_opens == seen && status == 0) {
            wait_queue_say_object(pipe, pipe_describe);
            if (wait_queue_sleep(&pipe->opened, "FIFO open for writing", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
                status = -ERESTARTSYS;
        }
    }
    if (status < 0) {
        file_put(file);
        return status;
    }
    *result = file;
    return 0;
}

int pipe_is_write_end(const struct file *file)
{
    return is_pipe(file) && (file->flags & O_ACCMODE) != O_RDONLY;
}

int pipe_write_from_kernel(struct file *file, const void *bytes, uint32_t size)
{
    struct pipe *pipe = file->object;
    if (pipe->readers == 0)
        return -EPIPE;
    pipe_begin_big_lock_use(pipe);
    int status = -EAGAIN;
    if (pipe_room(pipe) >= size && (byte_ring_room(&pipe->ring) >= size || pipe_make_room(pipe, size) >= size)) {
        byte_ring_write_from_kernel(&pipe->ring, bytes, size);
        wait_queue_wake_all(&pipe->readable);
        status = 0;
    }
    pipe_end_big_lock_use(pipe);
    return status;
}

int pipe_fcntl_size(struct file *file, int command, uint32_t size)
{
    if (!is_pipe(file))
        return -EBADF;
    struct pipe *pipe = file->object;
    if (command == F_GETPIPE_SZ)
        return (int)pipe->capacity;
    if (size > 0x80000000u)
        return -EINVAL;
    uint32_t capacity = PIPE_FIRST_ALLOCATION;
    while (capacity < size)
        capacity *= 2;
    if (capacity > PIPE_SIZE_MAX)
        return -EPERM;             /* Linux: past pipe-max-size without CAP_SYS_RESOURCE */
    pipe_begin_big_lock_use(pipe);
    int status = (int)capacity;
    if (capacity < pipe->ring.count) {
        status = -EBUSY;
    } else if (pipe->ring.size > capacity && byte_ring_resize(&pipe->ring, capacity) < 0) {
        status = -ENOMEM;
    } else {
        pipe->capacity = capacity;
        wait_queue_wake_all(&pipe->writable);      /* more room, perhaps */
    }
    pipe_end_big_lock_use(pipe);
    return status;
}
