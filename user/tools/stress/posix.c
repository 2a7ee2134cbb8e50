/* user/tools/stress/posix.c - POSIX message queues and local datagram sockets
 * under load, when the libc has them (<mqueue.h>, <sys/socket.h>): each is
 * a run like the others, and is simply absent from the list otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stress.h"

#if __has_include(<mqueue.h>)
#include <mqueue.h>

static char queue_name[32];
static mqd_t queue = (mqd_t)-1;

static int mq_setup(struct run *run)
{
    (void)run;
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 8;
    attributes.mq_msgsize = sizeof(struct record);
    snprintf(queue_name, sizeof queue_name, "/stress.%d", getpid());
    mq_unlink(queue_name);
    queue = mq_open(queue_name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    return queue == (mqd_t)-1 ? -1 : 0;
}

static void mq_produce(struct run *run, unsigned producer)
{
    struct record record;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        while (mq_send(queue, (const char *)&record, record_size(&record), sequence % 4) < 0)
            if (!interrupted(run)) {
                note_error(run, "mq_send", errno);
                return;
            }
        note_progress(run);
    }
}

static void mq_consume(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct record record;
    for (;;) {
        unsigned priority;
        int got = (int)mq_receive(queue, (char *)&record, sizeof record, &priority);
        if (got < 0) {
            if (!interrupted(run)) {
                note_error(run, "mq_receive", errno);
                for (;;)
                    pause();
            }
            continue;
        }
        record_take(run, &record, (unsigned)got, 0);
    }
}

static void mq_teardown(struct run *run)
{
    (void)run;
    mq_close(queue);
    mq_unlink(queue_name);
}
#define MQ_ENTRY { "posix-mq", 16, 16, 0, mq_setup, mq_produce, mq_consume, 0, mq_teardown },
#else
#define MQ_ENTRY
#endif

#if __has_include(<sys/socket.h>) && __has_include(<sys/un.h>)
#include <sys/socket.h>
#include <sys/un.h>

#define SOCKETS_MAX 16
static int sockets[SOCKETS_MAX];
static struct sockaddr_un addresses[SOCKETS_MAX];
static pthread_mutex_t socket_locks[SOCKETS_MAX];   /* a datagram at a time, with --threads */

/* One datagram socket per consumer (per consumer process with --threads:
 * stress.h, stream_of), bound to a path; datagrams keep the records whole,
 * and each producer sends to one socket. */
static int socket_setup(struct run *run)
{
    if (stream_count(run) > SOCKETS_MAX)
        return -1;
    for (unsigned s = 0; s < stream_count(run); s++) {
        pthread_mutex_init(&socket_locks[s], 0);
        memset(&addresses[s], 0, sizeof addresses[s]);
        addresses[s].sun_family = AF_UNIX;
        snprintf(addresses[s].sun_path, sizeof addresses[s].sun_path, "/tmp/stress-socket-%u", s);
        unlink(addresses[s].sun_path);
        sockets[s] = socket(AF_UNIX, SOCK_DGRAM, 0);
        if (sockets[s] < 0 || bind(sockets[s], (struct sockaddr *)&addresses[s], sizeof addresses[s]) < 0)
            return -1;
    }
    return 0;
}

/* Every other producer connects to its socket and sends with send(2)
 * (on several CPUs, without the big lock, into a queue other producers
 * fill by path meanwhile); the others name it in each sendto(2). */
static void socket_produce(struct run *run, unsigned producer)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un *to = &addresses[producer % stream_count(run)];
    int connected = producer % 2 == 1;
    if (fd >= 0 && connected && connect(fd, (struct sockaddr *)to, sizeof *to) < 0) {
        note_error(run, "connect", errno);
        close(fd);
        return;
    }
    struct record record;
    for (unsigned sequence = 0; fd >= 0 && sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        while ((connected ? send(fd, &record, record_size(&record), 0)
                          : sendto(fd, &record, record_size(&record), 0, (struct sockaddr *)to, sizeof *to)) < 0)
            if (!interrupted(run) && errno != EAGAIN && errno != ENOMEM) {
                note_error(run, "sendto", errno);
                close(fd);
                return;
            }
        note_progress(run);
    }
    if (fd < 0)
        note_error(run, "socket", errno);
    else
        close(fd);
}

/* Receives the datagrams of `fd` until killed: each received and marked
 * under `lock`, so that a sender's order survives several receiving
 * threads. */
static void consume_datagrams(struct run *run, int fd, pthread_mutex_t *lock)
{
    struct record record;
    for (;;) {
        pthread_mutex_lock(lock);
        int got = (int)recv(fd, &record, sizeof record, 0);
        if (got >= 0)
            record_take(run, &record, (unsigned)got, 1);
        pthread_mutex_unlock(lock);
        if (got < 0 && !interrupted(run)) {
            note_error(run, "recv", errno);
            for (;;)
                pause();
        }
    }
}

static void socket_consume(struct run *run, unsigned consumer)
{
    unsigned own = stream_of(run, consumer);
    consume_datagrams(run, sockets[own], &socket_locks[own]);
}

static void socket_teardown(struct run *run)
{
    for (unsigned s = 0; s < stream_count(run); s++) {
        close(sockets[s]);
        unlink(addresses[s].sun_path);
    }
}
#define SOCKET_ENTRY { "socket", 24, 8, 1, socket_setup, socket_produce, socket_consume, 0, socket_teardown },

/* Datagram socketpairs, one per consumer (process): producers send into
 * end 0 of theirs, several processes into one end, its consumers receive
 * from end 1. On several CPUs these calls run under the pair's lock
 * (kernel/ipc/socket_datagram_without_big_lock.c), waits for a full
 * queue included. */
static int pairs[SOCKETS_MAX][2];

static int pair_setup(struct run *run)
{
    if (stream_count(run) > SOCKETS_MAX)
        return -1;
    for (unsigned s = 0; s < stream_count(run); s++) {
        pthread_mutex_init(&socket_locks[s], 0);
        if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pairs[s]) < 0)
            return -1;
    }
    return 0;
}

static void pair_produce(struct run *run, unsigned producer)
{
    int fd = pairs[producer % stream_count(run)][0];
    struct record record;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        while (send(fd, &record, record_size(&record), 0) < 0)
            if (!interrupted(run) && errno != EAGAIN && errno != ENOMEM) {
                note_error(run, "send", errno);
                return;
            }
        note_progress(run);
    }
}

static void pair_consume(struct run *run, unsigned consumer)
{
    unsigned own = stream_of(run, consumer);
    consume_datagrams(run, pairs[own][1], &socket_locks[own]);
}

static void pair_teardown(struct run *run)
{
    for (unsigned s = 0; s < stream_count(run); s++) {
        close(pairs[s][0]);
        close(pairs[s][1]);
    }
}
#define SOCKETPAIR_ENTRY { "socketpair-dgram", 24, 8, 1, pair_setup, pair_produce, pair_consume, 0, pair_teardown },
#else
#define SOCKET_ENTRY
#define SOCKETPAIR_ENTRY
#endif

const struct mechanism posix_mechanisms[] = { MQ_ENTRY SOCKET_ENTRY SOCKETPAIR_ENTRY { 0, 0, 0, 0, 0, 0, 0, 0, 0 } };
const unsigned posix_count = sizeof posix_mechanisms / sizeof posix_mechanisms[0] - 1;
