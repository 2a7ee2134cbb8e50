/* tests/boot/thread_unmap_or_fork_under_a_receiver_writes_only_its_buffer.c
 * - a thread waits to receive a message (msg_recv, mbox_recv, or the
 * reply of a msg_call) into a buffer, and another thread of its process
 * changes that memory meanwhile. A message is written into the buffer as
 * it is when the message comes, never into the page it was when the wait
 * began (message(7)): with the buffer's page unmapped and its frame given
 * to another page of the process, a message sent, a mailbox message or a
 * reply leaves that other page as it was (and is not delivered: the
 * receiver waits on, the server's msg_reply says EFAULT); with the
 * process forked meanwhile, the receiver gets the message and the child's
 * copy of the buffer stays as it was at the fork. A sender waiting in a
 * rendezvous mailbox whose message's page goes meanwhile is ended by a
 * signal with EINTR, as any wait is, not EFAULT: on several CPUs its
 * wait began without the big lock and goes on with it, where the kernel
 * before read the gone header again (mbox_send_after_wait). */
#include <fcntl.h>
#include <ipc.h>
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define PAGE 4096
#define MAILBOX "thread_unmap_box"

enum wait { MSG_RECV, MBOX_RECV, MSG_CALL, MBOX_SEND };

static struct message *buffer;
static int mailbox, rendezvous, server_pid;
static volatile int waiter_tid, result, done;

static void *wait_for_a_message(void *argument)
{
    waiter_tid = gettid();
    switch ((enum wait)(long)argument) {
    case MSG_RECV:
        result = msg_recv(MSG_ANY, buffer, 0);
        break;
    case MBOX_RECV:
        result = mbox_recv(mailbox, buffer, 0);
        break;
    case MSG_CALL:
        set_text(buffer, 1, "a call");
        result = msg_call(server_pid, buffer);
        break;
    case MBOX_SEND:
        set_text(buffer, 1, "offered");
        result = mbox_send(rendezvous, buffer, 0);
        break;
    }
    if (result < 0)
        result = -errno;
    done = 1;
    return 0;
}

static void ignore(int signal)
{
    (void)signal;
}

static pthread_t start_waiting(enum wait wait, const char *reason)
{
    waiter_tid = done = 0;
    result = 99;
    pthread_t waiter;
    pthread_create(&waiter, NULL, wait_for_a_message, (void *)(long)wait);
    CHECK(WAIT_UNTIL(waiter_tid && thread_is_blocked_in(waiter_tid, reason)), "the waiter does not wait in %s",
          reason);
    return waiter;
}

/* A child that sends "INTRUDER" to `to` (a thread) and exits with 0 if it
 * was taken, else with its errno. */
static pid_t send_from_a_child(int to)
{
    pid_t child = fork();
    if (child == 0) {
        struct message message;
        set_text(&message, 7, "INTRUDER");
        _exit(msg_send(to, &message, MSG_NONBLOCK) == 0 ? 0 : errno);
    }
    return child;
}

static int page_still_holds(const char *page, char value)
{
    for (int i = 0; i < PAGE; i++)
        if (page[i] != value)
            return 0;
    return 1;
}

/* The buffer is the first page of two; it goes while the thread waits, and
 * the second page is first touched after, taking the frame just freed. */
static char *unmap_the_buffer_and_touch_the_next_page(char *region)
{
    munmap(region, PAGE);
    char *other = region + PAGE;
    memset(other, 'A', PAGE);
    return other;
}

static void unmapped_receive_buffer(enum wait wait, const char *reason)
{
    char *region = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    buffer = (struct message *)region;
    memset(region, 0, PAGE);
    pthread_t waiter = start_waiting(wait, reason);
    char *other = unmap_the_buffer_and_touch_the_next_page(region);
    if (wait == MSG_RECV) {
        pid_t sender = send_from_a_child(waiter_tid);
        int status = 0;
        waitpid(sender, &status, 0);
        CHECK(!(WIFEXITED(status) && WEXITSTATUS(status) == 0), "%s: a message was taken into an unmapped buffer",
              reason);
    } else {
        struct message message;
        set_text(&message, 7, "INTRUDER");
        int sent = mbox_send(mailbox, &message, MSG_NONBLOCK);
        CHECK(sent < 0 || mbox_numbers(mailbox).count == 1,
              "%s: a mailbox message was taken into an unmapped buffer", reason);
        struct message drained;
        mbox_recv(mailbox, &drained, MSG_NONBLOCK);
    }
    CHECK(page_still_holds(other, 'A'), "%s: a message was written into another page of the process", reason);
    CHECK_EQ(0, done, "the receiver's wait ended");
    pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
    CHECK_EQ(-EINTR, result, "the receive ended by a signal");
    munmap(region, 2 * PAGE);
}

