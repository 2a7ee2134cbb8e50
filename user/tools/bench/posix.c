/* user/tools/bench/posix.c - POSIX message queues, and POSIX semaphores shared
 * between processes through a shared page.
 *
 * Message queues: POSIX queues have priorities but no types, so the round
 * trip uses two queues, one for each direction.
 * Semaphores: two unnamed semaphores, sem_init(&s, 1, 0) (1: shared between
 * processes), placed in a MAP_SHARED | MAP_ANONYMOUS page that the child
 * shares after fork. The parent posts the first and waits on the second.
 *
 * These may not be in the kernel yet: without their headers the benchmarks
 * answer ENOSYS, as a kernel without the calls does. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "bench.h"

#if __has_include(<mqueue.h>)
#include <mqueue.h>

#define QUEUE_MESSAGE_SIZE 16            /* mq_msgsize: the largest message */
#define QUEUE_LENGTH       8             /* mq_maxmsg */

static mqd_t down = (mqd_t)-1, up = (mqd_t)-1;   /* to the child, to the parent */

/* A new queue under `name`, whose name is removed at once: the queue lives
 * on while it is open (and the child inherits it across fork). */
static mqd_t open_private_queue(const char *name)
{
    struct mq_attr attributes = { .mq_maxmsg = QUEUE_LENGTH, .mq_msgsize = QUEUE_MESSAGE_SIZE };
    mq_unlink(name);                     /* a leftover of an earlier run */
    mqd_t queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    if (queue != (mqd_t)-1)
        mq_unlink(name);
    return queue;
}

/* The child: receives from `down` and sends the byte back on `up`. */
static int answer_queue(int unused)
{
    (void)unused;
    char buffer[QUEUE_MESSAGE_SIZE];
    for (int round = 0; round < ROUNDS; round++)
        if (mq_receive(down, buffer, sizeof buffer, 0) != 1 || mq_send(up, buffer, 1, 0) < 0)
            return -1;
    return 0;
}

static inline int queue_round_trip(void)
{
    char buffer[QUEUE_MESSAGE_SIZE] = { 'q' };
    int ok = mq_send(down, buffer, 1, 0) == 0;
    return ok && mq_receive(up, buffer, sizeof buffer, 0) == 1;
}

int bench_posix_mq_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    if ((down = open_private_queue("/bench_down")) == (mqd_t)-1 ||
        (up = open_private_queue("/bench_up")) == (mqd_t)-1) {
        int error = last_error();
        if (down != (mqd_t)-1)
            mq_close(down);
        return error;
    }
    pid_t child = start_child(answer_queue, 0);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !queue_round_trip());
    int status = finish_child(child, failures ? -EIO : 0);
    mq_close(down);
    mq_close(up);
    return status;
}

#else

int bench_posix_mq_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                      /* no POSIX message queues in this libc yet */
}

#endif

#if __has_include(<semaphore.h>) && __has_include(<sys/mman.h>)
#include <semaphore.h>
#include <sys/mman.h>

#define SHARED_BYTES 4096                /* one page */

static sem_t *shared;                    /* [0] to the child, [1] to the parent */

/* The child: waits on the first semaphore, posts the second. */
static int answer_semaphore(int unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS; round++)
        if (sem_wait(&shared[0]) < 0 || sem_post(&shared[1]) < 0)
            return -1;
    return 0;
}

static inline int semaphore_round_trip(void)
{
    int ok = sem_post(&shared[0]) == 0;
    return ok && sem_wait(&shared[1]) == 0;
}

int bench_posix_sem_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    shared = mmap(0, SHARED_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return last_error();
    int status = 0;
    if (sem_init(&shared[0], 1, 0) < 0 || sem_init(&shared[1], 1, 0) < 0)
        status = last_error();
    pid_t child = status < 0 ? status : start_child(answer_semaphore, 0);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !semaphore_round_trip());
    status = finish_child(child, failures ? -EIO : status);
    sem_destroy(&shared[0]);
    sem_destroy(&shared[1]);
    munmap(shared, SHARED_BYTES);
    return status;
}

#else

int bench_posix_sem_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                      /* no POSIX semaphores or mmap in this libc yet */
}

#endif
