/* libc/aio/aio_queue.c - the queue of asynchronous I/O requests and the
 * threads that carry them out, as glibc does it on Linux: the kernel
 * sees ordinary pread, pwrite and fsync calls, made by threads of the
 * process while the caller goes on.
 *
 *   aio_read(&cb) ----> queue: cb1 -> cb2 -> cb ...   (by aio_reqprio, then
 *                          |                          in the order queued)
 *                          v
 *   worker threads (up to AIO_WORKERS_MAX): take the first request whose
 *   file no other worker is on, pread/pwrite/fsync it, then mark it done,
 *   wake aio_suspend's sleepers and send its notification (aio_notify.c)
 *
 * One file's requests go one at a time, in queue order: so appends land
 * in the order they were made, and an aio_fsync comes after the writes
 * queued before it (it goes behind every request of its priority or
 * higher). A worker with nothing to do for AIO_WORKER_IDLE_SECONDS ends.
 *
 * Locking: one mutex, queue_lock, around the queue, the workers' table
 * and the lio_listio lists. aio_error, aio_return and aio_suspend never
 * take it (they are async-signal-safe): they read a request's __state,
 * which is written last, after its results (aio_internal.h). */
#include "aio_internal.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

#define AIO_WORKERS_MAX 8
#define AIO_WORKER_IDLE_SECONDS 1

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_queued = PTHREAD_COND_INITIALIZER;
static struct aiocb *queue_first;             /* waiting for a worker */
static struct aiocb *running[AIO_WORKERS_MAX]; /* what each worker carries out, or NULL */
static int worker_slot_used[AIO_WORKERS_MAX];
static int workers, idle_workers;
static int outstanding;                       /* queued or running: at most AIO_MAX */
static pthread_once_t fork_handlers_once = PTHREAD_ONCE_INIT;

volatile int aio_completions;

/* ---- the queue (queue_lock held) ---------------------------------------- */

/* An aio_fsync goes behind every read and write of any priority queued
 * before it. */
static int priority_key(const struct aiocb *request)
{
    return request->__operation >= AIO_OPERATION_FSYNC ? AIO_PRIO_DELTA_MAX + 1 : request->aio_reqprio;
}

static void queue_insert(struct aiocb *request)
{
    struct aiocb **link = &queue_first;
    while (*link && priority_key(*link) <= priority_key(request))
        link = &(*link)->__next;
    request->__next = *link;
    *link = request;
}

static int file_is_being_served(int fd)
{
    for (int slot = 0; slot < AIO_WORKERS_MAX; slot++)
        if (running[slot] && running[slot]->aio_fildes == fd)
            return 1;
    return 0;
}

/* Has `request`'s file another request queued or running? Then whoever
 * takes that one takes this one after it: no new worker is needed. */
static int file_has_other_requests(const struct aiocb *request)
{
    if (file_is_being_served(request->aio_fildes))
        return 1;
    for (const struct aiocb *queued = queue_first; queued; queued = queued->__next)
        if (queued != request && queued->aio_fildes == request->aio_fildes)
            return 1;
    return 0;
}

/* The first queued request whose file no worker is on, taken out. */
static struct aiocb *queue_take(void)
{
    for (struct aiocb **link = &queue_first; *link; link = &(*link)->__next)
        if (!file_is_being_served((*link)->aio_fildes)) {
            struct aiocb *request = *link;
            *link = request->__next;
            return request;
        }
    return 0;
}

/* Is `request` queued or being carried out (whatever its __state says:
 * a block left on a stack may hold an old one)? */
static int is_outstanding(const struct aiocb *request)
{
    for (const struct aiocb *queued = queue_first; queued; queued = queued->__next)
        if (queued == request)
            return 1;
    for (int slot = 0; slot < AIO_WORKERS_MAX; slot++)
        if (running[slot] == request)
            return 1;
    return 0;
}

/* Records the end of `request`, which is in neither the queue nor the
 * table. Its notification is copied to *event first: once __state says
 * DONE the caller may reuse the block. If it was the last of a
 * LIO_NOWAIT list, the list's notification goes to *list_event and 1 is
 * returned. */
static int finish(struct aiocb *request, ssize_t result, int error, struct sigevent *event,
                  struct sigevent *list_event)
{
    *event = request->aio_sigevent;
    struct aio_list *list = request->__list;
    request->__return = result;
    request->__error = error;
    __sync_synchronize();             /* the results before the state: aio_error reads them after it */
    request->__state = AIO_STATE_DONE;
    outstanding--;
    int list_done = 0;
    if (list && --list->pending == 0) {
        if (list->mode == LIO_NOWAIT) {
            *list_event = list->event;
            list_done = 1;
            free(list);
        } else if (list->abandoned) {
            free(list);
        }                             /* else the waiting caller frees it */
    }
    return list_done;
}

