/* tests/boot/sysv_msgq_ipc_stat_reports_counts_pids_and_limits.c -
 * msgctl(IPC_STAT) reports the messages and bytes queued, the limit, the
 * last sender's and receiver's pids, the times and the permissions;
 * IPC_SET changes the mode and msg_qbytes (not above MSGMNB: EPERM). */
#include <sys/msg.h>
#include <time.h>

#include "boot_test.h"

struct text_message {
    long mtype;
    char mtext[64];
};

static struct msqid_ds status_of(int id)
{
    struct msqid_ds status;
    memset(&status, 0xff, sizeof status);
    CHECK_EQ(0, msgctl(id, IPC_STAT, &status), "msgctl IPC_STAT");
    return status;
}

int main(void)
{
    key_t key = ftok("/tmp", 's');
    int id = msgget(key, IPC_CREAT | 0640);
    CHECK(id >= 0, "msgget: %s", strerror(errno));

    struct msqid_ds status = status_of(id);
    CHECK_EQ(0, status.msg_qnum, "msg_qnum of a new queue");
    CHECK_EQ(0, status.msg_cbytes, "msg_cbytes of a new queue");
    CHECK_EQ(MSGMNB, status.msg_qbytes, "msg_qbytes of a new queue");
    CHECK_EQ(0, status.msg_lspid, "msg_lspid of a new queue");
    CHECK_EQ(0, status.msg_lrpid, "msg_lrpid of a new queue");
    CHECK_EQ(0, status.msg_stime, "msg_stime of a new queue");
    CHECK_EQ(0, status.msg_rtime, "msg_rtime of a new queue");
    CHECK(status.msg_ctime >= 0 && status.msg_ctime <= time(NULL), "msg_ctime %ld", status.msg_ctime);
    CHECK_EQ(0640, status.msg_perm.mode, "msg_perm.mode");
    CHECK_EQ(key, status.msg_perm.__key, "msg_perm.__key");
    CHECK_EQ(0, status.msg_perm.uid, "msg_perm.uid (everyone is root)");

    struct text_message message = { 1, "" };
    CHECK_EQ(0, msgsnd(id, &message, 10, 0), "msgsnd 10 bytes");
    message.mtype = 2;
    CHECK_EQ(0, msgsnd(id, &message, 20, 0), "msgsnd 20 bytes");
    CHECK_EQ(0, msgsnd(id, &message, 30, 0), "msgsnd 30 bytes");
    status = status_of(id);
    CHECK_EQ(3, status.msg_qnum, "msg_qnum after three sends");
    CHECK_EQ(60, status.msg_cbytes, "msg_cbytes after three sends");
    CHECK_EQ(getpid(), status.msg_lspid, "msg_lspid after our sends");
    CHECK_EQ(0, status.msg_lrpid, "msg_lrpid before any receive");
    CHECK(status.msg_stime >= status.msg_ctime, "msg_stime %ld before msg_ctime %ld",
          status.msg_stime, status.msg_ctime);

    pid_t child = fork();
    if (child == 0)
        _exit(msgrcv(id, &message, sizeof message.mtext, 2, 0) == 20 ? 0 : 1);
    int wait_status;
    waitpid(child, &wait_status, 0);
    CHECK_EQ(0, WEXITSTATUS(wait_status), "the child received the 20-byte message of type 2");
    status = status_of(id);
    CHECK_EQ(2, status.msg_qnum, "msg_qnum after a receive");
    CHECK_EQ(40, status.msg_cbytes, "msg_cbytes after a receive");
    CHECK_EQ(child, status.msg_lrpid, "msg_lrpid: the child");
    CHECK_EQ(getpid(), status.msg_lspid, "msg_lspid unchanged by a receive");
    CHECK(status.msg_rtime >= status.msg_stime, "msg_rtime %ld", status.msg_rtime);

    /* IPC_SET: mode and limit */
    status.msg_perm.mode = 0600;
    status.msg_qbytes = 100;
    CHECK_EQ(0, msgctl(id, IPC_SET, &status), "IPC_SET mode 0600, msg_qbytes 100");
    status = status_of(id);
    CHECK_EQ(0600, status.msg_perm.mode, "mode after IPC_SET");
    CHECK_EQ(100, status.msg_qbytes, "msg_qbytes after IPC_SET");
    CHECK_ERROR(msgsnd(id, &message, 61, IPC_NOWAIT), EAGAIN);
    CHECK_EQ(0, msgsnd(id, &message, 60, IPC_NOWAIT), "msgsnd of 60 bytes fills the queue to 100");
    status.msg_qbytes = MSGMNB + 1;
    CHECK_ERROR(msgctl(id, IPC_SET, &status), EPERM);

    /* bad buffers and commands */
    CHECK_ERROR(msgctl(id, IPC_STAT, (struct msqid_ds *)0xC0000000), EFAULT);
    CHECK_ERROR(msgctl(id, IPC_SET, (struct msqid_ds *)16), EFAULT);
    CHECK_ERROR(msgctl(id, 99, &status), EINVAL);
    CHECK_ERROR(msgctl(-1, IPC_INFO, &status), EINVAL);

    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_msgq_ipc_stat_reports_counts_pids_and_limits");
}
