/* tests/boot/thread_cancel_ends_blocking_calls.c - pthread_cancel(3) and
 * thread_cancel(2): a thread cancelled while it waits in read, mq_receive,
 * pause, sem_wait or pthread_cond_wait ends there, its cleanup handlers
 * run last pushed first, and pthread_join gives PTHREAD_CANCELED; a
 * cancelled condition wait holds the mutex again when its handler runs; a
 * request made before the thread reaches a cancellation point ends the
 * next one at once; with cancellation disabled the waits go on, and the
 * request is acted on at pthread_testcancel once enabled; pthread_exit
 * runs the handlers, pthread_cleanup_pop(0) does not; a process whose one
 * thread cancels itself ends with status 0; bad arguments get POSIX's
 * errors, and thread_cancel's bad `how`, tid and entry EINVAL (the
 * asynchronous type itself: thread_asynchronous_cancel_ends_a_computing_
 * loop.c). Nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/wait.h>
#include <uapi/syscall.h>

#include "boot_test.h"

static volatile int cleanups[8];
static volatile int order_seen[8], order_count;
static volatile int reached_after_the_wait;

static void note_cleanup(void *argument)
{
    long which = (long)argument;
    cleanups[which]++;
    order_seen[order_count++] = (int)which;
}

/* Waits until `thread` sleeps in the kernel (ps would say so): a few
 * yields are enough on one CPU, since the thread blocks at once. */
static void let_it_block(void)
{
    for (int i = 0; i < 20; i++)
        sched_yield();
    usleep(20000);
}

static int pipe_fds[2];

static void *read_forever(void *unused)
{
    (void)unused;
    char byte;
    pthread_cleanup_push(note_cleanup, (void *)0);
    pthread_cleanup_push(note_cleanup, (void *)1);
    read(pipe_fds[0], &byte, 1);
    reached_after_the_wait = 1;
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    return NULL;
}

static void cancel_a_thread_waiting_in(void *(*body)(void *), const char *what)
{
    pthread_t thread;
    reached_after_the_wait = 0;
    CHECK_EQ(0, pthread_create(&thread, NULL, body, NULL), "pthread_create");
    let_it_block();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    void *result = NULL;
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == PTHREAD_CANCELED, "a thread cancelled in %s: result %p", what, result);
    CHECK_EQ(0, reached_after_the_wait, "code after the cancelled wait ran");
}

static void read_is_a_cancellation_point(void)
{
    CHECK_EQ(0, pipe(pipe_fds), "pipe");
    order_count = 0;
    cancel_a_thread_waiting_in(read_forever, "read");
    CHECK_EQ(1, cleanups[0], "the first handler ran");
    CHECK_EQ(1, cleanups[1], "the second handler ran");
    CHECK(order_count == 2 && order_seen[0] == 1 && order_seen[1] == 0,
          "handlers run last pushed first (%d handlers)", order_count);
    /* the pipe is sound: a byte written now is read */
    char byte = 'x';
    CHECK_EQ(1, write(pipe_fds[1], &byte, 1), "write after the cancel");
    CHECK_EQ(1, read(pipe_fds[0], &byte, 1), "read after the cancel");
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

static mqd_t queue;

static void *receive_forever(void *unused)
{
    (void)unused;
    char buffer[64];
    mq_receive(queue, buffer, sizeof buffer, NULL);
    reached_after_the_wait = 1;
    return NULL;
}

static void *pause_forever(void *unused)
{
    (void)unused;
    pause();
    reached_after_the_wait = 1;
    return NULL;
}

static sem_t never_posted;

static void *wait_on_the_semaphore(void *unused)
{
    (void)unused;
    sem_wait(&never_posted);
    reached_after_the_wait = 1;
    return NULL;
}

static void other_calls_are_cancellation_points(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 64 };
    queue = mq_open("/cancel_test", O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue != (mqd_t)-1, "mq_open");
    cancel_a_thread_waiting_in(receive_forever, "mq_receive");
    CHECK_EQ(0, mq_send(queue, "after", 5, 0), "the queue still works");
    char buffer[64];
    CHECK_EQ(5, mq_receive(queue, buffer, sizeof buffer, NULL), "and gives the message");
    mq_close(queue);
    mq_unlink("/cancel_test");

    cancel_a_thread_waiting_in(pause_forever, "pause");
    sem_init(&never_posted, 0, 0);
    cancel_a_thread_waiting_in(wait_on_the_semaphore, "sem_wait");
    CHECK_EQ(0, sem_post(&never_posted), "sem_post after the cancel");
    CHECK_EQ(0, sem_trywait(&never_posted), "the unit is there: the cancelled waiter took none");
    sem_destroy(&never_posted);
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never_signalled = PTHREAD_COND_INITIALIZER;
static volatile int mutex_held_in_handler;

static void unlock_in_cleanup(void *argument)
{
    mutex_held_in_handler = pthread_mutex_trylock(&mutex) == EBUSY;
    pthread_mutex_unlock(argument);
}

static void *wait_on_the_condition(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&mutex);
    pthread_cleanup_push(unlock_in_cleanup, &mutex);
    for (;;)
        pthread_cond_wait(&never_signalled, &mutex);
    pthread_cleanup_pop(1);
    return NULL;
}

