/* tests/boot/mq_notify_thread_runs_the_function_once_with_the_value.c -
 * mq_notify with SIGEV_THREAD (POSIX mq_notify, and <signal.h>'s
 * SIGEV_THREAD: "a notification function shall be called ... as if it
 * were the start routine of a new thread", with sigev_value as its
 * argument and sigev_notify_attributes as the thread's attributes):
 *  - a message into the empty queue runs the function once, in a thread
 *    of its own, with the value; the next message runs nothing (the
 *    registration is removed), a new registration runs it again;
 *  - mq_notify(NULL), closing the descriptor, or a failed registration
 *    (EBUSY) run nothing and leave no thread and no descriptor behind;
 *  - a registered process that exits leaves the queue free to register;
 *  - no kernel object leaks. */
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_NAME "/mq_notify_thread"

static sem_t ran;                             /* posted by each run of the function */
static volatile int runs;
static volatile int wrong_value, in_main_thread;
static pthread_t main_thread;
static unsigned tasks_without_threads;        /* kinfo's task count with no waiting thread */
static int marker;                            /* its address is the value */

static void notified(union sigval value)
{
    runs++;
    wrong_value |= value.sival_ptr != &marker;
    in_main_thread |= pthread_equal(pthread_self(), main_thread);
    sem_post(&ran);
}

static int notify_by_thread(mqd_t queue, const pthread_attr_t *attributes)
{
    struct sigevent notification;
    memset(&notification, 0, sizeof notification);
    notification.sigev_notify = SIGEV_THREAD;
    notification.sigev_notify_function = notified;
    notification.sigev_notify_attributes = (pthread_attr_t *)attributes;
    notification.sigev_value.sival_ptr = &marker;
    return mq_notify(queue, &notification);
}

/* Did the function run within `ms` milliseconds? */
static int ran_within(int ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    long long nanoseconds = deadline.tv_nsec + (long long)ms * 1000000;   /* 2 s: past a 32-bit long */
    deadline.tv_sec += (time_t)(nanoseconds / 1000000000);
    deadline.tv_nsec = (long)(nanoseconds % 1000000000);
    return sem_timedwait(&ran, &deadline) == 0;
}

static void send_and_drain(mqd_t queue)
{
    char buffer[16];
    CHECK_EQ(0, mq_send(queue, "m", 1, 0), "mq_send");
    CHECK_EQ(1, mq_receive(queue, buffer, sizeof buffer, NULL), "mq_receive");
}

static mqd_t open_queue(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    return queue;
}

static void runs_once_with_the_value(mqd_t queue)
{
    runs = 0;
    CHECK_EQ(0, notify_by_thread(queue, NULL), "mq_notify SIGEV_THREAD");
    send_and_drain(queue);
    CHECK(ran_within(2000), "the function did not run after a message into the empty queue");
    send_and_drain(queue);
    CHECK(!ran_within(100), "the function ran again without a new registration");
    CHECK_EQ(1, runs, "runs of the function");
    CHECK(!wrong_value, "the function's argument is not sigev_value");
    CHECK(!in_main_thread, "the function ran in the main thread, not a new one");

    /* again, with attributes: joinable (the library detaches it) and a stack size */
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 64 * 1024);
    CHECK_EQ(0, notify_by_thread(queue, &attributes), "mq_notify SIGEV_THREAD with attributes");
    pthread_attr_destroy(&attributes);        /* the call is done with them */
    send_and_drain(queue);
    CHECK(ran_within(2000), "the function did not run (registration with attributes)");
    CHECK_EQ(2, runs, "runs of the function");
}

/* The tasks and open files once the waiting thread of a registration
 * that went has ended: back to `before`. */
static void check_thread_and_pipe_gone(struct kinfo_counters before, const char *what)
{
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_EQ(before.tasks, after.tasks, what);
    CHECK_EQ(before.open_files, after.open_files, what);
    CHECK_EQ(before.pipes, after.pipes, what);
}

static void a_registration_that_goes_runs_nothing(void)
{
    runs = 0;
    mqd_t queue = open_queue();
    struct kinfo_counters before = settled_counters(tasks_without_threads);   /* earlier threads gone */
    CHECK_EQ(0, notify_by_thread(queue, NULL), "mq_notify SIGEV_THREAD");
    CHECK_EQ(before.tasks + 1, read_counters().tasks, "tasks: the waiting thread");
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL)");
    check_thread_and_pipe_gone(before, "after mq_notify(NULL): tasks, open files, pipes");
    send_and_drain(queue);

    /* a failed registration */
    struct sigevent by_nothing;
    memset(&by_nothing, 0, sizeof by_nothing);
    by_nothing.sigev_notify = SIGEV_NONE;
    CHECK_EQ(0, mq_notify(queue, &by_nothing), "mq_notify SIGEV_NONE");
    CHECK_ERROR(notify_by_thread(queue, NULL), EBUSY);
    check_thread_and_pipe_gone(before, "after EBUSY: tasks, open files, pipes");
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL)");

    /* the owner closes the descriptor */
    CHECK_EQ(0, notify_by_thread(queue, NULL), "mq_notify SIGEV_THREAD");
    CHECK_EQ(0, mq_close(queue), "mq_close");
    before.open_files--;                      /* the queue's descriptor went too */
    check_thread_and_pipe_gone(before, "after mq_close: tasks, open files, pipes");
    queue = open_queue();
    send_and_drain(queue);
    CHECK(!ran_within(100), "the function ran for a registration that went");
    CHECK_EQ(0, runs, "runs of the function");

    /* a registered process exits */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(notify_by_thread(queue, NULL) == 0 ? 0 : 1);
    expect_child_ok(child, "a child registering SIGEV_THREAD");
    CHECK_EQ(0, notify_by_thread(queue, NULL), "mq_notify after the registered child exited");
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL)");
    mq_close(queue);
}

static void cases(void)
{
    sem_init(&ran, 0, 0);
    main_thread = pthread_self();
    tasks_without_threads = read_counters().tasks;
    mqd_t queue = open_queue();
    runs_once_with_the_value(queue);
    mq_close(queue);
    a_registration_that_goes_runs_nothing();
    mq_unlink(QUEUE_NAME);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_notify_thread_runs_the_function_once_with_the_value");
}
