/* kernel/ipc/pipe.h - pipes and FIFOs (named pipes). */
#ifndef KERNEL_IPC_PIPE_H
#define KERNEL_IPC_PIPE_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "ipc_big_lock_use.h"
#include "lib/byte_ring.h"
#include "lib/list.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"

#define PIPE_BUFFER_SIZE 65536     /* bytes a pipe holds, as on Linux (F_GETPIPE_SZ) */
#define PIPE_FIRST_ALLOCATION 4096 /* the ring a new pipe gets: it grows as writes need room */
#define PIPE_SIZE_MAX    (1u << 20)/* the most F_SETPIPE_SZ gives: Linux's pipe-max-size */
#define PIPE_ATOMIC_MAX  4096      /* PIPE_BUF: writes up to this size are never split */

struct inode;
struct file;

struct pipe {
    struct byte_ring ring;         /* the bytes written and not yet read (lib/byte_ring.h) */
    uint32_t capacity;             /* bytes it may hold: PIPE_BUFFER_SIZE, or F_SETPIPE_SZ's;
                                    * ring.size grows up to it as writes need room */
    unsigned readers, writers;     /* open read / write ends */
    unsigned reader_opens, writer_opens;   /* FIFO opens so far: a waiting open sees a change */
    struct wait_queue readable;    /* readers waiting for bytes (or for the writers to go) */
    struct wait_queue writable;    /* writers waiting for room (or for the readers to go) */
    struct wait_queue opened;      /* FIFO opens waiting for the other end */
    struct inode *fifo;            /* the FIFO's inode; NULL for pipe() */
    uint32_t id;                   /* shown by ipcs */
    struct list_node link;         /* in the list of every live pipe, for ipcs */
    /* Several CPUs (pipe_without_big_lock.c): the pipe's own lock, which
     * a read or write without the big kernel lock holds, as does whoever
     * adds, wakes or takes off a waiter of `readable` and `writable`; and
     * how many calls with the big lock are using the pipe now (counted
     * under `lock`): while any is, the pipe is theirs, and a call without
     * the big lock takes it and goes their way. */
    struct spinlock lock;
    unsigned big_lock_users;
};

/* A call with the big kernel lock begins / ends using `pipe` (above,
 * and ipc_big_lock_use.h). */
static inline void pipe_begin_big_lock_use(struct pipe *pipe)
{
    big_lock_use_begin(&pipe->lock, &pipe->big_lock_users);
}

static inline void pipe_end_big_lock_use(struct pipe *pipe)
{
    big_lock_use_end(&pipe->lock, &pipe->big_lock_users);
}

/* A pipe end's operations (pipe.c); once several CPUs run tasks, a new
 * end gets those of pipe_without_big_lock.c instead: read and write
 * without the big kernel lock first, and pipe.c's with it, counted
 * (big_lock_users above). */
struct file_operations;
extern const struct file_operations pipe_operations;
extern const struct file_operations pipe_operations_on_several_cpus;

/* pipe.c's read(2), stat, ioctl, close and poll(2) of an end (pipe_operations),
 * which pipe_without_big_lock.c's table calls too. */
struct stat;
struct poll_table;
int pipe_read(struct file *file, void *user_buffer, uint32_t size);
int pipe_stat(struct file *file, struct stat *st);
/* ioctl(FIONREAD): the bytes in the pipe, through either end; -ENOTTY for
 * any other request. Context: kernel lock held; never sleeps. */
int pipe_ioctl(struct file *file, uint32_t request, uint32_t argument);
struct inode *pipe_fd_name(struct file *file, char *buffer, unsigned size);
void pipe_release(struct file *file);
unsigned pipe_poll(struct file *file, struct poll_table *table);

/* Opens a FIFO inode: blocks until the other end is open too, unless
 * O_NONBLOCK (a write-only open with no reader is then -ENXIO) or O_RDWR.
 * Context: a system call (kernel lock held); sleeps. */
int fifo_open(struct inode *inode, uint32_t flags, struct file **result);

/* Is `file` the write end of a pipe (or a FIFO open for writing)? */
int pipe_is_write_end(const struct file *file);

/* Writes `size` bytes of kernel memory (at most PIPE_ATOMIC_MAX) into the
 * pipe behind the write end `file`, whole, without waiting: a POSIX
 * queue's SIGEV_THREAD notification (posix_mq_notify.c). 0, -EPIPE when
 * no reader is left, -EAGAIN when it does not fit. Context: kernel lock
 * held; never sleeps. */
int pipe_write_from_kernel(struct file *file, const void *bytes, uint32_t size);

/* fcntl's F_GETPIPE_SZ and F_SETPIPE_SZ on `file`, as Linux answers
 * them: the capacity in bytes; -EBADF when `file` is not a pipe or FIFO.
 * F_SETPIPE_SZ rounds `size` up to a power of two, at least a page:
 * -EINVAL past 2^31, -EPERM past PIPE_SIZE_MAX, -EBUSY below the bytes
 * held, -ENOMEM when the smaller ring cannot be had. Context: kernel
 * lock held; never sleeps. */
int pipe_fcntl_size(struct file *file, int command, uint32_t size);

/* Bytes the pipe may take now: its capacity less what it holds. */
static inline uint32_t pipe_room(const struct pipe *pipe)
{
    return pipe->capacity - pipe->ring.count;
}

/* Grows the ring (a power of two, up to the pipe's capacity) so that
 * `wanted` more bytes fit, if memory allows: a pipe holds only as much
 * memory as its bytes need, one page at least, as Linux's pipes take
 * pages as writes need them. Returns the room the ring has then, which
 * is less than `wanted` only when memory was short (the writer then waits
 * for a reader, as if the pipe were full). Context: kernel lock held. */
uint32_t pipe_make_room(struct pipe *pipe, uint32_t wanted);

/* pipe and pipe2: gives a new `pipe` (NULL: -ENOMEM) its two ends at the
 * lowest free descriptors, written to user memory, with pipe2's checked
 * `flags` (O_CLOEXEC, O_NONBLOCK). 0 or -errno. Context: a system call. */
int pipe_install_ends(struct pipe *pipe, int *user_descriptors, int flags);

struct user_vector;
/* write(2) and writev(2) of a pipe or FIFO (file_operations.write and
 * .write_vector, pipe_write.c): wait for room while a reader is left; the
 * bytes of all of writev's buffers go as one write. Context: a system
 * call (kernel lock held); sleeps. */
int pipe_write(struct file *file, const void *user_buffer, uint32_t size);
int pipe_write_vector(struct file *file, const struct user_vector *data);

/* How many pipes exist (for leak tests). */
unsigned pipe_count(void);

#endif
