/* tests/trace/ipc_tour.c - one of each IPC event, for the trace test
 * (tests/trace/trace_boot_test.py) and the example in docs/tracing.md.
 *
 *   parent (client)                         child (server)
 *   msg_call type 1 "ping"   ------------>  msg_recv (MSG_ANY)
 *                            <------------  msg_reply type 2 "pong"
 *   msg_send MSG_ASYNC type 3 ----------->  (inbox)  msg_recv
 *   mbox_send "tour" type 4  ------------>  mbox_recv "tour" (rendezvous)
 *   write(pipe, 5 bytes)     ------------>  read(pipe)
 *   kill(child, SIGUSR1)     ------------>  handler runs; child exits 0
 *   waitpid                  <------------  SIGCHLD
 * Exit status 0 when everything arrived as sent. */
#include <fcntl.h>
#include <ipc.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

static void on_usr1(int signal)
{
    got_signal = signal;
}

static int server(int box, int read_end)
{
    struct message m;
    if (msg_recv(MSG_ANY, &m, 0) != 0 || m.type != 1)
        return 10;
    struct message answer = { .type = 2, .len = 5, .body = "pong" };
    if (msg_reply(m.src, &answer) != 0)
        return 11;
    if (msg_recv(MSG_ANY, &m, 0) != 0 || m.type != 3)
        return 12;
    if (mbox_recv(box, &m, 0) != 0 || m.type != 4)
        return 13;
    char bytes[8];
    if (read(read_end, bytes, sizeof bytes) != 5)
        return 14;
    while (!got_signal)
        pause();
    return 0;
}

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    int box = mbox_open("tour", O_CREAT, 0);
    if (box < 0)
        return 2;
    signal(SIGUSR1, on_usr1);
    pid_t child = fork();
    if (child == 0)
        _exit(server(box, fds[0]));

    struct message m = { .type = 1, .len = 5, .body = "ping" };
    if (msg_call(child, &m) != 0 || m.type != 2)
        return 3;
    struct message note = { .type = 3, .len = 5, .body = "note" };
    if (msg_send(child, &note, MSG_ASYNC) != 0)
        return 4;
    struct message job = { .type = 4, .len = 4, .body = "job" };
    if (mbox_send(box, &job, 0) != 0)
        return 5;
    if (write(fds[1], "bytes", 5) != 5)
        return 6;
    usleep(20 * 1000);                 /* the child is in pause() by now */
    kill(child, SIGUSR1);
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return 7;
    mbox_unlink("tour");
    return WEXITSTATUS(status);
}
