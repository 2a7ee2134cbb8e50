/* tests/boot/sysv_msgq_rmid_wakes_waiters_with_eidrm.c - IPC_RMID wakes a
 * receiver waiting for a message and a sender waiting for room, and both
 * fail with EIDRM; afterwards the removed id is EINVAL for every call
 * (msgctl(2), msgsnd(2)). */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;

/* Exit status of a child whose call failed with `error`: 0, else errno+1. */
static int exit_code_for(long result, int error)
{
    return result == -1 && errno == error ? 0 : (result == -1 ? errno + 1 : 100);
}

int main(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    pid_t receivers[2];
    for (int i = 0; i < 2; i++) {
        receivers[i] = fork();
        if (receivers[i] == 0)
            _exit(exit_code_for(msgrcv(id, &big, MSGMAX, i, 0), EIDRM));
        CHECK(wait_until_blocked(receivers[i], "msgrcv"), "receiver %d did not block", i);
    }
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID with two receivers waiting");
    for (int i = 0; i < 2; i++) {
        int status;
        CHECK_EQ(receivers[i], waitpid(receivers[i], &status, 0), "waitpid receiver");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "receiver %d: expected EIDRM (exit 0), got exit %d (errno+1, or 100 for success)",
              i, WEXITSTATUS(status));
    }

    /* a sender waiting for room on a full queue */
    id = msgget(IPC_PRIVATE, 0600);
    big.mtype = 1;
    msgsnd(id, &big, MSGMAX, 0);
    msgsnd(id, &big, MSGMAX, 0);
    pid_t sender = fork();
    if (sender == 0)
        _exit(exit_code_for(msgsnd(id, &big, 1, 0), EIDRM));
    CHECK(wait_until_blocked(sender, "msgsnd"), "the sender did not block");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID with a sender waiting");
    int status;
    CHECK_EQ(sender, waitpid(sender, &status, 0), "waitpid sender");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "sender: expected EIDRM (exit 0), got exit %d", WEXITSTATUS(status));

    /* the removed id names nothing now */
    CHECK_ERROR(msgsnd(id, &big, 1, IPC_NOWAIT), EINVAL);
    CHECK_ERROR(msgrcv(id, &big, MSGMAX, 0, IPC_NOWAIT), EINVAL);
    struct msqid_ds queue;
    CHECK_ERROR(msgctl(id, IPC_STAT, &queue), EINVAL);
    CHECK_ERROR(msgctl(id, IPC_RMID, NULL), EINVAL);
    /* ... even when a new queue takes its slot */
    int new_id = msgget(IPC_PRIVATE, 0600);
    CHECK(new_id != id, "a new queue got the removed queue's id %d", id);
    CHECK_ERROR(msgsnd(id, &big, 1, IPC_NOWAIT), EINVAL);
    CHECK_EQ(0, msgctl(new_id, IPC_RMID, NULL), "IPC_RMID of the new queue");
    return test_finish("sysv_msgq_rmid_wakes_waiters_with_eidrm");
}