static void unmapped_rendezvous_message(void)
{
    mbox_unlink(MAILBOX);
    rendezvous = mbox_open(MAILBOX, O_CREAT | O_EXCL, 0);
    CHECK(rendezvous >= 0, "mbox_open of a rendezvous mailbox: %s", strerror(errno));
    char *region = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    buffer = (struct message *)region;
    pthread_t waiter = start_waiting(MBOX_SEND, "mbox_send: rendezvous");
    unmap_the_buffer_and_touch_the_next_page(region);
    CHECK_EQ(0, done, "the sender's wait ended");
    pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
    CHECK_EQ(-EINTR, result, "the rendezvous send ended by a signal, its message's page gone");
    munmap(region, 2 * PAGE);
    close(rendezvous);
    mbox_unlink(MAILBOX);
}

static void unmapped_reply_buffer(void)
{
    int ready[2];
    pipe(ready);
    pid_t server = fork();
    if (server == 0) {
        struct message call, reply;
        alarm(10);          /* a call that never comes must not keep us (and the test) waiting */
        int client = msg_recv(MSG_ANY, &call, 0) == 0 ? call.src : 0;
        char c;
        read(ready[0], &c, 1);                  /* the caller's buffer is gone now */
        set_text(&reply, 8, "REPLY!!!");
        _exit(msg_reply(client, &reply) < 0 ? errno : 0);
    }
    server_pid = server;
    CHECK(wait_until_blocked_with_prefix(server, "msg_recv"), "the server does not wait");
    char *region = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    buffer = (struct message *)region;
    memset(region, 0, PAGE);
    pthread_t waiter = start_waiting(MSG_CALL, "msg_call: waiting for the reply");
    char *other = unmap_the_buffer_and_touch_the_next_page(region);
    write(ready[1], "g", 1);
    int status = 0;
    waitpid(server, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == EFAULT,
          "the server's msg_reply to a caller whose buffer is gone: status 0x%x, expected EFAULT", status);
    CHECK(page_still_holds(other, 'A'), "the reply was written into another page of the caller's process");
    pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
    close(ready[0]);
    close(ready[1]);
    munmap(region, 2 * PAGE);
}

static void fork_while_a_thread_receives(void)
{
    buffer = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(buffer, 0, PAGE);
    pthread_t waiter = start_waiting(MSG_RECV, "msg_recv");
    int go[2];
    pipe(go);
    pid_t child = fork();
    if (child == 0) {                           /* a copy of the first thread alone */
        char c;
        read(go[0], &c, 1);
        _exit(buffer->len == 0 && buffer->body[0] == 0 ? 0 : 1);
    }
    pid_t sender = send_from_a_child(waiter_tid);
    expect_child_success(sender, "the sender (exit: its errno)");
    pthread_join(waiter, NULL);
    CHECK(result == 0 && !strcmp(buffer->body, "INTRUDER"), "the receiver after the fork: %d", result);
    write(go[1], "g", 1);
    expect_child_success(child, "the child, whose copy of the buffer must not hold the message");
    close(go[0]);
    close(go[1]);
    munmap(buffer, PAGE);
}

static void cases(void)
{
    install_handler(SIGUSR1, ignore, 0);
    unmapped_receive_buffer(MSG_RECV, "msg_recv");
    mbox_unlink(MAILBOX);
    mailbox = mbox_open(MAILBOX, O_CREAT | O_EXCL, 1);
    unmapped_receive_buffer(MBOX_RECV, "mbox_recv");
    close(mailbox);
    mbox_unlink(MAILBOX);
    unmapped_rendezvous_message();
    unmapped_reply_buffer();
    fork_while_a_thread_receives();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_unmap_or_fork_under_a_receiver_writes_only_its_buffer");
}
