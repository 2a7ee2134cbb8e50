/* tests/boot/sysv_msgq_signal_gives_eintr_even_under_sa_restart.c
 * - a signal whose handler runs while msgrcv or msgsnd waits makes the call
 * fail with EINTR, and it is not restarted even under SA_RESTART (as on
 * Linux). signal() installs its handler with SA_RESTART. A stop and a
 * continue run no handler, so they do not end the wait. */
#include <signal.h>
#include <sys/msg.h>

#include "boot_test.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;
static volatile sig_atomic_t handled;

static void on_signal(int signal)
{
    (void)signal;
    handled++;
}

/* Waits until process `pid` sleeps in `reason`, as ps shows it. */
static int blocked_in(pid_t pid, const char *reason)
{
    for (int tries = 0; tries < 2000; tries++) {
        struct kinfo_process processes[64];
        int count = kinfo(KINFO_PROCESSES, processes, sizeof processes) / (int)sizeof processes[0];
        for (int i = 0; i < count; i++)
            if (processes[i].pid == pid && processes[i].state == 'B' &&
                strcmp(processes[i].wait_reason, reason) == 0)
                return 1;
        usleep(1000);
    }
    return 0;
}

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
        if (use_sigaction) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_handler = on_signal;
            action.sa_flags = SA_RESTART;
            sigaction(SIGUSR1, &action, NULL);
        } else {
            signal(SIGUSR1, on_signal);
        }
        _exit(interrupted_code(waiter(id)));
    }
    CHECK(blocked_in(child, reason), "%s: the child did not block in %s", what, reason);
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
    CHECK(blocked_in(child, "msgrcv"), "stop/continue: the child did not block");
    kill(child, SIGSTOP);
    int stop_status;
    CHECK_EQ(child, waitpid(child, &stop_status, WUNTRACED), "waitpid WUNTRACED");
    CHECK(WIFSTOPPED(stop_status), "the child did not stop: status 0x%x", stop_status);
    kill(child, SIGCONT);
    CHECK(blocked_in(child, "msgrcv"), "after SIGCONT the child does not wait in msgrcv again");
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
