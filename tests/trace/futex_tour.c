/* tests/trace/futex_tour.c - two threads meet on futexes, one step at a
 * time, for the trace picture of docs/threads.md
 * (`make trace-view PROG=tests/trace/futex_tour.c`):
 *
 *   1. the main thread holds a mutex; a second thread asks for it and
 *      sleeps in futex_wait on the mutex's word; the main thread unlocks,
 *      its futex_wake wakes the second one, which now holds the mutex;
 *   2. the second thread waits on a condition variable (pthread_cond_wait
 *      unlocks the mutex, then sleeps on the condition's word); the main
 *      thread sets the flag and signals: a futex_wake on that word;
 *   3. a futex_wait whose word no longer holds the value the caller saw
 *      returns EAGAIN at once, without sleeping (the check under the lock);
 *   4. the main thread joins the second: it sleeps on the second thread's
 *      clear_tid word, which the kernel clears and wakes when the thread
 *      ends.
 *
 * The sleeps (5 ms) only make the order of the steps certain. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <uapi/syscall.h>
#include <unistd.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int flag;

static void pause_5_ms(void)
{
    struct timespec t = { 0, 5000000 };
    nanosleep(&t, NULL);
}

/* futex_wait(2) itself: the library has no wrapper for programs. */
static long futex_wait(volatile int *word, int expected)
{
    long result;
    __asm__ volatile("int $0x80"
                     : "=a"(result)
                     : "a"(SYS_futex_wait), "b"(word), "c"(expected), "d"(0)
                     : "memory");
    return result;
}

static void *second(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&mutex);                   /* 1: held by main: sleeps */
    printf("second [tid %d]: has the mutex\n", gettid());
    while (!flag)
        pthread_cond_wait(&ready, &mutex);        /* 2: sleeps on the condition */
    pthread_mutex_unlock(&mutex);
    printf("second [tid %d]: saw the flag\n", gettid());
    pause_5_ms();
    return NULL;                                  /* 4: the kernel wakes the joiner */
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t thread;
    pthread_mutex_lock(&mutex);
    pthread_create(&thread, NULL, second, NULL);
    pause_5_ms();
    pthread_mutex_unlock(&mutex);                 /* 1: its word was 2: futex_wake */

    pause_5_ms();
    pthread_mutex_lock(&mutex);
    flag = 1;
    pthread_cond_signal(&ready);                  /* 2: futex_wake on the condition's word */
    pthread_mutex_unlock(&mutex);

    volatile int word = 1;
    long result = futex_wait(&word, 0);           /* 3: word is 1, not 0: no sleep */
    printf("main [tid %d]: futex_wait(&word, 0) with word 1: %s\n", gettid(),
           result == -EAGAIN ? "EAGAIN at once" : "unexpected");

    pthread_join(thread, NULL);                   /* 4: sleeps on the clear_tid word */
    printf("main [tid %d]: joined the second thread\n", gettid());
    return result == -EAGAIN ? 0 : 1;
}
