/* libc/aio/aio_internal.h - what the asynchronous I/O calls share
 * (internal): the queue of requests and its threads (aio_queue.c), the
 * notifications (aio_notify.c), and the states of a request.
 *
 * A request is the caller's own struct aiocb: no memory is allocated for
 * it, so a queued request can never be lost for want of memory. Its
 * __state goes
 *
 *     (anything) --aio_read/aio_write/aio_fsync/lio_listio--> QUEUED
 *     QUEUED --a worker takes it--> RUNNING --done--> DONE
 *     QUEUED --aio_cancel--> DONE (error ECANCELED)
 *     DONE --aio_return--> RETURNED
 *
 * and aio_error answers EINPROGRESS while it is QUEUED or RUNNING, the
 * request's error once DONE, and -1 (EINVAL) for any other value: a block
 * never submitted, or one whose status was taken already. The states are
 * numbers no zeroed or reused block is likely to hold by chance. */
#ifndef LIBC_AIO_AIO_INTERNAL_H
#define LIBC_AIO_AIO_INTERNAL_H

#include <aio.h>
#include <time.h>

#define AIO_STATE_QUEUED   0x41494f51   /* "QOIA" */
#define AIO_STATE_RUNNING  0x41494f52
#define AIO_STATE_DONE     0x41494f44
#define AIO_STATE_RETURNED 0x41494f5a

/* aio_fsync's request, as __operation: after the reads and writes */
#define AIO_OPERATION_FSYNC  3
#define AIO_OPERATION_DSYNC  4

/* One lio_listio call: its requests point at it, the last to finish
 * notifies (LIO_NOWAIT) or lets the waiting caller go (LIO_WAIT). */
struct aio_list {
    int pending;                      /* requests of the list not done yet */
    int mode;                         /* LIO_WAIT or LIO_NOWAIT */
    int abandoned;                    /* LIO_WAIT's caller left (a signal): the last request frees the list */
    struct sigevent event;            /* LIO_NOWAIT's notification (SIGEV_NONE if none) */
};

/* Gives the notification `event` describes (aio_notify.c): none for a
 * sigev_notify it does not know, a signal number out of range or a
 * SIGEV_THREAD without a function (glibc checks none of them when a
 * request is queued, and neither does this library). Context: any
 * thread but a signal handler; it may sleep while the process's signal
 * queue is full, until there is room. */
void aio_notify(const struct sigevent *event);

/* Queues `request` for `operation` (LIO_READ, LIO_WRITE, AIO_OPERATION_*),
 * as part of `list` if not NULL (its `pending` counted here). Returns 0,
 * or an error number: EAGAIN (AIO_MAX requests outstanding, or no thread
 * to carry it out), EBUSY (the block is queued or running already: the
 * calls answer EINVAL, and leave the block alone).
 * Context: any thread; takes the queue's lock. */
int aio_enqueue(struct aiocb *request, int operation, struct aio_list *list);

/* aio_cancel's work on the queue (aio_queue.c): cancels the queued
 * requests of `fd` (only `request` if not NULL) and returns AIO_CANCELED,
 * AIO_NOTCANCELED or AIO_ALLDONE. */
int aio_queue_cancel(int fd, struct aiocb *request);

/* lio_listio has queued what it could: drops the call's own count of
 * `list`. If nothing of it is left, a LIO_NOWAIT list is notified and
 * freed (a LIO_WAIT list stays for aio_list_release). */
void aio_list_submitted(struct aio_list *list);

/* Frees a LIO_WAIT list once its waiter is done with it, or marks it
 * abandoned if requests of it are still running (aio_queue.c). */
void aio_list_release(struct aio_list *list);

/* Bumped, and every waiter woken, at each request done or cancelled: what
 * aio_suspend and lio_listio(LIO_WAIT) sleep on (a futex word). */
extern volatile int aio_completions;

/* Sleeps while aio_completions is still `seen`, until `deadline`
 * (CLOCK_MONOTONIC) if not NULL. 0 (something completed, or a spurious
 * wake: look again), EINTR (a signal), EAGAIN (the deadline passed).
 * A cancellation point. Context: any thread; async-signal-safe. */
int aio_wait_for_completion(int seen, const struct timespec *deadline);

#endif
