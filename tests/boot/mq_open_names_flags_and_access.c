/* tests/boot/mq_open_names_flags_and_access.c - mq_open's rules, as
 * mq_open(3) and mq_overview(7) give them: names are "/" and a name
 * without another slash; O_CREAT and O_EXCL as for files; new queues take
 * the default attributes or checked ones; a queue descriptor is an
 * ordinary descriptor that close() ends; a descriptor used without the
 * access it was opened for, or that is no queue, is EBADF; mq_unlink of a
 * missing name is ENOENT. Everything is freed at the end. */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "boot_test.h"

static void names_follow_mq_overview(void)
{
    CHECK_ERROR(mq_open("no-slash", O_RDWR | O_CREAT, 0600, NULL), EINVAL);
    CHECK_ERROR(mq_open("/", O_RDWR | O_CREAT, 0600, NULL), ENOENT);
    CHECK_ERROR(mq_open("/two/slashes", O_RDWR | O_CREAT, 0600, NULL), EACCES);
    char longest[MQ_NAME_MAX + 2], too_long[MQ_NAME_MAX + 3];
    longest[0] = too_long[0] = '/';
    memset(longest + 1, 'n', MQ_NAME_MAX);
    longest[MQ_NAME_MAX + 1] = 0;
    memset(too_long + 1, 'n', MQ_NAME_MAX + 1);
    too_long[MQ_NAME_MAX + 2] = 0;
    CHECK_ERROR(mq_open(too_long, O_RDWR | O_CREAT, 0600, NULL), ENAMETOOLONG);
    mqd_t queue = mq_open(longest, O_RDWR | O_CREAT, 0600, NULL);
    CHECK(queue >= 0, "a name of exactly MQ_NAME_MAX bytes after '/': expected a queue, got errno %d", errno);
    CHECK_EQ(0, mq_close(queue), "mq_close");
    CHECK_EQ(0, mq_unlink(longest), "mq_unlink of the longest name");
    CHECK_ERROR(mq_open((const char *)16, O_RDWR), EFAULT);
}

