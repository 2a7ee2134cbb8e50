/* tests/boot/sysv_msgq_rmid_before_the_receiver_waits_loses_the_queue.c -
 * the other side of the hand-off: a message that no waiting receiver
 * wants is queued, and IPC_RMID frees it with the queue (msgctl(2):
 * "immediately remove the message queue"). A receiver waiting for another
 * type wakes with EIDRM, as on Linux (msgrcv(2): "While the process was
 * sleeping to receive a message, the message queue was removed"); one that
 * calls msgrcv only after the removal names no queue: EINVAL, as on Linux
 * ("invalid msqid value"). */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct line_message {
    long mtype;
    char mtext[64];
};

/* Sends "one", "two", "end" of type 1 and removes the queue at once. */
static void send_three_then_remove(int id)
{
    static const char *lines[] = { "one", "two", "end" };
    for (int i = 0; i < 3; i++) {
        struct line_message message = { 1, "" };
        strcpy(message.mtext, lines[i]);
        CHECK_EQ(0, msgsnd(id, &message, strlen(message.mtext) + 1, 0), "msgsnd");
    }
    struct msqid_ds status;
    CHECK_EQ(0, msgctl(id, IPC_STAT, &status), "IPC_STAT");
    CHECK_EQ(3, status.msg_qnum, "messages queued: nobody waited for type 1");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
}

/* The child's exit code: 0 when msgrcv failed with `error`, else errno + 1
 * (100 for a success). */
static int exit_code_for(long result, int error)
{
    return result == -1 && errno == error ? 0 : (result == -1 ? errno + 1 : 100);
}

int main(void)
{
    /* a receiver that waits, but for type 2: it is handed nothing */
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    pid_t receiver = fork();
    if (receiver == 0) {
        struct line_message message;
        _exit(exit_code_for(msgrcv(id, &message, sizeof message.mtext, 2, 0), EIDRM));
    }
    CHECK(wait_until_blocked(receiver, "msgrcv"), "the type-2 receiver did not wait");
    send_three_then_remove(id);
    int status = -1;
    waitpid(receiver, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "receiver of type 2: expected EIDRM (exit 0), got exit %d (errno+1, 100 for a message)",
          WEXITSTATUS(status));

    /* a receiver busy elsewhere (reading a pipe) until the queue is gone */
    id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    int go[2];
    pipe(go);
    receiver = fork();
    if (receiver == 0) {
        char c;
        read(go[0], &c, 1);
        struct line_message message;
        _exit(exit_code_for(msgrcv(id, &message, sizeof message.mtext, 0, 0), EINVAL));
    }
    CHECK(wait_until_blocked(receiver, "pipe read"), "the receiver did not wait on the pipe");
    send_three_then_remove(id);
    write(go[1], "x", 1);
    waitpid(receiver, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "receiver after the removal: expected EINVAL (exit 0), got exit %d", WEXITSTATUS(status));
    close(go[0]);
    close(go[1]);
    return test_finish("sysv_msgq_rmid_before_the_receiver_waits_loses_the_queue");
}
