/* tests/boot/fifo_stress_checksums.c - many producers and consumers on one
 * FIFO lose, duplicate and damage nothing. Every process opens the FIFO by
 * its name: three consumers for reading, four producers for writing; the
 * producers write thousands of fixed-size records (producer, sequence,
 * payload, checksum); the consumers read a whole record per read (records
 * are smaller than PIPE_BUF and every read asks for exactly one), check
 * each one and send their totals back to the parent as a struct through a
 * pipe of their own. The totals must be exactly what was sent. The parent
 * holds a write end open until every producer has opened its own, so that
 * the consumers cannot see end of file while a producer is still to come. */
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_test.h"

#define FIFO "/tmp/fifo_stress_checksums"
#define PRODUCERS 4
#define CONSUMERS 3
#define RECORDS_PER_PRODUCER 2500

struct record {
    uint32_t producer;            /* 1..PRODUCERS */
    uint32_t sequence;            /* 0, 1, 2, ... per producer */
    uint32_t payload[12];
    uint32_t checksum;            /* of everything before it */
    uint32_t padding;
};
#define RECORD_SIZE ((int)sizeof(struct record))

/* What a consumer saw, sent back to the parent in one write. */
struct totals {
    uint32_t records;
    uint32_t per_producer[PRODUCERS + 1];
    uint64_t sequence_sum[PRODUCERS + 1];
    uint64_t checksum_sum;
    uint32_t bad_checksums;
    uint32_t short_reads;         /* reads that returned part of a record */
    uint32_t out_of_order;        /* a producer's sequence going backwards */
    uint32_t unknown_producers;
};

static uint32_t checksum_of(const struct record *record)
{
    const uint32_t *word = (const uint32_t *)record;
    uint32_t sum = 2166136261u;
    for (unsigned i = 0; i < offsetof(struct record, checksum) / 4; i++)
        sum = (sum ^ word[i]) * 16777619u;
    return sum;
}

static void fill_record(struct record *record, uint32_t producer, uint32_t sequence)
{
    memset(record, 0, sizeof *record);
    record->producer = producer;
    record->sequence = sequence;
    for (unsigned i = 0; i < 12; i++)
        record->payload[i] = producer * 1000003u + sequence * 7919u + i;
    record->checksum = checksum_of(record);
}

static int read_fully(int fd, void *buffer, int size)
{
    int total = 0, count;
    while (total < size && (count = read(fd, (char *)buffer + total, size - total)) > 0)
        total += count;
    return total;
}

static void producer_main(int fd, uint32_t producer)
{
    struct record record;
    for (uint32_t sequence = 0; sequence < RECORDS_PER_PRODUCER; sequence++) {
        fill_record(&record, producer, sequence);
        if (write(fd, &record, RECORD_SIZE) != RECORD_SIZE) {
            printf("FAIL producer %u: write of record %u failed: %s\n", producer, sequence, strerror(errno));
            fflush(stdout);
            _exit(1);
        }
    }
    _exit(0);
}

static void consumer_main(int fd, int report_fd)
{
    static struct totals totals;
    int64_t last_sequence[PRODUCERS + 1];
    for (int p = 0; p <= PRODUCERS; p++)
        last_sequence[p] = -1;
    struct record record;
    int count;
    while ((count = read(fd, &record, RECORD_SIZE)) > 0) {
        if (count != RECORD_SIZE) {
            totals.short_reads++;
            continue;
        }
        totals.records++;
        if (record.checksum != checksum_of(&record)) {
            totals.bad_checksums++;
            continue;
        }
        if (record.producer < 1 || record.producer > PRODUCERS) {
            totals.unknown_producers++;
            continue;
        }
        totals.per_producer[record.producer]++;
        totals.sequence_sum[record.producer] += record.sequence;
        totals.checksum_sum += record.checksum;
        if ((int64_t)record.sequence <= last_sequence[record.producer])
            totals.out_of_order++;
        last_sequence[record.producer] = record.sequence;
        if (totals.records % 16 == 0)
            sched_yield();                     /* let the other consumers in between */
    }
    write(report_fd, &totals, sizeof totals);
    _exit(0);
}

