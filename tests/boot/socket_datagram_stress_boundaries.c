/* tests/boot/socket_datagram_stress_boundaries.c - datagrams keep their
 * boundaries and their senders' names under load. Three bound senders
 * send thousands of datagrams of every length from 16 to 1000 bytes (a
 * header says who sent it, its sequence number, its length and a
 * checksum) to one socket that two receiving processes share. Each
 * receiver checks every datagram: it came whole (the length received is
 * the length sent), its checksum, that recvfrom names its sender, and that
 * one sender's datagrams reach it in the order sent. When the senders are
 * done the parent sends one "stop" per receiver, which come after every
 * data datagram; the receivers' totals, sent through a pipe, must add up
 * to exactly what was sent, and nothing may be left in the kernel. */
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"

#define RECEIVER_PATH "/tmp/dgram_stress.sock"
#define SENDERS 3
#define RECEIVERS 2
#define DATAGRAMS_PER_SENDER 2000
#define DATAGRAM_MAX 1000
#define STOP_SENDER 0

struct header {
    uint32_t sender;                  /* 1..SENDERS, or STOP_SENDER */
    uint32_t sequence;
    uint32_t length;                  /* of the whole datagram */
    uint32_t checksum;                /* of the payload and the fields above */
};

struct totals {
    uint32_t datagrams;
    uint32_t per_sender[SENDERS + 1];
    uint64_t sequence_sum[SENDERS + 1];
    uint64_t checksum_sum;
    uint32_t bad_lengths, bad_checksums, wrong_senders, out_of_order;
};

static void sender_path(char *path, uint32_t sender)
{
    strcpy(path, "/tmp/dgram_sender_0.sock");
    path[18] = (char)('0' + sender);
}

static uint32_t checksum_of(const uint8_t *datagram, uint32_t length)
{
    uint32_t sum = 2166136261u;
    for (uint32_t i = 0; i < offsetof(struct header, checksum); i++)
        sum = (sum ^ datagram[i]) * 16777619u;
    for (uint32_t i = sizeof(struct header); i < length; i++)
        sum = (sum ^ datagram[i]) * 16777619u;
    return sum;
}

static uint32_t make_datagram(uint8_t *datagram, uint32_t sender, uint32_t sequence)
{
    struct header header = { sender, sequence, 0, 0 };
    header.length = sizeof header + (sender * 389u + sequence * 61u) % (DATAGRAM_MAX - sizeof header + 1);
    memcpy(datagram, &header, sizeof header);
    for (uint32_t i = sizeof header; i < header.length; i++)
        datagram[i] = (uint8_t)(sequence * 7u + sender + i);
    header.checksum = checksum_of(datagram, header.length);
    memcpy(datagram, &header, sizeof header);
    return header.length;
}

static void sender_main(uint32_t sender)
{
    char path[32];
    sender_path(path, sender);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, path);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (bind(fd, (struct sockaddr *)&address, length) != 0)
        _exit(1);
    length = unix_socket_address(&address, RECEIVER_PATH);
    static uint8_t datagram[DATAGRAM_MAX];
    for (uint32_t sequence = 0; sequence < DATAGRAMS_PER_SENDER; sequence++) {
        uint32_t size = make_datagram(datagram, sender, sequence);
        if (sendto(fd, datagram, size, 0, (struct sockaddr *)&address, length) != (ssize_t)size) {
            printf("FAIL sender %u: sendto %u: %s\n", sender, sequence, strerror(errno));
            fflush(stdout);
            _exit(2);
        }
    }
    close(fd);
    unlink(path);
    _exit(0);
}

static void receiver_main(int fd, int report_fd)
{
    static struct totals totals;
    static uint8_t datagram[DATAGRAM_MAX + 64];
    int64_t last_sequence[SENDERS + 1];
    for (int s = 0; s <= SENDERS; s++)
        last_sequence[s] = -1;
    for (;;) {
        struct sockaddr_un from;
        socklen_t from_length = sizeof from;
        ssize_t length = recvfrom(fd, datagram, sizeof datagram, 0, (struct sockaddr *)&from, &from_length);
        struct header header;
        if (length < (ssize_t)sizeof header) {
            totals.bad_lengths++;
            break;
        }
        memcpy(&header, datagram, sizeof header);
        if (header.sender == STOP_SENDER)
            break;
        totals.datagrams++;
        if ((uint32_t)length != header.length) {
            totals.bad_lengths++;     /* two datagrams run together, or one cut short */
            continue;
        }
        if (header.checksum != checksum_of(datagram, header.length)) {
            totals.bad_checksums++;
            continue;
        }
        char expected[32];
        sender_path(expected, header.sender);
        if (header.sender > SENDERS || strcmp(from.sun_path, expected)) {
            totals.wrong_senders++;
            continue;
        }
        if ((int64_t)header.sequence <= last_sequence[header.sender])
            totals.out_of_order++;
        last_sequence[header.sender] = header.sequence;
        totals.per_sender[header.sender]++;
        totals.sequence_sum[header.sender] += header.sequence;
        totals.checksum_sum += header.checksum;
        if (totals.datagrams % 16 == 0)
            sched_yield();
    }
    write(report_fd, &totals, sizeof totals);
    _exit(0);
}

