/* tests/boot/mq_stress_producers_consumers_checksums.c - many producers
 * and consumers on one small message queue lose, duplicate and damage
 * nothing, and priorities hold under load. Four producers send thousands
 * of messages of varying length and priority (the header says which
 * producer, which sequence number, which priority, how long, and a
 * checksum) into a queue of 16; three consumers take them, check each one
 * (its length, its checksum, that the priority it came with is the one
 * it was sent with, and that messages of one producer and one priority
 * reach a consumer in the order sent, as FIFO within a priority
 * requires), and report their totals through a pipe. When the producers
 * are done the parent sends one "stop" per consumer at the lowest
 * priority: FIFO puts them behind every data message. The totals must be
 * exactly what was sent, and nothing may be left over in the kernel. */
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_test.h"

#define QUEUE_NAME "/mq_stress"
#define PRODUCERS 4
#define CONSUMERS 3
#define MESSAGES_PER_PRODUCER 1500
#define PRIORITIES 8
#define PAYLOAD_MAX 200
#define STOP_PRODUCER 0               /* a "stop" message's producer field */

struct header {
    uint32_t producer;                /* 1..PRODUCERS, or STOP_PRODUCER */
    uint32_t sequence;
    uint32_t priority;
    uint32_t payload_length;
    uint32_t checksum;                /* of the payload and the fields above */
};
#define MESSAGE_MAX ((int)sizeof(struct header) + PAYLOAD_MAX)

struct totals {
    uint32_t messages;
    uint32_t per_producer[PRODUCERS + 1];
    uint64_t sequence_sum[PRODUCERS + 1];
    uint64_t checksum_sum;
    uint32_t bad_lengths, bad_checksums, wrong_priorities, out_of_order, unknown_producers;
};

static uint32_t checksum_of(const struct header *header, const uint8_t *payload)
{
    uint32_t sum = 2166136261u;
    const uint32_t fields[4] = { header->producer, header->sequence, header->priority, header->payload_length };
    for (unsigned i = 0; i < 4; i++)
        sum = (sum ^ fields[i]) * 16777619u;
    for (uint32_t i = 0; i < header->payload_length; i++)
        sum = (sum ^ payload[i]) * 16777619u;
    return sum;
}

/* Message `sequence` of `producer`, in `buffer`; returns its length. */
static int make_message(uint8_t *buffer, uint32_t producer, uint32_t sequence)
{
    struct header header = { producer, sequence, (producer * 31u + sequence * 7u) % PRIORITIES,
                             (producer * 53u + sequence * 17u) % (PAYLOAD_MAX + 1), 0 };
    uint8_t *payload = buffer + sizeof header;
    for (uint32_t i = 0; i < header.payload_length; i++)
        payload[i] = (uint8_t)(producer + sequence * 3u + i);
    header.checksum = checksum_of(&header, payload);
    memcpy(buffer, &header, sizeof header);
    return (int)(sizeof header + header.payload_length);
}

static void producer_main(mqd_t queue, uint32_t producer)
{
    static uint8_t buffer[MESSAGE_MAX];
    for (uint32_t sequence = 0; sequence < MESSAGES_PER_PRODUCER; sequence++) {
        int length = make_message(buffer, producer, sequence);
        unsigned priority = ((struct header *)buffer)->priority;
        if (mq_send(queue, (const char *)buffer, (size_t)length, priority) != 0) {
            printf("FAIL producer %u: mq_send of %u: %s\n", producer, sequence, strerror(errno));
            fflush(stdout);
            _exit(1);
        }
    }
    _exit(0);
}

static void consumer_main(mqd_t queue, int report_fd)
{
    static struct totals totals;
    static uint8_t buffer[MESSAGE_MAX];
    static int64_t last_sequence[PRODUCERS + 1][PRIORITIES];
    for (int p = 0; p <= PRODUCERS; p++)
        for (int q = 0; q < PRIORITIES; q++)
            last_sequence[p][q] = -1;
    for (;;) {
        unsigned priority;
        ssize_t length = mq_receive(queue, (char *)buffer, sizeof buffer, &priority);
        if (length < (ssize_t)sizeof(struct header)) {
            totals.bad_lengths++;
            break;
        }
        struct header header;
        memcpy(&header, buffer, sizeof header);
        if (header.producer == STOP_PRODUCER)
            break;
        totals.messages++;
        if ((size_t)length != sizeof header + header.payload_length) {
            totals.bad_lengths++;
            continue;
        }
        if (header.checksum != checksum_of(&header, buffer + sizeof header)) {
            totals.bad_checksums++;
            continue;
        }
        if (header.producer > PRODUCERS || header.priority >= PRIORITIES) {
            totals.unknown_producers++;
            continue;
        }
        if (priority != header.priority)
            totals.wrong_priorities++;
        if ((int64_t)header.sequence <= last_sequence[header.producer][header.priority])
            totals.out_of_order++;
        last_sequence[header.producer][header.priority] = header.sequence;
        totals.per_producer[header.producer]++;
        totals.sequence_sum[header.producer] += header.sequence;
        totals.checksum_sum += header.checksum;
        if (totals.messages % 32 == 0)
            sched_yield();
    }
    write(report_fd, &totals, sizeof totals);
    _exit(0);
}

