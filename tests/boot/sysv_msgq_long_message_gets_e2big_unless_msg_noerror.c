/* tests/boot/sysv_msgq_long_message_gets_e2big_unless_msg_noerror.c - a
 * message longer than msgrcv's size fails with E2BIG and stays queued;
 * with MSG_NOERROR it comes out cut to size (msgrcv(2)). Empty messages
 * and exact sizes work. */
#include <sys/msg.h>

#include "boot_test.h"

struct text_message {
    long mtype;
    char mtext[32];
};

static unsigned long queued(int id)
{
    struct msqid_ds status;
    msgctl(id, IPC_STAT, &status);
    return status.msg_qnum;
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct text_message message = { 7, "0123456789" };
    CHECK_EQ(0, msgsnd(id, &message, 10, 0), "msgsnd of 10 bytes");

    struct text_message received;
    memset(&received, 0, sizeof received);
    CHECK_ERROR(msgrcv(id, &received, 5, 0, IPC_NOWAIT), E2BIG);
    CHECK_EQ(1, queued(id), "messages queued after E2BIG: the message stays");
    CHECK_ERROR(msgrcv(id, &received, 9, 7, IPC_NOWAIT), E2BIG);
    CHECK_ERROR(msgrcv(id, &received, 0, -7, IPC_NOWAIT), E2BIG);

    CHECK_EQ(5, msgrcv(id, &received, 5, 0, MSG_NOERROR), "msgrcv with MSG_NOERROR: bytes");
    CHECK_EQ(7, received.mtype, "mtype");
    CHECK(memcmp(received.mtext, "01234", 5) == 0 && received.mtext[5] == 0,
          "MSG_NOERROR text: expected \"01234\" and nothing after it, got \"%.10s\"", received.mtext);
    CHECK_EQ(0, queued(id), "messages queued after MSG_NOERROR: the rest of it is gone");

    /* exact size, and a larger buffer: the message's own size comes back */
    CHECK_EQ(0, msgsnd(id, &message, 10, 0), "msgsnd");
    CHECK_EQ(10, msgrcv(id, &received, 10, 0, 0), "msgrcv of exactly 10 bytes");
    CHECK_EQ(0, msgsnd(id, &message, 10, 0), "msgsnd");
    CHECK_EQ(10, msgrcv(id, &received, sizeof received.mtext, 0, 0), "msgrcv into a larger buffer");

    /* an empty message fits any buffer, a zero-sized one included */
    CHECK_EQ(0, msgsnd(id, &message, 0, 0), "msgsnd of 0 bytes");
    CHECK_EQ(0, msgrcv(id, &received, 0, 0, IPC_NOWAIT), "msgrcv of an empty message");

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_long_message_gets_e2big_unless_msg_noerror");
}
