/* tests/boot/sysv_msgq_send_then_rmid_still_delivers_to_a_waiting_receiver.c
 * - the textbook pair of programs, msgq_send and msgq_recv, in one test:
 * the receiver loops on msgrcv until it reads "end"; the sender sends its
 * lines, then "end", then removes the queue at once with IPC_RMID. A
 * message sent while a receiver waits for it is that receiver's before
 * msgsnd returns (Linux's pipelined_send, ipc/msg.c), so the removal that
 * follows cannot take it away: every line arrives, "end" too. The rule:
 * msgrcv(2) fails with EIDRM only if "the message queue was removed" while
 * the caller waited, and this receiver did not wait any more: it had its
 * message. issue #24.
 *   The textbook sender reads each line from its terminal before it sends
 * it, so the receiver is back in msgrcv by the time the next line comes;
 * here the sender waits for that (wait_until_blocked) instead of a person
 * typing. A message sent while no receiver waits for it is queued, and
 * IPC_RMID frees it: sysv_msgq_rmid_before_the_receiver_waits_loses_the_queue
 * checks that side. */
#include <sys/msg.h>

#include "boot_test.h"
#include "boot_wait.h"

#define LINES 20
#define TEXT_SIZE 64

struct line_message {
    long mtype;
    char mtext[TEXT_SIZE];
};

/* msgq_recv: reads lines until "end"; writes how many lines came, whether
 * "end" came, and msgrcv's errno at the end (0 if none) into `report`. */
static void receive_until_end(int id, int report)
{
    int lines = 0, got_end = 0, error = 0, in_order = 1;
    struct line_message message;
    for (;;) {
        if (msgrcv(id, &message, sizeof message.mtext, 0, 0) < 0) {
            error = errno;
            break;
        }
        if (strcmp(message.mtext, "end") == 0) {
            got_end = 1;
            break;
        }
        char expected[TEXT_SIZE];
        snprintf(expected, sizeof expected, "line %d", lines + 1);
        in_order &= strcmp(message.mtext, expected) == 0;
        lines++;
    }
    int results[4] = { lines, got_end, error, in_order };
    write(report, results, sizeof results);
}

/* msgq_send: LINES lines, "end", and IPC_RMID right after; each line once
 * the receiver waits for it, as when a person types them. */
static void send_lines_then_end_then_remove(int id, pid_t receiver)
{
    struct line_message message = { 1, "" };
    for (int line = 1; line <= LINES; line++) {
        snprintf(message.mtext, sizeof message.mtext, "line %d", line);
        CHECK(wait_until_blocked(receiver, "msgrcv"), "the receiver did not wait for line %d", line);
        CHECK_EQ(0, msgsnd(id, &message, strlen(message.mtext) + 1, 0), "msgsnd of a line");
    }
    CHECK(wait_until_blocked(receiver, "msgrcv"), "the receiver did not wait for \"end\"");
    strcpy(message.mtext, "end");
    CHECK_EQ(0, msgsnd(id, &message, strlen(message.mtext) + 1, 0), "msgsnd of \"end\"");
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID right after the last send");
}

int main(void)
{
    for (int round = 0; round < 3; round++) {
        int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        CHECK(id >= 0, "msgget: errno %d", errno);
        int report[2];
        pipe(report);
        pid_t receiver = fork();
        if (receiver == 0) {
            close(report[0]);
            receive_until_end(id, report[1]);
            _exit(0);
        }
        close(report[1]);
        send_lines_then_end_then_remove(id, receiver);
        int results[4] = { -1, -1, -1, -1 };
        CHECK_EQ(sizeof results, read_fully(report[0], results, sizeof results), "the receiver's report");
        close(report[0]);
        waitpid(receiver, NULL, 0);
        CHECK_EQ(LINES, results[0], "lines received before \"end\"");
        CHECK_EQ(1, results[1], "\"end\" received (1) despite the IPC_RMID right after it");
        CHECK_EQ(0, results[2], "msgrcv's errno (EIDRM would mean \"end\" was lost)");
        CHECK_EQ(1, results[3], "lines received in the order sent");
        CHECK_ERROR(msgsnd(id, &(struct line_message){ 1, "x" }, 2, IPC_NOWAIT), EINVAL);
    }
    return test_finish("sysv_msgq_send_then_rmid_still_delivers_to_a_waiting_receiver");
}