static void a_cancelled_condition_wait_holds_the_mutex(void)
{
    cancel_a_thread_waiting_in(wait_on_the_condition, "pthread_cond_wait");
    CHECK_EQ(1, mutex_held_in_handler, "the mutex was held again when the handler ran");
    CHECK_EQ(0, pthread_mutex_trylock(&mutex), "and the handler gave it back");
    pthread_mutex_unlock(&mutex);
}

static volatile int may_go_on;

static void *sleep_once_asked(void *unused)
{
    (void)unused;
    while (!may_go_on)
        ;                                  /* no cancellation point in here */
    long long start = monotonic_ns();
    sleep(10);                             /* cancelled before it starts: ends at once */
    reached_after_the_wait = (int)((monotonic_ns() - start) / 1000000) + 1;
    return NULL;
}

static void a_request_before_the_point_ends_the_next_one(void)
{
    pthread_t thread;
    reached_after_the_wait = 0;
    may_go_on = 0;
    pthread_create(&thread, NULL, sleep_once_asked, NULL);
    sched_yield();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel of a thread running");
    may_go_on = 1;
    void *result = NULL;
    long long start = monotonic_ns();
    pthread_join(thread, &result);
    CHECK(result == PTHREAD_CANCELED, "ended at the sleep: %p", result);
    CHECK_EQ(0, reached_after_the_wait, "the sleep never ran");
    CHECK((monotonic_ns() - start) < 2000000000LL, "and did not wait for 10 s");
}

static sem_t go_on;

static void *disabled_then_enabled(void *unused)
{
    (void)unused;
    int old = -1;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    if (old != PTHREAD_CANCEL_ENABLE)
        return (void *)1;
    if (sem_wait(&go_on) != 0)             /* not ended by the cancel: posted later */
        return (void *)2;
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
    pthread_testcancel();                  /* here it ends */
    return (void *)3;
}

static void cancellation_can_be_disabled(void)
{
    sem_init(&go_on, 0, 0);
    pthread_t thread;
    pthread_create(&thread, NULL, disabled_then_enabled, NULL);
    let_it_block();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    let_it_block();
    sem_post(&go_on);
    void *result = NULL;
    pthread_join(thread, &result);
    CHECK(result == PTHREAD_CANCELED, "disabled, the wait went on; enabled, testcancel ended it: %p", result);
    sem_destroy(&go_on);
}

