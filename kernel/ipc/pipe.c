/* kernel/ipc/pipe.c - pipes and FIFOs: a ring buffer between writers and
 * readers, with one wait queue for each side.
 *
 *             write()                                  read()
 *   writers ---------> [ ring: count bytes from read_position ] ---------> readers
 *      ^  sleep on `writable`                          sleep on `readable` |
 *      |   while the ring is full                      while it is empty   |
 *      +---- woken by every read -----+    +---- woken by every write -----+
 *
 * Rules (POSIX): a read of an empty pipe waits, or returns 0 once no writer
 * is left; a write with no reader fails with EPIPE; a write of at most
 * PIPE_ATOMIC_MAX bytes goes in whole or waits for room, so writers never
 * interleave inside it; O_NONBLOCK turns every wait into EAGAIN. All of it
 * runs with interrupts off (system calls do), so checks and sleeps cannot
 * miss a wake-up. */
#include "pipe.h"

#include "fs/file.h"
#include "fs/inode.h"
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
#include "uapi/stat.h"

static unsigned live_pipes;
static uint32_t next_pipe_id = 1;
static struct pipe *all_pipes;          /* for ipcs, through list_next/list_previous */

void pipe_describe(const void *object, char *buffer, unsigned size)
{
    const struct pipe *pipe = object;
    ksnprintf(buffer, size, "%s %u", pipe->fifo ? "fifo" : "pipe", pipe->id);
}

