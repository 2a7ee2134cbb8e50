/* tests/boot/ps_ipcs_show_who_waits_on_what.c - ps names the object each
 * blocked process waits on, and ipcs lists the objects with their waiters,
 * while processes really are blocked on a pipe, a mailbox and a message. */
#include <ipc.h>

#include "boot_test.h"

/* Runs `program` with its output into `buffer` (NUL-terminated). */
static void capture(const char *program, char *buffer, int size)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(program, program, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    int used = 0, n;
    while (used < size - 1 && (n = read(fds[0], buffer + used, size - 1 - used)) > 0)
        used += n;
    buffer[used] = 0;
    close(fds[0]);
    waitpid(child, NULL, 0);
}

/* The line of `output` that starts (after spaces) with `first_field`. */
static const char *line_starting(const char *output, const char *first_field)
{
    static char line[256];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        const char *q = p;
        while (*q == ' ')
            q++;
        if (!strncmp(q, first_field, strlen(first_field)) && q[strlen(first_field)] == ' ') {
            snprintf(line, sizeof line, "%.*s", length, p);
            return line;
        }
        p = end ? end + 1 : p + length;
    }
    return "";
}

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

    char output[4096], pid_text[16];
    capture("/bin/ps", output, sizeof output);
    snprintf(pid_text, sizeof pid_text, "%d", reader);
    const char *line = line_starting(output, pid_text);
    CHECK(strstr(line, "pipe read") && strstr(line, "pipe "), "ps line of the pipe reader: \"%s\"", line);
    snprintf(pid_text, sizeof pid_text, "%d", box_receiver);
    line = line_starting(output, pid_text);
    CHECK(strstr(line, "mbox_recv") && strstr(line, "mailbox watched"), "ps line of the mailbox receiver: \"%s\"", line);
    snprintf(pid_text, sizeof pid_text, "%d", message_receiver);
    line = line_starting(output, pid_text);
    snprintf(pid_text, sizeof pid_text, "process %d", parent);
    CHECK(strstr(line, "msg_recv") && strstr(line, pid_text), "ps line of the message receiver: \"%s\"", line);

    capture("/bin/ipcs", output, sizeof output);
    line = line_starting(output, "mailbox");
    CHECK(strstr(line, "watched") != NULL, "ipcs has no mailbox line: \"%s\"", output);
    int owner, count, send_wait, receive_wait;
    char kind[16], name[32], capacity[16];
    CHECK(sscanf(line, "%15s %31s %d %d %15s %d %d", kind, name, &owner, &count, capacity, &send_wait,
                 &receive_wait) == 7 && !strcmp(capacity, "4") && receive_wait == 1 && count == 0,
          "ipcs mailbox line: \"%s\" (expected capacity 4, 1 receiver waiting)", line);
    line = line_starting(output, "pipe");
    CHECK(line[0] != 0, "ipcs has no pipe line:\n%s", output);

    /* release everyone */
    write(fds[1], "x", 1);
    struct message m = { .type = 1, .len = 0 };
    mbox_send(box, &m, 0);
    msg_send(message_receiver, &m, 0);
    int status;
    for (int i = 0; i < 3; i++) {
        pid_t done = wait(&status);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d ended with 0x%x", done, status);
    }
    close(fds[0]);
    close(fds[1]);
    close(box);
    mbox_unlink("watched");
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("ps_ipcs_show_who_waits_on_what");
}
