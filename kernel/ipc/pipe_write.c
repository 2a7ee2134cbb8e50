/* kernel/ipc/pipe_write.c - write(2) and writev(2) of a pipe or FIFO: one
 * loop for both, the bytes coming from one buffer or from all the buffers
 * of a vector (fs/user_vector.h) as one write.
 *
 * Rules (POSIX): with no reader left, SIGPIPE and EPIPE; a write of at
 * most PIPE_ATOMIC_MAX bytes (PIPE_BUF) goes in whole or waits for room,
 * never interleaved with another writer's; a bigger one may be split,
 * and waits for room until every byte is in; O_NONBLOCK turns every wait
 * into EAGAIN. A signal or an error ends a write that has written some
 * bytes early, with their count. */
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

/* Writes `size` bytes into the pipe behind `file`: from `user_buffer`, or
 * when `vector` is not NULL from its buffers. Always inlined, each caller
 * passing a constant NULL for the source it does not use: write(2) keeps
 * its one copy_from_user per piece (the pipe round trip of
 * docs/performance.md is this loop's). Context: a system call (kernel
 * lock held); sleeps. */
static inline __attribute__((always_inline)) int pipe_write_bytes(struct file *file, const uint8_t *user_buffer,
                                                                  const struct user_vector *vector, uint32_t size)
{
    struct pipe *pipe = file->object;
    uint32_t written = 0;
    while (written < size) {
        if (pipe->readers == 0) {
            signal_send_thread(current_thread(), SIGPIPE);   /* and EPIPE, if it survives */
            written = written ? written : (uint32_t)-EPIPE;
            break;
        }
        uint32_t room = pipe_room(pipe);
        /* a small write waits for room for all of it: it is never split */
        uint32_t needed = size <= PIPE_ATOMIC_MAX ? size : 1;
        uint32_t wanted = size - written < room ? size - written : room;
        if (room >= needed && byte_ring_room(&pipe->ring) < wanted)
            room = pipe_make_room(pipe, wanted);
        if (room < needed) {
            // LAB(pipes) BEGIN: wait for room (the loop then looks again, readers first)
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
            // LAB(pipes) STUB
            // written = written ? written : (uint32_t)-EAGAIN;   /* never waits, as if O_NONBLOCK */
            // break;
            // LAB(pipes) END
        }
        uint32_t chunk = size - written < room ? size - written : room;
        if ((vector ? byte_ring_write_from_vector(&pipe->ring, vector, written, chunk)
                    : byte_ring_write_from_user(&pipe->ring, user_buffer + written, chunk)) < 0) {
            written = written ? written : (uint32_t)-EFAULT;
            break;
        }
        written += chunk;
        trace_current_event("write", "obj=%s:%u bytes=%u", pipe->fifo ? "fifo" : "pipe", pipe->id, chunk);
        // LAB(pipes) BEGIN: wake the readers waiting for bytes
        wait_queue_wake_all(&pipe->readable);
        // LAB(pipes) STUB
        // LAB(pipes) END
    }
    return (int)written;
}

int pipe_write(struct file *file, const void *user_buffer, uint32_t size)
{
    return pipe_write_bytes(file, user_buffer, 0, size);
}

int pipe_write_vector(struct file *file, const struct user_vector *data)
{
    return pipe_write_bytes(file, 0, data, data->total);
}
