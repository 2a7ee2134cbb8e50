/* tests/boot/msg_every_message_arrives_exactly_once.c - with many senders
 * to one receiver, every message arrives once, whole, and nothing else
 * arrives (message(7)).
 *
 * Five children each send 150 messages to the parent, synchronous and
 * MSG_ASYNC mixed (one in three asynchronous, retried on EAGAIN), each of
 * a different length, carrying (sender, sequence, checksum of the body).
 * The parent takes them with msg_recv(MSG_ANY) and checks: the checksum,
 * that src is the sender's pid, that no (sender, sequence) comes twice,
 * that every one came, and that nothing more is there. Then the kernel
 * holds no message and has leaked nothing. */
#include <ipc.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { SENDERS = 5, PER_SENDER = 150 };

struct stamp {
    int sender;
    int sequence;
    uint32_t checksum;          /* of the body after the stamp */
};

static uint32_t checksum(const char *bytes, uint32_t length)
{
    uint32_t sum = 2166136261u;                  /* FNV-1a */
    for (uint32_t i = 0; i < length; i++)
        sum = (sum ^ (unsigned char)bytes[i]) * 16777619u;
    return sum;
}

/* Message `sequence` of `sender`: a stamp, then filler of varying length. */
static void compose(struct message *m, int sender, int sequence)
{
    memset(m, 0, sizeof *m);
    m->type = sequence;
    uint32_t filler = (uint32_t)(sender * 31 + sequence * 7) % (MSG_BODY_MAX - sizeof(struct stamp) + 1);
    for (uint32_t i = 0; i < filler; i++)
        m->body[sizeof(struct stamp) + i] = (char)(sender * 13 + sequence + i);
    struct stamp stamp = { sender, sequence, checksum(m->body + sizeof stamp, filler) };
    memcpy(m->body, &stamp, sizeof stamp);
    m->len = sizeof stamp + filler;
}

static void sender(int index)
{
    struct message m;
    for (int i = 0; i < PER_SENDER; i++) {
        compose(&m, index, i);
        int flags = i % 3 == 0 ? MSG_ASYNC : 0;
        int result;
        while ((result = msg_send(getppid(), &m, flags)) != 0 && errno == EAGAIN)
            sched_yield();
        if (result != 0) {
            printf("sender %d: message %d: %s\n", index, i, strerror(errno));
            fflush(stdout);
            _exit(1);
        }
    }
    _exit(0);
}

int main(void)
{
    warm_up_copy_on_write();                     /* the first fork grows our own pages */
    static unsigned char seen[SENDERS][PER_SENDER];
    memset(seen, 0, sizeof seen);
    usleep(10000);                               /* the cleaner frees its task */
    struct kinfo_counters before = read_counters();

    pid_t pids[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
        pids[s] = fork();
        if (pids[s] == 0)
            sender(s);
    }
    guard(20);                                   /* a lost message ends the wait with EINTR */

    int received = 0, duplicates = 0, corrupt = 0, forged = 0;
    struct message m;
    while (received < SENDERS * PER_SENDER) {
        if (msg_recv(MSG_ANY, &m, 0) != 0) {
            CHECK(0, "after %d messages: expected msg_recv to return 0, got -1 (%s)", received, strerror(errno));
            break;
        }
        received++;
        struct stamp stamp;
        memcpy(&stamp, m.body, sizeof stamp);
        if (m.len < sizeof stamp || stamp.sender < 0 || stamp.sender >= SENDERS || stamp.sequence < 0 ||
            stamp.sequence >= PER_SENDER ||
            stamp.checksum != checksum(m.body + sizeof stamp, m.len - sizeof stamp)) {
            if (corrupt++ < 3)
                CHECK(0, "a corrupt message: len %u, stamp (%d, %d)", m.len, stamp.sender, stamp.sequence);
            continue;
        }
        if (m.src != pids[stamp.sender] && forged++ < 3)
            CHECK(0, "message (%d, %d): expected src %d, got %d", stamp.sender, stamp.sequence,
                  pids[stamp.sender], m.src);
        if (seen[stamp.sender][stamp.sequence]++ && duplicates++ < 3)
            CHECK(0, "message (%d, %d) arrived twice", stamp.sender, stamp.sequence);
    }
    alarm(0);
    CHECK_EQ(SENDERS * PER_SENDER, received, "messages received");
    CHECK_EQ(0, duplicates, "duplicates");
    CHECK_EQ(0, corrupt, "corrupt messages");
    int missing = 0;
    for (int s = 0; s < SENDERS; s++)
        for (int i = 0; i < PER_SENDER; i++)
            if (!seen[s][i] && missing++ < 3)
                CHECK(0, "message (%d, %d) never arrived", s, i);
    CHECK_EQ(0, missing, "missing messages");

    for (int s = 0; s < SENDERS; s++) {
        if (check_failures)
            kill(pids[s], SIGKILL);
        int status = 0;
        waitpid(pids[s], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sender %d: expected exit 0, got status 0x%x", s,
              status);
    }
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);     /* nothing more */
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("msg_every_message_arrives_exactly_once");
}
