/* tests/boot/mq_queues_of_one_user_stay_within_rlimit_msgqueue.c - the
 * POSIX queues a real user has made promise at most its RLIMIT_MSGQUEUE
 * bytes (kernel/ipc/posix_mq.c, getrlimit(2)), 819,200 to begin with, root
 * included, as on Linux; a queue past it is EMFILE. Before, the limit was
 * reported but not enforced: one user could make 256 queues, and only the
 * kernel-wide 8 MiB answered, with ENOSPC.
 *
 * Each queue of the default 10 messages of 8 KiB promises about 80 KiB:
 * nine fit, the tenth is EMFILE. An unlinked queue still open still
 * counts; once closed it does not. Another user has a budget of its own,
 * and opening root's queue costs it nothing. A lowered limit refuses new
 * queues and leaves the old ones alone; a raised one lets more in. */
#include <fcntl.h>
#include <mqueue.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "boot_test.h"

#define DEFAULT_QUEUES_THAT_FIT 9
#define QUEUES_TRIED            12
#define OTHER_USER              1000
#define LINUX_DEFAULT_LIMIT     819200

static char names[QUEUES_TRIED][32];

/* Default queues named "/mq_rlimit_<prefix><i>", made until one fails:
 * how many were made, the failure's errno in *error. */
static int make_until_refused(const char *prefix, mqd_t *queues, int *error)
{
    int made = 0;
    *error = 0;
    for (int i = 0; i < QUEUES_TRIED; i++) {
        snprintf(names[i], sizeof names[i], "/mq_rlimit_%s%d", prefix, i);
        mq_unlink(names[i]);
        queues[i] = mq_open(names[i], O_RDWR | O_CREAT | O_EXCL, 0644, NULL);
        if (queues[i] == (mqd_t)-1) {
            *error = errno;
            break;
        }
        made++;
    }
    return made;
}

static void remove_all(mqd_t *queues, int made, const char *prefix)
{
    for (int i = 0; i < made; i++) {
        char name[32];
        snprintf(name, sizeof name, "/mq_rlimit_%s%d", prefix, i);
        mq_close(queues[i]);
        mq_unlink(name);
    }
}

/* In a child that is user OTHER_USER while root holds its nine queues:
 * 0 if its checks passed, else which failed. */
static int other_user_has_its_own_budget(void)
{
    if (setgid(OTHER_USER) < 0 || setuid(OTHER_USER) < 0)
        return 10;
    mqd_t roots = mq_open("/mq_rlimit_r0", O_RDONLY);
    if (roots == (mqd_t)-1)
        return 1;                   /* opening root's queue is no creation */
    mqd_t queues[QUEUES_TRIED];
    int error;
    int made = make_until_refused("u", queues, &error);
    remove_all(queues, made, "u");
    if (made != DEFAULT_QUEUES_THAT_FIT)
        return 20 + made;
    if (error != EMFILE)
        return 2;
    struct rlimit none = { 0, 0 };
    if (setrlimit(RLIMIT_MSGQUEUE, &none) < 0)
        return 3;
    errno = 0;
    if (mq_open("/mq_rlimit_u0", O_RDWR | O_CREAT | O_EXCL, 0600, NULL) != (mqd_t)-1 || errno != EMFILE)
        return 4;                   /* a limit of 0: no queue at all */
    struct rlimit back = { LINUX_DEFAULT_LIMIT, LINUX_DEFAULT_LIMIT };
    errno = 0;
    if (setrlimit(RLIMIT_MSGQUEUE, &back) != -1 || errno != EPERM)
        return 5;                   /* raising a hard limit takes root */
    mq_close(roots);
    return 0;
}

static void cases(void)
{
    struct rlimit limit;
    CHECK_EQ(0, getrlimit(RLIMIT_MSGQUEUE, &limit), "getrlimit(RLIMIT_MSGQUEUE)");
    CHECK_EQ(LINUX_DEFAULT_LIMIT, (long)limit.rlim_cur, "the soft limit to begin with");
    CHECK_EQ(LINUX_DEFAULT_LIMIT, (long)limit.rlim_max, "the hard limit to begin with");

    mqd_t queues[QUEUES_TRIED];
    int error;
    int made = make_until_refused("r", queues, &error);
    CHECK_EQ(DEFAULT_QUEUES_THAT_FIT, made, "root's default queues that fit in 800 KiB");
    CHECK_EQ(EMFILE, error, "the next one: errno");

    /* unlinked but open: still promised */
    CHECK_EQ(0, mq_unlink(names[0]), "mq_unlink of the first");
    CHECK_ERROR(mq_open("/mq_rlimit_extra", O_RDWR | O_CREAT | O_EXCL, 0600, NULL), EMFILE);
    /* closed as well: its promise is gone */
    CHECK_EQ(0, mq_close(queues[0]), "mq_close of the first");
    queues[0] = mq_open(names[0], O_RDWR | O_CREAT | O_EXCL, 0644, NULL);
    CHECK(queues[0] != (mqd_t)-1, "a queue fits again once one is unlinked and closed: errno %d", errno);

    /* a small queue still fits where a default one does not */
    struct mq_attr small = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t little = mq_open("/mq_rlimit_small", O_RDWR | O_CREAT | O_EXCL, 0600, &small);
    CHECK(little != (mqd_t)-1, "a queue of 4 messages of 16 bytes fits: errno %d", errno);
    mq_close(little);
    mq_unlink("/mq_rlimit_small");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(other_user_has_its_own_budget());
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "user %d: opens root's queue (1), nine of its own (2x: made x), none under a limit of 0 (4), "
          "may not raise its hard limit (5): status 0x%x", OTHER_USER, status);

    /* a lowered limit keeps the queues there and refuses new ones */
    struct rlimit lowered = { 100000, LINUX_DEFAULT_LIMIT };
    CHECK_EQ(0, setrlimit(RLIMIT_MSGQUEUE, &lowered), "lower the soft limit");
    CHECK_ERROR(mq_open("/mq_rlimit_small", O_RDWR | O_CREAT | O_EXCL, 0600, &small), EMFILE);
    CHECK_EQ(0, mq_send(queues[8], "still", 5, 0), "a queue made before still takes messages");

    /* a raised one lets more in */
    struct rlimit raised = { 2 * LINUX_DEFAULT_LIMIT, 2 * LINUX_DEFAULT_LIMIT };
    CHECK_EQ(0, setrlimit(RLIMIT_MSGQUEUE, &raised), "root raises its limit");
    mqd_t tenth = mq_open("/mq_rlimit_extra", O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
    CHECK(tenth != (mqd_t)-1, "a tenth default queue under 1.6 MB: errno %d", errno);
    mq_close(tenth);
    mq_unlink("/mq_rlimit_extra");

    struct rlimit back = { LINUX_DEFAULT_LIMIT, LINUX_DEFAULT_LIMIT };
    setrlimit(RLIMIT_MSGQUEUE, &back);
    remove_all(queues, made, "r");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_queues_of_one_user_stay_within_rlimit_msgqueue");
}
