/* user/tools/stress/stress.h - the stress runs of every IPC mechanism
 * (docs/robustness.md).
 *
 * A run forks producers and consumers that exchange numbered records over
 * one mechanism. Every record carries its sender, its sequence number and
 * a checksum of its bytes; each consumer marks what it took on a shared
 * scoreboard, so that at the end the parent can say that nothing was lost,
 * nothing came twice, nothing was damaged, and, where the mechanism
 * promises it, that each sender's records came in order. A watchdog turns
 * a run that stops moving into a failure, with ps and ipcs printed first.
 *
 *   parent -- fork --> producer 0 .. P-1 --+   pipe / FIFO / msgq / mailbox /
 *          -- fork --> consumer 0 .. C-1 <-+   direct messages / ...
 *          waits for the producers, then for the scoreboard to be complete,
 *          then stops the consumers (they may be blocked: SIGKILL)
 *
 * With --threads T, each of those processes runs T threads instead, and
 * each thread is a producer or a consumer of its own: process p's thread
 * t is producer (or consumer) p * T + t, and a message for consumer c is
 * sent to that thread (its tid in consumer_pids). The mechanisms see only
 * producers and consumers, as before.
 */
#ifndef USER_STRESS_STRESS_H
#define USER_STRESS_STRESS_H

#include <stdint.h>

#define PRODUCERS_MAX   64            /* 8 processes x 8 threads */
#define SEQUENCE_MAX    8192          /* records per producer at most */
#define PAYLOAD_MAX     200           /* bytes of payload (a message body holds 240) */
#define RECORD_HEADER   16

struct record {
    uint32_t sender;                  /* producer number */
    uint32_t sequence;                /* 0, 1, 2, ... per producer */
    uint32_t length;                  /* payload bytes */
    uint32_t checksum;                /* of the header fields above and the payload */
    uint8_t payload[PAYLOAD_MAX];
};

/* What one run shares between its processes (MAP_SHARED anonymous). */
struct scoreboard {
    volatile uint32_t received;                   /* records marked, duplicates not counted */
    volatile uint32_t interrupted;                /* calls that ended with EINTR and were made again */
    volatile uint32_t duplicates, corrupt, out_of_order, errors;
    volatile uint32_t progress;                   /* bumped by every operation: the watchdog watches it */
    volatile uint32_t produced;                   /* records sent */
    volatile int last_error;                      /* an errno a process did not expect */
    volatile char last_error_where[48];
    volatile uint8_t seen[PRODUCERS_MAX][SEQUENCE_MAX / 8];
    volatile int32_t next_expected[PRODUCERS_MAX];   /* for per-sender order */
    volatile uint32_t counter;                    /* the shm+sem counter */
    volatile int consumer_pids[PRODUCERS_MAX];    /* pids (tids of consumer threads), known before any producer starts */
};

struct run {
    const char *name;
    unsigned producers, consumers;    /* threads of their own with --threads */
    unsigned threads;                 /* per process: 1, or --threads */
    unsigned per_producer;            /* records each producer sends */
    int ordered;                      /* each sender's records must come in order */
    int signals;                      /* SIGUSR1 flies: calls may end with EINTR */
    struct scoreboard *board;
    void *context;                    /* the mechanism's own */
};

struct mechanism {
    const char *name;
    unsigned producers, consumers;    /* the usual numbers (scaled down in the mixed run) */
    int ordered;
    int (*setup)(struct run *run);    /* before any fork: make the objects; 0 or -1 */
    void (*produce)(struct run *run, unsigned producer);   /* in a child; returns when done */
    void (*consume)(struct run *run, unsigned consumer);   /* in a child; until killed */
    int (*check)(struct run *run);    /* after: mechanism-specific totals; 0 if right */
    void (*teardown)(struct run *run);
};

/* With --threads, the consumer threads of one process share its stream
 * (a pipe, a FIFO, a socket: one per consumer process, as when a process
 * had only 32 descriptors): consumer c reads stream c / threads, a record at a time
 * under the stream's lock, so that records stay whole and in order. */
static inline unsigned stream_count(const struct run *run)
{
    return run->consumers / run->threads;
}

static inline unsigned stream_of(const struct run *run, unsigned consumer)
{
    return consumer / run->threads;
}

extern const struct mechanism byte_stream_mechanisms[], sysv_mechanisms[], message_mechanisms[],
                              posix_mechanisms[], async_io_mechanisms[];
extern const unsigned byte_stream_count, sysv_count, message_count, posix_count, async_io_count;

/* scoreboard.c */
void record_fill(struct record *record, unsigned sender, unsigned sequence, uint32_t seed);
unsigned record_size(const struct record *record);          /* header + payload */
void record_take(struct run *run, const struct record *record, unsigned size, int ordered_here);
void note_error(struct run *run, const char *where, int error);
void note_progress(struct run *run);
int interrupted(struct run *run);           /* errno is EINTR (counted): make the call again */
uint32_t stress_seed(void);
extern volatile uint32_t signals_taken;

#endif
