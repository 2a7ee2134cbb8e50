/* user/tools/stress/async_io.c - asynchronous I/O under load, when the
 * libc has it (<aio.h>): pipes as in byte_streams.c (consumer c reads
 * pipe c, producer p writes pipe p % consumers, one record per write),
 * but every write is an aio_write and every read an aio_read, carried out
 * by the library's worker threads (libc/aio, docs/async-io.md).
 *
 * A producer keeps up to WINDOW writes in flight at once on its pipe,
 * and the library promises that one file's requests are carried out in
 * the order queued: so each producer's records must still come out in
 * order. Each write is notified in one of three ways, by its sequence
 * number: not at all, by SIGRTMIN+3 (a handler counts it, through the
 * counter its si_value points at), or by a function in a new thread
 * (which counts it the same way); before a producer ends, every one of
 * its notifications must have come, once. A consumer reads a record's
 * header, then its payload, each with an aio_read and aio_suspend. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stress.h"

#if __has_include(<aio.h>)
#include <aio.h>

#define STREAMS_MAX 32
#define WINDOW 8                          /* writes in flight per producer */
#define NOTIFY_SIGNAL (SIGRTMIN + 3)
#define NOTIFICATION_WAIT_MS 20000        /* the last notifications: within the watchdog's time */

static int pipes[STREAMS_MAX][2];
static pthread_mutex_t stream_locks[STREAMS_MAX];    /* a record at a time, with --threads */
static volatile int notified[PRODUCERS_MAX];         /* per producer: signals and functions that came */
static struct aiocb requests[PRODUCERS_MAX][WINDOW]; /* a producer's writes in flight (threads: each its own) */
static struct record records[PRODUCERS_MAX][WINDOW];

static void count_notification(union sigval value)
{
    __atomic_fetch_add((volatile int *)value.sival_ptr, 1, __ATOMIC_SEQ_CST);
}

static void on_notify_signal(int signal, siginfo_t *info, void *context)
{
    (void)signal, (void)context;
    if (info->si_code == SI_ASYNCIO)
        count_notification(info->si_value);
}

static int aio_setup(struct run *run)
{
    for (unsigned s = 0; s < STREAMS_MAX; s++)
        pthread_mutex_init(&stream_locks[s], 0);
    for (unsigned s = 0; s < stream_count(run); s++)
        if (pipe(pipes[s]) < 0)
            return -1;
    return 0;
}

/* Waits until `request` is done; its aio_return, or -1 (noted) if the
 * wait failed. */
static ssize_t wait_for(struct run *run, struct aiocb *request)
{
    const struct aiocb *list[1] = { request };
    while (aio_error(request) == EINPROGRESS)
        if (aio_suspend(list, 1, 0) < 0 && !interrupted(run)) {
            note_error(run, "aio_suspend", errno);
            return -1;
        }
    return aio_return(request);
}

static void aio_produce(struct run *run, unsigned producer)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_notify_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(NOTIFY_SIGNAL, &action, 0);
    int fd = pipes[producer % stream_count(run)][1];
    struct aiocb *slots = requests[producer];
    struct record *written = records[producer];
    int expected = 0;
    for (unsigned sequence = 0; sequence < run->per_producer + WINDOW; sequence++) {
        struct aiocb *request = &slots[sequence % WINDOW];
        if (sequence >= WINDOW) {               /* the slot's last write must be done */
            ssize_t wrote = wait_for(run, request);
            if (wrote != (ssize_t)record_size(&written[sequence % WINDOW])) {
                note_error(run, wrote < 0 ? "aio_write" : "aio_write: a record was split",
                           wrote < 0 ? aio_error(request) : EIO);
                return;
            }
            note_progress(run);
        }
        if (sequence >= run->per_producer)
            continue;                           /* only waiting for the last ones */
        struct record *record = &written[sequence % WINDOW];
        record_fill(record, producer, sequence, stress_seed());
        memset(request, 0, sizeof *request);
        request->aio_fildes = fd;
        request->aio_buf = record;
        request->aio_nbytes = record_size(record);
        request->aio_sigevent.sigev_value.sival_ptr = (void *)&notified[producer];
        switch (sequence % 3) {
        case 0:
            request->aio_sigevent.sigev_notify = SIGEV_NONE;
            break;
        case 1:
            request->aio_sigevent.sigev_notify = SIGEV_SIGNAL;
            request->aio_sigevent.sigev_signo = NOTIFY_SIGNAL;
            expected++;
            break;
        default:
            request->aio_sigevent.sigev_notify = SIGEV_THREAD;
            request->aio_sigevent.sigev_notify_function = count_notification;
            expected++;
        }
        while (aio_write(request) < 0)
            if (errno != EAGAIN) {
                note_error(run, "aio_write", errno);
                return;
            }
    }
    /* a notification follows its request's end by a moment: wait for the last */
    struct timespec pause = { 0, 1000000 };
    for (int waited = 0; notified[producer] < expected && waited < NOTIFICATION_WAIT_MS; waited++)
        nanosleep(&pause, 0);
    if (notified[producer] != expected)
        note_error(run, "aio notifications: not each once", notified[producer] < expected ? ENOMSG : EEXIST);
}

/* Reads exactly `size` bytes with aio_read; 1, 0 at end of file, -1 on an
 * error (noted). */
static int aio_read_fully(struct run *run, int fd, void *buffer, unsigned size)
{
    struct aiocb request;
    unsigned done = 0;
    while (done < size) {
        memset(&request, 0, sizeof request);
        request.aio_fildes = fd;
        request.aio_buf = (char *)buffer + done;
        request.aio_nbytes = size - done;
        request.aio_sigevent.sigev_notify = SIGEV_NONE;
        if (aio_read(&request) < 0) {
            if (errno == EAGAIN)
                continue;
            note_error(run, "aio_read", errno);
            return -1;
        }
        ssize_t got = wait_for(run, &request);
        if (got <= 0) {
            if (got < 0)
                note_error(run, "aio_read's read", aio_error(&request));
            return got < 0 || done ? -1 : 0;
        }
        done += (unsigned)got;
    }
    return 1;
}

static void aio_consume(struct run *run, unsigned consumer)
{
    unsigned own = stream_of(run, consumer);
    struct record record;
    for (;;) {
        pthread_mutex_lock(&stream_locks[own]);
        int status = aio_read_fully(run, pipes[own][0], &record, RECORD_HEADER);
        if (status > 0 && (record.length > PAYLOAD_MAX ||
                           (record.length && aio_read_fully(run, pipes[own][0], record.payload, record.length) != 1)))
            status = -1;
        if (status > 0)
            record_take(run, &record, record_size(&record), 1);
        pthread_mutex_unlock(&stream_locks[own]);
        if (status <= 0)
            break;
    }
    for (;;)                              /* the parent stops us */
        pause();
}

static void aio_teardown(struct run *run)
{
    for (unsigned s = 0; s < stream_count(run); s++) {
        close(pipes[s][0]);
        close(pipes[s][1]);
    }
}
#define AIO_ENTRY { "aio-pipe", 16, 8, 1, aio_setup, aio_produce, aio_consume, 0, aio_teardown },
#else
#define AIO_ENTRY
#endif

const struct mechanism async_io_mechanisms[] = { AIO_ENTRY { 0, 0, 0, 0, 0, 0, 0, 0, 0 } };
const unsigned async_io_count = sizeof async_io_mechanisms / sizeof async_io_mechanisms[0] - 1;
