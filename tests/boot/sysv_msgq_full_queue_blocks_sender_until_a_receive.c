/* tests/boot/sysv_msgq_full_queue_blocks_sender_until_a_receive.c - msgsnd
 * to a full queue waits (msgsnd(2)) until a msgrcv makes room, then goes
 * through; likewise msgrcv on an empty queue waits for a message of its
 * type, and a message of another type does not release it. */
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
    int id = msgget(IPC_PRIVATE, 0600);
    big.mtype = 1;
    CHECK_EQ(0, msgsnd(id, &big, MSGMAX, 0), "first msgsnd");
    CHECK_EQ(0, msgsnd(id, &big, MSGMAX, 0), "second msgsnd: the queue is full");

    pid_t sender = fork();
    if (sender == 0) {
        big.mtype = 2;
        _exit(msgsnd(id, &big, 100, 0) == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked(sender, "msgsnd"), "the sender did not block in msgsnd on the full queue");
    CHECK_EQ(0, waitpid(sender, NULL, WNOHANG), "waitpid WNOHANG while the sender waits");

    CHECK_EQ(MSGMAX, msgrcv(id, &big, MSGMAX, 1, 0), "msgrcv makes room");
    int status;
    CHECK_EQ(sender, waitpid(sender, &status, 0), "waitpid sender");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sender status 0x%x", status);
    struct msqid_ds queue;
    msgctl(id, IPC_STAT, &queue);
    CHECK_EQ(2, queue.msg_qnum, "messages after the sender went through");
    CHECK_EQ(MSGMAX + 100, queue.msg_cbytes, "bytes after the sender went through");
    CHECK_EQ(sender, queue.msg_lspid, "msg_lspid: the released sender");

    /* a receiver waiting for type 9 sleeps through a message of type 3 */
    pid_t receiver = fork();
    if (receiver == 0) {
        ssize_t size = msgrcv(id, &big, MSGMAX, 9, 0);
        _exit(size == 9 && big.mtype == 9 ? 0 : 1);
    }
    CHECK(wait_until_blocked(receiver, "msgrcv"), "the receiver did not block in msgrcv");
    big.mtype = 3;
    CHECK_EQ(0, msgsnd(id, &big, 3, 0), "msgsnd of type 3");
    usleep(20000);
    CHECK_EQ(0, waitpid(receiver, NULL, WNOHANG), "the receiver of type 9 still waits after type 3 came");
    CHECK(wait_until_blocked(receiver, "msgrcv"), "the receiver of type 9 went back to sleep");
    big.mtype = 9;
    CHECK_EQ(0, msgsnd(id, &big, 9, 0), "msgsnd of type 9");
    CHECK_EQ(receiver, waitpid(receiver, &status, 0), "waitpid receiver");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "receiver status 0x%x", status);

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_full_queue_blocks_sender_until_a_receive");
}
