/* tests/boot/sysv_msgq_ipc_set_takes_the_right_of_a_waiting_caller.c -
 * a msgsnd or msgrcv that waits, of a process that may write or read the
 * queue by its mode alone (another user, another group), looks at that
 * right again each time it wakes, as on Linux (ipc/msg.c, do_msgsnd and
 * do_msgrcv): once msgctl(IPC_SET) has taken it away,
 *   - a msgsnd waiting for room goes on waiting (IPC_SET wakes only the
 *     senders whose message fits now), and when room comes it fails with
 *     EACCES, its message not sent;
 *   - a msgrcv waiting for a message is woken by the IPC_SET and fails
 *     with EACCES at once.
 * The kernel before looked once, before the wait: the sender sent with a
 * right it no longer had, and the receiver waited on. Passes on Linux
 * 6.18 too (tools/linux-check, as root). */
#include <sys/ipc.h>
#include <sys/msg.h>

#include "boot_test.h"

#define TEXT 16

struct small_message {
    long type;
    char text[TEXT];
};

/* A child of another user and group that sends into the full `queue` (or
 * receives from the empty one) and exits 0 if the call failed with
 * EACCES, 1 if it failed otherwise or did not fail. */
static pid_t start_waiter(int queue, int sending)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (setgid(1000) < 0 || setuid(1000) < 0)
            _exit(2);
        struct small_message message = { .type = 1 };
        memset(message.text, 'w', TEXT);
        int result = sending ? msgsnd(queue, &message, TEXT, 0) : (int)msgrcv(queue, &message, TEXT, 0, 0);
        _exit(result < 0 && errno == EACCES ? 0 : 1);
    }
    return child;
}

/* `child`'s exit status if it ends within `ms` milliseconds; else it is
 * killed, and -1. */
static int exit_status_within(pid_t child, int ms)
{
    int status;
    for (int waited = 0; waited < ms; waited += 10) {
        if (waitpid(child, &status, WNOHANG) == child)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        usleep(10000);
    }
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    return -1;
}

/* Sets `queue`'s mode (and its byte limit) with IPC_SET. */
static void set_queue(int queue, unsigned mode, unsigned bytes)
{
    struct msqid_ds status;
    CHECK(msgctl(queue, IPC_STAT, &status) == 0, "IPC_STAT: %s", strerror(errno));
    status.msg_perm.mode = (unsigned short)mode;
    status.msg_qbytes = bytes;
    CHECK(msgctl(queue, IPC_SET, &status) == 0, "IPC_SET of mode %o: %s", mode, strerror(errno));
}

int main(void)
{
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
    CHECK(queue >= 0, "msgget: %s", strerror(errno));
    set_queue(queue, 0666, TEXT);                 /* one message fills it */
    struct small_message message = { .type = 1 };
    memset(message.text, 'f', TEXT);
    CHECK(msgsnd(queue, &message, TEXT, 0) == 0, "the message that fills the queue: %s", strerror(errno));

    pid_t sender = start_waiter(queue, 1);
    usleep(200000);
    CHECK_EQ(0, waitpid(sender, NULL, WNOHANG), "the sender is still waiting for room after 200 ms");
    set_queue(queue, 0644, TEXT);                 /* others may read, no longer write */
    usleep(200000);
    CHECK_EQ(0, waitpid(sender, NULL, WNOHANG), "the sender waits on after IPC_SET, the queue still full");
    CHECK(msgrcv(queue, &message, TEXT, 0, 0) == TEXT, "the owner empties the queue: %s", strerror(errno));
    CHECK_EQ(0, exit_status_within(sender, 2000),
             "the sender, woken by the room, failed with EACCES (its right to write taken while it waited)"
             " (1: another result; -1: still waiting after 2 s)");
    struct msqid_ds status;
    CHECK(msgctl(queue, IPC_STAT, &status) == 0 && status.msg_qnum == 0,
          "the queue holds %lu message(s) after the refused send, none expected", (unsigned long)status.msg_qnum);

    set_queue(queue, 0666, TEXT);
    pid_t receiver = start_waiter(queue, 0);
    usleep(200000);
    CHECK_EQ(0, waitpid(receiver, NULL, WNOHANG), "the receiver is still waiting for a message after 200 ms");
    set_queue(queue, 0660, TEXT);                 /* others may neither read nor write */
    CHECK_EQ(0, exit_status_within(receiver, 2000),
             "the waiting receiver, woken by IPC_SET, failed with EACCES (its right to read taken)"
             " (1: another result; -1: still waiting after 2 s)");

    CHECK(msgctl(queue, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("sysv_msgq_ipc_set_takes_the_right_of_a_waiting_caller");
}