static void producers_and_consumers_exchange_every_message_once(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 16, .mq_msgsize = MESSAGE_MAX };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    mq_unlink(QUEUE_NAME);            /* only our descriptors (and our children's) reach it now */
    fflush(stdout);

    int reports[CONSUMERS][2];
    pid_t consumers[CONSUMERS], producers[PRODUCERS];
    for (int c = 0; c < CONSUMERS; c++) {
        pipe(reports[c]);
        if ((consumers[c] = fork()) == 0) {
            close(reports[c][0]);
            consumer_main(queue, reports[c][1]);
        }
        close(reports[c][1]);
    }
    for (int p = 0; p < PRODUCERS; p++)
        if ((producers[p] = fork()) == 0)
            producer_main(queue, (uint32_t)p + 1);

    for (int p = 0; p < PRODUCERS; p++) {
        int status = -1;
        waitpid(producers[p], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "producer %d: status 0x%x", p + 1, status);
    }
    struct header stop = { STOP_PRODUCER, 0, 0, 0, 0 };
    for (int c = 0; c < CONSUMERS; c++)
        CHECK_EQ(0, mq_send(queue, (const char *)&stop, sizeof stop, 0), "sending a stop");

    struct totals sum;
    memset(&sum, 0, sizeof sum);
    for (int c = 0; c < CONSUMERS; c++) {
        struct totals totals;
        memset(&totals, 0, sizeof totals);
        CHECK_EQ((long)sizeof totals, read_fully(reports[c][0], &totals, sizeof totals), "a consumer's report");
        close(reports[c][0]);
        CHECK_EQ(0, totals.bad_lengths, "a consumer's messages of the wrong length");
        CHECK_EQ(0, totals.bad_checksums, "a consumer's messages with a wrong checksum");
        CHECK_EQ(0, totals.unknown_producers, "a consumer's messages from nowhere");
        CHECK_EQ(0, totals.wrong_priorities, "a consumer's messages received with another priority");
        CHECK_EQ(0, totals.out_of_order, "a consumer's messages out of FIFO order within a priority");
        sum.messages += totals.messages;
        sum.checksum_sum += totals.checksum_sum;
        for (int p = 1; p <= PRODUCERS; p++) {
            sum.per_producer[p] += totals.per_producer[p];
            sum.sequence_sum[p] += totals.sequence_sum[p];
        }
        int status = -1;
        waitpid(consumers[c], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "consumer %d: status 0x%x", c, status);
    }

    static uint8_t buffer[MESSAGE_MAX];
    uint64_t expected_checksums = 0;
    for (uint32_t p = 1; p <= PRODUCERS; p++)
        for (uint32_t s = 0; s < MESSAGES_PER_PRODUCER; s++) {
            make_message(buffer, p, s);
            expected_checksums += ((struct header *)buffer)->checksum;
        }
    const uint64_t expected_sequence_sum = (uint64_t)MESSAGES_PER_PRODUCER * (MESSAGES_PER_PRODUCER - 1) / 2;
    CHECK_EQ(PRODUCERS * MESSAGES_PER_PRODUCER, sum.messages, "messages received by all consumers");
    for (int p = 1; p <= PRODUCERS; p++) {
        CHECK_EQ(MESSAGES_PER_PRODUCER, sum.per_producer[p], "messages received from one producer");
        CHECK(sum.sequence_sum[p] == expected_sequence_sum, "producer %d: sequence sum %llu, expected %llu", p,
              (unsigned long long)sum.sequence_sum[p], (unsigned long long)expected_sequence_sum);
    }
    CHECK(sum.checksum_sum == expected_checksums, "sum of checksums: expected %llu, got %llu",
          (unsigned long long)expected_checksums, (unsigned long long)sum.checksum_sum);
    struct mq_attr left;
    mq_getattr(queue, &left);
    CHECK_EQ(0, left.mq_curmsgs, "messages left in the queue");
    mq_close(queue);
}

static void cases(void)
{
    producers_and_consumers_exchange_every_message_once();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_stress_producers_consumers_checksums");
}
