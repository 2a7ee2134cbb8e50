/* tests/boot/pipe_atomic_writes.c - PIPE_BUF: a write of at most 4096
 * bytes goes into a pipe whole, never mixed with another writer's bytes.
 * Several children write records of exactly 4096 bytes into one pipe at
 * the same time; each record carries its writer, its sequence number, a
 * pattern and a checksum. The parent reads the stream back 4096 bytes at a
 * time and checks that every record is whole and that each writer's
 * records come in the order written. The pipe is kept full so that the
 * writers wait for room and wake together, and its ring starts at an odd
 * place so that records wrap around the ring's end. */
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#include "boot_test.h"

#define RECORD_SIZE 4096                      /* PIPE_BUF */
#define WRITERS 5
#define RECORDS_PER_WRITER 150

struct record {
    uint32_t writer;
    uint32_t sequence;
    uint32_t words[RECORD_SIZE / 4 - 3];      /* a pattern of the writer and the sequence */
    uint32_t checksum;                        /* of everything before it */
};

_Static_assert(sizeof(struct record) == RECORD_SIZE, "a record is exactly PIPE_BUF bytes");

static uint32_t checksum_of(const struct record *record)
{
    const uint32_t *word = (const uint32_t *)record;
    uint32_t sum = 0x12345678;
    for (unsigned i = 0; i < RECORD_SIZE / 4 - 1; i++)
        sum = (sum << 5 | sum >> 27) ^ word[i];
    return sum;
}

static void fill_record(struct record *record, uint32_t writer, uint32_t sequence)
{
    record->writer = writer;
    record->sequence = sequence;
    for (unsigned i = 0; i < sizeof record->words / 4; i++)
        record->words[i] = writer * 0x01010101u ^ sequence << 12 ^ i;
    record->checksum = checksum_of(record);
}

static void writer_main(int fd, uint32_t writer)
{
    static struct record record;
    for (uint32_t sequence = 0; sequence < RECORDS_PER_WRITER; sequence++) {
        fill_record(&record, writer, sequence);
        int written = write(fd, &record, sizeof record);
        if (written != RECORD_SIZE) {
            printf("FAIL writer %u: write of record %u: expected %d, got %d (errno %d)\n", writer, sequence,
                   RECORD_SIZE, written, errno);
            fflush(stdout);
            _exit(1);
        }
        if (sequence % 7 == (writer % 7))
            sched_yield();                    /* stir the order of the writers a little */
    }
    _exit(0);
}

static void writes_of_pipe_buf_bytes_from_many_writers_never_interleave(void)
{
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");

    /* shift the ring by 100 bytes, so that records wrap around its end */
    char prelude[100] = { 0 };
    write(fds[1], prelude, sizeof prelude);
    read(fds[0], prelude, sizeof prelude);

    pid_t writers[WRITERS];
    fflush(stdout);
    for (int w = 0; w < WRITERS; w++) {
        writers[w] = fork();
        if (writers[w] == 0) {
            close(fds[0]);
            writer_main(fds[1], (uint32_t)w + 1);
        }
        CHECK(writers[w] > 0, "fork of writer %d failed: %s", w, strerror(errno));
    }
    close(fds[1]);
    usleep(20 * 1000);                        /* let the writers fill the pipe and wait */

    static struct record record;
    uint32_t next_sequence[WRITERS + 1] = { 0 };
    int records = 0, torn = 0, foreign = 0, out_of_order = 0;
    for (;;) {
        int count = read_fully(fds[0], &record, RECORD_SIZE);
        if (count == 0)
            break;
        if (count != RECORD_SIZE) {
            CHECK(0, "the stream ended inside a record: %d bytes of %d", count, RECORD_SIZE);
            break;
        }
        records++;
        if (record.writer < 1 || record.writer > WRITERS) {
            if (foreign++ < 3)
                CHECK(0, "record %d: expected a writer 1..%d, got %u (a record cut apart)", records, WRITERS,
                      record.writer);
            continue;
        }
        if (record.checksum != checksum_of(&record)) {
            if (torn++ < 3)
                CHECK(0, "record %d (writer %u, sequence %u): the checksum does not match: bytes of another "
                      "write are mixed in", records, record.writer, record.sequence);
            continue;
        }
        if (record.sequence != next_sequence[record.writer]) {
            if (out_of_order++ < 3)
                CHECK(0, "writer %u: expected record %u next, got %u", record.writer,
                      next_sequence[record.writer], record.sequence);
        }
        next_sequence[record.writer] = record.sequence + 1;
        if (records % 64 == 0)
            usleep(500);                      /* a slower reader keeps the pipe full */
    }
    CHECK_EQ(WRITERS * RECORDS_PER_WRITER, records, "records received");
    CHECK_EQ(0, torn, "records with bytes of another write mixed in");
    CHECK_EQ(0, foreign, "records cut apart");
    CHECK_EQ(0, out_of_order, "records out of their writer's order");
    for (int w = 1; w <= WRITERS; w++)
        CHECK_EQ(RECORDS_PER_WRITER, next_sequence[w], "records received from one writer");

    for (int w = 0; w < WRITERS; w++) {
        int status = -1;
        waitpid(writers[w], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d: expected exit 0, got status 0x%x", w + 1,
              status);
    }
    close(fds[0]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    writes_of_pipe_buf_bytes_from_many_writers_never_interleave();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_atomic_writes");
}
