/* tests/boot/mbox_names_follow_open_rules.c - mailbox names are
 * kernel-wide and behave as open(2)'s do (mbox_open(2)):
 *  - mbox_open without O_CREAT of a missing name: ENOENT;
 *  - O_CREAT|O_EXCL of an existing name: EEXIST; O_CREAT alone opens it;
 *  - names of up to 31 characters are fine, 32 or more: ENAMETOOLONG;
 *  - the capacity is read only when the mailbox is created: a later open
 *    with another capacity gets the same mailbox, capacity unchanged;
 *  - a name opened by one process is the same mailbox in another one;
 *  - mbox_unlink of a missing name: ENOENT; after it the name is free
 *    for a new mailbox, and the old descriptor still reaches the old one;
 *  - a descriptor that is not a mailbox: EBADF (not open) or EINVAL
 *    (a pipe, the console);
 *  - mbox_stat reports the capacity: 0, N, MBOX_UNBOUNDED;
 *  - an access mode (O_RDWR, O_WRONLY) in the flags is accepted and the
 *    descriptor both sends and receives; any other flag is EINVAL.
 * At the end every mailbox is unlinked and closed: nothing is left. */
#include <ipc.h>

#include "boot_test.h"

static struct mbox_stat stat_of(int fd)
{
    struct mbox_stat st = { 12345, 12345, 12345, 12345 };
    CHECK_EQ(0, mbox_stat(fd, &st), "mbox_stat");
    return st;
}

