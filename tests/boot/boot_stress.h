/* tests/boot/boot_stress.h - the producers and consumers of the stress
 * tests that pass fixed-size records through one byte stream (a pipe or a
 * FIFO): PRODUCERS processes write RECORDS_PER_PRODUCER records each
 * (producer, sequence, payload, checksum); CONSUMERS processes read a
 * whole record per read (records are smaller than PIPE_BUF and every read
 * asks for exactly one), check each one and send their totals back to the
 * parent as a struct through a pipe of their own; the parent checks that
 * the totals are exactly what was sent. The test opens the stream and
 * says how each process gets its end of it; the rest is here. */
#ifndef TESTS_BOOT_BOOT_STRESS_H
#define TESTS_BOOT_BOOT_STRESS_H

#include <sched.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_test.h"

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

/* The record's checksum (FNV-1a over the words before it). */
static inline uint32_t checksum_of(const struct record *record)
{
    const uint32_t *word = (const uint32_t *)record;
    uint32_t sum = 2166136261u;
    for (unsigned i = 0; i < offsetof(struct record, checksum) / 4; i++)
        sum = (sum ^ word[i]) * 16777619u;
    return sum;
}

/* Record `sequence` of `producer`, checksum included. */
static inline void fill_record(struct record *record, uint32_t producer, uint32_t sequence)
{
    memset(record, 0, sizeof *record);
    record->producer = producer;
    record->sequence = sequence;
    for (unsigned i = 0; i < 12; i++)
        record->payload[i] = producer * 1000003u + sequence * 7919u + i;
    record->checksum = checksum_of(record);
}

/* A producer process: writes its records into `fd`, one write each, and exits. */
static inline void producer_main(int fd, uint32_t producer)
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

/* A consumer process: reads records from `fd` until end of file, then
 * writes its totals into `report_fd` and exits. */
static inline void consumer_main(int fd, int report_fd)
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

/* In the parent: forks the CONSUMERS consumers, their pids into
 * children[0..CONSUMERS-1]. Consumer c reads the stream that
 * stream_of_consumer(c) gives it (called in the child) and reports
 * through a pipe of its own, reports[c], whose read end the parent keeps
 * for check_consumer_reports. */
static inline void start_consumers(int reports[CONSUMERS][2], pid_t *children, int (*stream_of_consumer)(int))
{
    fflush(stdout);
    for (int c = 0; c < CONSUMERS; c++) {
        pipe(reports[c]);
        pid_t pid = fork();
        if (pid == 0) {
            close(reports[c][0]);
            consumer_main(stream_of_consumer(c), reports[c][1]);
        }
        close(reports[c][1]);
        children[c] = pid;
    }
}

/* In the parent: forks the PRODUCERS producers, their pids into
 * children[0..PRODUCERS-1]. Producer p (1..PRODUCERS) writes its records
 * into the stream that stream_of_producer(p) gives it (in the child). */
static inline void start_producers(pid_t *children, int (*stream_of_producer)(int))
{
    fflush(stdout);
    for (int p = 1; p <= PRODUCERS; p++) {
        pid_t pid = fork();
        if (pid == 0)
            producer_main(stream_of_producer(p), (uint32_t)p);
        children[p - 1] = pid;
    }
}

/* In the parent: reads each consumer's totals from the read end of its
 * report pipe (and closes it), and checks that together they are exactly
 * the records the producers sent. */
static inline void check_consumer_reports(int reports[CONSUMERS][2])
{
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
}

/* In the parent: waits for the `count` children, the CONSUMERS consumers
 * first and then the producers, and checks that each exited 0. */
static inline void expect_stress_children_ok(const pid_t *children, int count)
{
    for (int i = 0; i < count; i++) {
        int status = -1;
        waitpid(children[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %d: expected exit 0, got status 0x%x",
              i < CONSUMERS ? "consumer" : "producer", i < CONSUMERS ? i : i - CONSUMERS + 1, status);
    }
}

#endif
