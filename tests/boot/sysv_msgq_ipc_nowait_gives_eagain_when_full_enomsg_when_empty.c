/* tests/boot/sysv_msgq_ipc_nowait_gives_eagain_when_full_enomsg_when_empty.c
 * - under IPC_NOWAIT, msgsnd to a full queue fails with EAGAIN and msgrcv
 * with nothing of its type fails with ENOMSG, instead of waiting. A queue
 * is full at msg_qbytes bytes (MSGMNB = 16384 by default), and also at
 * msg_qbytes messages, so empty messages cannot fill the kernel. */
#include <sys/msg.h>

#include "boot_test.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    /* empty: nothing to receive */
    CHECK_ERROR(msgrcv(id, &big, sizeof big.mtext, 0, IPC_NOWAIT), ENOMSG);
    big.mtype = 1;
    CHECK_EQ(0, msgsnd(id, &big, 1, IPC_NOWAIT), "msgsnd of 1 byte");
    CHECK_ERROR(msgrcv(id, &big, sizeof big.mtext, 2, IPC_NOWAIT), ENOMSG);
    CHECK_ERROR(msgrcv(id, &big, sizeof big.mtext, 1, MSG_EXCEPT | IPC_NOWAIT), ENOMSG);
    CHECK_EQ(1, msgrcv(id, &big, sizeof big.mtext, 1, IPC_NOWAIT), "msgrcv of type 1");

    /* full by bytes: two messages of MSGMAX fill MSGMNB */
    CHECK_EQ(MSGMNB, 2 * MSGMAX, "the test's assumption MSGMNB == 2 * MSGMAX");
    CHECK_EQ(0, msgsnd(id, &big, MSGMAX, IPC_NOWAIT), "first msgsnd of MSGMAX bytes");
    CHECK_EQ(0, msgsnd(id, &big, MSGMAX, IPC_NOWAIT), "second msgsnd of MSGMAX bytes");
    CHECK_ERROR(msgsnd(id, &big, 1, IPC_NOWAIT), EAGAIN);
    struct msqid_ds status;
    msgctl(id, IPC_STAT, &status);
    CHECK_EQ(2, status.msg_qnum, "messages after EAGAIN");
    CHECK_EQ(MSGMNB, status.msg_cbytes, "bytes after EAGAIN");
    /* an empty message still fits: the byte count does not grow */
    CHECK_EQ(0, msgsnd(id, &big, 0, IPC_NOWAIT), "msgsnd of 0 bytes into a queue full of bytes");
    CHECK_EQ(MSGMAX, msgrcv(id, &big, sizeof big.mtext, 0, IPC_NOWAIT), "msgrcv makes room");
    CHECK_EQ(0, msgsnd(id, &big, 1, IPC_NOWAIT), "msgsnd after room was made");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");

    /* full by count: msg_qbytes = 4 admits 4 empty messages, not a fifth */
    id = msgget(IPC_PRIVATE, 0600);
    msgctl(id, IPC_STAT, &status);
    status.msg_qbytes = 4;
    CHECK_EQ(0, msgctl(id, IPC_SET, &status), "IPC_SET msg_qbytes = 4");
    for (int i = 0; i < 4; i++)
        CHECK_EQ(0, msgsnd(id, &big, 0, IPC_NOWAIT), "msgsnd of an empty message");
    CHECK_ERROR(msgsnd(id, &big, 0, IPC_NOWAIT), EAGAIN);
    CHECK_ERROR(msgsnd(id, &big, 5, IPC_NOWAIT), EAGAIN);
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_ipc_nowait_gives_eagain_when_full_enomsg_when_empty");
}
