/* tests/boot/sysv_msgq_rmid_frees_everything_no_leak.c - IPC_RMID frees a
 * queue and every message in it, even with a receiver asleep on it: after
 * removal the kernel's heap, frames, tasks and files, and its count of
 * message queues, are as they were. */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct text_message {
    long mtype;
    char mtext[1000];
};

static struct text_message message;

int main(void)
{
    run_on_one_cpu();                       /* the receiver asleep before the removal (boot_test.h) */
    /* warm up: the first fork and msgget grow our own pages */
    warm_up_copy_on_write();
    msgctl(msgget(IPC_PRIVATE, 0600), IPC_RMID, NULL);
    usleep(20000);                          /* the cleaner frees the child's task */
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    for (int round = 0; round < 20; round++) {
        int full = msgget(IPC_PRIVATE, 0600);
        int empty = msgget(IPC_PRIVATE, 0600);
        CHECK_EQ(before.sysv_msg_queues + 2, read_counters().sysv_msg_queues, "sysv_msg_queues with two more queues");
        message.mtype = 1 + round % 3;
        for (int i = 0; i < 16; i++)
            msgsnd(full, &message, sizeof message.mtext, IPC_NOWAIT);
        pid_t child = fork();
        if (child == 0)
            _exit(msgrcv(empty, &message, sizeof message.mtext, 0, 0) == -1 && errno == EIDRM ? 0 : 1);
        CHECK(wait_until_blocked(child, "msgrcv"), "round %d: the child never fell asleep", round);
        CHECK_EQ(0, msgctl(full, IPC_RMID, NULL), "IPC_RMID of the full queue");
        CHECK_EQ(0, msgctl(empty, IPC_RMID, NULL), "IPC_RMID of the queue with a receiver");
        int status;
        waitpid(child, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d: the receiver did not get EIDRM", round);
    }

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    CHECK_EQ(before.sysv_msg_queues, after.sysv_msg_queues, "message queues");
    return test_finish("sysv_msgq_rmid_frees_everything_no_leak");
}