static void producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once(void)
{
    CHECK_EQ(0, mkfifo(FIFO, 0600), "mkfifo");
    int reports[CONSUMERS][2];
    pid_t children[PRODUCERS + CONSUMERS];
    int child_count = 0;
    fflush(stdout);

    for (int c = 0; c < CONSUMERS; c++) {
        pipe(reports[c]);
        pid_t pid = fork();
        if (pid == 0) {
            close(reports[c][0]);
            int fd = open(FIFO, O_RDONLY);     /* waits for the parent's write end */
            if (fd < 0) {
                printf("FAIL consumer %d: open(O_RDONLY): %s\n", c, strerror(errno));
                fflush(stdout);
                _exit(1);
            }
            consumer_main(fd, reports[c][1]);
        }
        close(reports[c][1]);
        children[child_count++] = pid;
    }

    /* a write end of our own, so that no consumer sees end of file before
     * every producer has opened the FIFO */
    int holder = open(FIFO, O_WRONLY);
    CHECK(holder >= 0, "the parent's open(O_WRONLY): expected a descriptor, got -1 (%s)", strerror(errno));
    int ready[2];
    pipe(ready);
    for (int p = 1; p <= PRODUCERS; p++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(holder);
            close(ready[0]);
            int fd = open(FIFO, O_WRONLY);
            if (fd < 0) {
                printf("FAIL producer %d: open(O_WRONLY): %s\n", p, strerror(errno));
                fflush(stdout);
                _exit(1);
            }
            write(ready[1], "r", 1);
            close(ready[1]);
            producer_main(fd, (uint32_t)p);
        }
        children[child_count++] = pid;
    }
    close(ready[1]);
    char byte;
    int producers_ready = 0;
    while (producers_ready < PRODUCERS && read(ready[0], &byte, 1) == 1)
        producers_ready++;
    CHECK_EQ(PRODUCERS, producers_ready, "producers that opened the FIFO");
    close(ready[0]);
    close(holder);                             /* now only the producers write */

    struct totals sum;
    memset(&sum, 0, sizeof sum);
    for (int c = 0; c < CONSUMERS; c++) {
        struct totals totals;
        memset(&totals, 0, sizeof totals);
        int count = read_fully(reports[c][0], &totals, sizeof totals);
        CHECK_EQ((long)sizeof totals, count, "bytes of a consumer's report");
        close(reports[c][0]);
        CHECK_EQ(0, totals.short_reads, "a consumer's reads that returned part of a record");
        CHECK_EQ(0, totals.bad_checksums, "a consumer's records with a wrong checksum");
        CHECK_EQ(0, totals.unknown_producers, "a consumer's records from no known producer");
        CHECK_EQ(0, totals.out_of_order, "a consumer's records out of their producer's order");
        sum.records += totals.records;
        sum.checksum_sum += totals.checksum_sum;
        for (int p = 1; p <= PRODUCERS; p++) {
            sum.per_producer[p] += totals.per_producer[p];
            sum.sequence_sum[p] += totals.sequence_sum[p];
        }
    }

    uint64_t expected_checksums = 0;
    for (uint32_t p = 1; p <= PRODUCERS; p++)
        for (uint32_t s = 0; s < RECORDS_PER_PRODUCER; s++) {
            struct record record;
            fill_record(&record, p, s);
            expected_checksums += record.checksum;
        }
    const uint64_t expected_sequence_sum = (uint64_t)RECORDS_PER_PRODUCER * (RECORDS_PER_PRODUCER - 1) / 2;
    CHECK_EQ(PRODUCERS * RECORDS_PER_PRODUCER, sum.records, "records received by all consumers together");
    for (int p = 1; p <= PRODUCERS; p++) {
        CHECK_EQ(RECORDS_PER_PRODUCER, sum.per_producer[p], "records received from one producer");
        CHECK(sum.sequence_sum[p] == expected_sequence_sum,
              "producer %d: sum of the sequence numbers received: expected %llu, got %llu", p,
              (unsigned long long)expected_sequence_sum, (unsigned long long)sum.sequence_sum[p]);
    }
    CHECK(sum.checksum_sum == expected_checksums, "sum of all checksums received: expected %llu, got %llu",
          (unsigned long long)expected_checksums, (unsigned long long)sum.checksum_sum);

    for (int i = 0; i < child_count; i++) {
        int status = -1;
        waitpid(children[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %d: expected exit 0, got status 0x%x",
              i < CONSUMERS ? "consumer" : "producer", i < CONSUMERS ? i : i - CONSUMERS + 1, status);
    }
    CHECK_EQ(0, unlink(FIFO), "unlink the FIFO");
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    pid_t child = fork();                      /* warm up our copy-on-write pages */
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    struct kinfo_counters before = settled_counters(tasks);

    producers_and_consumers_on_one_fifo_exchange_every_record_exactly_once();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fifo_stress_checksums");
}
