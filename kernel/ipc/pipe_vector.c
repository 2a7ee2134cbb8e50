/* kernel/ipc/pipe_vector.c - writev(2) of a pipe or FIFO: the bytes of
 * all the buffers (fs/user_vector.h) as one write, with pipe_write's
 * rules (pipe.c): up to PIPE_BUF bytes in all go in whole, never
 * interleaved with another writer's; more may be split; with no reader
 * left, SIGPIPE and EPIPE. */
#include "pipe.h"

#include "fs/file.h"
#include "fs/user_vector.h"
#include "ipc/ipc_list.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

int pipe_write_vector(struct file *file, const struct user_vector *data)
{
    struct pipe *pipe = file->object;
    uint32_t size = data->total, written = 0;
    while (written < size) {
        if (pipe->readers == 0) {
            signal_send_thread(current_thread(), SIGPIPE);   /* and EPIPE, if it survives */
            written = written ? written : (uint32_t)-EPIPE;
            break;
        }
        uint32_t room = pipe_room(pipe);
        uint32_t needed = size <= PIPE_ATOMIC_MAX ? size : 1;   /* a small write is never split */
        uint32_t wanted = size - written < room ? size - written : room;
        if (room >= needed && byte_ring_room(&pipe->ring) < wanted)
            room = pipe_make_room(pipe, wanted);            /* the ring grows as pipe_write's does */
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
        if (byte_ring_write_from_vector(&pipe->ring, data, written, chunk) < 0) {
            written = written ? written : (uint32_t)-EFAULT;
            break;
        }
        written += chunk;
        trace_current_event("write", "obj=%s:%u bytes=%u", pipe->fifo ? "fifo" : "pipe", pipe->id, chunk);
        wait_queue_wake_all(&pipe->readable);
    }
    return (int)written;
}
