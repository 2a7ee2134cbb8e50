/* libc/thread/getattr.c - pthread_getattr_np: the attributes a running
 * thread has, as glibc reports them: its detach state, its guard size,
 * and where its stack lies.
 *
 *  - a thread made by pthread_create on a mapping of its own: the mapping
 *    above its guard (the stack, then its TLS block and control block);
 *  - one made on the caller's memory (pthread_attr_setstack): that memory;
 *  - the first thread: the stack exec made, from the page above the
 *    program's arguments and environment (its top, found before main:
 *    tls.c) down by RLIMIT_STACK, the most it may grow to. */
#include <errno.h>
#include <pthread.h>
#include <sys/resource.h>

#include "thread_internal.h"

#define FIRST_STACK_DEFAULT (8u << 20)   /* without a stack limit: the kernel's 8 MiB region */

/* Context: any thread; `thread` must not have been joined. */
int pthread_getattr_np(pthread_t thread, pthread_attr_t *attributes)
{
    pthread_attr_init(attributes);
    if (thread->state == THREAD_DETACHED)
        attributes->detach_state = PTHREAD_CREATE_DETACHED;
    if (thread->map_size) {
        attributes->guard_size = thread->guard_size;
        attributes->stack_address = (char *)thread->map_base + thread->guard_size;
        attributes->stack_size = thread->map_size - thread->guard_size;
    } else if (thread->on_callers_stack) {
        attributes->guard_size = 0;
        attributes->stack_address = thread->stack_given;
        attributes->stack_size = thread->stack_given_size;
    } else {
        struct rlimit limit;
        size_t size = FIRST_STACK_DEFAULT;
        if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
            limit.rlim_cur < __first_thread_stack_top)
            size = (size_t)limit.rlim_cur & ~(size_t)4095;
        attributes->guard_size = 0;
        attributes->stack_address = (void *)(__first_thread_stack_top - size);
        attributes->stack_size = size;
    }
    return 0;
}
