/* tests/boot/mq_queues_together_hold_a_bounded_share_of_heap.c - every
 * POSIX queue promises its mq_maxmsg messages of mq_msgsize bytes, and the
 * promises of all queues together stay within 8 MiB of the 32 MiB kernel
 * heap (kernel/ipc/posix_mq.c): a queue past that is ENOSPC. Before, one
 * user's 256 queues could promise 512 MiB, fill them, and leave every
 * kmalloc of the kernel failing, for good (named queues outlive their
 * makers).
 *
 * Root lifts its own bound, RLIMIT_MSGQUEUE (800 KiB: a queue past it is
 * EMFILE, mq_queues_of_one_user_stay_within_rlimit_msgqueue), as it may,
 * so that only the kernel-wide one is left. Queues of 256 messages of
 * 8 KiB (2 MiB promised each) are made until ENOSPC: three fit, not four,
 * and filling them moves the heap by what they hold; once one is unlinked
 * and closed, another fits. */
#include <fcntl.h>
#include <mqueue.h>
#include <sys/resource.h>

#include "boot_test.h"

#define QUEUES_TRIED 6
#define BIG_MAXMSG   256
#define BIG_MSGSIZE  8192

static void cases(void)
{
    struct mq_attr big = { .mq_maxmsg = BIG_MAXMSG, .mq_msgsize = BIG_MSGSIZE };
    char names[QUEUES_TRIED][32];
    mqd_t queues[QUEUES_TRIED];
    int made = 0, error = 0;
    struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    CHECK_EQ(0, setrlimit(RLIMIT_MSGQUEUE, &unlimited), "root lifts its RLIMIT_MSGQUEUE");
    for (int i = 0; i < QUEUES_TRIED; i++) {
        snprintf(names[i], sizeof names[i], "/mq_share_%d", i);
        mq_unlink(names[i]);
        queues[i] = mq_open(names[i], O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &big);
        if (queues[i] == (mqd_t)-1) {
            error = errno;
            break;
        }
        made++;
    }
    CHECK_EQ(3, made, "queues of 2 MiB promised that fit in 8 MiB");
    CHECK_EQ(ENOSPC, error, "the next queue: errno");

    static char message[BIG_MSGSIZE];
    memset(message, 'q', sizeof message);
    int sent = 0;
    for (int i = 0; i < made; i++)
        for (int m = 0; m < BIG_MAXMSG; m++)
            sent += mq_send(queues[i], message, sizeof message, 0) == 0;
    CHECK_EQ(made * BIG_MAXMSG, sent, "every promised message fits");
    struct kinfo_counters full = read_counters();
    CHECK(full.heap_bytes_used < 28u << 20, "heap in use with the queues full: %u bytes", full.heap_bytes_used);

    CHECK_EQ(0, mq_unlink(names[0]), "mq_unlink");
    CHECK_EQ(0, mq_close(queues[0]), "mq_close: the queue and its 2 MiB go");
    mqd_t again = mq_open(names[0], O_RDWR | O_CREAT | O_EXCL, 0600, &big);
    CHECK(again != (mqd_t)-1, "a queue fits again once one is gone: errno %d", errno);
    if (again != (mqd_t)-1)
        mq_close(again);
    mq_unlink(names[0]);
    for (int i = 1; i < made; i++) {
        mq_close(queues[i]);
        mq_unlink(names[i]);
    }
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_queues_together_hold_a_bounded_share_of_heap");
}
