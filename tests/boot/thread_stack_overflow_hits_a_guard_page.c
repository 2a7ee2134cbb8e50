/* tests/boot/thread_stack_overflow_hits_a_guard_page.c - POSIX
 * pthread_attr_setguardsize(3): "The guardsize attribute controls the size
 * of the guard area for the created thread's stack. The guardsize
 * attribute provides protection against overflow of the stack pointer. If
 * a thread's stack is created with guard protection, the implementation
 * allocates extra memory at the overflow end of the stack as a buffer
 * against stack overflow of the stack pointer. If an application overflows
 * into this buffer an error shall result (possibly in a SIGSEGV signal
 * being delivered to the thread)."
 *  - the default guard size is PAGESIZE, and getguardsize gives back what
 *    setguardsize set (0 included);
 *  - a thread whose stack overflows by a few pages dies of SIGSEGV (the
 *    process with it, by default), although the memory just below its
 *    guard is another thread's, mapped and writable: without the guard it
 *    would have written over that thread's stack without a fault;
 *  - threads with a larger guard, or none, run and join as usual;
 *  - nothing leaks. */
#include <pthread.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PAGE 4096
#define FRAME_BYTES 1024
#define OVERFLOW_BYTES (3 * PAGE)    /* past the stack's end: through the guard and beyond */

static volatile int neighbour_may_end;

/* Uses `depth` frames of FRAME_BYTES, touching each. */
static int __attribute__((noinline)) use_stack(int depth)
{
    volatile char frame[FRAME_BYTES];
    frame[0] = (char)depth;
    frame[FRAME_BYTES - 1] = (char)depth;
    if (depth == 0)
        return frame[0];
    return use_stack(depth - 1) + frame[FRAME_BYTES - 1];
}

static void *overflowing_thread(void *argument)
{
    size_t stack_size = (size_t)argument;
    use_stack((int)((stack_size + OVERFLOW_BYTES) / FRAME_BYTES));
    return NULL;                      /* the overflow went unnoticed: wrong */
}

static void *neighbour_thread(void *argument)
{
    (void)argument;
    while (!neighbour_may_end)
        sched_yield();
    return NULL;
}

/* In a child process: a thread mapped first overflows its stack towards a
 * thread mapped just below it (mappings go top down). Exits 0 if the
 * overflow was not noticed. */
static void overflow_towards_a_neighbour(void)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, PTHREAD_STACK_MIN);
    pthread_t overflowing, neighbour;
    /* the overflowing thread's memory first, the neighbour's right below */
    if (pthread_create(&overflowing, &attributes, overflowing_thread, (void *)(size_t)PTHREAD_STACK_MIN) != 0 ||
        pthread_create(&neighbour, NULL, neighbour_thread, NULL) != 0)
        _exit(2);
    pthread_join(overflowing, NULL);
    neighbour_may_end = 1;
    pthread_join(neighbour, NULL);
    _exit(0);
}

static void the_guard_size_attribute(void)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    size_t size = 1;
    CHECK_EQ(0, pthread_attr_getguardsize(&attributes, &size), "pthread_attr_getguardsize");
    CHECK_EQ(PAGE, size, "the default guard size (PAGESIZE)");
    CHECK_EQ(0, pthread_attr_setguardsize(&attributes, 0), "pthread_attr_setguardsize(0)");
    pthread_attr_getguardsize(&attributes, &size);
    CHECK_EQ(0, size, "the guard size after setguardsize(0)");
    CHECK_EQ(0, pthread_attr_setguardsize(&attributes, 3 * PAGE + 5), "pthread_attr_setguardsize(3 pages + 5)");
    pthread_attr_getguardsize(&attributes, &size);
    CHECK_EQ(3 * PAGE + 5, size, "getguardsize gives back the size as set");
}

static void threads_with_any_guard_run_and_join(void)
{
    size_t guards[] = { 0, PAGE, 3 * PAGE + 5 };
    for (unsigned i = 0; i < sizeof guards / sizeof guards[0]; i++) {
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setguardsize(&attributes, guards[i]);
        pthread_t thread;
        neighbour_may_end = 1;
        CHECK_EQ(0, pthread_create(&thread, &attributes, neighbour_thread, NULL), "pthread_create with a guard");
        CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
        /* a detached one too: the kernel unmaps guard and stack as it exits */
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        CHECK_EQ(0, pthread_create(&thread, &attributes, neighbour_thread, NULL), "a detached thread with a guard");
    }
    usleep(20000);                    /* the detached ones end */
}

static void an_overflowing_thread_gets_sigsegv(void)
{
    pid_t child = fork();
    if (child == 0)
        overflow_towards_a_neighbour();
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "a thread overflowing its stack by %d bytes: expected SIGSEGV (%d), got status 0x%x", OVERFLOW_BYTES,
          SIGSEGV, status);
}

static void cases(void)
{
    the_guard_size_attribute();
    an_overflowing_thread_gets_sigsegv();
    threads_with_any_guard_run_and_join();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_stack_overflow_hits_a_guard_page");
}
