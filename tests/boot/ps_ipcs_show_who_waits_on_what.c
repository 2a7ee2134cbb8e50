/* tests/boot/ps_ipcs_show_who_waits_on_what.c - ps names the object each
 * blocked process waits on, and ipcs lists the objects with their waiters
 * (and a mailbox with its creator as OWNER), while processes really are
 * blocked on a pipe, a mailbox and a message. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

int main(void)
{
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    int fds[2];
    pipe(fds);
    pid_t reader = fork();
    if (reader == 0) {
        char c;
        _exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
    }
    int box = mbox_open("watched", O_CREAT | O_EXCL, 4);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    pid_t box_receiver = fork();
    if (box_receiver == 0) {
        struct message m;
        _exit(mbox_recv(box, &m, 0) == 0 ? 0 : 1);
    }
    pid_t parent = getpid();
    pid_t message_receiver = fork();
    if (message_receiver == 0) {
        struct message m;
        _exit(msg_recv(parent, &m, 0) == 0 ? 0 : 1);
    }
    usleep(50000);                         /* all three are blocked now */

    char output[4096], text[32];
    capture("/bin/ps", output, sizeof output);
    const char *line = ps_line_of(output, reader);
    CHECK(strstr(line, "pipe read") && strstr(line, "pipe "), "ps line of the pipe reader: \"%s\"", line);
    line = ps_line_of(output, box_receiver);
    CHECK(strstr(line, "mbox_recv") && strstr(line, "mailbox watched"), "ps line of the mailbox receiver: \"%s\"", line);
    line = ps_line_of(output, message_receiver);
    snprintf(text, sizeof text, "process %d", parent);
    CHECK(strstr(line, "msg_recv") && strstr(line, text), "ps line of the message receiver: \"%s\"", line);

    capture("/bin/ipcs", output, sizeof output);
    line = line_starting(output, "mailbox");
    CHECK(strstr(line, "watched") != NULL, "ipcs has no mailbox line: \"%s\"", output);
    struct ipcs_numbers numbers;
    CHECK(ipcs_numbers_of(line, &numbers) && !strcmp(numbers.capacity, "4") && numbers.receivers_waiting == 1 &&
          numbers.count == 0 && numbers.owner == parent,
          "ipcs mailbox line: \"%s\" (expected owner %d, its creator; capacity 4, 1 receiver waiting)", line,
          parent);
    line = line_starting(output, "pipe");
    CHECK(line[0] != 0, "ipcs has no pipe line:\n%s", output);

    /* release everyone */
    write(fds[1], "x", 1);
    struct message m = { .type = 1, .len = 0 };
    mbox_send(box, &m, 0);
    msg_send(message_receiver, &m, 0);
    expect_children_ok(3, "child");
    close(fds[0]);
    close(fds[1]);
    close(box);
    mbox_unlink("watched");
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("ps_ipcs_show_who_waits_on_what");
}