static void missing_and_existing_names(void)
{
    CHECK_ERROR(mbox_open("no-such-mailbox", 0, 4), ENOENT);
    CHECK_ERROR(mbox_open("no-such-mailbox", O_EXCL, 4), ENOENT);
    CHECK_ERROR(mbox_unlink("no-such-mailbox"), ENOENT);

    int first = mbox_open("names", O_CREAT | O_EXCL, 4);
    CHECK(first >= 0, "mbox_open O_CREAT|O_EXCL of a new name: %s", strerror(errno));
    CHECK_ERROR(mbox_open("names", O_CREAT | O_EXCL, 4), EEXIST);
    int second = mbox_open("names", O_CREAT, 4);
    CHECK(second >= 0 && second != first, "mbox_open O_CREAT of an existing name: %d (%s)", second,
          strerror(errno));
    int third = mbox_open("names", 0, 0);
    CHECK(third >= 0, "mbox_open of an existing name: %s", strerror(errno));

    /* the three descriptors reach one mailbox */
    struct message m;
    memset(&m, 0, sizeof m);
    m.type = 42;
    CHECK_EQ(0, mbox_send(first, &m, 0), "mbox_send through the first descriptor");
    CHECK_EQ(1, stat_of(third).count, "count seen through the third descriptor");
    memset(&m, 0, sizeof m);
    CHECK_EQ(0, mbox_recv(second, &m, MSG_NONBLOCK), "mbox_recv through the second descriptor");
    CHECK_EQ(42, m.type, "the message sent through the first");

    /* the capacity was read once, at creation */
    CHECK_EQ(4, stat_of(second).capacity, "capacity after an open asking for 4 again");
    CHECK_EQ(4, stat_of(third).capacity, "capacity after an open asking for 0");
    int fourth = mbox_open("names", O_CREAT, MBOX_UNBOUNDED);
    CHECK_EQ(4, stat_of(fourth).capacity, "capacity after an open asking for MBOX_UNBOUNDED");

    /* an access mode is accepted: the descriptor still sends and receives */
    int both_ways = mbox_open("names", O_RDWR | O_CREAT, 4);
    CHECK(both_ways >= 0, "mbox_open with O_RDWR|O_CREAT: %s", strerror(errno));
    int write_only = mbox_open("names", O_WRONLY, 0);
    CHECK(write_only >= 0, "mbox_open with O_WRONLY: %s", strerror(errno));
    memset(&m, 0, sizeof m);
    m.type = 43;
    CHECK_EQ(0, mbox_send(both_ways, &m, 0), "mbox_send through the O_RDWR descriptor");
    memset(&m, 0, sizeof m);
    CHECK_EQ(0, mbox_recv(write_only, &m, MSG_NONBLOCK), "mbox_recv through the O_WRONLY descriptor");
    CHECK_EQ(43, m.type, "the message sent through the O_RDWR descriptor");
    CHECK_ERROR(mbox_open("names", O_NONBLOCK, 0), EINVAL);
    close(both_ways);
    close(write_only);

    /* another process finds it by name */
    pid_t child = fork();
    if (child == 0) {
        int fd = mbox_open("names", 0, 0);
        struct message out;
        memset(&out, 0, sizeof out);
        out.type = 43;
        _exit(fd >= 0 && mbox_send(fd, &out, 0) == 0 ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child opening \"names\" and sending: status 0x%x",
          status);
    CHECK_EQ(0, mbox_recv(first, &m, MSG_NONBLOCK), "mbox_recv of the child's message");
    CHECK_EQ(43, m.type, "the child's message");
    CHECK_EQ(child, m.src, "its src");

    /* unlink: the name goes, the mailbox stays for its descriptors */
    CHECK_EQ(0, mbox_unlink("names"), "mbox_unlink");
    CHECK_ERROR(mbox_unlink("names"), ENOENT);
    CHECK_ERROR(mbox_open("names", 0, 0), ENOENT);
    int fresh = mbox_open("names", O_CREAT | O_EXCL, 0);
    CHECK(fresh >= 0, "mbox_open O_CREAT|O_EXCL of an unlinked name: %s", strerror(errno));
    CHECK_EQ(0, stat_of(fresh).capacity, "the new mailbox's capacity");
    m.type = 44;
    CHECK_EQ(0, mbox_send(first, &m, 0), "mbox_send to the unlinked mailbox");
    CHECK_EQ(1, stat_of(second).count, "the unlinked mailbox holds it");
    CHECK_EQ(0, stat_of(fresh).count, "the new one does not");
    CHECK_EQ(0, mbox_recv(third, &m, MSG_NONBLOCK), "mbox_recv from the unlinked mailbox");
    CHECK_EQ(44, m.type, "the message");
    CHECK_EQ(0, mbox_unlink("names"), "mbox_unlink of the new one");
    close(first);
    close(second);
    close(third);
    close(fourth);
    close(fresh);
}

static void name_lengths(void)
{
    char name[64];
    memset(name, 'n', sizeof name);
    name[31] = 0;                                /* 31 characters: the longest */
    int fd = mbox_open(name, O_CREAT | O_EXCL, 1);
    CHECK(fd >= 0, "mbox_open of a 31-character name: %s", strerror(errno));
    CHECK_EQ(0, mbox_unlink(name), "mbox_unlink of a 31-character name");
    close(fd);
    name[31] = 'n';
    name[32] = 0;                                /* 32 characters */
    CHECK_ERROR(mbox_open(name, O_CREAT, 1), ENAMETOOLONG);
    CHECK_ERROR(mbox_open(name, 0, 1), ENAMETOOLONG);
    CHECK_ERROR(mbox_unlink(name), ENAMETOOLONG);
    name[63] = 0;                                /* 63 characters */
    CHECK_ERROR(mbox_open(name, O_CREAT, 1), ENAMETOOLONG);
}

static void capacities(void)
{
    int rendezvous = mbox_open("cap-0", O_CREAT | O_EXCL, 0);
    int bounded = mbox_open("cap-8", O_CREAT | O_EXCL, 8);
    int unbounded = mbox_open("cap-unbounded", O_CREAT | O_EXCL, MBOX_UNBOUNDED);
    struct mbox_stat st = stat_of(rendezvous);
    CHECK(st.capacity == 0 && st.count == 0 && st.senders_waiting == 0 && st.receivers_waiting == 0,
          "a new capacity-0 mailbox: expected {0, 0, 0, 0}, got {%u, %u, %u, %u}", st.capacity, st.count,
          st.senders_waiting, st.receivers_waiting);
    st = stat_of(bounded);
    CHECK(st.capacity == 8 && st.count == 0, "a new mailbox of 8: expected capacity 8 count 0, got %u %u",
          st.capacity, st.count);
    CHECK_EQ(MBOX_UNBOUNDED, stat_of(unbounded).capacity, "capacity of an unbounded mailbox");
    mbox_unlink("cap-0");
    mbox_unlink("cap-8");
    mbox_unlink("cap-unbounded");
    close(rendezvous);
    close(bounded);
    close(unbounded);
}

static void descriptors_that_are_not_mailboxes(void)
{
    struct message m;
    memset(&m, 0, sizeof m);
    struct mbox_stat st;
    CHECK_ERROR(mbox_send(99, &m, 0), EBADF);
    CHECK_ERROR(mbox_recv(99, &m, MSG_NONBLOCK), EBADF);
    CHECK_ERROR(mbox_stat(99, &st), EBADF);
    CHECK_ERROR(mbox_send(-1, &m, 0), EBADF);
    int fds[2];
    pipe(fds);
    errno = 0;
    int result = mbox_send(fds[1], &m, 0);
    CHECK(result == -1 && (errno == EBADF || errno == EINVAL), "mbox_send to a pipe: expected EBADF or EINVAL, "
          "got %d (%s)", result, strerror(errno));
    errno = 0;
    result = mbox_recv(fds[0], &m, 0);
    CHECK(result == -1 && (errno == EBADF || errno == EINVAL), "mbox_recv from a pipe: expected EBADF or EINVAL, "
          "got %d (%s)", result, strerror(errno));
    errno = 0;
    result = mbox_stat(1, &st);
    CHECK(result == -1 && (errno == EBADF || errno == EINVAL), "mbox_stat of stdout: expected EBADF or EINVAL, "
          "got %d (%s)", result, strerror(errno));
    close(fds[0]);
    close(fds[1]);

    /* a closed mailbox descriptor is just a closed descriptor */
    int fd = mbox_open("closed", O_CREAT | O_EXCL, 1);
    mbox_unlink("closed");
    close(fd);
    CHECK_ERROR(mbox_send(fd, &m, 0), EBADF);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    struct kinfo_counters before = read_counters();
    missing_and_existing_names();
    name_lengths();
    capacities();
    descriptors_that_are_not_mailboxes();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes");
    CHECK_EQ(before.open_files, after.open_files, "open files");
    CHECK_EQ(before.held_messages, after.held_messages, "held messages");
    return test_finish("mbox_names_follow_open_rules");
}
