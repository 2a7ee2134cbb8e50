/* kernel/ipc/pipe.h - pipes and FIFOs (named pipes). */
#ifndef KERNEL_IPC_PIPE_H
#define KERNEL_IPC_PIPE_H

#include <stdint.h>

#include "sched/wait_queue.h"

#define PIPE_BUFFER_SIZE 16384     /* bytes a pipe holds */
#define PIPE_ATOMIC_MAX  4096      /* PIPE_BUF: writes up to this size are never split */

struct inode;
struct file;

struct pipe {
    uint8_t *buffer;               /* a ring of PIPE_BUFFER_SIZE bytes */
    uint32_t read_position;        /* where the oldest byte is */
    uint32_t count;                /* bytes in the ring */
    unsigned readers, writers;     /* open read / write ends */
    unsigned reader_opens, writer_opens;   /* FIFO opens so far: a waiting open sees a change */
    struct wait_queue readable;    /* readers waiting for bytes (or for the writers to go) */
    struct wait_queue writable;    /* writers waiting for room (or for the readers to go) */
    struct wait_queue opened;      /* FIFO opens waiting for the other end */
    struct inode *fifo;            /* the FIFO's inode; NULL for pipe() */
    uint32_t id;                   /* shown by ipcs */
    struct pipe *list_next, *list_previous;   /* every live pipe, for ipcs */
};

/* Opens a FIFO inode: blocks until the other end is open too, unless
 * O_NONBLOCK (a write-only open with no reader is then -ENXIO) or O_RDWR. */
int fifo_open(struct inode *inode, uint32_t flags, struct file **result);

/* How many pipes exist (for leak tests). */
unsigned pipe_count(void);

#endif
