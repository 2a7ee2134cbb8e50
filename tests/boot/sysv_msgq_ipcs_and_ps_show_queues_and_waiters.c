/* tests/boot/sysv_msgq_ipcs_and_ps_show_queues_and_waiters.c - ipcs lists
 * every message queue (id and key, creator, bytes queued and the limit,
 * senders and receivers waiting) and ps names the queue a blocked process
 * waits on ("msgqueue ID"); a removed queue is gone from ipcs. */
#include <sys/msg.h>

#include "boot_test.h"

struct big_message {
    long mtype;
    char mtext[MSGMAX];
};

static struct big_message big;

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

/* The line of `output` whose first two fields are `first` and `second`. */
static const char *line_with(const char *output, const char *first, const char *second)
{
    static char line[256];
    char a[64], b[64];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        if (sscanf(line, "%63s %63s", a, b) == 2 && !strcmp(a, first) && !strcmp(b, second))
            return line;
        p = end ? end + 1 : p + length;
    }
    return "";
}

/* The line of `output` whose first field is `first`. */
static const char *line_starting(const char *output, const char *first)
{
    static char line[256];
    char field[64];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        if (sscanf(line, "%63s", field) == 1 && !strcmp(field, first))
            return line;
        p = end ? end + 1 : p + length;
    }
    return "";
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

int main(void)
{
    key_t key = ftok("/tmp", 'i');
    int keyed = msgget(key, IPC_CREAT | 0600);
    int full = msgget(IPC_PRIVATE, 0600);
    big.mtype = 1;
    msgsnd(keyed, &big, 100, 0);
    msgsnd(full, &big, MSGMAX, 0);
    msgsnd(full, &big, MSGMAX, 0);
    pid_t receiver = fork();
    if (receiver == 0)
        _exit(msgrcv(keyed, &big, MSGMAX, 7, 0) == 7 ? 0 : 1);
    pid_t sender = fork();
    if (sender == 0)
        _exit(msgsnd(full, &big, 10, 0) == 0 ? 0 : 1);
    CHECK(blocked_in(receiver, "msgrcv") && blocked_in(sender, "msgsnd"), "the children did not block");

    char output[4096], text[64], pid_text[16];
    capture("/bin/ps", output, sizeof output);
    snprintf(pid_text, sizeof pid_text, "%d", receiver);
    snprintf(text, sizeof text, "msgqueue %d", keyed);
    const char *line = line_starting(output, pid_text);
    CHECK(strstr(line, "msgrcv") && strstr(line, text), "ps line of the receiver: \"%s\" (expected \"%s\")", line, text);
    snprintf(pid_text, sizeof pid_text, "%d", sender);
    snprintf(text, sizeof text, "msgqueue %d", full);
    line = line_starting(output, pid_text);
    CHECK(strstr(line, "msgsnd") && strstr(line, text), "ps line of the sender: \"%s\" (expected \"%s\")", line, text);

    capture("/bin/ipcs", output, sizeof output);
    char name[32];
    snprintf(name, sizeof name, "%d/0x%x", keyed, (unsigned)key);
    line = line_with(output, "msgqueue", name);
    int owner, count, send_wait, receive_wait;
    char capacity[16];
    CHECK(sscanf(line, "%*s %*s %d %d %15s %d %d", &owner, &count, capacity, &send_wait, &receive_wait) == 5 &&
          owner == getpid() && count == 100 && !strcmp(capacity, "16384") && send_wait == 0 && receive_wait == 1,
          "ipcs line of queue %s: \"%s\" (expected owner %d, 100 bytes of 16384, 0 and 1 waiting)\n%s",
          name, line, getpid(), output);
    snprintf(name, sizeof name, "%d", full);
    line = line_with(output, "msgqueue", name);
    CHECK(sscanf(line, "%*s %*s %d %d %15s %d %d", &owner, &count, capacity, &send_wait, &receive_wait) == 5 &&
          count == 2 * MSGMAX && send_wait == 1 && receive_wait == 0,
          "ipcs line of queue %s: \"%s\" (expected %d bytes, 1 sender waiting)", name, line, 2 * MSGMAX);

    big.mtype = 7;
    msgsnd(keyed, &big, 7, 0);
    msgrcv(full, &big, MSGMAX, 0, 0);
    int status;
    for (int i = 0; i < 2; i++) {
        pid_t done = wait(&status);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d ended with 0x%x", done, status);
    }
    msgctl(keyed, IPC_RMID, NULL);
    msgctl(full, IPC_RMID, NULL);
    capture("/bin/ipcs", output, sizeof output);
    CHECK(strstr(output, "msgqueue") == NULL, "ipcs still lists a removed queue:\n%s", output);
    return test_finish("sysv_msgq_ipcs_and_ps_show_queues_and_waiters");
}
