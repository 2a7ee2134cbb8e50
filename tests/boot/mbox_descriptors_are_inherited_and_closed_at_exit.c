/* tests/boot/mbox_descriptors_are_inherited_and_closed_at_exit.c - a
 * mailbox descriptor is a descriptor like any other (intro(2),
 * mbox_open(2)):
 *  - fork copies it: parent and child reach the same mailbox through it;
 *  - exec keeps it;
 *  - exit closes it: a mailbox that a process created, unlinked and never
 *    closed is gone once the process has exited, with the messages it
 *    still held;
 *  - mbox_unlink while a receiver waits: the receiver goes on waiting and
 *    gets the message another process sends through its own descriptor;
 *    the mailbox goes once the last descriptor is closed.
 * At the end the kernel is as it was: CHECK_NO_LEAK. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

/* Run by exec with the descriptor's number: sends through it. */
static int exec_mode(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "--send-through"))
        return -1;
    struct message m;
    set_text(&m, 3, "sent after exec");
    return mbox_send(atoi(argv[2]), &m, 0) == 0 ? 0 : 1;
}

static void fork_and_exec_keep_it(const char *program)
{
    int box = mbox_open("inherited", O_CREAT | O_EXCL, 4);
    struct message m;
    pid_t child = fork();
    if (child == 0) {
        /* the parent waits first: else, on several CPUs, this child's
         * mbox_recv below could take back its own message */
        CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == 1), "the parent never waited");
        set_text(&m, 1, "from the child");
        CHECK_EQ(0, mbox_send(box, &m, 0), "the child's mbox_send through the inherited descriptor");
        CHECK_EQ(0, mbox_recv(box, &m, 0), "the child's mbox_recv through it");
        CHECK_EQ(2, m.type, "the parent's message");
        _exit(check_failures ? 1 : 0);
    }
    CHECK_EQ(0, mbox_recv(box, &m, 0), "the parent's mbox_recv");
    CHECK_EQ(1, m.type, "the child's message");
    set_text(&m, 2, "from the parent");
    CHECK_EQ(0, mbox_send(box, &m, 0), "the parent's mbox_send");
    expect_child_ok(child, "a child using an inherited mailbox descriptor");

    child = fork();
    if (child == 0) {
        char number[16];
        snprintf(number, sizeof number, "%d", box);
        execl(program, program, "--send-through", number, (char *)NULL);
        _exit(100);
    }
    expect_child_ok(child, "an exec'd program sending through the kept descriptor");
    CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv of the exec'd program's message");
    CHECK_EQ(3, m.type, "the exec'd program's message");
    mbox_unlink("inherited");
    close(box);
}

static void exit_closes_it(void)
{
    struct kinfo_counters before = read_counters();
    pid_t child = fork();
    if (child == 0) {
        int box = mbox_open("never-closed", O_CREAT | O_EXCL, MBOX_UNBOUNDED);
        struct message m;
        set_text(&m, 1, "left behind");
        for (int i = 0; i < 10; i++)
            mbox_send(box, &m, 0);
        mbox_unlink("never-closed");
        _exit(box >= 0 && mbox_numbers(box).count == 10 ? 0 : 1);     /* exits holding it open */
    }
    expect_child_ok(child, "a child leaving a mailbox with 10 messages open");
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes after the child's exit");
    CHECK_EQ(before.held_messages, after.held_messages, "held messages after the child's exit");
    CHECK_EQ(before.open_files, after.open_files, "open files after the child's exit");

    /* a named one outlives its creator, until unlinked */
    child = fork();
    if (child == 0)
        _exit(mbox_open("outlives", O_CREAT | O_EXCL, 2) >= 0 ? 0 : 1);
    expect_child_ok(child, "a child creating \"outlives\"");
    int box = mbox_open("outlives", 0, 0);
    CHECK(box >= 0, "mbox_open of a mailbox whose creator exited: %s", strerror(errno));
    CHECK_EQ(2, mbox_numbers(box).capacity, "its capacity");
    CHECK_EQ(0, mbox_unlink("outlives"), "mbox_unlink");
    close(box);
    after = read_counters();
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes once unlinked and closed");
}

static void unlink_while_a_receiver_waits(void)
{
    int box = mbox_open("unlinked-while-waiting", O_CREAT | O_EXCL, 0);
    pid_t receiver = fork();
    if (receiver == 0) {
        struct message m;
        CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv on an unlinked mailbox");
        CHECK(!strcmp(m.body, "still works"), "expected \"still works\", got \"%s\"", m.body);
        _exit(check_failures ? 1 : 0);
    }
    int go[2];
    pipe(go);
    pid_t sender = fork();
    if (sender == 0) {
        char c;
        read(go[0], &c, 1);
        struct message m;
        set_text(&m, 1, "still works");
        _exit(mbox_send(box, &m, 0) == 0 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == 1), "the receiver never waited");
    CHECK_EQ(0, mbox_unlink("unlinked-while-waiting"), "mbox_unlink with a receiver waiting");
    CHECK_ERROR(mbox_open("unlinked-while-waiting", 0, 0), ENOENT);
    close(box);                                  /* only the children hold it now */
    write(go[1], "g", 1);
    expect_child_ok(sender, "the sender through an inherited descriptor");
    expect_child_ok(receiver, "the receiver waiting through the unlink");
    close(go[0]);
    close(go[1]);
}

int main(int argc, char **argv)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    int exec_status = exec_mode(argc, argv);
    if (exec_status >= 0)
        return exec_status;

    warm_up_copy_on_write();
    usleep(10000);                               /* the cleaner frees its task */
    struct kinfo_counters before = read_counters();

    fork_and_exec_keep_it(argv[0]);
    exit_closes_it();
    unlink_while_a_receiver_waits();

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mbox_descriptors_are_inherited_and_closed_at_exit");
}