static void *exit_with_handlers(void *unused)
{
    (void)unused;
    pthread_cleanup_push(note_cleanup, (void *)2);
    pthread_cleanup_push(note_cleanup, (void *)3);
    pthread_cleanup_pop(0);                /* popped without running */
    pthread_exit((void *)42);
    pthread_cleanup_pop(0);
    return NULL;
}

static void pthread_exit_runs_the_handlers(void)
{
    pthread_t thread;
    pthread_create(&thread, NULL, exit_with_handlers, NULL);
    void *result = NULL;
    pthread_join(thread, &result);
    CHECK_EQ(42, (long)result, "pthread_exit's value");
    CHECK_EQ(1, cleanups[2], "the handler still pushed ran");
    CHECK_EQ(0, cleanups[3], "the popped one did not");
}

static long raw_syscall(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(number), "b"(a), "c"(b), "d"(c) : "memory");
    return result;
}

static void an_entry_never_reached(void)
{
}

static void self_cancel_and_bad_arguments(void)
{
    int marker[2];
    pipe(marker);
    pid_t child = fork();
    if (child == 0) {
        close(marker[0]);
        pthread_cancel(pthread_self());
        char byte = 'r';
        write(marker[1], &byte, 1);        /* a cancellation point: the thread ends here */
        _exit(7);
    }
    close(marker[1]);
    int status = -1;
    waitpid(child, &status, 0);
    char byte;
    CHECK_EQ(0, read(marker[0], &byte, 1), "the cancelled write wrote nothing");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a process whose only thread is cancelled ends with 0: 0x%x", status);
    close(marker[0]);

    int old = -1;
    CHECK_EQ(EINVAL, pthread_setcancelstate(5, &old), "setcancelstate(5)");
    CHECK_EQ(EINVAL, pthread_setcanceltype(5, &old), "setcanceltype(5)");
    CHECK_EQ(-ESRCH, raw_syscall(SYS_thread_cancel, 1, THREAD_CANCEL_REQUEST, 0), "thread_cancel of init's thread: not ours");
    CHECK_EQ(-ESRCH, raw_syscall(SYS_thread_cancel, 999999, THREAD_CANCEL_REQUEST, 0), "thread_cancel of no thread");
    long entry = (long)an_entry_never_reached;
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, 0, 3, entry), "thread_cancel with an unknown `how`");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, 0, -1, entry), "thread_cancel with `how` -1");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, getpid(), THREAD_CANCEL_ASYNCHRONOUS, entry),
             "the type is set for the caller alone: tid must be 0");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, 0, THREAD_CANCEL_ASYNCHRONOUS, 0), "an entry at 0");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, 0, THREAD_CANCEL_ASYNCHRONOUS, (long)0xC0100000u),
             "an entry in the kernel");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_cancel, 1, THREAD_CANCEL_DEFERRED, 0), "deferred with a tid");
    CHECK_EQ(0, raw_syscall(SYS_thread_cancel, 0, THREAD_CANCEL_ASYNCHRONOUS, entry), "asynchronous, not cancelled");
    CHECK_EQ(0, raw_syscall(SYS_thread_cancel, 0, THREAD_CANCEL_DEFERRED, 0), "back to deferred");
    CHECK_EQ(-ENOSYS, raw_syscall(SYS_getpid | SYSCALL_CANCEL_POINT | 0x1000, 0, 0, 0), "a marked number beyond the table");
    CHECK_EQ(getpid(), raw_syscall(SYS_getpid | SYSCALL_CANCEL_POINT, 0, 0, 0), "a marked call of a thread not cancelled runs");
}

static void cases(void)
{
    read_is_a_cancellation_point();
    other_calls_are_cancellation_points();
    a_cancelled_condition_wait_holds_the_mutex();
    a_request_before_the_point_ends_the_next_one();
    cancellation_can_be_disabled();
    pthread_exit_runs_the_handlers();
    self_cancel_and_bad_arguments();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_cancel_ends_blocking_calls");
}
