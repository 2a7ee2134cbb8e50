/* tests/gdb/blocker.c - the scene the GDB test looks at (tests/gdb/gdb_test.py).
 *
 * Four children block, each on something else:
 *   pid 3  read() of an empty pipe              -> "pipe read" on pipe N
 *   pid 4  mbox_recv() on "gdbtest"             -> "mbox_recv" on mailbox gdbtest
 *   pid 5  msg_recv() from the parent (pid 2)   -> "msg_recv" on process 2
 *   pid 6  msgrcv() on a System V queue         -> "msgrcv" on msgqueue N
 * then the parent calls getppid(), where the test's breakpoint
 * (sys_getppid) stops the machine. Afterwards the parent releases them
 * all and exits 0, so the program also runs to completion on its own. */
#include <fcntl.h>
#include <ipc.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t start_child(void (*body)(void *), void *argument)
{
    pid_t pid = fork();
    if (pid == 0) {
        body(argument);
        _exit(0);
    }
    return pid;
}

static void read_pipe(void *argument)
{
    char c;
    read(*(int *)argument, &c, 1);
}

static void receive_from_mailbox(void *argument)
{
    struct message m;
    mbox_recv(*(int *)argument, &m, 0);
}

static void receive_from_parent(void *argument)
{
    struct message m;
    msg_recv(*(pid_t *)argument, &m, 0);
}

struct queue_message {
    long mtype;
    char mtext[8];
};

static void receive_from_queue(void *argument)
{
    struct queue_message m;
    msgrcv(*(int *)argument, &m, sizeof m.mtext, 0, 0);
}

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    int box = mbox_open("gdbtest", O_CREAT, 0);
    if (box < 0)
        return 2;
    pid_t parent = getpid();
    start_child(read_pipe, &fds[0]);
    start_child(receive_from_mailbox, &box);
    pid_t message_reader = start_child(receive_from_parent, &parent);
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (queue < 0)
        return 3;
    start_child(receive_from_queue, &queue);

    usleep(100 * 1000);              /* long enough for all three to block */
    getppid();                       /* the GDB test stops here */

    struct message m = { .type = 1, .len = 2, .body = "hi" };
    write(fds[1], "x", 1);
    mbox_send(box, &m, 0);
    msg_send(message_reader, &m, 0);
    struct queue_message note = { 1, "hi" };
    msgsnd(queue, &note, sizeof note.mtext, 0);
    while (wait(NULL) > 0)
        ;
    mbox_unlink("gdbtest");
    msgctl(queue, IPC_RMID, NULL);
    return 0;
}
