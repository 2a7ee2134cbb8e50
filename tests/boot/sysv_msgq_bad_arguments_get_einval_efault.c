/* tests/boot/sysv_msgq_bad_arguments_get_einval_efault.c - the argument
 * errors of msgsnd(2) and msgrcv(2): EINVAL for an mtype below 1, a size
 * below 0 or (msgsnd) above MSGMAX, and an id that names no queue; EFAULT
 * for a bad message pointer, after which the message is still queued. */
#include <sys/msg.h>

#include "boot_test.h"

struct text_message {
    long mtype;
    char mtext[MSGMAX + 1];
};

static struct text_message message;

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);

    message.mtype = 0;
    CHECK_ERROR(msgsnd(id, &message, 1, IPC_NOWAIT), EINVAL);
    message.mtype = -5;
    CHECK_ERROR(msgsnd(id, &message, 1, IPC_NOWAIT), EINVAL);
    message.mtype = 1;
    CHECK_ERROR(msgsnd(id, &message, MSGMAX + 1, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgsnd(id, &message, (size_t)-1, IPC_NOWAIT), EINVAL);
    CHECK_EQ(0, msgsnd(id, &message, MSGMAX, IPC_NOWAIT), "msgsnd of exactly MSGMAX bytes");
    CHECK_ERROR(msgsnd(-1, &message, 1, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgsnd(id + 1, &message, 1, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgsnd(12345, &message, 1, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgsnd(id, NULL, 1, IPC_NOWAIT), EFAULT);
    CHECK_ERROR(msgsnd(id, (void *)0xC0000000, 1, IPC_NOWAIT), EFAULT);

    CHECK_ERROR(msgrcv(id, &message, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgrcv(-3, &message, MSGMAX, 0, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgrcv(id + 1, &message, MSGMAX, 0, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgrcv(id, NULL, MSGMAX, 0, IPC_NOWAIT), EFAULT);
    CHECK_ERROR(msgrcv(id, (void *)0xC0000010, MSGMAX, 0, IPC_NOWAIT), EFAULT);
    struct msqid_ds status;
    msgctl(id, IPC_STAT, &status);
    CHECK_EQ(1, status.msg_qnum, "the message stays queued after msgrcv's EFAULT");
    CHECK_EQ(MSGMAX, msgrcv(id, &message, MSGMAX, 0, IPC_NOWAIT), "msgrcv into a good buffer");

    CHECK_ERROR(msgctl(-1, IPC_STAT, &status), EINVAL);
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_bad_arguments_get_einval_efault");
}
