/* tests/boot/thread_getattr_np_reports_the_stack_a_thread_runs_on.c -
 * pthread_getattr_np(3), as glibc has it: for a thread made with a stack
 * size, its stack holds its locals and is at least that big, and its
 * guard is the size asked; for a thread on the caller's memory
 * (pthread_attr_setstack), the stack is exactly that memory, with no
 * guard; for the first thread, its stack holds main's locals; a detached
 * thread says so. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "boot_test.h"

struct report {
    void *stack;
    size_t size, guard;
    int detach_state;
    uintptr_t local;                     /* the address of a local of the thread's */
};

static void report_on_self(struct report *r)
{
    char local = 0;
    pthread_attr_t attributes;
    CHECK_EQ(0, pthread_getattr_np(pthread_self(), &attributes), "pthread_getattr_np");
    CHECK_EQ(0, pthread_attr_getstack(&attributes, &r->stack, &r->size), "pthread_attr_getstack");
    CHECK_EQ(0, pthread_attr_getguardsize(&attributes, &r->guard), "pthread_attr_getguardsize");
    CHECK_EQ(0, pthread_attr_getdetachstate(&attributes, &r->detach_state), "pthread_attr_getdetachstate");
    pthread_attr_destroy(&attributes);
    r->local = (uintptr_t)&local;
}

static void *report_thread(void *argument)
{
    report_on_self(argument);
    return NULL;
}

static int holds(const struct report *r)
{
    return r->local >= (uintptr_t)r->stack && r->local < (uintptr_t)r->stack + r->size;
}

static void a_thread_with_a_stack_size(void)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    CHECK_EQ(0, pthread_attr_setstacksize(&attributes, 256 * 1024), "setstacksize");
    CHECK_EQ(0, pthread_attr_setguardsize(&attributes, 8192), "setguardsize");
    struct report r = { 0 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, &attributes, report_thread, &r), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
    CHECK(holds(&r), "its stack %p + %u holds its local 0x%lx", r.stack, (unsigned)r.size,
          (unsigned long)r.local);
    CHECK(r.size >= 256 * 1024, "at least the size asked (%u)", (unsigned)r.size);
    CHECK_EQ(8192, (int)r.guard, "the guard asked");
    CHECK_EQ(PTHREAD_CREATE_JOINABLE, r.detach_state, "joinable");
    pthread_attr_destroy(&attributes);
}

#define GIVEN_SIZE (128 * 1024)

static void a_thread_on_the_callers_memory(void)
{
    char *memory = mmap(NULL, GIVEN_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap");
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    CHECK_EQ(0, pthread_attr_setstack(&attributes, memory, GIVEN_SIZE), "setstack");
    struct report r = { 0 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, &attributes, report_thread, &r), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, NULL), "pthread_join");
    CHECK(r.stack == memory && r.size == GIVEN_SIZE, "the memory given: %p + %u", r.stack, (unsigned)r.size);
    CHECK(holds(&r), "it holds the thread's local");
    CHECK_EQ(0, (int)r.guard, "no guard");
    pthread_attr_destroy(&attributes);
    munmap(memory, GIVEN_SIZE);
}

static struct report detached_report;
static volatile int detached_done, detach_called;

static void *report_detached(void *unused)
{
    (void)unused;
    while (!detach_called)                   /* on another CPU it may run before its creator detaches it */
        usleep(1000);
    report_on_self(&detached_report);
    detached_done = 1;
    return NULL;
}

static void a_detached_thread_and_the_first(void)
{
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, report_detached, NULL), "pthread_create");
    CHECK_EQ(0, pthread_detach(thread), "pthread_detach");
    detach_called = 1;
    for (int i = 0; i < 1000 && !detached_done; i++)
        usleep(1000);
    CHECK_EQ(PTHREAD_CREATE_DETACHED, detached_report.detach_state, "a detached thread says so");
    usleep(20000);

    struct report r = { 0 };
    report_on_self(&r);
    CHECK(holds(&r), "the first thread's stack %p + %u holds main's local 0x%lx", r.stack,
          (unsigned)r.size, (unsigned long)r.local);
    CHECK(r.size >= 64 * 1024, "the first thread's stack is a real one (%u bytes)", (unsigned)r.size);
}

static void cases(void)
{
    a_thread_with_a_stack_size();
    a_thread_on_the_callers_memory();
    a_detached_thread_and_the_first();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_getattr_np_reports_the_stack_a_thread_runs_on");
}