void pipe_list_objects(ipc_list_emit emit, void *context)
{
    for (struct pipe *pipe = all_pipes; pipe; pipe = pipe->list_next) {
        struct kinfo_ipc_object object = {
            .owner_pid = 0, .count = pipe->count, .capacity = PIPE_BUFFER_SIZE,
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
    pipe->buffer = kmalloc(PIPE_BUFFER_SIZE);
    if (!pipe->buffer) {
        kfree(pipe);
        return 0;
    }
    wait_queue_init(&pipe->readable);
    wait_queue_init(&pipe->writable);
    wait_queue_init(&pipe->opened);
    pipe->id = next_pipe_id++;
    live_pipes++;
    pipe->list_next = all_pipes;
    if (all_pipes)
        all_pipes->list_previous = pipe;
    all_pipes = pipe;
    return pipe;
}

static void pipe_destroy(struct pipe *pipe)
{
    if (pipe->fifo)
        pipe->fifo->fifo = 0;          /* the next open of the FIFO starts afresh */
    if (pipe->list_previous)
        pipe->list_previous->list_next = pipe->list_next;
    else
        all_pipes = pipe->list_next;
    if (pipe->list_next)
        pipe->list_next->list_previous = pipe->list_previous;
    kfree(pipe->buffer);
    kfree(pipe);
    live_pipes--;
}

/* Copies up to `size` bytes out of the ring to user memory. */
static int copy_out_of_ring(struct pipe *pipe, uint8_t *user_buffer, uint32_t size)
{
    uint32_t first = PIPE_BUFFER_SIZE - pipe->read_position;   /* up to the ring's end */
    if (first > size)
        first = size;
    if (copy_to_user(user_buffer, pipe->buffer + pipe->read_position, first) < 0 ||
        (size > first && copy_to_user(user_buffer + first, pipe->buffer, size - first) < 0))
        return -EFAULT;
    pipe->read_position = (pipe->read_position + size) % PIPE_BUFFER_SIZE;
    pipe->count -= size;
    return (int)size;
}

/* Copies `size` bytes from user memory into the ring's free space. */
static int copy_into_ring(struct pipe *pipe, const uint8_t *user_buffer, uint32_t size)
{
    uint32_t write_position = (pipe->read_position + pipe->count) % PIPE_BUFFER_SIZE;
    uint32_t first = PIPE_BUFFER_SIZE - write_position;
    if (first > size)
        first = size;
    if (copy_from_user(pipe->buffer + write_position, user_buffer, first) < 0 ||
        (size > first && copy_from_user(pipe->buffer, user_buffer + first, size - first) < 0))
        return -EFAULT;
    pipe->count += size;
    return (int)size;
}

static int pipe_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct pipe *pipe = file->object;
    if (size == 0)
        return 0;
    while (pipe->count == 0) {
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
    int result = copy_out_of_ring(pipe, user_buffer, size < pipe->count ? size : pipe->count);
    if (result > 0) {
        trace_event("read pid=%d obj=%s:%u bytes=%d", trace_current_pid(), pipe->fifo ? "fifo" : "pipe",
                    pipe->id, result);
        wait_queue_wake_all(&pipe->writable);
    }
    return result;
}

static int pipe_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct pipe *pipe = file->object;
    const uint8_t *source = user_buffer;
    uint32_t written = 0;
    while (written < size) {
        if (pipe->readers == 0) {
            signal_send(current_task->process, SIGPIPE);   /* and EPIPE, if it survives */
            written = written ? written : (uint32_t)-EPIPE;
            break;
        }
        uint32_t room = PIPE_BUFFER_SIZE - pipe->count;
        /* a small write waits for room for all of it: it is never split */
        uint32_t needed = size <= PIPE_ATOMIC_MAX ? size : 1;
        if (room < needed) {
            if (file->flags & O_NONBLOCK) {
                written = written ? written : (uint32_t)-EAGAIN;
                break;
            }
            wait_queue_say_object(pipe, pipe_describe);
            if (wait_queue_sleep(&pipe->writable, "pipe write", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED) {
                written = written ? written : (uint32_t)-ERESTARTSYS;
                break;
            }
            continue;
        }
        uint32_t chunk = size - written < room ? size - written : room;
        if (copy_into_ring(pipe, source + written, chunk) < 0) {
            written = written ? written : (uint32_t)-EFAULT;
            break;
        }
        written += chunk;
        trace_event("write pid=%d obj=%s:%u bytes=%u", trace_current_pid(), pipe->fifo ? "fifo" : "pipe",
                    pipe->id, chunk);
        wait_queue_wake_all(&pipe->readable);
    }
    return (int)written;
}

static int pipe_stat(struct file *file, struct stat *st)
{
    struct pipe *pipe = file->object;
    st->st_mode = S_IFIFO | 0600;
    st->st_size = (long)pipe->count;
    st->st_blksize = PIPE_ATOMIC_MAX;
    return 0;
}

static void pipe_release(struct file *file)
{
    struct pipe *pipe = file->object;
    uint32_t access = file->flags & O_ACCMODE;
    if (access != O_WRONLY && --pipe->readers == 0)
        wait_queue_wake_all(&pipe->writable);          /* writers now get EPIPE */
    if (access != O_RDONLY && --pipe->writers == 0)
        wait_queue_wake_all(&pipe->readable);          /* readers now get end of file */
    struct inode *inode = file->inode;
    if (pipe->readers == 0 && pipe->writers == 0)
        pipe_destroy(pipe);                            /* before the inode may go */
    if (inode) {
        inode->open_count--;
        inode_release_if_unused(inode);
    }
}

static const struct file_operations pipe_operations = {
    .read = pipe_read,
    .write = pipe_write,
    .stat = pipe_stat,
    .release = pipe_release,
};

int sys_pipe(int *user_descriptors)
{
    struct pipe *pipe = pipe_create();
    if (!pipe)
        return -ENOMEM;
    pipe->readers = pipe->writers = 1;
    struct file *read_end = file_create(&pipe_operations, pipe, O_RDONLY);
    struct file *write_end = file_create(&pipe_operations, pipe, O_WRONLY);
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
    trace_event("create pid=%d obj=pipe:%u", process->pid, pipe->id);
    int descriptors[2];
    descriptors[0] = descriptor_install(process, read_end);
    descriptors[1] = descriptors[0] < 0 ? -EMFILE : descriptor_install(process, write_end);
    if (descriptors[1] < 0 || copy_to_user(user_descriptors, descriptors, sizeof descriptors) < 0) {
        int error = descriptors[1] < 0 ? -EMFILE : -EFAULT;
        if (descriptors[0] >= 0)
            process->files[descriptors[0]] = 0;
        if (descriptors[1] >= 0)
            process->files[descriptors[1]] = 0;
        file_put(read_end);
        file_put(write_end);
        return error;
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
        trace_event("create pid=%d obj=fifo:%u", trace_current_pid(), pipe->id);
    }
    if (access == O_WRONLY && (flags & O_NONBLOCK) && pipe->readers == 0) {
        if (pipe->readers == 0 && pipe->writers == 0)
            pipe_destroy(pipe);
        return -ENXIO;
    }
    struct file *file = file_create(&pipe_operations, pipe, flags & (O_ACCMODE | O_NONBLOCK | O_APPEND));
    if (!file) {
        if (pipe->readers == 0 && pipe->writers == 0)
            pipe_destroy(pipe);
        return -ENOMEM;
    }
    file->inode = inode;
    inode->open_count++;
    if (access != O_WRONLY) {
        pipe->readers++;
        pipe->reader_opens++;
    }
    if (access != O_RDONLY) {
        pipe->writers++;
        pipe->writer_opens++;
    }
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
