/* tests/boot/timed_waits_with_a_past_deadline_succeed_at_once_or_time_out.c
 * - an absolute CLOCK_REALTIME deadline already past, `time(NULL) - 5` or
 * one before the Epoch, is no error (POSIX): mq_timedreceive,
 * mq_timedsend, sem_timedwait and pthread_mutex_timedlock succeed if they
 * can at once, and fail with ETIMEDOUT at once if they would wait;
 * pthread_cond_timedwait times out at once, holding the mutex again.
 * EINVAL is for a tv_nsec outside [0, 1e9) alone: always from the message
 * queue calls (as on Linux), from the others only when they would wait. */
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "boot_test.h"

#define QUEUE_NAME "/past_deadlines"
#define NS_PER_MS 1000000ll
/* "At once": within the call itself and a few ticks, in wall time. Not
 * less: on two CPUs under multi-threaded TCG the host may leave a guest
 * CPU unrun for tens of milliseconds when it is busy (64 ms seen once in
 * a ci-local run beside six other QEMUs). A deadline misread as a wait
 * to come would wait seconds. */
#define AT_ONCE_NS (200 * NS_PER_MS)

static struct timespec five_seconds_ago(void)
{
    struct timespec deadline = { time(NULL) - 5, 0 };
    return deadline;
}

static const struct timespec before_the_epoch = { -1, 0 };
static const struct timespec bad_nsec = { 0, 1000000000 };

/* Did `call` fail with `error` at once? */
#define CHECK_ERROR_AT_ONCE(call, error)                                                    \
    do {                                                                                    \
        long long start_ = monotonic_ns();                                                  \
        CHECK_ERROR(call, error);                                                           \
        long long took_ = monotonic_ns() - start_;                                          \
        CHECK(took_ < AT_ONCE_NS, "%s took %lld ms, expected at once", #call, took_ / NS_PER_MS); \
    } while (0)

static void message_queues(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 1, .mq_msgsize = 16 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    char buffer[16];
    struct timespec past = five_seconds_ago();
    CHECK(past.tv_sec > 946684800, "time(NULL) - 5 is %ld: no real clock", (long)past.tv_sec);

    CHECK_ERROR_AT_ONCE(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &past), ETIMEDOUT);
    CHECK_ERROR_AT_ONCE(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &before_the_epoch), ETIMEDOUT);
    CHECK_EQ(0, mq_timedsend(queue, "a", 1, 0, &past), "mq_timedsend with room, deadline past");
    CHECK_ERROR_AT_ONCE(mq_timedsend(queue, "b", 1, 0, &past), ETIMEDOUT);
    CHECK_ERROR_AT_ONCE(mq_timedsend(queue, "b", 1, 0, &before_the_epoch), ETIMEDOUT);
    CHECK_ERROR(mq_timedsend(queue, "b", 1, 0, &bad_nsec), EINVAL);
    CHECK_ERROR(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &bad_nsec), EINVAL);   /* even with a message */
    CHECK_EQ(1, mq_timedreceive(queue, buffer, sizeof buffer, NULL, &past),
             "mq_timedreceive of a message, deadline past");
    CHECK_EQ(0, mq_timedsend(queue, "c", 1, 0, &before_the_epoch), "mq_timedsend with room, before the Epoch");
    CHECK_EQ(1, mq_timedreceive(queue, buffer, sizeof buffer, NULL, &before_the_epoch),
             "mq_timedreceive of a message, before the Epoch");
    CHECK_ERROR(mq_timedsend(queue, "d", 1, 0, &bad_nsec), EINVAL);                        /* even with room */
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void semaphores(void)
{
    sem_t semaphore;
    sem_init(&semaphore, 0, 0);
    struct timespec past = five_seconds_ago();
    CHECK_ERROR_AT_ONCE(sem_timedwait(&semaphore, &past), ETIMEDOUT);
    CHECK_ERROR_AT_ONCE(sem_timedwait(&semaphore, &before_the_epoch), ETIMEDOUT);
    CHECK_ERROR(sem_timedwait(&semaphore, &bad_nsec), EINVAL);
    sem_post(&semaphore);
    CHECK_EQ(0, sem_timedwait(&semaphore, &past), "sem_timedwait with a unit, deadline past");
    sem_post(&semaphore);
    CHECK_EQ(0, sem_timedwait(&semaphore, &bad_nsec), "sem_timedwait with a unit, bad tv_nsec");
    sem_destroy(&semaphore);
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static sem_t release_holder, holder_holds;

static void *hold_the_mutex(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&mutex);
    sem_post(&holder_holds);
    sem_wait(&release_holder);
    pthread_mutex_unlock(&mutex);
    return NULL;
}

static void mutexes(void)
{
    struct timespec past = five_seconds_ago();
    CHECK_EQ(0, pthread_mutex_timedlock(&mutex, &past), "pthread_mutex_timedlock of a free mutex, deadline past");
    pthread_mutex_unlock(&mutex);

    sem_init(&release_holder, 0, 0);
    sem_init(&holder_holds, 0, 0);
    pthread_t holder;
    CHECK_EQ(0, pthread_create(&holder, NULL, hold_the_mutex, NULL), "pthread_create");
    sem_wait(&holder_holds);
    long long start = monotonic_ns();
    CHECK_EQ(ETIMEDOUT, pthread_mutex_timedlock(&mutex, &past), "pthread_mutex_timedlock of a held mutex");
    CHECK_EQ(ETIMEDOUT, pthread_mutex_timedlock(&mutex, &before_the_epoch), "the same, before the Epoch");
    CHECK(monotonic_ns() - start < AT_ONCE_NS, "pthread_mutex_timedlock took %lld ms",
          (monotonic_ns() - start) / NS_PER_MS);
    CHECK_EQ(EINVAL, pthread_mutex_timedlock(&mutex, &bad_nsec), "pthread_mutex_timedlock, bad tv_nsec");
    sem_post(&release_holder);
    pthread_join(holder, NULL);
}

static void condition_variables(void)
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ERRORCHECK);   /* unlock says whether we hold it */
    pthread_mutex_t checked;
    pthread_mutex_init(&checked, &attributes);
    pthread_cond_t condition = PTHREAD_COND_INITIALIZER;
    struct timespec past = five_seconds_ago();

    pthread_mutex_lock(&checked);
    long long start = monotonic_ns();
    CHECK_EQ(ETIMEDOUT, pthread_cond_timedwait(&condition, &checked, &past), "pthread_cond_timedwait, deadline past");
    CHECK_EQ(ETIMEDOUT, pthread_cond_timedwait(&condition, &checked, &before_the_epoch), "the same, before the Epoch");
    CHECK(monotonic_ns() - start < AT_ONCE_NS, "pthread_cond_timedwait took %lld ms",
          (monotonic_ns() - start) / NS_PER_MS);
    CHECK_EQ(EINVAL, pthread_cond_timedwait(&condition, &checked, &bad_nsec), "pthread_cond_timedwait, bad tv_nsec");
    CHECK_EQ(0, pthread_mutex_unlock(&checked), "the mutex is held after the timeouts");
    pthread_mutex_destroy(&checked);
}

int main(void)
{
    message_queues();
    semaphores();
    mutexes();
    condition_variables();
    return test_finish("timed_waits_with_a_past_deadline_succeed_at_once_or_time_out");
}
