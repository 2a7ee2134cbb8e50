/* libc/aio/aio.c - the asynchronous I/O calls of one request: aio_read,
 * aio_write, aio_fsync (queue it), aio_error and aio_return (what became
 * of it), aio_cancel and aio_suspend. The queue and its threads are in
 * aio_queue.c, the states of a request in aio_internal.h; aio(7). */
#include "aio_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <time.h>

/* The checks POSIX asks before a request is queued; the rest (a bad
 * descriptor, offset or buffer) comes back from the transfer itself, in
 * aio_error, as glibc does. */
static int submit(struct aiocb *request, int operation)
{
    int error = 0;
    if (operation <= LIO_WRITE && (request->aio_reqprio < 0 || request->aio_reqprio > AIO_PRIO_DELTA_MAX))
        error = EINVAL;
    else
        error = aio_enqueue(request, operation, 0);
    if (error == EBUSY)
        error = EINVAL;               /* the block is in use by a request already */
    if (error) {
        errno = error;
        return -1;
    }
    return 0;
}

int aio_read(struct aiocb *request)
{
    return submit(request, LIO_READ);
}

int aio_write(struct aiocb *request)
{
    return submit(request, LIO_WRITE);
}

/* Only aio_fildes and aio_sigevent count; the fsync comes after the
 * file's requests queued before it. */
int aio_fsync(int operation, struct aiocb *request)
{
    if (operation != O_SYNC && operation != O_DSYNC) {
        errno = EINVAL;
        return -1;
    }
    if (fcntl(request->aio_fildes, F_GETFL) < 0) {
        errno = EBADF;
        return -1;
    }
    return submit(request, operation == O_SYNC ? AIO_OPERATION_FSYNC : AIO_OPERATION_DSYNC);
}

/* Context: any, a signal handler too (async-signal-safe). */
int aio_error(const struct aiocb *request)
{
    int state = request->__state;
    if (state == AIO_STATE_QUEUED || state == AIO_STATE_RUNNING)
        return EINPROGRESS;
    if (state != AIO_STATE_DONE) {
        errno = EINVAL;               /* never submitted, or its status taken already */
        return -1;
    }
    __sync_synchronize();             /* the results were written before the state */
    return request->__error;
}

/* Once per request, when aio_error no longer says EINPROGRESS: what read,
 * write or fsync returned (-1 if it failed: aio_error says why). The
 * block is then free for another request. Context: async-signal-safe. */
ssize_t aio_return(struct aiocb *request)
{
    if (request->__state != AIO_STATE_DONE) {
        errno = EINVAL;               /* not done, never submitted, or taken already */
        return -1;
    }
    __sync_synchronize();
    ssize_t result = request->__return;
    request->__state = AIO_STATE_RETURNED;
    return result;
}

int aio_cancel(int fd, struct aiocb *request)
{
    if (fcntl(fd, F_GETFD) < 0) {
        errno = EBADF;
        return -1;
    }
    if (request && request->aio_fildes != fd) {
        errno = EINVAL;
        return -1;
    }
    return aio_queue_cancel(fd, request);
}

static int in_progress(const struct aiocb *request)
{
    return request->__state == AIO_STATE_QUEUED || request->__state == AIO_STATE_RUNNING;
}

/* Sleeps until one request of `list` (NULL entries ignored) is no longer
 * in progress, a signal comes (EINTR) or `timeout` passes (EAGAIN),
 * measured on CLOCK_MONOTONIC. Context: async-signal-safe; a
 * cancellation point. */
int aio_suspend(const struct aiocb *const list[], int count, const struct timespec *timeout)
{
    struct timespec deadline, *until = 0;
    if (timeout) {
        if (timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L || timeout->tv_sec < 0) {
            errno = EINVAL;
            return -1;
        }
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout->tv_sec;
        deadline.tv_nsec += timeout->tv_nsec;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_nsec -= 1000000000L;
            deadline.tv_sec++;
        }
        until = &deadline;
    }
    for (;;) {
        int seen = aio_completions;   /* before looking: a completion after it wakes the sleep */
        for (int i = 0; i < count; i++)
            if (list[i] && !in_progress(list[i]))
                return 0;
        int error = aio_wait_for_completion(seen, until);
        if (error) {
            errno = error;
            return -1;
        }
    }
}
