/* user/tools/fuzz/checker.c - after the storm: does the kernel still do the
 * everyday things? A fork and wait, a round trip through pipes, through
 * mailboxes, a msg_call, a System V message, threads that take turns
 * under a mutex and a condition variable, and a file on the disk written,
 * synced and read back. Each step has an alarm, so a
 * kernel that lost a wake-up fails the check instead of hanging it. A
 * kernel built without a mechanism (make PROFILE=core) answers its calls
 * ENOSYS: the step says it skips the mechanism, and passes. */
#include <errno.h>
#include <fcntl.h>
#include <ipc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define STEP_SECONDS 10

static int failures;

static void fail(const char *step, const char *what)
{
    printf("fuzz: CHECK %s: %s (errno %d: %s)\n", step, what, errno, strerror(errno));
    failures++;
}

/* Did the first call of a step answer ENOSYS (a kernel without the
 * mechanism)? Then says so: the step has nothing to check. */
static int not_in_this_kernel(const char *step, int result)
{
    if (result >= 0 || errno != ENOSYS)
        return 0;
    printf("fuzz: CHECK %s: skipped, this kernel has no such calls\n", step);
    return 1;
}

static void on_alarm(int signal)
{
    (void)signal;
}

/* Waits for `child` and expects it to exit with 0. */
static void expect_child_ok(pid_t child, const char *step)
{
    int status = 0;
    if (child < 0) {
        fail(step, "fork failed");
        return;
    }
    alarm(STEP_SECONDS);
    if (waitpid(child, &status, 0) != child) {
        kill(child, SIGKILL);
        waitpid(child, 0, 0);
        fail(step, "the child did not finish in time");
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        errno = 0;
        fail(step, "the child failed");
    }
}

static void check_fork(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(42);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 42)
        fail("fork", "a child exiting with 42 was not seen so");
}

static void check_pipes(void)
{
    int down[2], up[2];
    if (pipe(down) < 0 || pipe(up) < 0) {
        fail("pipe", "pipe() failed");
        return;
    }
    pid_t child = fork();
    if (child == 0) {
        char buffer[6] = { 0 };
        if (read(down[0], buffer, 5) != 5 || write(up[1], buffer, 5) != 5)
            _exit(1);
        _exit(0);
    }
    char reply[6] = { 0 };
    if (write(down[1], "hello", 5) != 5 || read(up[0], reply, 5) != 5 || strcmp(reply, "hello"))
        fail("pipe", "the round trip did not bring back \"hello\"");
    expect_child_ok(child, "pipe");
    close(down[0]), close(down[1]), close(up[0]), close(up[1]);
}

static void check_mailboxes(void)
{
    char there[32], back[32];
    snprintf(there, sizeof there, "fzcheck.%d.a", getpid());
    snprintf(back, sizeof back, "fzcheck.%d.b", getpid());
    int to_child = mbox_open(there, O_CREAT | O_EXCL, 1);
    if (not_in_this_kernel("mailbox", to_child))
        return;
    int to_parent = mbox_open(back, O_CREAT | O_EXCL, 0);
    if (to_child < 0 || to_parent < 0) {
        fail("mailbox", "mbox_open failed");
    } else {
        pid_t child = fork();
        if (child == 0) {
            struct message message;
            if (mbox_recv(to_child, &message, 0) < 0 || message.len != 4 || memcmp(message.body, "ping", 4))
                _exit(1);
            memcpy(message.body, "pong", 4);
            _exit(mbox_send(to_parent, &message, 0) < 0);
        }
        struct message message = { .type = 1, .len = 4 };
        memcpy(message.body, "ping", 4);
        if (mbox_send(to_child, &message, 0) < 0 || mbox_recv(to_parent, &message, 0) < 0 ||
            message.len != 4 || memcmp(message.body, "pong", 4) || message.src != child)
            fail("mailbox", "the round trip did not bring back \"pong\" from the child");
        expect_child_ok(child, "mailbox");
    }
    mbox_unlink(there);
    mbox_unlink(back);
    if (to_child >= 0)
        close(to_child);
    if (to_parent >= 0)
        close(to_parent);
}

