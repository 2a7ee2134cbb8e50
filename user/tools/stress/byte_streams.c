/* user/tools/stress/byte_streams.c - pipes and FIFOs under load.
 *
 * A byte stream has no record boundaries, and two readers of one pipe
 * could each take half a record, so every pipe has exactly one reader and
 * several writers: consumer c reads pipe c, producer p writes pipe
 * p % consumers. A record (at most 216 bytes) goes in with one write, which
 * POSIX makes atomic up to PIPE_BUF, so writers never interleave inside a
 * record, and each writer's records must come out in the order written.
 * (With --threads a consumer process's threads share one pipe, and read
 * it a whole record at a time under its lock: stress.h, stream_of.)
 *
 * FIFOs do the same by name, and also exercise the open rendezvous and
 * end of file: each writer opens O_WRONLY (waiting for the reader),
 * writes its records, and closes; the reader opens O_RDONLY|O_NONBLOCK,
 * waits in poll for a writer, reads until every writer has closed (end
 * of file), and opens again before it closes (fifo_consume says why). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stress.h"

#define STREAMS_MAX 32

struct streams {
    int fds[STREAMS_MAX][2];
    char paths[STREAMS_MAX][40];
    pthread_mutex_t locks[STREAMS_MAX];     /* a record at a time, with --threads */
};

static struct streams *streams_of(struct run *run)
{
    return run->context;
}

/* Reads exactly `size` bytes; 0 at end of file, -1 on an error. */
static int read_fully(struct run *run, int fd, void *buffer, unsigned size)
{
    unsigned done = 0;
    while (done < size) {
        int got = (int)read(fd, (char *)buffer + done, size - done);
        if (got < 0 && interrupted(run))
            continue;
        if (got <= 0)
            return got < 0 ? -1 : done ? -1 : 0;   /* end of file inside a record: broken */
        done += (unsigned)got;
    }
    return 1;
}

static int write_record(struct run *run, int fd, const struct record *record)
{
    for (;;) {
        int wrote = (int)write(fd, record, record_size(record));
        if (wrote == (int)record_size(record))
            return 0;
        if (wrote < 0 && interrupted(run))
            continue;
        note_error(run, wrote < 0 ? "write" : "write: a record was split", wrote < 0 ? errno : EIO);
        return -1;
    }
}

/* Takes records from `fd` until end of file or an error, each whole
 * under `lock`. */
static void take_records(struct run *run, int fd, pthread_mutex_t *lock)
{
    struct record record;
    for (;;) {
        pthread_mutex_lock(lock);
        int status = read_fully(run, fd, &record, RECORD_HEADER);
        if (status > 0 && (record.length > PAYLOAD_MAX ||
                           (record.length && read_fully(run, fd, record.payload, record.length) != 1)))
            status = -1;
        if (status > 0)
            record_take(run, &record, record_size(&record), 1);
        pthread_mutex_unlock(lock);
        if (status == 0)
            return;
        if (status < 0) {
            note_error(run, "read: a broken record", errno ? errno : EIO);
            return;
        }
    }
}

static void init_locks(struct streams *streams)
{
    for (unsigned s = 0; s < STREAMS_MAX; s++)
        pthread_mutex_init(&streams->locks[s], 0);
}

/* ---- pipes ------------------------------------------------------------------ */

static int pipe_setup(struct run *run)
{
    static struct streams streams;
    run->context = &streams;
    init_locks(&streams);
    for (unsigned s = 0; s < stream_count(run); s++)
        if (pipe(streams.fds[s]) < 0)
            return -1;
    return 0;
}

static void pipe_produce(struct run *run, unsigned producer)
{
    struct streams *streams = streams_of(run);
    int fd = streams->fds[producer % stream_count(run)][1];
    struct record record;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        if (write_record(run, fd, &record) < 0)
            return;
        note_progress(run);
    }
}

static void pipe_consume(struct run *run, unsigned consumer)
{
    struct streams *streams = streams_of(run);
    unsigned own = stream_of(run, consumer);
    for (unsigned s = 0; s < stream_count(run) && consumer % run->threads == 0; s++)
        if (s != own)                                 /* our own read end stays open */
            close(streams->fds[s][0]);
    take_records(run, streams->fds[own][0], &streams->locks[own]);
    for (;;)                                          /* end of file cannot come: the parent writes none */
        pause();
}

static void pipe_teardown(struct run *run)
{
    struct streams *streams = streams_of(run);
    for (unsigned s = 0; s < stream_count(run); s++) {
        close(streams->fds[s][0]);
        close(streams->fds[s][1]);
    }
}

