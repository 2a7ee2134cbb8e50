/* tests/boot/thread_attr_setstack_runs_on_the_given_stack.c -
 * pthread_attr_setstack(3): a thread made with a stack of the caller's
 * own runs on it (its locals lie inside that memory), its __thread
 * variables and errno are its own, and it can use most of it; joining
 * it leaves the memory to the caller, who writes to it and runs a second
 * thread on the same memory; a detached thread runs on it too.
 * pthread_attr_getstack gives back the address and size set, a size
 * below PTHREAD_STACK_MIN is EINVAL, and the guard size is kept as set.
 * Nothing leaks. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "boot_test.h"

#define STACK_SIZE (64 * 1024)

static __thread int own_value = 5;
static char *stack_memory;

struct seen {
    char *local_address;
    int tls_value;
    int deep_sum;
};

/* Uses about `depth` KiB of the stack. */
static int __attribute__((noinline)) use_stack(int depth)
{
    volatile char frame[1024];
    memset((char *)frame, depth, sizeof frame);
    return depth ? frame[depth % 1024] + use_stack(depth - 1) : 0;
}

static void *note_where_it_runs(void *argument)
{
    struct seen *seen = argument;
    char local = 1;
    seen->local_address = &local;
    seen->tls_value = own_value;
    own_value = 9;
    seen->deep_sum = use_stack(32);      /* 32 KiB of the 64 */
    return argument;
}

static void a_thread_runs_on_the_given_stack(void)
{
    stack_memory = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(stack_memory != MAP_FAILED, "mmap");
    pthread_attr_t attributes;
    CHECK_EQ(0, pthread_attr_init(&attributes), "pthread_attr_init");
    CHECK_EQ(0, pthread_attr_setstack(&attributes, stack_memory, STACK_SIZE), "pthread_attr_setstack");
    void *address = NULL;
    size_t size = 0;
    CHECK_EQ(0, pthread_attr_getstack(&attributes, &address, &size), "pthread_attr_getstack");
    CHECK(address == stack_memory && size == STACK_SIZE, "getstack gives back %p, %u", address, (unsigned)size);
    CHECK_EQ(0, pthread_attr_getstacksize(&attributes, &size), "pthread_attr_getstacksize");
    CHECK_EQ(STACK_SIZE, (int)size, "the stack size is the given memory's");

    for (int run = 0; run < 2; run++) {
        struct seen seen = { 0, 0, 0 };
        pthread_t thread;
        CHECK_EQ(0, pthread_create(&thread, &attributes, note_where_it_runs, &seen), "pthread_create");
        void *result = NULL;
        CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
        CHECK(result == &seen, "the thread's result");
        CHECK(seen.local_address >= stack_memory && seen.local_address < stack_memory + STACK_SIZE,
              "run %d: its local at %p lies in the given stack %p..%p", run, seen.local_address,
              stack_memory, stack_memory + STACK_SIZE);
        CHECK_EQ(5, seen.tls_value, "its __thread variable starts at its initial value");
        CHECK(seen.deep_sum != 0, "it used 32 KiB of the stack");
        CHECK_EQ(5, own_value, "our __thread variable is ours");
        /* the memory is ours again after the join */
        memset(stack_memory, 0x5a, STACK_SIZE);
        CHECK(stack_memory[0] == 0x5a && stack_memory[STACK_SIZE - 1] == 0x5a, "the memory is the caller's");
    }
    pthread_attr_destroy(&attributes);
}

static volatile int detached_ran;
static void *run_detached(void *unused)
{
    (void)unused;
    char local;
    detached_ran = (&local >= stack_memory && &local < stack_memory + STACK_SIZE) ? 1 : 2;
    return NULL;
}

static void a_detached_thread_runs_on_the_given_stack(void)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstack(&attributes, stack_memory, STACK_SIZE);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, &attributes, run_detached, NULL), "pthread_create detached");
    for (int i = 0; i < 500 && !detached_ran; i++)
        usleep(2000);
    CHECK_EQ(1, detached_ran, "the detached thread ran on the given stack");
    usleep(50000);                       /* let it end before its memory goes */
    pthread_attr_destroy(&attributes);
    CHECK_EQ(0, munmap(stack_memory, STACK_SIZE), "munmap");
}

static void bad_sizes_are_einval(void)
{
    static char small[64];
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    CHECK_EQ(EINVAL, pthread_attr_setstack(&attributes, small, PTHREAD_STACK_MIN - 1), "setstack below the minimum");
    CHECK_EQ(EINVAL, pthread_attr_setstack(&attributes, small, 0), "setstack of 0 bytes");
    void *address = (void *)1;
    size_t size = 0;
    pthread_attr_getstack(&attributes, &address, &size);
    CHECK(address == NULL, "a refused setstack changes nothing: %p", address);
    CHECK_EQ(0, pthread_attr_setguardsize(&attributes, 12345), "setguardsize");
    CHECK_EQ(0, pthread_attr_getguardsize(&attributes, &size), "getguardsize");
    CHECK_EQ(12345, (int)size, "the guard size as it was set");
    pthread_attr_destroy(&attributes);
}

static void cases(void)
{
    a_thread_runs_on_the_given_stack();
    a_detached_thread_runs_on_the_given_stack();
    bad_sizes_are_einval();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_attr_setstack_runs_on_the_given_stack");
}
