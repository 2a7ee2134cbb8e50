/* user/tools/bench/pipe.c - pipes and FIFOs: a one-byte round trip, and bulk
 * throughput.
 *
 * A round trip: the parent writes one byte into the pipe to the child and
 * blocks reading the pipe back; the child, blocked in read, wakes, writes
 * the byte back, and blocks in read again. Each round trip therefore costs
 * two writes, two reads, two wake-ups and two task switches. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define THROUGHPUT_BYTES (16u << 20)   /* 16 MiB per timed transfer */
#define CHUNK_BYTES      4096          /* written (and read) 4 KiB at a time */
#define THROUGHPUT_RUNS  5             /* timed transfers, after one untimed */

/* The child's descriptors, set before it is forked: it reads from echo_in
 * and writes to echo_out; parent_ends are the parent's, which the child
 * closes so that it sees end of file when the parent closes them. */
static int echo_in, echo_out;
static int parent_ends[2] = { -1, -1 };

static void close_parent_ends(void)
{
    for (int i = 0; i < 2; i++)
        if (parent_ends[i] >= 0)
            close(parent_ends[i]);
}

/* The child: sends every byte straight back, until end of file. */
static int echo_bytes(int unused)
{
    (void)unused;
    char byte;
    close_parent_ends();
    for (;;) {
        int got = read(echo_in, &byte, 1);
        if (got <= 0)
            return got;                /* 0: the parent closed, we are done */
        if (write(echo_out, &byte, 1) != 1)
            return -1;
    }
}

/* One byte there and back: 1 if both went through. */
static inline int byte_round_trip(int out, int in)
{
    char byte = 'p';
    int ok = write(out, &byte, 1) == 1;
    return ok && read(in, &byte, 1) == 1;
}

/* Times one-byte round trips: out to the child, and back from `in`. */
static int time_byte_round_trips(struct samples *samples, int out, int in)
{
    int failures = 0;
    TIME_EACH(samples, failures += !byte_round_trip(out, in));
    return failures ? -EIO : 0;
}

/* Makes a pipe each way and forks `body` on the child's ends; the parent
 * keeps the other two. Returns the child's pid or -errno. */
static pid_t start_pipe_partner(int (*body)(int), int *to_child, int *from_child)
{
    int down[2], up[2];
    if (pipe(down) < 0)
        return last_error();
    if (pipe(up) < 0) {
        int error = last_error();
        close(down[0]);
        close(down[1]);
        return error;
    }
    echo_in = down[0];
    echo_out = up[1];
    parent_ends[0] = down[1];
    parent_ends[1] = up[0];
    pid_t pid = start_child(body, 0);
    close(down[0]);                    /* the child's ends: the parent needs none */
    close(up[1]);
    *to_child = down[1];
    *from_child = up[0];
    return pid;
}

/* Closes the parent's ends (the child sees end of file and exits) and
 * waits for the child. */
static int stop_partner(pid_t pid, int to_child, int from_child)
{
    close(to_child);                   /* the child reads end of file and exits */
    close(from_child);
    /* without both ends open, the child may be stuck opening a FIFO */
    return finish_child(pid, to_child < 0 || from_child < 0 ? -EIO : 0);
}

/* The pipe round trip of the issue: two pipes, one each way. */
int bench_pipe_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    int to_child = -1, from_child = -1;
    pid_t child = start_pipe_partner(echo_bytes, &to_child, &from_child);
    int status = child < 0 ? child : time_byte_round_trips(samples, to_child, from_child);
    int stopped = stop_partner(child, to_child, from_child);
    return status < 0 ? status : stopped;
}

/* The same over two FIFOs, opened by name; the names are removed once both
 * ends are open (the FIFOs live on while open). */
static const char *const FIFO_DOWN = "/tmp/bench_fifo_down";
static const char *const FIFO_UP = "/tmp/bench_fifo_up";

static int echo_over_fifos(int unused)
{
    echo_in = open(FIFO_DOWN, O_RDONLY);     /* waits for the parent's writer */
    echo_out = open(FIFO_UP, O_WRONLY);
    parent_ends[0] = parent_ends[1] = -1;
    return echo_in < 0 || echo_out < 0 ? -1 : echo_bytes(unused);
}

int bench_fifo_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    unlink(FIFO_DOWN);
    unlink(FIFO_UP);
    if (mkfifo(FIFO_DOWN, 0600) < 0 || mkfifo(FIFO_UP, 0600) < 0)
        return last_error();
    pid_t child = start_child(echo_over_fifos, 0);
    int to_child = child < 0 ? -1 : open(FIFO_DOWN, O_WRONLY);     /* meets the child's reader */
    int from_child = to_child < 0 ? -1 : open(FIFO_UP, O_RDONLY);
    int status = child < 0 ? child : from_child < 0 ? last_error() : 0;
    unlink(FIFO_DOWN);                 /* open now: the names are needed no more */
    unlink(FIFO_UP);
    if (status == 0)
        status = time_byte_round_trips(samples, to_child, from_child);
    int stopped = stop_partner(child, to_child, from_child);
    return status < 0 ? status : stopped;
}

/* The throughput child: reads THROUGHPUT_BYTES, answers one byte, again,
 * until end of file. */
static int drain_and_acknowledge(int unused)
{
    static char buffer[CHUNK_BYTES];
    (void)unused;
    close_parent_ends();
    for (;;) {
        uint32_t received = 0;
        while (received < THROUGHPUT_BYTES) {
            int got = read(echo_in, buffer, CHUNK_BYTES);
            if (got <= 0)
                return got == 0 && received == 0 ? 0 : -1;
            received += got;
        }
        if (write(echo_out, "k", 1) != 1)
            return -1;
    }
}

/* Sends THROUGHPUT_BYTES in CHUNK_BYTES writes and waits for the child to
 * say it has read them all: the instructions this took, or 0 on failure. */
static uint32_t timed_transfer(int to_child, int from_child)
{
    static char chunk[CHUNK_BYTES];
    char answer;
    uint32_t start = read_tsc();
    for (uint32_t sent = 0; sent < THROUGHPUT_BYTES; sent += CHUNK_BYTES)
        if (write(to_child, chunk, CHUNK_BYTES) != CHUNK_BYTES)
            return 0;
    if (read(from_child, &answer, 1) != 1)
        return 0;
    return read_tsc() - start;
}

/* Pipe throughput: hundredths of an instruction per byte moved, per run. */
int bench_pipe_throughput(int unused, struct samples *samples)
{
    (void)unused;
    int to_child = -1, from_child = -1, status = 0;
    pid_t child = start_pipe_partner(drain_and_acknowledge, &to_child, &from_child);
    if (child < 0 || timed_transfer(to_child, from_child) == 0)    /* the warm-up */
        status = child < 0 ? child : -EIO;
    for (int run = 0; run < THROUGHPUT_RUNS && status == 0; run++) {
        uint64_t instructions = timed_transfer(to_child, from_child);
        if (instructions == 0)
            status = -EIO;
        samples->value[run] = (uint32_t)((instructions * 100 + THROUGHPUT_BYTES / 2) / THROUGHPUT_BYTES);
        samples->count = run + 1;
    }
    int stopped = stop_partner(child, to_child, from_child);
    return status < 0 ? status : stopped;
}