/* ---- FIFOs ------------------------------------------------------------------ */

static int fifo_setup(struct run *run)
{
    static struct streams streams;
    run->context = &streams;
    init_locks(&streams);
    for (unsigned s = 0; s < stream_count(run); s++) {
        snprintf(streams.paths[s], sizeof streams.paths[s], "/tmp/stress-fifo-%u-%u", (unsigned)getpid(), s);
        unlink(streams.paths[s]);
        if (mkfifo(streams.paths[s], 0600) < 0)
            return -1;
    }
    return 0;
}

/* Opens the FIFO at `path` for writing: waits for its reader. */
static int fifo_open_for_writing(struct run *run, const char *path)
{
    int fd;
    while ((fd = open(path, O_WRONLY)) < 0)
        if (!interrupted(run)) {
            note_error(run, "open a FIFO for writing", errno);
            return -1;
        }
    return fd;
}

/* Each writer opens once, writes its records and closes. From its
 * reader's first open on, the FIFO always has a reader (fifo_consume),
 * so no write finds none: an EPIPE would be an error here. */
static void fifo_produce(struct run *run, unsigned producer)
{
    struct streams *streams = streams_of(run);
    const char *path = streams->paths[producer % stream_count(run)];
    signal(SIGPIPE, SIG_IGN);                        /* an EPIPE is reported, not fatal */
    int fd = fifo_open_for_writing(run, path);
    if (fd < 0)
        return;
    struct record record;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        if (write_record(run, fd, &record) < 0)
            break;
        note_progress(run);
    }
    close(fd);
}

/* Opens the FIFO at `path` for reading without waiting for a writer
 * (O_NONBLOCK). -1 after an error, noted. */
static int fifo_open_for_reading(struct run *run, const char *path)
{
    int fd;
    while ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
        if (!interrupted(run)) {
            note_error(run, "open a FIFO for reading", errno);
            return -1;
        }
    return fd;
}

/* Waits until the FIFO end `fd` (fifo_open_for_reading's) has bytes to
 * read, or a writer that came after its open has closed (POLLHUP: end of
 * file), then makes its reads wait. -1 after an error, noted. */
static int wait_for_a_writer(struct run *run, int fd)
{
    struct pollfd poller = { .fd = fd, .events = POLLIN };
    while (poll(&poller, 1, -1) < 0)
        if (!interrupted(run)) {
            note_error(run, "poll a FIFO", errno);
            return -1;
        }
    if (fcntl(fd, F_SETFL, 0) < 0) {
        note_error(run, "fcntl(F_SETFL) a FIFO", errno);
        return -1;
    }
    return 0;
}

/* Reads until every writer has closed (end of file), then opens the FIFO
 * again, and only then closes the end it read: the FIFO always has a
 * reader. Were that close its last end, whatever a writer had written
 * meanwhile would go with it (POSIX: the data of a FIFO all of whose
 * ends are closed is discarded; Linux does the same): a writer can open,
 * write all its records and close between our read of the end of file
 * and our close. The new end waits in poll, not in open: records a
 * writer left just before the new open are there to read at once, where
 * a blocking open would wait for the next writer, which may never come.
 * POLLHUP comes only for a writer seen since the open (pipe_poll, as
 * Linux's), so poll does not spin between writers. */
static void fifo_consume(struct run *run, unsigned consumer)
{
    struct streams *streams = streams_of(run);
    unsigned own = stream_of(run, consumer);
    int fd = fifo_open_for_reading(run, streams->paths[own]);
    while (fd >= 0 && wait_for_a_writer(run, fd) == 0) {
        take_records(run, fd, &streams->locks[own]);  /* until every writer has closed */
        int next = fifo_open_for_reading(run, streams->paths[own]);
        close(fd);
        fd = next;
    }
    for (;;)
        pause();                                      /* after an error, noted */
}

static void fifo_teardown(struct run *run)
{
    struct streams *streams = streams_of(run);
    for (unsigned s = 0; s < stream_count(run); s++)
        unlink(streams->paths[s]);
}

const struct mechanism byte_stream_mechanisms[] = {
    { "pipe", 24, 8, 1, pipe_setup, pipe_produce, pipe_consume, 0, pipe_teardown },
    { "fifo", 24, 8, 1, fifo_setup, fifo_produce, fifo_consume, 0, fifo_teardown },
};
const unsigned byte_stream_count = sizeof byte_stream_mechanisms / sizeof byte_stream_mechanisms[0];
