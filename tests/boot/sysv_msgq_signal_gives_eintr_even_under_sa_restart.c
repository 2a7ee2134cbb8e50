/* tests/boot/sysv_msgq_signal_gives_eintr_even_under_sa_restart.c
 * - a signal whose handler runs while msgrcv or msgsnd waits makes the call
 * fail with EINTR, and it is not restarted even under SA_RESTART (as on
 * Linux). signal() installs its handler with SA_RESTART. A stop and a
 * continue run no handler, so they do not end the wait. */
#include <signal.h>
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;

/* Exit code of the child: 0 when the call failed with EINTR after the handler ran. */
static int interrupted_code(long result)
{
    if (result != -1)
        return 10;
    if (errno != EINTR)
        return 20 + (errno & 0x3f);
    return handled == 1 ? 0 : 30;
}

/* Runs `waiter` in a child that installs the handler (by signal(), or by
 * sigaction with SA_RESTART), waits until it sleeps in `reason`, sends
 * SIGUSR1, and checks that the child saw EINTR. */
static void check_interrupted(const char *what, int use_sigaction, const char *reason, long (*waiter)(int), int id)
{
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1_restarting(!use_sigaction);
        _exit(interrupted_code(waiter(id)));
    }
    CHECK(wait_until_blocked(child, reason), "%s: the child did not block in %s", what, reason);
    kill(child, SIGUSR1);
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected EINTR after the handler (exit 0), got status 0x%x "
          "(10: the call succeeded, 20+errno: another error, 30: the handler did not run once)",
          what, status);
}

static long receive(int id)
{
    return msgrcv(id, &big, MSGMAX, 0, 0);
}

static long send(int id)
{
    big.mtype = 1;
    return msgsnd(id, &big, MSGMAX, 0);
}

int main(void)
{
    int empty = msgget(IPC_PRIVATE, 0600);
    int full = msgget(IPC_PRIVATE, 0600);
    big.mtype = 1;
    msgsnd(full, &big, MSGMAX, 0);
    msgsnd(full, &big, MSGMAX, 0);

    check_interrupted("msgrcv, handler by signal()", 0, "msgrcv", receive, empty);
    check_interrupted("msgrcv, handler by sigaction(SA_RESTART)", 1, "msgrcv", receive, empty);
    check_interrupted("msgsnd, handler by signal()", 0, "msgsnd", send, full);
    check_interrupted("msgsnd, handler by sigaction(SA_RESTART)", 1, "msgsnd", send, full);

    /* SIGSTOP and SIGCONT: the receiver goes on waiting, and gets its message */
    pid_t child = fork();
    if (child == 0) {
        struct big_message received;
        _exit(msgrcv(empty, &received, MSGMAX, 5, 0) == 5 && received.mtype == 5 ? 0 : 1);
    }
    CHECK(wait_until_blocked(child, "msgrcv"), "stop/continue: the child did not block");
    stop_and_continue_waiter(child, "msgrcv");
    big.mtype = 5;
    CHECK_EQ(0, msgsnd(empty, &big, 5, 0), "msgsnd of type 5");
    int exit_status;
    CHECK_EQ(child, waitpid(child, &exit_status, 0), "waitpid");
    CHECK(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0,
          "the continued receiver did not get its message: status 0x%x", exit_status);

    /* nothing was taken from or added to the queues */
    struct msqid_ds status;
    msgctl(empty, IPC_STAT, &status);
    CHECK_EQ(0, status.msg_qnum, "messages in the empty queue");
    msgctl(full, IPC_STAT, &status);
    CHECK_EQ(2, status.msg_qnum, "messages in the full queue");

    msgctl(empty, IPC_RMID, NULL);
    msgctl(full, IPC_RMID, NULL);
    return test_finish("sysv_msgq_signal_gives_eintr_even_under_sa_restart");
}
