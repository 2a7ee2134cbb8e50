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
 * log is read as it grows, however much "busy" writes; of 40 calls at
 * least 36 must show "CS" (a timer tick between the client's write and
 * its call may let "busy" in). */
#include <ipc.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { CALLS = 40, REQUIRED = 36 };

/* Reads what the log holds now: counts each "C" and each "C" followed at
 * once by "S" (`previous`: the last letter of the read before), and keeps
 * the last 80 letters in `recent`. */
static void read_letters(int fd, char *previous, int *calls_seen, int *handed, char recent[81])
{
    char letters[512];
    ssize_t got;
    while ((got = read(fd, letters, sizeof letters)) > 0) {
        for (ssize_t i = 0; i < got; i++) {
            if (*previous == 'C')
                *handed += letters[i] == 'S';
            *calls_seen += letters[i] == 'C';
            *previous = letters[i];
            size_t kept = strlen(recent);
            if (kept == 80) {
                memmove(recent, recent + 1, 79);
                kept = 79;
            }
            recent[kept] = letters[i];
            recent[kept + 1] = 0;
        }
    }
}

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
    int handed = 0, calls_seen = 0;
    char previous = 0, recent[81] = "";     /* the last 80 letters, for a failure's message */
    struct message m;
    memset(&m, 0, sizeof m);
    fcntl(log[0], F_SETFL, O_NONBLOCK);
    for (int i = 0; i < CALLS; i++) {
        while (!is_blocked_with_prefix(server, "msg_recv")) {
            sched_yield();
            read_letters(log[0], &previous, &calls_seen, &handed, recent);
        }
        write(log[1], "C", 1);
        if (msg_call(server, &m) != 0) {
            CHECK(0, "msg_call %d: %s", i, strerror(errno));
            break;
        }
        /* the log read as we go, so that "busy" never fills the pipe and
         * however many letters it writes, every "C" is seen */
        read_letters(log[0], &previous, &calls_seen, &handed, recent);
    }
    kill(busy, SIGKILL);
    kill(server, SIGKILL);
    waitpid(busy, NULL, 0);
    waitpid(server, NULL, 0);
    read_letters(log[0], &previous, &calls_seen, &handed, recent);
    CHECK_EQ(CALLS, calls_seen, "calls in the log");
    CHECK(handed >= REQUIRED, "calls whose server ran right after the client: expected at least %d of %d, got %d "
          "(the log's end: %s)", REQUIRED, CALLS, handed, recent);
    close(log[0]);
    close(log[1]);
    return test_finish("msg_call_hands_the_cpu_to_a_waiting_server");
}
