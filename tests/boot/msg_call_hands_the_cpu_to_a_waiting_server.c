/* tests/boot/msg_call_hands_the_cpu_to_a_waiting_server.c - when msg_call
 * finds the server already waiting in msg_recv, the kernel switches from
 * the client straight to the server (kernel/ipc/msg.c sys_msg_call,
 * wait_queue_sleep_handing_to): the server runs next, before any other
 * process that was ready to run.
 *
 * Three processes write one letter each into one pipe:
 *   busy   (always ready): "B", sched_yield, "B", sched_yield, ...
 *   client: "C", then msg_call(server)
 *   server: msg_recv, "S", msg_reply
 * With the hand-off every "C" is followed by "S"; without it, the
 * scheduler would run "busy" first, whose "B" would come in between. The
 * log is read after 40 calls; at least 36 must show "CS" (a timer tick
 * between the client's write and its call may let "busy" in). */
#include <ipc.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { CALLS = 40, REQUIRED = 36 };

int main(void)
{
    run_on_one_cpu();                       /* what one CPU does (boot_test.h) */
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    int log[2];
    pipe(log);
    pid_t server = fork();
    if (server == 0) {
        struct message m;
        while (msg_recv(MSG_ANY, &m, 0) == 0) {
            write(log[1], "S", 1);
            msg_reply(m.src, &m);
        }
        _exit(1);
    }
    pid_t busy = fork();
    if (busy == 0) {
        for (;;) {
            write(log[1], "B", 1);
            sched_yield();
        }
    }
    static char text[16384];
    int handed = 0, length = 0;
    struct message m;
    memset(&m, 0, sizeof m);
    for (int i = 0; i < CALLS; i++) {
        while (!is_blocked_with_prefix(server, "msg_recv"))
            sched_yield();
        write(log[1], "C", 1);
        if (msg_call(server, &m) != 0) {
            CHECK(0, "msg_call %d: %s", i, strerror(errno));
            break;
        }
        /* drain the log as we go, so that "busy" never fills the pipe */
        fcntl(log[0], F_SETFL, O_NONBLOCK);
        int got;
        while (length < (int)sizeof text - 1 && (got = read(log[0], text + length, sizeof text - 1 - length)) > 0)
            length += got;
    }
    kill(busy, SIGKILL);
    kill(server, SIGKILL);
    waitpid(busy, NULL, 0);
    waitpid(server, NULL, 0);
    text[length] = 0;
    int calls_seen = 0;
    for (int i = 0; i + 1 < length; i++)
        if (text[i] == 'C') {
            calls_seen++;
            handed += text[i + 1] == 'S';
        }
    CHECK_EQ(CALLS, calls_seen, "calls in the log");
    CHECK(handed >= REQUIRED, "calls whose server ran right after the client: expected at least %d of %d, got %d "
          "(the log: %.80s...)", REQUIRED, CALLS, handed, strstr(text, "C") ? strstr(text, "C") : text);
    close(log[0]);
    close(log[1]);
    return test_finish("msg_call_hands_the_cpu_to_a_waiting_server");
}