static void create_and_exclusive_work_as_for_files(void)
{
    CHECK_ERROR(mq_open("/mq_missing", O_RDWR), ENOENT);
    CHECK_ERROR(mq_unlink("/mq_missing"), ENOENT);
    mqd_t first = mq_open("/mq_flags", O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
    CHECK(first >= 0, "O_CREAT|O_EXCL of a new name: expected a descriptor, got errno %d", errno);
    CHECK_ERROR(mq_open("/mq_flags", O_RDWR | O_CREAT | O_EXCL, 0600, NULL), EEXIST);
    mqd_t second = mq_open("/mq_flags", O_RDWR | O_CREAT, 0600, NULL);
    CHECK(second >= 0 && second != first, "O_CREAT of an existing name opens it: got %d", second);
    mqd_t third = mq_open("/mq_flags", O_WRONLY);
    CHECK(third >= 0, "opening an existing name without O_CREAT: errno %d", errno);
    CHECK_ERROR(mq_open("/mq_flags", O_ACCMODE), EINVAL);

    /* what one descriptor sends, another receives: one queue */
    CHECK_EQ(0, mq_send(third, "x", 1, 3), "mq_send through the third descriptor");
    static char buffer[MQ_MSGSIZE_DEFAULT];   /* static: no stack growth between the counters */
    unsigned priority = 0;
    CHECK_EQ(1, mq_receive(first, buffer, sizeof buffer, &priority), "mq_receive through the first");
    CHECK_EQ(3, priority, "priority received");
    mq_close(first);
    mq_close(second);
    mq_close(third);
    CHECK_EQ(0, mq_unlink("/mq_flags"), "mq_unlink");
    CHECK_ERROR(mq_open("/mq_flags", O_RDWR), ENOENT);
}

static void new_queues_take_default_or_checked_attributes(void)
{
    mqd_t queue = mq_open("/mq_defaults", O_RDWR | O_CREAT, 0600, NULL);
    struct mq_attr attributes;
    memset(&attributes, 0xff, sizeof attributes);
    CHECK_EQ(0, mq_getattr(queue, &attributes), "mq_getattr");
    CHECK_EQ(10, attributes.mq_maxmsg, "default mq_maxmsg");
    CHECK_EQ(8192, attributes.mq_msgsize, "default mq_msgsize");
    CHECK_EQ(0, attributes.mq_curmsgs, "mq_curmsgs of a new queue");
    CHECK_EQ(0, attributes.mq_flags, "mq_flags without O_NONBLOCK");
    mq_close(queue);
    mq_unlink("/mq_defaults");

    struct mq_attr wanted = { .mq_maxmsg = 3, .mq_msgsize = 100 };
    queue = mq_open("/mq_sized", O_RDWR | O_CREAT | O_NONBLOCK, 0600, &wanted);
    CHECK_EQ(0, mq_getattr(queue, &attributes), "mq_getattr");
    CHECK_EQ(3, attributes.mq_maxmsg, "mq_maxmsg asked for");
    CHECK_EQ(100, attributes.mq_msgsize, "mq_msgsize asked for");
    CHECK_EQ(O_NONBLOCK, attributes.mq_flags, "mq_flags of an O_NONBLOCK descriptor");
    /* an existing queue ignores the attributes of a later O_CREAT */
    struct mq_attr other = { .mq_maxmsg = 7, .mq_msgsize = 7 };
    mqd_t again = mq_open("/mq_sized", O_RDWR | O_CREAT, 0600, &other);
    CHECK_EQ(0, mq_getattr(again, &attributes), "mq_getattr");
    CHECK_EQ(3, attributes.mq_maxmsg, "mq_maxmsg after a second O_CREAT");
    CHECK_EQ(0, attributes.mq_flags, "the second descriptor's own mq_flags");
    mq_close(again);
    mq_close(queue);
    mq_unlink("/mq_sized");

    struct mq_attr bad[] = {
        { .mq_maxmsg = 0, .mq_msgsize = 10 }, { .mq_maxmsg = 257, .mq_msgsize = 10 },
        { .mq_maxmsg = 1, .mq_msgsize = 0 }, { .mq_maxmsg = 1, .mq_msgsize = 8193 },
        { .mq_maxmsg = -1, .mq_msgsize = 10 },
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_ERROR(mq_open("/mq_bad", O_RDWR | O_CREAT, 0600, &bad[i]), EINVAL);
    CHECK_ERROR(mq_unlink("/mq_bad"), ENOENT);
    /* 2 MiB promised: past the 800 KiB of RLIMIT_MSGQUEUE (EMFILE), and
     * within it once root has raised it */
    struct mq_attr limits = { .mq_maxmsg = MQ_MAXMSG_LIMIT, .mq_msgsize = MQ_MSGSIZE_LIMIT };
    CHECK_ERROR(mq_open("/mq_limits", O_RDWR | O_CREAT, 0600, &limits), EMFILE);
    struct rlimit old_limit, raised = { 4u << 20, 4u << 20 };
    getrlimit(RLIMIT_MSGQUEUE, &old_limit);
    CHECK_EQ(0, setrlimit(RLIMIT_MSGQUEUE, &raised), "root raises RLIMIT_MSGQUEUE to 4 MiB");
    queue = mq_open("/mq_limits", O_RDWR | O_CREAT, 0600, &limits);
    CHECK(queue >= 0, "a queue at the limits: errno %d", errno);
    mq_close(queue);
    mq_unlink("/mq_limits");
    setrlimit(RLIMIT_MSGQUEUE, &old_limit);
}

static void descriptors_need_their_access_and_must_be_queues(void)
{
    struct mq_attr small = { .mq_maxmsg = 2, .mq_msgsize = 16 };
    mqd_t read_only = mq_open("/mq_access", O_RDONLY | O_CREAT, 0600, &small);
    mqd_t write_only = mq_open("/mq_access", O_WRONLY);
    char buffer[16];
    CHECK_ERROR(mq_send(read_only, "a", 1, 0), EBADF);
    CHECK_ERROR(mq_receive(write_only, buffer, sizeof buffer, NULL), EBADF);
    CHECK_EQ(0, mq_send(write_only, "a", 1, 0), "mq_send on O_WRONLY");
    CHECK_EQ(1, mq_receive(read_only, buffer, sizeof buffer, NULL), "mq_receive on O_RDONLY");
    struct mq_attr attributes;
    CHECK_EQ(0, mq_getattr(write_only, &attributes), "mq_getattr needs no particular access");

    int pipe_ends[2];
    pipe(pipe_ends);
    CHECK_ERROR(mq_send(pipe_ends[1], "a", 1, 0), EBADF);
    CHECK_ERROR(mq_receive(pipe_ends[0], buffer, sizeof buffer, NULL), EBADF);
    CHECK_ERROR(mq_getattr(pipe_ends[0], &attributes), EBADF);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    CHECK_ERROR(mq_send(40, "a", 1, 0), EBADF);

    /* an ordinary descriptor: fstat works, close ends it, then EBADF */
    struct stat st;
    CHECK_EQ(0, fstat(read_only, &st), "fstat of a queue descriptor");
    CHECK_EQ(0, mq_close(read_only), "mq_close");
    CHECK_ERROR(mq_receive(read_only, buffer, sizeof buffer, NULL), EBADF);
    CHECK_ERROR(mq_close(read_only), EBADF);
    CHECK_EQ(0, close(write_only), "close() of a queue descriptor");
    mq_unlink("/mq_access");
}

static void cases(void)
{
    names_follow_mq_overview();
    create_and_exclusive_work_as_for_files();
    new_queues_take_default_or_checked_attributes();
    descriptors_need_their_access_and_must_be_queues();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_open_names_flags_and_access");
}
