/* tests/boot/thread_create_join_errno_and_exit.c - the life of a thread
 * (thread(2), pthread_create(3)): four threads add to one counter under a
 * mutex and the sum is exact; each has its own errno and its own __thread
 * variable; join returns what each returned; gettid of the first thread is
 * the pid and the others' differ. exit() in any thread ends the whole
 * process with that status; the last thread's pthread_exit ends it with 0.
 * (fork in a thread: thread_exec_and_fork_in_a_thread_leave_one_thread.)
 * Bad arguments get POSIX's errors: join of self EDEADLK, of a detached
 * thread EINVAL, tkill of no thread ESRCH, thread_create outside user
 * space EINVAL, a bad clear_tid word EFAULT. Every thread's stack and
 * kernel stack are freed: nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <uapi/syscall.h>

#include "boot_test.h"
#include "boot_thread.h"

#define THREADS 4
#define INCREMENTS 20000

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int own_value = 7;
static pid_t tids[THREADS];

static void *add(void *argument)
{
    long index = (long)argument;
    errno = 100 + (int)index;
    own_value += (int)index;
    tids[index] = gettid();
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&mutex);
        long seen = counter;
        if (i % 1000 == 0)
            sched_yield();               /* let the others find the mutex taken */
        counter = seen + 1;
        pthread_mutex_unlock(&mutex);
    }
    int ok = errno == 100 + (int)index && own_value == 7 + index;
    return (void *)(ok ? index * 2 + 1 : -1);
}

static void counts_and_private_state(void)
{
    pthread_t threads[THREADS];
    errno = 5;
    for (long i = 0; i < THREADS; i++)
        CHECK_EQ(0, pthread_create(&threads[i], NULL, add, (void *)i), "pthread_create");
    for (long i = 0; i < THREADS; i++) {
        void *result = 0;
        CHECK_EQ(0, pthread_join(threads[i], &result), "pthread_join");
        CHECK_EQ(i * 2 + 1, (long)result, "the thread's own errno and __thread variable, and its result");
        CHECK(tids[i] > 0 && tids[i] != getpid(), "thread %ld's tid %d is its own", i, tids[i]);
    }
    CHECK_EQ(THREADS * INCREMENTS, counter, "increments under the mutex");
    CHECK_EQ(5, errno, "the first thread's errno, untouched by the others");
    CHECK_EQ(7, own_value, "the first thread's __thread variable");
    CHECK_EQ(getpid(), gettid(), "the first thread's tid is the pid");
}

static void *exit_with_7(void *unused)
{
    (void)unused;
    exit(7);
}

static void exit_in_a_thread_ends_every_thread(void)
{
    pid_t child = fork();
    if (child == 0) {
        pthread_t sleeper, exiter;
        pthread_create(&sleeper, NULL, pause_forever_thread, NULL);
        pthread_create(&exiter, NULL, exit_with_7, NULL);
        for (;;)
            pause();
    }
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "exit(7) in a thread: status 0x%x", status);

    child = fork();
    if (child == 0) {
        pthread_t other;
        pthread_create(&other, NULL, return_at_once_thread, NULL);
        pthread_exit(0);                 /* the first thread leaves; the other ends the process */
    }
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the last pthread_exit: status 0x%x", status);
}

static void bad_arguments(void)
{
    CHECK_EQ(EDEADLK, pthread_join(pthread_self(), NULL), "joining oneself");
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, &detached, pause_forever_thread, NULL), "a detached thread");
    CHECK_EQ(EINVAL, pthread_join(thread, NULL), "joining a detached thread");
    CHECK_EQ(EINVAL, pthread_attr_setstacksize(&detached, 100), "a stack below PTHREAD_STACK_MIN");
    CHECK_EQ(-ESRCH, raw_syscall(SYS_tkill, 999999, SIGUSR1, 0, 0, 0), "tkill of no thread");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_tkill, getpid(), 99, 0, 0, 0), "tkill with signal 99");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_create, 0xC0001000, 0x10000, 0, 0, 0),
             "thread_create at a kernel eip");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_thread_create, 0x8048000, 0xC0001000, 0, 0, 0),
             "thread_create on a kernel stack");
    CHECK_EQ(-EFAULT, raw_syscall(SYS_thread_create, 0x8048000, 0x10000, 0, 0xC0000000, 0),
             "a kernel clear_tid word");
    CHECK_EQ(-EFAULT, raw_syscall(SYS_thread_create, 0x8048000, 0x10000, 0, 0x8048001, 0),
             "a misaligned clear_tid word");
    CHECK_EQ(-EINVAL, raw_syscall(SYS_set_tls, 0xC0000000, 0, 0, 0, 0), "set_tls in kernel space");
}

static void cases(void)
{
    counts_and_private_state();
    exit_in_a_thread_ends_every_thread();
    pid_t child = fork();                 /* its sleeping threads end with it */
    if (child == 0) {
        bad_arguments();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bad arguments: status 0x%x", status);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_create_join_errno_and_exit");
}
