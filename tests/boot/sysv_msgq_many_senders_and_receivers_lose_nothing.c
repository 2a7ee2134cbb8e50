/* tests/boot/sysv_msgq_many_senders_and_receivers_lose_nothing.c - four
 * senders and five receivers share one small queue (so senders often wait
 * for room and receivers for messages). Each receiver takes its own types:
 * type -2 (types 1 and 2, lowest first), 3, 4 (two receivers compete), 5.
 * Every message arrives exactly once, intact, of a type its receiver asked
 * for, and in its sender's order; per-type counts and checksums, reported
 * through a pipe, match what was sent exactly. */
#include <sys/msg.h>

#include "boot_test.h"

#define SENDERS    4
#define PER_TYPE   40        /* messages of each type from each sender */
#define TYPES      5
#define QUEUE_BYTES 1024     /* msg_qbytes: small, so that senders wait */

struct payload_message {
    long mtype;
    struct {
        int sender;
        int sequence;                  /* this sender's count of this type */
        unsigned char bytes[64];
    } body;
};

struct report {
    unsigned count[TYPES + 1];
    unsigned long checksum[TYPES + 1];
    unsigned errors;
};

static unsigned payload_length(int sequence)
{
    return 8 + (unsigned)(sequence * 7) % 57;
}

static unsigned char payload_byte(int sender, int sequence, unsigned index)
{
    return (unsigned char)(sender * 31 + sequence * 7 + index * 3);
}

/* What a message adds to its type's checksum. */
static unsigned long message_sum(int sender, int sequence)
{
    unsigned long sum = (unsigned long)sender * 1000 + (unsigned long)sequence;
    for (unsigned i = 0; i < payload_length(sequence); i++)
        sum += payload_byte(sender, sequence, i);
    return sum;
}

static void run_sender(int id, int sender)
{
    struct payload_message message;
    for (int sequence = 0; sequence < PER_TYPE; sequence++)
        for (long type = 1; type <= TYPES; type++) {
            message.mtype = type;
            message.body.sender = sender;
            message.body.sequence = sequence;
            unsigned length = payload_length(sequence);
            for (unsigned i = 0; i < length; i++)
                message.body.bytes[i] = payload_byte(sender, sequence, i);
            if (msgsnd(id, &message, 2 * sizeof(int) + length, 0) != 0)
                _exit(1);
        }
    _exit(0);
}

/* Takes `how_many` messages with msgrcv(`type`) and reports what came. */
static void run_receiver(int id, long type, int how_many, int report_fd)
{
    struct report report;
    memset(&report, 0, sizeof report);
    int last_sequence[SENDERS][TYPES + 1];
    memset(last_sequence, 0xff, sizeof last_sequence);       /* -1 */
    struct payload_message message;
    for (int n = 0; n < how_many; n++) {
        ssize_t size = msgrcv(id, &message, sizeof message.body, type, 0);
        long got = message.mtype;
        int sender = message.body.sender, sequence = message.body.sequence;
        int type_ok = type < 0 ? got >= 1 && got <= -type : got == type;
        if (size < 0 || !type_ok || sender < 0 || sender >= SENDERS || sequence < 0 || sequence >= PER_TYPE ||
            size != (ssize_t)(2 * sizeof(int) + payload_length(sequence))) {
            report.errors++;
            continue;
        }
        for (unsigned i = 0; i < payload_length(sequence); i++)
            if (message.body.bytes[i] != payload_byte(sender, sequence, i))
                report.errors++;
        if (sequence <= last_sequence[sender][got])
            report.errors++;                                   /* out of its sender's order */
        last_sequence[sender][got] = sequence;
        report.count[got]++;
        report.checksum[got] += message_sum(sender, sequence);
    }
    write(report_fd, &report, sizeof report);
    _exit(0);
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct msqid_ds status;
    msgctl(id, IPC_STAT, &status);
    status.msg_qbytes = QUEUE_BYTES;
    CHECK_EQ(0, msgctl(id, IPC_SET, &status), "IPC_SET msg_qbytes");
    int reports[2];
    pipe(reports);

    struct { long type; int how_many; } receivers[] = {
        { -2, 2 * SENDERS * PER_TYPE },
        { 3, SENDERS * PER_TYPE },
        { 4, SENDERS * PER_TYPE / 2 },
        { 4, SENDERS * PER_TYPE / 2 },
        { 5, SENDERS * PER_TYPE },
    };
    int receiver_count = (int)(sizeof receivers / sizeof receivers[0]);
    pid_t children[SENDERS + 8];
    int child_count = 0;
    for (int r = 0; r < receiver_count; r++)
        if ((children[child_count++] = fork()) == 0)
            run_receiver(id, receivers[r].type, receivers[r].how_many, reports[1]);
    for (int s = 0; s < SENDERS; s++)
        if ((children[child_count++] = fork()) == 0)
            run_sender(id, s);

    for (int c = 0; c < child_count; c++) {
        int wait_status;
        CHECK_EQ(children[c], waitpid(children[c], &wait_status, 0), "waitpid");
        CHECK(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0, "child %d status 0x%x", c, wait_status);
    }

    struct report total;
    memset(&total, 0, sizeof total);
    for (int r = 0; r < receiver_count; r++) {
        struct report report;
        CHECK_EQ(sizeof report, read(reports[0], &report, sizeof report), "a receiver's report");
        total.errors += report.errors;
        for (int type = 1; type <= TYPES; type++) {
            total.count[type] += report.count[type];
            total.checksum[type] += report.checksum[type];
        }
    }
    CHECK_EQ(0, total.errors, "messages damaged, of a wrong type, or out of their sender's order");
    for (int type = 1; type <= TYPES; type++) {
        unsigned long expected = 0;
        for (int s = 0; s < SENDERS; s++)
            for (int q = 0; q < PER_TYPE; q++)
                expected += message_sum(s, q);
        CHECK(total.count[type] == SENDERS * PER_TYPE, "type %d: expected %d messages, got %u",
              type, SENDERS * PER_TYPE, total.count[type]);
        CHECK(total.checksum[type] == expected, "type %d: expected checksum %lu, got %lu",
              type, expected, total.checksum[type]);
    }
    msgctl(id, IPC_STAT, &status);
    CHECK_EQ(0, status.msg_qnum, "messages left in the queue");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_many_senders_and_receivers_lose_nothing");
}
