/* tests/boot/mbox_delivers_exactly_once_to_many_receivers.c - a message
 * sent to a mailbox goes to exactly one receiver (mbox_send(2)): with
 * 4 senders and 3 receivers sharing one mailbox, every message is
 * received once, whole, by someone - never twice, never lost - for
 * capacity 0 (rendezvous), 1, 8 and MBOX_UNBOUNDED.
 *
 *   sender 0..3 --100 messages each--> [ mailbox ] --> receiver 0..2
 *                                                        |  report by a pipe:
 *   parent: after the senders exit, 3 STOP messages  --> +  count, sum, bitmap
 *
 * Each message carries (sender, sequence, checksum of its body). A
 * receiver checks the checksum and src, marks (sender, sequence) in its
 * bitmap, and stops at its first STOP (the STOPs come after every data
 * message, so each receiver gets exactly one). The parent adds up the
 * reports: the bitmaps must not overlap and must cover everything, and
 * the counts and sums must equal what was sent. No leak afterwards. */
#include <ipc.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { SENDERS = 4, RECEIVERS = 3, PER_SENDER = 100, TOTAL = SENDERS * PER_SENDER };
enum { DATA = 1, STOP = 2 };

struct stamp {
    int sender;
    int sequence;
    uint32_t checksum;          /* of the filler after the stamp */
};

struct report {
    int received;               /* data messages */
    unsigned long long sum;     /* of sender * PER_SENDER + sequence + 1 */
    int corrupt;                /* bad checksum or stamp */
    int forged;                 /* src not the stamped sender's pid */
    int twice_here;             /* seen twice by this receiver */
    int error;                  /* errno of a failed mbox_recv, or 0 */
    unsigned char seen[TOTAL / 8 + 1];
};

static uint32_t checksum(const char *bytes, uint32_t length)
{
    uint32_t sum = 2166136261u;
    for (uint32_t i = 0; i < length; i++)
        sum = (sum ^ (unsigned char)bytes[i]) * 16777619u;
    return sum;
}

static void compose(struct message *m, int sender, int sequence)
{
    memset(m, 0, sizeof *m);
    m->type = DATA;
    uint32_t filler = (uint32_t)(sender * 37 + sequence * 11) % (MSG_BODY_MAX - sizeof(struct stamp) + 1);
    for (uint32_t i = 0; i < filler; i++)
        m->body[sizeof(struct stamp) + i] = (char)(sender + sequence * 3 + i);
    struct stamp stamp = { sender, sequence, checksum(m->body + sizeof stamp, filler) };
    memcpy(m->body, &stamp, sizeof stamp);
    m->len = sizeof stamp + filler;
}

static void sender(int box, int index)
{
    struct message m;
    for (int i = 0; i < PER_SENDER; i++) {
        compose(&m, index, i);
        if (mbox_send(box, &m, 0) != 0) {
            printf("sender %d: message %d: mbox_send: %s\n", index, i, strerror(errno));
            fflush(stdout);
            _exit(1);
        }
        if (i % 16 == 0)
            sched_yield();                       /* mix the senders up */
    }
    _exit(0);
}

static void receiver(int box, int report_fd, const pid_t senders[SENDERS])
{
    static struct report report;
    memset(&report, 0, sizeof report);
    struct message m;
    for (;;) {
        if (mbox_recv(box, &m, 0) != 0) {
            report.error = errno;
            break;
        }
        if (m.type == STOP)
            break;
        struct stamp stamp;
        memcpy(&stamp, m.body, sizeof stamp);
        if (m.type != DATA || m.len < sizeof stamp || stamp.sender < 0 || stamp.sender >= SENDERS ||
            stamp.sequence < 0 || stamp.sequence >= PER_SENDER ||
            stamp.checksum != checksum(m.body + sizeof stamp, m.len - sizeof stamp)) {
            report.corrupt++;
            continue;
        }
        if (m.src != senders[stamp.sender])
            report.forged++;
        int slot = stamp.sender * PER_SENDER + stamp.sequence;
        if (report.seen[slot / 8] & (1u << (slot % 8)))
            report.twice_here++;
        report.seen[slot / 8] |= (unsigned char)(1u << (slot % 8));
        report.received++;
        report.sum += (unsigned long long)slot + 1;
    }
    write(report_fd, &report, sizeof report);    /* < PIPE_BUF: one atomic write */
    _exit(0);
}

