/* tests/boot/thread_hundreds_created_joined_and_detached_leak_nothing.c -
 * threads give back everything they took (pthread_create(3),
 * thread_exit(2)). In one process, 400 joinable threads (twenty at a
 * time, each using its stack, its thread-local storage and its errno)
 * are created and joined, 200 detached ones end on their own (by
 * returning or by pthread_exit, the kernel unmapping their memory), and
 * 100 are detached after they ended: once all are gone the process's
 * own free-frame count, the kernel heap, the tasks and every other
 * kernel counter are where they were, and ps -T lists one thread. Then a
 * process with 24 threads blocked in waits is killed, and another's
 * first thread calls exit while 24 run: nothing of either is left. */
#include <signal.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define BATCH 20
#define JOINED 400
#define DETACHED 200
#define DETACHED_LATE 100
#define CROWD 24

static __thread int own_number;
static volatile int detached_alive;

static void *use_the_stack_and_tls(void *argument)
{
    volatile char stack[8192];
    for (unsigned i = 0; i < sizeof stack; i += 512)
        stack[i] = (char)i;
    own_number = (int)(long)argument;
    errno = own_number;
    sched_yield();
    return (void *)(long)(own_number == (int)(long)argument && errno == own_number);
}

static void *end_on_my_own(void *argument)
{
    use_the_stack_and_tls(argument);
    atomic_add_int(&detached_alive, -1);
    if ((long)argument % 2)
        pthread_exit(0);
    return 0;
}

static void joined_in_batches(int count)
{
    for (int done = 0; done < count; done += BATCH) {
        pthread_t threads[BATCH];
        for (long i = 0; i < BATCH; i++)
            if (pthread_create(&threads[i], NULL, use_the_stack_and_tls, (void *)(done + i)) != 0)
                printf("FAIL: pthread_create of joinable thread %ld: %s\n", done + i, strerror(errno));
        CHECK_EQ(BATCH, join_threads(threads, BATCH), "threads of a batch that saw their own TLS and errno");
    }
}

static void detached_in_batches(int count)
{
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    for (int done = 0; done < count; done += BATCH) {
        detached_alive = BATCH;
        for (long i = 0; i < BATCH; i++) {
            pthread_t thread;
            if (pthread_create(&thread, &detached, end_on_my_own, (void *)(done + i)) != 0)
                printf("FAIL: pthread_create of detached thread %ld\n", done + i);
        }
        CHECK(WAIT_UNTIL(detached_alive == 0 && threads_listed(getpid()) == 1), "detached threads still there: %d",
              threads_listed(getpid()) - 1);
    }
}

static void detached_after_they_ended(int count)
{
    for (int done = 0; done < count; done += BATCH) {
        pthread_t threads[BATCH];
        for (long i = 0; i < BATCH; i++)
            pthread_create(&threads[i], NULL, use_the_stack_and_tls, (void *)i);
        CHECK(WAIT_UNTIL(threads_listed(getpid()) == 1), "threads of a batch did not end");
        for (int i = 0; i < BATCH; i++)
            CHECK_EQ(0, pthread_detach(threads[i]), "pthread_detach of a thread that ended");
    }
}

static void hundreds_of_threads_give_everything_back(void)
{
    unsigned tasks = read_counters().tasks;
    /* the warm-up, in the test's own order: page tables, the first
     * stacks, and the libc's cache of joined threads' memory as full as
     * the test leaves it (detached threads take from it and unmap) */
    joined_in_batches(BATCH);
    detached_in_batches(BATCH);
    detached_after_they_ended(BATCH);
    struct kinfo_counters before = settled_counters(tasks);
    joined_in_batches(JOINED);
    detached_in_batches(DETACHED);
    detached_after_they_ended(DETACHED_LATE);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    CHECK_EQ(1, threads_listed(getpid()), "threads in ps -T after all ended");
}

static void *spin_forever(void *unused)
{
    (void)unused;
    for (;;)
        sched_yield();
    return 0;
}

/* A child with CROWD threads running `start`, that ends by exit from its
 * first thread or by SIGKILL. (A process holds 128 regions, and each
 * thread's memory is two, its guard page and the rest: some 60 threads
 * fit in a process at a time.) */
static void a_crowd_ends(void *(*start)(void *), int by_exit, const char *what)
{
    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        pthread_t thread;
        for (int i = 0; i < CROWD; i++)
            if (pthread_create(&thread, NULL, start, NULL) != 0)
                _exit(90);
        write(ready[1], "r", 1);
        if (by_exit)
            exit(3);
        for (;;)
            pause();
    }
    close(ready[1]);
    char c;
    CHECK_EQ(1, read(ready[0], &c, 1), "the crowd did not start");
    if (!by_exit)
        kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(by_exit ? WIFEXITED(status) && WEXITSTATUS(status) == 3 : WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "%s: status 0x%x", what, status);
    CHECK_EQ(0, threads_listed(child), "threads left of the crowd");
    close(ready[0]);
}

static void cases(void)
{
    hundreds_of_threads_give_everything_back();
    a_crowd_ends(pause_forever_thread, 0, "waiting threads killed");
    a_crowd_ends(spin_forever, 1, "exit while threads run");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_hundreds_created_joined_and_detached_leak_nothing");
}
