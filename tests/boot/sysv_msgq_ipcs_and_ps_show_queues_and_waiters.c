/* tests/boot/sysv_msgq_ipcs_and_ps_show_queues_and_waiters.c - ipcs lists
 * every message queue (id and key, creator, bytes queued and the limit,
 * senders and receivers waiting) and ps names the queue a blocked process
 * waits on ("msgqueue ID"); a removed queue is gone from ipcs. */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;

int main(void)
{
    key_t key = ftok("/tmp", 'i');
    int keyed = msgget(key, IPC_CREAT | 0600);
    int full = msgget(IPC_PRIVATE, 0600);
    big.mtype = 1;
    msgsnd(keyed, &big, 100, 0);
    msgsnd(full, &big, MSGMAX, 0);
    msgsnd(full, &big, MSGMAX, 0);
    pid_t receiver = fork();
    if (receiver == 0)
        _exit(msgrcv(keyed, &big, MSGMAX, 7, 0) == 7 ? 0 : 1);
    pid_t sender = fork();
    if (sender == 0)
        _exit(msgsnd(full, &big, 10, 0) == 0 ? 0 : 1);
    CHECK(wait_until_blocked(receiver, "msgrcv") && wait_until_blocked(sender, "msgsnd"), "the children did not block");

    char output[4096], text[64];
    capture("/bin/ps", output, sizeof output);
    snprintf(text, sizeof text, "msgqueue %d", keyed);
    const char *line = ps_line_of(output, receiver);
    CHECK(strstr(line, "msgrcv") && strstr(line, text), "ps line of the receiver: \"%s\" (expected \"%s\")", line, text);
    snprintf(text, sizeof text, "msgqueue %d", full);
    line = ps_line_of(output, sender);
    CHECK(strstr(line, "msgsnd") && strstr(line, text), "ps line of the sender: \"%s\" (expected \"%s\")", line, text);

    capture("/bin/ipcs", output, sizeof output);
    char name[32];
    snprintf(name, sizeof name, "%d/0x%x", keyed, (unsigned)key);
    line = line_with(output, "msgqueue", name);
    struct ipcs_numbers numbers;
    CHECK(ipcs_numbers_of(line, &numbers) && numbers.owner == getpid() && numbers.count == 100 &&
          !strcmp(numbers.capacity, "16384") && numbers.senders_waiting == 0 && numbers.receivers_waiting == 1,
          "ipcs line of queue %s: \"%s\" (expected owner %d, 100 bytes of 16384, 0 and 1 waiting)\n%s",
          name, line, getpid(), output);
    snprintf(name, sizeof name, "%d", full);
    line = line_with(output, "msgqueue", name);
    CHECK(ipcs_numbers_of(line, &numbers) && numbers.count == 2 * MSGMAX && numbers.senders_waiting == 1 &&
          numbers.receivers_waiting == 0,
          "ipcs line of queue %s: \"%s\" (expected %d bytes, 1 sender waiting)", name, line, 2 * MSGMAX);

    big.mtype = 7;
    msgsnd(keyed, &big, 7, 0);
    msgrcv(full, &big, MSGMAX, 0, 0);
    expect_children_ok(2, "child");
    msgctl(keyed, IPC_RMID, NULL);
    msgctl(full, IPC_RMID, NULL);
    capture("/bin/ipcs", output, sizeof output);
    CHECK(strstr(output, "msgqueue") == NULL, "ipcs still lists a removed queue:\n%s", output);
    return test_finish("sysv_msgq_ipcs_and_ps_show_queues_and_waiters");
}