static void datagrams_arrive_whole_and_named_under_load(void)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, RECEIVER_PATH);
    int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(0, bind(receiver, (struct sockaddr *)&address, length), "bind");
    fflush(stdout);
    int reports[RECEIVERS][2];
    pid_t receivers[RECEIVERS], senders[SENDERS];
    for (int r = 0; r < RECEIVERS; r++) {
        pipe(reports[r]);
        if ((receivers[r] = fork()) == 0) {
            close(reports[r][0]);
            receiver_main(receiver, reports[r][1]);
        }
        close(reports[r][1]);
    }
    for (int s = 0; s < SENDERS; s++)
        if ((senders[s] = fork()) == 0)
            sender_main((uint32_t)s + 1);
    for (int s = 0; s < SENDERS; s++) {
        int status = -1;
        waitpid(senders[s], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sender %d: status 0x%x", s + 1, status);
    }
    struct header stop = { STOP_SENDER, 0, sizeof stop, 0 };
    int stopper = socket(AF_UNIX, SOCK_DGRAM, 0);
    for (int r = 0; r < RECEIVERS; r++)
        CHECK_EQ((long)sizeof stop, sendto(stopper, &stop, sizeof stop, 0, (struct sockaddr *)&address, length),
                 "sending a stop");
    close(stopper);

    struct totals sum;
    memset(&sum, 0, sizeof sum);
    for (int r = 0; r < RECEIVERS; r++) {
        struct totals totals;
        memset(&totals, 0, sizeof totals);
        int got = 0, count;
        while (got < (int)sizeof totals && (count = read(reports[r][0], (char *)&totals + got, sizeof totals - got)) > 0)
            got += count;
        CHECK_EQ((long)sizeof totals, got, "a receiver's report");
        close(reports[r][0]);
        CHECK_EQ(0, totals.bad_lengths, "a receiver's datagrams not whole");
        CHECK_EQ(0, totals.bad_checksums, "a receiver's datagrams with a wrong checksum");
        CHECK_EQ(0, totals.wrong_senders, "a receiver's datagrams naming the wrong sender");
        CHECK_EQ(0, totals.out_of_order, "a receiver's datagrams out of their sender's order");
        sum.datagrams += totals.datagrams;
        sum.checksum_sum += totals.checksum_sum;
        for (int s = 1; s <= SENDERS; s++) {
            sum.per_sender[s] += totals.per_sender[s];
            sum.sequence_sum[s] += totals.sequence_sum[s];
        }
        int status = -1;
        waitpid(receivers[r], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "receiver %d: status 0x%x", r, status);
    }
    static uint8_t datagram[DATAGRAM_MAX];
    uint64_t expected_checksums = 0;
    for (uint32_t s = 1; s <= SENDERS; s++)
        for (uint32_t q = 0; q < DATAGRAMS_PER_SENDER; q++) {
            make_datagram(datagram, s, q);
            expected_checksums += ((struct header *)datagram)->checksum;
        }
    const uint64_t expected_sequence_sum = (uint64_t)DATAGRAMS_PER_SENDER * (DATAGRAMS_PER_SENDER - 1) / 2;
    CHECK_EQ(SENDERS * DATAGRAMS_PER_SENDER, sum.datagrams, "datagrams received in all");
    for (int s = 1; s <= SENDERS; s++) {
        CHECK_EQ(DATAGRAMS_PER_SENDER, sum.per_sender[s], "datagrams received from one sender");
        CHECK(sum.sequence_sum[s] == expected_sequence_sum, "sender %d: sequence sum %llu, expected %llu", s,
              (unsigned long long)sum.sequence_sum[s], (unsigned long long)expected_sequence_sum);
    }
    CHECK(sum.checksum_sum == expected_checksums, "sum of checksums: expected %llu, got %llu",
          (unsigned long long)expected_checksums, (unsigned long long)sum.checksum_sum);
    close(receiver);
    unlink(RECEIVER_PATH);
}

static void cases(void)
{
    datagrams_arrive_whole_and_named_under_load();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_datagram_stress_boundaries");
}
