/* tests/boot/ps_lists_each_thread_with_what_it_waits_on.c - ps -T shows
 * one line per thread, with its TID beside the PID, while a process of
 * three threads really has each blocked on something else: its first
 * thread reads an empty pipe, the second waits in mbox_recv, the third in
 * msg_recv from the parent. The three lines share the pid, parent and
 * NLWP 3, in the order of their tids; the first thread's tid is the pid;
 * each names its own wait. The
 * plain ps shows the process once, NLWP 3, with its first thread's wait;
 * ps -lT has both the TID and the switch counts. Nothing leaks. */
#include <ipc.h>
#include <pthread.h>

#include "boot_test.h"
#include "boot_wait.h"

#define THREADS 3

static int box;
static pid_t parent;

static void *receive_from_mailbox(void *unused)
{
    (void)unused;
    struct message m;
    return (void *)(long)mbox_recv(box, &m, 0);
}

static void *receive_from_parent(void *unused)
{
    (void)unused;
    struct message m;
    return (void *)(long)msg_recv(parent, &m, 0);
}

/* The child: two more threads, then the first reads the pipe. Exits 0 when
 * each got what it waited for. */
static void three_threads(int read_end)
{
    pthread_t box_receiver, message_receiver;
    if (pthread_create(&box_receiver, NULL, receive_from_mailbox, NULL) != 0 ||
        pthread_create(&message_receiver, NULL, receive_from_parent, NULL) != 0)
        _exit(2);
    char c;
    int read_ok = read(read_end, &c, 1) == 1;
    void *from_box, *from_parent;
    pthread_join(box_receiver, &from_box);
    pthread_join(message_receiver, &from_parent);
    _exit(read_ok && (long)from_box == 0 && (long)from_parent == 0 ? 0 : 1);
}

/* How many threads of `pid` are blocked now (kinfo(KINFO_THREADS)). */
static int threads_blocked(pid_t pid)
{
    static struct kinfo_process entries[64];
    int count = kinfo(KINFO_THREADS, entries, sizeof entries) / (int)sizeof entries[0], blocked = 0;
    for (int i = 0; i < count; i++)
        blocked += entries[i].pid == pid && entries[i].state == 'B';
    return blocked;
}

/* The lines of ps `output` whose first field is `pid`, copied into
 * `lines`; returns how many (at most `room`). */
static int lines_of(const char *output, pid_t pid, char lines[][160], int room)
{
    int found = 0;
    for (const char *p = output; *p && found < room;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        int first;
        if (sscanf(p, "%d", &first) == 1 && first == pid)
            snprintf(lines[found++], 160, "%.*s", length, p);
        p = end ? end + 1 : p + length;
    }
    return found;
}

static void cases(void)
{
    parent = getpid();
    int fds[2];
    pipe(fds);
    box = mbox_open("threads", O_CREAT | O_EXCL, 4);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    pid_t child = fork();
    if (child == 0)
        three_threads(fds[0]);
    CHECK(WAIT_UNTIL(threads_blocked(child) == THREADS), "the child's %d threads never all blocked", THREADS);

    char output[4096];
    char *per_thread[] = { "/bin/ps", "-T", NULL };
    run_capturing(per_thread, output, sizeof output);
    char header[2][16];
    CHECK(sscanf(output, "%15s %15s", header[0], header[1]) == 2 && !strcmp(header[0], "PID") &&
          !strcmp(header[1], "TID"), "ps -T's header begins PID TID: \"%.60s\"", output);
    char lines[THREADS + 1][160];
    CHECK_EQ(THREADS, lines_of(output, child, lines, THREADS + 1), "ps -T lines with the child's pid");
    pid_t message_receiver = 0, tids[THREADS] = { 0 };
    char text[32];
    snprintf(text, sizeof text, "process %d", parent);
    int pipe_reader = 0, mailbox_receiver = 0, message_receivers = 0;
    for (int i = 0; i < THREADS; i++) {
        int pid, tid, parent_pid, group, threads;
        char state;
        int fields = sscanf(lines[i], "%d %d %d %d %d %c", &pid, &tid, &parent_pid, &group, &threads, &state);
        CHECK(fields == 6 && parent_pid == parent && threads == THREADS && state == 'B',
              "ps -T line \"%s\": expected parent %d, NLWP %d, state B", lines[i], parent, THREADS);
        tids[i] = tid;
        if (strstr(lines[i], "pipe read") && strstr(lines[i], "pipe ")) {
            pipe_reader++;
            CHECK_EQ(child, tid, "the pipe reader is the first thread: its tid is the pid");
        } else if (strstr(lines[i], "mbox_recv") && strstr(lines[i], "mailbox threads")) {
            mailbox_receiver++;
        } else if (strstr(lines[i], "msg_recv") && strstr(lines[i], text)) {
            message_receivers++;
            message_receiver = tid;
        } else {
            CHECK(0, "ps -T line \"%s\" names none of the three waits", lines[i]);
        }
    }
    CHECK(pipe_reader == 1 && mailbox_receiver == 1 && message_receivers == 1,
          "one thread on each: pipe %d, mailbox %d, message %d\n%s", pipe_reader, mailbox_receiver,
          message_receivers, output);
    CHECK(child == tids[0] && tids[0] < tids[1] && tids[1] < tids[2],
          "three different tids, in order, the pid first: %d %d %d", tids[0], tids[1], tids[2]);

    capture("/bin/ps", output, sizeof output);
    CHECK_EQ(1, lines_of(output, child, lines, 2), "plain ps lines of the child");
    int threads = 0;
    CHECK(sscanf(lines[0], "%*d %*d %*d %d", &threads) == 1 && threads == THREADS && strstr(lines[0], "pipe read"),
          "plain ps line \"%s\": expected NLWP %d and the first thread's pipe read", lines[0], THREADS);

    char *long_per_thread[] = { "/bin/ps", "-lT", NULL };
    run_capturing(long_per_thread, output, sizeof output);
    CHECK(!strncmp(output, "  PID   TID ", 12) && strstr(output, "VOLUNTARY") &&
          lines_of(output, child, lines, THREADS + 1) == THREADS,
          "ps -lT: the TID, the switch counts and 3 lines of the child:\n%s", output);

    /* release them */
    write(fds[1], "x", 1);
    struct message m = { .type = 1, .len = 0 };
    mbox_send(box, &m, 0);
    CHECK_EQ(0, msg_send(message_receiver, &m, 0), "msg_send to the receiving thread's tid");
    expect_child_ok(child, "the child of three threads");
    close(fds[0]);
    close(fds[1]);
    close(box);
    mbox_unlink("threads");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("ps_lists_each_thread_with_what_it_waits_on");
}