/* Wakes aio_suspend's and lio_listio's sleepers. */
static void announce_completion(void)
{
    atomic_fetch_add(&aio_completions, 1);
    futex_wake(&aio_completions, INT_MAX);
}

/* ---- the workers -------------------------------------------------------- */

/* The transfer itself: the request's own file, buffer and offset. A pipe,
 * a FIFO or a socket has no offset (ESPIPE): there, read and write. */
static ssize_t carry_out(struct aiocb *request)
{
    int fd = request->aio_fildes;
    void *buffer = (void *)request->aio_buf;
    ssize_t result = -1;
    switch (request->__operation) {
    case LIO_READ:
        result = pread(fd, buffer, request->aio_nbytes, request->aio_offset);
        if (result < 0 && errno == ESPIPE)
            result = read(fd, buffer, request->aio_nbytes);
        break;
    case LIO_WRITE:
        result = pwrite(fd, buffer, request->aio_nbytes, request->aio_offset);
        if (result < 0 && errno == ESPIPE)
            result = write(fd, buffer, request->aio_nbytes);
        break;
    case AIO_OPERATION_FSYNC:
        result = fsync(fd);
        break;
    case AIO_OPERATION_DSYNC:
        result = fdatasync(fd);
        break;
    }
    return result;
}

/* A worker: takes requests until none has come for a while. Every signal
 * is blocked in it from its first instruction (start_worker): a signal
 * for the process is for the caller's threads. Context: its own thread;
 * takes queue_lock. */
static void *worker(void *slot_argument)
{
    int slot = (int)(long)slot_argument;
    pthread_mutex_lock(&queue_lock);
    for (;;) {
        struct aiocb *request = queue_take();
        if (!request) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += AIO_WORKER_IDLE_SECONDS;
            idle_workers++;
            int waited = pthread_cond_timedwait(&work_queued, &queue_lock, &until);
            idle_workers--;
            if (waited == ETIMEDOUT && !(request = queue_take()))
                break;
            if (!request)
                continue;
        }
        running[slot] = request;
        request->__state = AIO_STATE_RUNNING;
        pthread_mutex_unlock(&queue_lock);

        ssize_t result = carry_out(request);
        int error = result < 0 ? errno : 0;

        struct sigevent event, list_event;
        pthread_mutex_lock(&queue_lock);
        running[slot] = 0;
        int list_done = finish(request, result, error, &event, &list_event);
        pthread_mutex_unlock(&queue_lock);
        announce_completion();
        aio_notify(&event);
        if (list_done)
            aio_notify(&list_event);
        pthread_mutex_lock(&queue_lock);
    }
    worker_slot_used[slot] = 0;
    workers--;
    pthread_mutex_unlock(&queue_lock);
    return 0;
}

/* A new worker, if there is room for one. 0 or an error number.
 * Context: queue_lock held. */
static int start_worker(void)
{
    int slot = 0;
    while (slot < AIO_WORKERS_MAX && worker_slot_used[slot])
        slot++;
    if (slot == AIO_WORKERS_MAX)
        return EAGAIN;
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    pthread_t id;
    sigset_t every_signal, caller_mask;     /* a new thread starts with its creator's mask */
    sigfillset(&every_signal);
    pthread_sigmask(SIG_SETMASK, &every_signal, &caller_mask);
    int error = pthread_create(&id, &detached, worker, (void *)(long)slot);
    pthread_sigmask(SIG_SETMASK, &caller_mask, 0);
    pthread_attr_destroy(&detached);
    if (error)
        return error;
    worker_slot_used[slot] = 1;
    workers++;
    return 0;
}

/* ---- fork --------------------------------------------------------------- */

/* A child starts with no requests and no workers (POSIX: none of the
 * parent's asynchronous I/O is inherited); the lock is taken around the
 * fork so that the child's copy of the queue is whole. */
static void before_fork(void) { pthread_mutex_lock(&queue_lock); }
static void after_fork_in_parent(void) { pthread_mutex_unlock(&queue_lock); }

static void after_fork_in_child(void)
{
    queue_first = 0;
    for (int slot = 0; slot < AIO_WORKERS_MAX; slot++) {
        running[slot] = 0;
        worker_slot_used[slot] = 0;
    }
    workers = idle_workers = outstanding = 0;
    pthread_mutex_init(&queue_lock, 0);
    pthread_cond_init(&work_queued, 0);
}

