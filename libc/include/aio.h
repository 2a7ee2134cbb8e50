/* libc/include/aio.h - POSIX asynchronous I/O: a read, a write or an
 * fsync that runs while the caller goes on, and tells it when it is done
 * (aio(7), docs/async-io.md). Built in the library, as glibc builds it
 * on Linux: threads of the process do the transfers (libc/aio/). */
#ifndef LIBC_INCLUDE_AIO_H
#define LIBC_INCLUDE_AIO_H

#include <fcntl.h>                    /* O_SYNC, O_DSYNC: aio_fsync's operations */
#include <signal.h>                   /* struct sigevent */
#include <sys/types.h>
#include <time.h>

/* One request: the caller fills the first seven fields and must leave the
 * whole block alone (and in memory) until aio_error says it is done. */
struct aiocb {
    int aio_fildes;                   /* the file */
    off_t aio_offset;                 /* where in it (not for a pipe or a socket, nor with O_APPEND) */
    volatile void *aio_buf;           /* the bytes */
    size_t aio_nbytes;                /* how many */
    int aio_reqprio;                  /* 0..AIO_PRIO_DELTA_MAX: lower the request's priority by this much */
    struct sigevent aio_sigevent;     /* how to tell the caller it is done */
    int aio_lio_opcode;               /* lio_listio's: LIO_READ, LIO_WRITE or LIO_NOP */

    /* The library's (libc/aio/aio_queue.c): */
    struct aiocb *__next;             /* in the queue */
    struct aio_list *__list;          /* the lio_listio call it belongs to, or NULL */
    int __operation;                  /* LIO_READ, LIO_WRITE, or an aio_fsync's O_SYNC / O_DSYNC */
    volatile int __state;             /* queued, running, done, returned, or none of these */
    volatile int __error;             /* aio_error's answer */
    volatile ssize_t __return;        /* aio_return's */
};

/* aio_cancel's answers */
#define AIO_CANCELED    0             /* every request named is cancelled */
#define AIO_NOTCANCELED 1             /* one at least is being carried out: not cancelled */
#define AIO_ALLDONE     2             /* every one was done already */

/* lio_listio's modes and aio_lio_opcode's values (glibc's numbers) */
#define LIO_WAIT        0
#define LIO_NOWAIT      1
#define LIO_READ        0
#define LIO_WRITE       1
#define LIO_NOP         2

int aio_read(struct aiocb *request);
int aio_write(struct aiocb *request);
int aio_fsync(int operation, struct aiocb *request);
int aio_error(const struct aiocb *request);
ssize_t aio_return(struct aiocb *request);
int aio_cancel(int fd, struct aiocb *request);
int aio_suspend(const struct aiocb *const list[], int count, const struct timespec *timeout);
int lio_listio(int mode, struct aiocb *const list[], int count, struct sigevent *event);

#endif
