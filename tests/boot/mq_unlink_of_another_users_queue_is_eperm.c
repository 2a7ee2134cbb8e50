/* tests/boot/mq_unlink_of_another_users_queue_is_eperm.c - a queue's name
 * is removed only by its owner or root (kernel/ipc/posix_mq.c, as Linux's
 * /dev/mqueue, a sticky directory). Before, any user could unlink root's
 * queue and create one of its own under the name, which the next client
 * to open it (without O_EXCL) would then use.
 *
 * Root makes a queue 0666; user 1000 cannot unlink it (EPERM), it is
 * still there; user 1000 unlinks its own queue; root unlinks any. */
#include <fcntl.h>
#include <mqueue.h>
#include <sys/wait.h>

#include "boot_test.h"

#define ROOTS_QUEUE  "/mq_roots_queue"
#define USERS_QUEUE  "/mq_users_queue"
#define OTHER_USER   1000

/* In a child that is user OTHER_USER: 0 if its checks passed, else which failed. */
static int as_other_user(void)
{
    if (setgid(OTHER_USER) < 0 || setuid(OTHER_USER) < 0)
        return 10;
    errno = 0;
    if (mq_unlink(ROOTS_QUEUE) != -1 || errno != EPERM)
        return 1;
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t own = mq_open(USERS_QUEUE, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    if (own < 0)
        return 2;
    mq_close(own);
    return 0;
}

int main(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mq_unlink(ROOTS_QUEUE);
    mq_unlink(USERS_QUEUE);
    mqd_t queue = mq_open(ROOTS_QUEUE, O_RDWR | O_CREAT | O_EXCL, 0666, &attributes);
    CHECK(queue >= 0, "root's mq_open: errno %d", errno);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(as_other_user());
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "user %d: unlink of root's queue EPERM (1), a queue of its own (2); setup 10: status 0x%x", OTHER_USER,
          status);
    mqd_t again = mq_open(ROOTS_QUEUE, O_RDWR);
    CHECK(again >= 0, "root's queue is still there: errno %d", errno);
    if (again >= 0)
        mq_close(again);

    fflush(stdout);
    child = fork();
    if (child == 0) {
        if (setgid(OTHER_USER) < 0 || setuid(OTHER_USER) < 0)
            _exit(10);
        _exit(mq_unlink(USERS_QUEUE) == 0 ? 0 : 1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the user unlinks its own queue: status 0x%x", status);
    CHECK_EQ(0, mq_unlink(ROOTS_QUEUE), "root unlinks its queue");
    mq_close(queue);
    return test_finish("mq_unlink_of_another_users_queue_is_eperm");
}