static void register_fork_handlers(void)
{
    pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
}

/* ---- for the calls ------------------------------------------------------ */

int aio_enqueue(struct aiocb *request, int operation, struct aio_list *list)
{
    pthread_once(&fork_handlers_once, register_fork_handlers);
    pthread_mutex_lock(&queue_lock);
    int error = 0;
    if (is_outstanding(request))
        error = EBUSY;                /* POSIX leaves it undefined; a second use would corrupt the queue */
    else if (outstanding >= AIO_MAX)
        error = EAGAIN;
    if (error) {
        pthread_mutex_unlock(&queue_lock);
        return error;
    }
    request->__operation = operation;
    request->__list = list;
    request->__return = -1;
    request->__error = EINPROGRESS;
    request->__state = AIO_STATE_QUEUED;
    queue_insert(request);
    outstanding++;
    if (list)
        list->pending++;
    if (idle_workers > 0)
        pthread_cond_signal(&work_queued);
    else if (workers < AIO_WORKERS_MAX && !file_has_other_requests(request) &&
             (error = start_worker()) != 0 && workers > 0)
        error = 0;                    /* a worker there is will come to it */
    if (error) {                      /* no thread at all to carry it out */
        struct aiocb **link = &queue_first;
        while (*link != request)
            link = &(*link)->__next;
        *link = request->__next;
        request->__state = 0;
        outstanding--;
        if (list)
            list->pending--;
        error = EAGAIN;
    }
    pthread_mutex_unlock(&queue_lock);
    return error;
}

int aio_queue_cancel(int fd, struct aiocb *request)
{
    pthread_mutex_lock(&queue_lock);
    struct aiocb *cancelled = 0, **tail = &cancelled;
    for (struct aiocb **link = &queue_first; *link;) {
        struct aiocb *queued = *link;
        if (queued->aio_fildes == fd && (!request || queued == request)) {
            *link = queued->__next;   /* out of the queue; still QUEUED to its caller */
            queued->__next = 0;
            *tail = queued;
            tail = &queued->__next;
        } else {
            link = &queued->__next;
        }
    }
    int in_progress = 0;
    for (int slot = 0; slot < AIO_WORKERS_MAX; slot++)
        if (running[slot] && running[slot]->aio_fildes == fd && (!request || running[slot] == request))
            in_progress = 1;
    pthread_mutex_unlock(&queue_lock);

    int any_cancelled = cancelled != 0;
    while (cancelled) {               /* each ends as ECANCELED, and is notified */
        struct aiocb *next = cancelled->__next;
        struct sigevent event, list_event;
        pthread_mutex_lock(&queue_lock);
        int list_done = finish(cancelled, -1, ECANCELED, &event, &list_event);
        pthread_mutex_unlock(&queue_lock);
        announce_completion();
        aio_notify(&event);
        if (list_done)
            aio_notify(&list_event);
        cancelled = next;
    }
    if (in_progress)
        return AIO_NOTCANCELED;
    return any_cancelled ? AIO_CANCELED : AIO_ALLDONE;
}

void aio_list_submitted(struct aio_list *list)
{
    pthread_mutex_lock(&queue_lock);
    int last = --list->pending == 0;
    int notify = last && list->mode == LIO_NOWAIT;
    struct sigevent event = list->event;
    if (notify)
        free(list);
    pthread_mutex_unlock(&queue_lock);
    if (notify)
        aio_notify(&event);
}

void aio_list_release(struct aio_list *list)
{
    pthread_mutex_lock(&queue_lock);
    if (list->pending == 0)
        free(list);
    else
        list->abandoned = 1;
    pthread_mutex_unlock(&queue_lock);
}

int aio_wait_for_completion(int seen, const struct timespec *deadline)
{
    struct timespec left, *relative = 0;
    if (deadline) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        left.tv_sec = deadline->tv_sec - now.tv_sec;
        left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
        if (left.tv_nsec < 0) {
            left.tv_nsec += 1000000000L;
            left.tv_sec--;
        }
        if (left.tv_sec < 0)
            return EAGAIN;
        relative = &left;
    }
    long result = cancel_point_result(
        syscall3(cancel_point_number(SYS_futex_wait), (long)&aio_completions, seen, (long)relative));
    if (result == -EINTR)
        return EINTR;
    return result == -ETIMEDOUT ? EAGAIN : 0;
}
