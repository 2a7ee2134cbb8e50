/* tests/boot/timed_waits_go_on_when_the_clock_is_set_back.c - an absolute
 * deadline is a time of CLOCK_REALTIME, so when clock_settime sets the
 * clock back an hour during a wait, the wait goes on past the moment its
 * deadline would have come (POSIX: "the new value of the clock shall be
 * used to determine the time of expiration"), and what it waited for
 * still ends it: a message for mq_timedreceive, a post for sem_timedwait,
 * a signal for pthread_cond_timedwait. (A clock set forward does not
 * shorten a wait under way: docs/scheduler.md says why.) */
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "boot_test.h"

#define QUEUE_NAME "/clock_set_back"
#define NS_PER_SECOND 1000000000ll
#define NS_PER_MS 1000000ll
#define DEADLINE_MS 300          /* the waits' deadline, from their start */
#define SET_BACK_AT_MS 100       /* when the helper sets the clock back an hour */
#define WAKE_AT_MS 700           /* when it gives what the wait waits for: after the old deadline */
#define AN_HOUR_NS (3600 * NS_PER_SECOND)

static struct timespec in_ms(long long ms)
{
    long long at = realtime_ns() + ms * NS_PER_MS;
    struct timespec deadline = { (time_t)(at / NS_PER_SECOND), (long)(at % NS_PER_SECOND) };
    return deadline;
}

static void move_clock(long long by_ns)
{
    long long to = realtime_ns() + by_ns;
    struct timespec time = { (time_t)(to / NS_PER_SECOND), (long)(to % NS_PER_SECOND) };
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &time), "clock_settime");
}

/* The helper thread: sets the clock back, then calls `wake`. */
static void (*wake)(void);

static void *set_back_then_wake(void *unused)
{
    (void)unused;
    usleep(SET_BACK_AT_MS * 1000);
    move_clock(-AN_HOUR_NS);
    usleep((WAKE_AT_MS - SET_BACK_AT_MS) * 1000);
    wake();
    return NULL;
}

/* Starts the helper; returns the monotonic time the wait began at. */
static long long start_helper(pthread_t *helper, void (*waker)(void))
{
    wake = waker;
    CHECK_EQ(0, pthread_create(helper, NULL, set_back_then_wake, NULL), "pthread_create");
    return monotonic_ns();
}

/* Joins the helper, checks the wait lasted until the wake-up, puts the
 * clock forward again. */
static void finish(pthread_t helper, long long started, const char *what)
{
    long long waited = monotonic_ns() - started;
    pthread_join(helper, NULL);
    CHECK(waited >= (WAKE_AT_MS - 10) * NS_PER_MS, "%s ended after %lld ms, before the wake-up at %d ms", what,
          waited / NS_PER_MS, WAKE_AT_MS);
    move_clock(AN_HOUR_NS);
}

static mqd_t queue;

static void send_a_message(void)
{
    mq_send(queue, "m", 1, 0);
}

static void message_queue_receive(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 1, .mq_msgsize = 16 };
    queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    char buffer[16];
    struct timespec deadline = in_ms(DEADLINE_MS);
    pthread_t helper;
    long long started = start_helper(&helper, send_a_message);
    ssize_t got = mq_timedreceive(queue, buffer, sizeof buffer, NULL, &deadline);
    CHECK(got == 1, "mq_timedreceive: %d (errno %d, %s), expected the message", (int)got, errno, strerror(errno));
    finish(helper, started, "mq_timedreceive");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static sem_t semaphore;

static void post(void)
{
    sem_post(&semaphore);
}

static void semaphore_wait(void)
{
    sem_init(&semaphore, 0, 0);
    struct timespec deadline = in_ms(DEADLINE_MS);
    pthread_t helper;
    long long started = start_helper(&helper, post);
    int result = sem_timedwait(&semaphore, &deadline);
    CHECK(result == 0, "sem_timedwait: %d (errno %d, %s), expected the post", result, errno, strerror(errno));
    finish(helper, started, "sem_timedwait");
    sem_destroy(&semaphore);
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t condition = PTHREAD_COND_INITIALIZER;
static int signalled;

static void signal_the_condition(void)
{
    pthread_mutex_lock(&mutex);
    signalled = 1;
    pthread_cond_signal(&condition);
    pthread_mutex_unlock(&mutex);
}

static void condition_wait(void)
{
    struct timespec deadline = in_ms(DEADLINE_MS);
    pthread_t helper;
    pthread_mutex_lock(&mutex);
    long long started = start_helper(&helper, signal_the_condition);
    int result = 0;
    while (!signalled && result != ETIMEDOUT)
        result = pthread_cond_timedwait(&condition, &mutex, &deadline);
    CHECK(signalled && result == 0, "pthread_cond_timedwait: %d (%s), signalled %d, expected the signal", result,
          strerror(result), signalled);
    pthread_mutex_unlock(&mutex);
    finish(helper, started, "pthread_cond_timedwait");
}

int main(void)
{
    message_queue_receive();
    semaphore_wait();
    condition_wait();
    return test_finish("timed_waits_go_on_when_the_clock_is_set_back");
}