static void run(unsigned capacity, const char *what)
{
    int box = mbox_open("many-to-many", O_CREAT | O_EXCL, capacity);
    CHECK(box >= 0, "%s: mbox_open: %s", what, strerror(errno));
    int reports[2];
    pipe(reports);
    fflush(stdout);

    pid_t senders[SENDERS], receivers[RECEIVERS];
    for (int s = 0; s < SENDERS; s++) {
        senders[s] = fork();
        if (senders[s] == 0)
            sender(box, s);
    }
    for (int r = 0; r < RECEIVERS; r++) {
        receivers[r] = fork();
        if (receivers[r] == 0) {
            alarm(20);                           /* a lost STOP ends the wait: SIGALRM handler, EINTR */
            receiver(box, reports[1], senders);
        }
    }
    alarm(15);
    for (int s = 0; s < SENDERS; s++) {
        int status = 0;
        if (waitpid(senders[s], &status, 0) != senders[s]) {
            struct mbox_stat st = { 0, 0, 0, 0 };
            mbox_stat(box, &st);
            CHECK(0, "%s: the senders never finished: after 15 s the mailbox holds %u messages with %u senders and "
                  "%u receivers waiting (a waiting side was never woken)", what, st.count, st.senders_waiting,
                  st.receivers_waiting);
            for (int k = 0; k < SENDERS; k++)
                kill(senders[k], SIGKILL);
            for (int k = 0; k < RECEIVERS; k++)
                kill(receivers[k], SIGKILL);
            while (wait(NULL) > 0)
                ;
            mbox_unlink("many-to-many");
            close(box);
            close(reports[0]);
            close(reports[1]);
            return;
        }
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: sender %d: expected exit 0, got status 0x%x",
              what, s, status);
    }
    alarm(0);
    struct message stop;
    memset(&stop, 0, sizeof stop);
    stop.type = STOP;
    for (int r = 0; r < RECEIVERS; r++) {
        alarm(10);
        CHECK_EQ(0, mbox_send(box, &stop, 0), "mbox_send STOP");
        alarm(0);
    }

    static struct report total, one;
    memset(&total, 0, sizeof total);
    int overlaps = 0;
    for (int r = 0; r < RECEIVERS; r++) {
        alarm(10);
        int got = read(reports[0], &one, sizeof one);
        alarm(0);
        if (got != (int)sizeof one) {
            CHECK(0, "%s: receiver report %d: expected %u bytes, got %d", what, r, (unsigned)sizeof one, got);
            continue;
        }
        CHECK(one.error == 0, "%s: a receiver's mbox_recv failed: %s", what, strerror(one.error));
        total.received += one.received;
        total.sum += one.sum;
        total.corrupt += one.corrupt;
        total.forged += one.forged;
        total.twice_here += one.twice_here;
        for (unsigned i = 0; i < sizeof one.seen; i++) {
            overlaps += __builtin_popcount(total.seen[i] & one.seen[i]);
            total.seen[i] |= one.seen[i];
        }
    }
    for (int r = 0; r < RECEIVERS; r++) {
        int status = 0;
        waitpid(receivers[r], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: receiver %d: status 0x%x", what, r, status);
    }
    int covered = 0;
    for (int slot = 0; slot < TOTAL; slot++)
        covered += (total.seen[slot / 8] >> (slot % 8)) & 1;
    unsigned long long expected_sum = (unsigned long long)TOTAL * (TOTAL + 1) / 2;

    char label[96];
    snprintf(label, sizeof label, "%s: messages received in all", what);
    CHECK_EQ(TOTAL, total.received, label);
    CHECK(total.sum == expected_sum, "%s: sum of the received stamps: expected %llu, got %llu", what, expected_sum,
          total.sum);
    snprintf(label, sizeof label, "%s: distinct messages received", what);
    CHECK_EQ(TOTAL, covered, label);
    snprintf(label, sizeof label, "%s: messages received by two receivers", what);
    CHECK_EQ(0, overlaps, label);
    snprintf(label, sizeof label, "%s: messages received twice by one receiver", what);
    CHECK_EQ(0, total.twice_here, label);
    snprintf(label, sizeof label, "%s: corrupt messages", what);
    CHECK_EQ(0, total.corrupt, label);
    snprintf(label, sizeof label, "%s: messages with a wrong src", what);
    CHECK_EQ(0, total.forged, label);
    struct message m;
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);        /* nothing left over */

    mbox_unlink("many-to-many");
    close(box);
    close(reports[0]);
    close(reports[1]);
}

int main(void)
{
    install_handler(SIGALRM, on_alarm, 0);       /* children inherit it */

    warm_up_copy_on_write();
    usleep(10000);                               /* the cleaner frees its task */
    struct kinfo_counters before = read_counters();

    run(0, "capacity 0");
    run(1, "capacity 1");
    run(8, "capacity 8");
    run(MBOX_UNBOUNDED, "unbounded");

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mbox_delivers_exactly_once_to_many_receivers");
}
