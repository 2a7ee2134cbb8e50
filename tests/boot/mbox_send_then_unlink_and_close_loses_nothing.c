/* tests/boot/mbox_send_then_unlink_and_close_loses_nothing.c - the window
 * of issue #24 on a mailbox, of capacity 0, 5 and unbounded: a sender
 * that sends its lines and "end", then at once calls mbox_unlink and close
 * and exits, loses nothing, whether the receiver waits in mbox_recv
 * meanwhile or comes only after the sender is gone (a bounded or unbounded
 * mailbox holds what it was sent: mailbox(7), "mbox_unlink removes the
 * name; the mailbox lives while descriptors remain"). */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

#define BOX_NAME "send_then_unlink"
#define LINES 4                       /* with "end", 5: as many as a capacity-5 mailbox holds */

/* The sender: LINES lines, "end", then mbox_unlink + close. Each line once
 * the receiver `waiting` waits for it (0: do not wait for it). */
static void send_lines_then_unlink_and_close(int box, pid_t waiting)
{
    struct message message;
    for (int i = 1; i <= LINES + 1; i++) {
        memset(&message, 0, sizeof message);
        if (i <= LINES)
            snprintf(message.body, sizeof message.body, "line %d", i);
        else
            strcpy(message.body, "end");
        message.len = strlen(message.body) + 1;
        if (waiting)
            CHECK(wait_until_blocked(waiting, "mbox_recv"), "the receiver did not wait for \"%s\"", message.body);
        CHECK_EQ(0, mbox_send(box, &message, 0), "mbox_send");
    }
    CHECK_EQ(0, mbox_unlink(BOX_NAME), "mbox_unlink right after the last send");
    CHECK_EQ(0, close(box), "close right after");
}

/* mbox_recv until "end": the lines before it, -errno, or -1000 out of order. */
static int receive_until_end(int box)
{
    struct message message;
    for (int lines = 0;; lines++) {
        if (mbox_recv(box, &message, 0) < 0)
            return -errno;
        if (strcmp(message.body, "end") == 0)
            return lines;
        char expected[32];
        snprintf(expected, sizeof expected, "line %d", lines + 1);
        if (strcmp(message.body, expected) != 0)
            return -1000;
    }
}

static void run(unsigned capacity, int receiver_waits)
{
    int box = mbox_open(BOX_NAME, O_CREAT | O_EXCL, capacity);
    CHECK(box >= 0, "mbox_open: errno %d", errno);
    pid_t me = getpid();
    fflush(stdout);
    pid_t sender = fork();
    if (sender == 0) {
        send_lines_then_unlink_and_close(box, receiver_waits ? me : 0);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    if (!receiver_waits && capacity != 0)
        waitpid(sender, &status, 0);  /* the sender is gone, the name too */
    CHECK_EQ(LINES, receive_until_end(box), "lines before \"end\"");
    if (receiver_waits || capacity == 0)
        waitpid(sender, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "capacity %u, receiver %s: the sender's checks (failures above)", capacity,
          receiver_waits ? "waiting" : "late");
    CHECK_ERROR(mbox_open(BOX_NAME, 0, 0), ENOENT);
    CHECK_EQ(0, close(box), "the receiver's close frees the mailbox");
}

static void cases(void)
{
    unsigned capacities[] = { 0, LINES + 1, MBOX_UNBOUNDED };
    for (int i = 0; i < 3; i++) {
        run(capacities[i], 1);
        run(capacities[i], 0);
    }
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mbox_send_then_unlink_and_close_loses_nothing");
}