static void check_msg_call(void)
{
    struct message probe = { .type = 1 };
    if (not_in_this_kernel("msg_call", msg_reply(-2, &probe)))   /* no such process: an error, or ENOSYS */
        return;
    pid_t child = fork();
    if (child == 0) {
        struct message request;
        int from;
        if (msg_recv(MSG_ANY, &request, 0) < 0)
            _exit(1);
        from = request.src;
        request.type += 1;
        _exit(msg_reply(from, &request) < 0);
    }
    struct message message = { .type = 41, .len = 3 };
    memcpy(message.body, "ask", 3);
    if (child < 0 || msg_call(child, &message) < 0 || message.type != 42 || message.src != child)
        fail("msg_call", "no reply of type 42 came from the server");
    expect_child_ok(child, "msg_call");
}

static void check_sysv_message(void)
{
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (not_in_this_kernel("msgsnd", queue))
        return;
    if (queue < 0) {
        fail("msgsnd", "msgget failed");
        return;
    }
    struct { long type; char text[8]; } sent = { 7, "abc" }, got = { 0, "" };
    if (msgsnd(queue, &sent, 4, 0) < 0 || msgrcv(queue, &got, sizeof got.text, 7, 0) != 4 ||
        got.type != 7 || strcmp(got.text, "abc"))
        fail("msgsnd", "the message did not come back from the queue");
    msgctl(queue, IPC_RMID, 0);
}

static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int turn, turns_taken;

/* Thread `argument` (0 or 1) takes every other turn, 100 in all. */
static void *take_turns(void *argument)
{
    int me = (int)(long)argument;
    for (int i = 0; i < 50; i++) {
        pthread_mutex_lock(&turn_lock);
        while (turn != me)
            pthread_cond_wait(&turn_changed, &turn_lock);
        turns_taken++;
        turn = 1 - me;
        pthread_cond_broadcast(&turn_changed);
        pthread_mutex_unlock(&turn_lock);
    }
    return (void *)(long)me;
}

/* In a child: the supervisor stays a process of one thread, whose libc
 * makes no cancellation points, and which forks the workers. */
static void check_threads(void)
{
    pid_t child = fork();
    if (child == 0) {
        pthread_t threads[2];
        for (long i = 0; i < 2; i++)
            if (pthread_create(&threads[i], 0, take_turns, (void *)i) != 0)
                _exit(1);
        void *results[2] = { 0, 0 };
        for (int i = 0; i < 2; i++)
            pthread_join(threads[i], &results[i]);
        _exit(turns_taken == 100 && results[0] == (void *)0L && results[1] == (void *)1L ? 0 : 2);
    }
    expect_child_ok(child, "threads (two take 100 turns under a mutex and a condition variable)");
}

#define DISK_CHECK_BYTES 5000           /* five blocks and a part of one */

/* With /home on the disk (home.c, mounted again after the run): a file
 * written, fsync'ed, read back the same, and removed. */
static void check_disk(void)
{
    if (!home_is_on_disk())
        return;
    static char wrote[DISK_CHECK_BYTES], read_back[DISK_CHECK_BYTES];
    for (unsigned i = 0; i < sizeof wrote; i++)
        wrote[i] = (char)(i * 7 + 3);
    char path[48];
    snprintf(path, sizeof path, "/home/fzcheck.%d", getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        fail("disk", "open of a new file in /home failed");
        return;
    }
    if (write(fd, wrote, sizeof wrote) != (ssize_t)sizeof wrote || fsync(fd) < 0)
        fail("disk", "writing and syncing 5000 bytes failed");
    else if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, read_back, sizeof read_back) != (ssize_t)sizeof read_back ||
             memcmp(wrote, read_back, sizeof wrote))
        fail("disk", "the 5000 bytes written did not read back the same");
    close(fd);
    if (unlink(path) < 0)
        fail("disk", "unlink of the file failed");
}

int check_kernel_still_works(void)
{
    struct sigaction action = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &action, 0);
    failures = 0;
    void (*const steps[])(void) = { check_fork, check_pipes, check_mailboxes, check_msg_call, check_sysv_message,
                                    check_threads, check_disk };
    for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        alarm(STEP_SECONDS);
        steps[i]();
        alarm(0);
    }
    fflush(stdout);
    return failures == 0;
}
