/* libc/thread/create.c - pthread_create, pthread_exit, pthread_join,
 * pthread_detach, pthread_self, pthread_equal and the attributes, on the
 * kernel's thread_create and thread_exit (thread(2)).
 *
 * A joinable thread's memory is unmapped by its joiner, once the kernel
 * has cleared `alive` (it does so after the thread has left its stack for
 * good); a detached thread asks the kernel to unmap it as it exits. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sched_internal.h"
#include "thread_internal.h"

int __libc_threaded;
static volatile int live_threads = 1;  /* the first thread; the last to leave ends the process */

/* struct __pthread's `created`: may the thread's memory go? */
enum { CREATING, CREATED, CREATOR_AWAITED };

#define DEFAULT_STACK_SIZE (64u << 10)
#define DEFAULT_GUARD_SIZE 4096u         /* POSIX: PAGESIZE */
#define PAGE 4096u

int pthread_attr_init(pthread_attr_t *attributes)
{
    attributes->detach_state = PTHREAD_CREATE_JOINABLE;
    attributes->stack_size = DEFAULT_STACK_SIZE;
    attributes->guard_size = DEFAULT_GUARD_SIZE;
    attributes->stack_address = 0;
    __thread_attr_sched_defaults(attributes);
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attributes)
{
    (void)attributes;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attributes, int state)
{
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attributes->detach_state = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attributes, int *state)
{
    *state = attributes->detach_state;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attributes, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attributes->stack_size = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attributes, size_t *size)
{
    *size = attributes->stack_size;
    return 0;
}

/* The thread will run on [stack, stack + size), the caller's memory: no
 * guard, nothing mapped, nothing freed at its end (the caller frees it,
 * once the thread is joined). Its TLS block and control block go at the
 * top of that memory, as glibc puts them. */
int pthread_attr_setstack(pthread_attr_t *attributes, void *stack, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attributes->stack_address = stack;
    attributes->stack_size = size;
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t *attributes, void **stack, size_t *size)
{
    *stack = attributes->stack_address;
    *size = attributes->stack_size;
    return 0;
}

/* Any size: it is rounded up to whole pages when a thread is made, and 0
 * means no guard (POSIX; getguardsize gives back the size as set). */
int pthread_attr_setguardsize(pthread_attr_t *attributes, size_t size)
{
    attributes->guard_size = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attributes, size_t *size)
{
    *size = attributes->guard_size;
    return 0;
}

/* The memory of joined threads, kept for the next pthread_create: a new
 * thread then needs no mmap, no page fault and no page zeroed (glibc keeps
 * such a cache too). Only mappings of one size are worth keeping, and only
 * a few; a detached thread's memory is unmapped by the kernel as it exits.
 * A cached mapping keeps its guard, so the guard's size is part of the key. */
#define CACHED_MAPPINGS 4
static struct { void *base; size_t size, guard; } mapping_cache[CACHED_MAPPINGS];
static int cached_mappings;
static volatile int mapping_cache_lock;

/* A mapping of `size` bytes for a thread, its first `guard` bytes
 * PROT_NONE: a cached one, or a new one (MAP_FAILED if there is no memory,
 * or no room to split the guard off). */
static void *take_mapping(size_t size, size_t guard)
{
    __libc_lock(&mapping_cache_lock);
    for (int i = cached_mappings - 1; i >= 0; i--) {
        if (mapping_cache[i].size == size && mapping_cache[i].guard == guard) {
            void *base = mapping_cache[i].base;
            mapping_cache[i] = mapping_cache[--cached_mappings];
            __libc_unlock(&mapping_cache_lock);
            return base;
        }
    }
    __libc_unlock(&mapping_cache_lock);
    void *base = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base != MAP_FAILED && guard && mprotect(base, guard, PROT_NONE) < 0) {
        munmap(base, size);
        return MAP_FAILED;
    }
    return base;
}

/* Gives back the mapping of a thread that is gone for good. */
static void give_back_mapping(void *base, size_t size, size_t guard)
{
    __libc_lock(&mapping_cache_lock);
    if (cached_mappings < CACHED_MAPPINGS) {
        mapping_cache[cached_mappings].base = base;
        mapping_cache[cached_mappings].guard = guard;
        mapping_cache[cached_mappings++].size = size;
        __libc_unlock(&mapping_cache_lock);
        return;
    }
    __libc_unlock(&mapping_cache_lock);
    munmap(base, size);
}

/* The registry: every thread made by pthread_create that has not been
 * joined, nor ended detached, on a list through the blocks. A handle not
 * on it (nor the first thread's) names a thread that is gone: its block
 * may be unmapped or reused, so pthread_join and pthread_detach answer
 * ESRCH, as glibc (whose thread list says the same), without reading it.
 * A handle whose memory a new thread has taken names that new thread, as
 * with glibc. The lock is held while a handle found is read, so a detached
 * thread cannot unmap itself in between. */
static struct __pthread *registry_first;
static struct __pthread *registry_main;  /* the thread that made the first thread */
static volatile int registry_lock;

static void registry_add(struct __pthread *thread)
{
    __libc_lock(&registry_lock);
    thread->registry_prev = 0;
    thread->registry_next = registry_first;
    if (registry_first)
        registry_first->registry_prev = thread;
    registry_first = thread;
    __libc_unlock(&registry_lock);
}

/* Context: registry_lock held. */
static void registry_remove_locked(struct __pthread *thread)
{
    if (thread->registry_prev)
        thread->registry_prev->registry_next = thread->registry_next;
    else
        registry_first = thread->registry_next;
    if (thread->registry_next)
        thread->registry_next->registry_prev = thread->registry_prev;
}

/* Context: registry_lock held. Is `thread` a live handle? */
static int registry_holds_locked(struct __pthread *thread)
{
    if (thread == registry_main || (!registry_main && thread == thread_self()))
        return 1;
    for (struct __pthread *entry = registry_first; entry; entry = entry->registry_next)
        if (entry == thread)
            return 1;
    return 0;
}

/* Where every new thread starts (thread_create's eip), with `self` as its
 * argument on the stack the creator built. */
static void __attribute__((noreturn, used)) thread_start(struct __pthread *self)
{
    self->tid = (int)syscall0(SYS_gettid);    /* the creator writes it too: whoever is first */
    while (self->start_gate)                  /* its policy and priority first (glibc's stopped_start) */
        futex_wait(&self->start_gate, 1, 0);
    void *result = self->start(self->argument);
    /* A return from inside a pthread_cleanup_push/pop block (undefined in
     * POSIX) leaves a record on a stack frame that is gone: run no
     * handler then, as glibc runs none. */
    self->cleanup = 0;
    pthread_exit(result);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attributes, void *(*start)(void *), void *argument)
{
    pthread_attr_t defaults;
    if (!attributes) {
        pthread_attr_init(&defaults);
        attributes = &defaults;
    }
    int refused = __thread_sched_may_create(attributes);   /* PTHREAD_EXPLICIT_SCHED (sched.c) */
    if (refused)
        return refused;
    size_t tls_size = __tls_block_size(), alignment = __tls_alignment();
    size_t blocks = alignment + tls_size + sizeof(struct __pthread);
    char *map, *top;
    size_t map_size = 0, guard = 0;
    if (attributes->stack_address) {     /* the caller's memory (pthread_attr_setstack) */
        if (attributes->stack_size < blocks + PTHREAD_STACK_MIN / 2)
            return EINVAL;               /* no room for a stack beside the blocks */
        map = attributes->stack_address;
        top = map + attributes->stack_size;
    } else {
        /* As glibc lays it out: the guard, then the stack size asked for,
         * whose top holds the blocks (TLS, the thread's struct), so a
         * thread that runs PTHREAD_STACK_MIN deep on a stack of that size
         * meets its guard; the stack part grows only if the blocks would
         * leave less than half of PTHREAD_STACK_MIN beside them (where
         * glibc says EINVAL) */
        size_t stack_size = (attributes->stack_size + PAGE - 1) & ~(PAGE - 1);
        size_t least = (blocks + PTHREAD_STACK_MIN / 2 + PAGE - 1) & ~(PAGE - 1);
        guard = (attributes->guard_size + PAGE - 1) & ~(PAGE - 1);
        map_size = guard + (stack_size > least ? stack_size : least);
        if (guard < attributes->guard_size || map_size < guard)
            return EINVAL;               /* a guard size that wraps around */
        map = take_mapping(map_size, guard);
        if (map == MAP_FAILED)
            return EAGAIN;
        top = map + map_size;
    }

    uintptr_t pointer = ((uintptr_t)top - sizeof(struct __pthread)) & ~(uintptr_t)(alignment - 1);
    struct __pthread *self = (struct __pthread *)pointer;
    __tls_init_block(self);
    self->start = start;
    self->argument = argument;
    self->map_base = map_size ? map : 0;
    self->map_size = map_size;
    self->guard_size = guard;
    self->on_callers_stack = map_size == 0;
    self->stack_given = attributes->stack_address;
    self->stack_given_size = map_size ? 0 : attributes->stack_size;
    self->alive = 1;
    self->created = CREATING;            /* a cached block says CREATED from its last thread */
    /* An explicit policy is set by the creator after the thread exists;
     * on another CPU the thread could run its first lines before that,
     * under the creator's policy: it waits at the gate until then. */
    int gated = attributes->inherit_sched == PTHREAD_EXPLICIT_SCHED;
    self->start_gate = gated;
    self->state = attributes->detach_state == PTHREAD_CREATE_DETACHED ? THREAD_DETACHED : THREAD_JOINABLE;

    /* the stack, below the TLS block: thread_start's argument and a return
     * address that is never used, with esp + 4 16-byte aligned as at any call */
    uint32_t *stack = (uint32_t *)(((uintptr_t)self - tls_size) & ~(uintptr_t)15);
    *--stack = 0;
    *--stack = 0;
    *--stack = (uint32_t)self;
    *--stack = 0;

    if (!__libc_threaded) {              /* the first new thread: locks and cancellation on */
        __libc_threaded = 1;
        registry_main = thread_self();
        __thread_update_cancel_mark(thread_self());
    }
    __thread_update_cancel_mark(self);
    atomic_fetch_add(&live_threads, 1);
    registry_add(self);
    long tid = syscall4(SYS_thread_create, (long)thread_start, (long)stack, (long)self, (long)&self->alive);
    if (tid < 0) {
        atomic_fetch_add(&live_threads, -1);
        __libc_lock(&registry_lock);
        registry_remove_locked(self);
        __libc_unlock(&registry_lock);
        if (map_size)
            give_back_mapping(map, map_size, guard);
        return (int)-tid;
    }
    self->tid = (int)tid;
    __thread_sched_apply((int)tid, attributes);
    if (gated) {
        self->start_gate = 0;            /* after the policy: the thread may go */
        futex_wake(&self->start_gate, 1);
    }
    /* our last touch of the block (see pthread_exit); a system call only
     * if the thread ended meanwhile and waits (2) for us */
    if (atomic_compare_and_swap(&self->created, CREATING, CREATED) == CREATOR_AWAITED) {
        self->created = CREATED;
        futex_wake(&self->created, 1);   /* EFAULT if it has gone since: harmless */
    }
    *thread = self;
    return 0;
}

void pthread_exit(void *result)
{
    struct __pthread *self = thread_self();
    __thread_cancel_exiting(self);
    self->result = result;
    __thread_run_cleanup_handlers(self);
    if (self->has_specific)
        __thread_run_key_destructors(self);
    if (atomic_fetch_add(&live_threads, -1) == 1)
        exit(0);                         /* the last thread: the process ends as by exit(0) */
    /* detached: nobody will join, so the kernel unmaps the memory as the
     * thread leaves it - once pthread_create has stopped writing to it (a
     * thread may end before its creator is back from thread_create);
     * joinable: the joiner does, after `alive` is 0 */
    int detached = atomic_compare_and_swap(&self->state, THREAD_JOINABLE, THREAD_EXITED) == THREAD_DETACHED;
    if (detached) {                      /* nobody may join or detach it any more */
        __libc_lock(&registry_lock);
        registry_remove_locked(self);
        __libc_unlock(&registry_lock);
    }
    if (detached && self->map_size) {
        if (atomic_compare_and_swap(&self->created, CREATING, CREATOR_AWAITED) != CREATED)
            while (self->created != CREATED)
                futex_wait(&self->created, CREATOR_AWAITED, 0);
        syscall2(SYS_thread_exit, (long)self->map_base, (long)self->map_size);
    }
    if (!self->map_size && !self->on_callers_stack) {
        /* the first thread: the kernel has no clear_tid word of it, but its
         * block lives in the program's data, never unmapped, so it may say
         * so itself before it goes */
        self->alive = 0;
        futex_wake(&self->alive, 0x7FFFFFFF);
    }
    syscall2(SYS_thread_exit, 0, 0);
    __builtin_unreachable();
}

/* ESRCH for a thread already joined, or detached and ended (registry
 * above); EINVAL for a detached one; EDEADLK for the caller itself. */
int pthread_join(pthread_t thread, void **result)
{
    if (thread == thread_self())
        return EDEADLK;
    __libc_lock(&registry_lock);
    int error = !registry_holds_locked(thread) ? ESRCH : thread->state == THREAD_DETACHED ? EINVAL : 0;
    __libc_unlock(&registry_lock);
    if (error)
        return error;
    for (;;) {
        int alive = thread->alive;
        if (!alive)
            break;
        cancel_point_result(syscall3(cancel_point_number(SYS_futex_wait), (long)&thread->alive, alive, 0));
        /* EINTR, EAGAIN: look again */
    }
    if (result)
        *result = thread->result;
    __libc_lock(&registry_lock);
    if (thread != registry_main)
        registry_remove_locked(thread);
    __libc_unlock(&registry_lock);
    if (thread->map_size)
        give_back_mapping(thread->map_base, thread->map_size, thread->guard_size);
    return 0;
}

/* ESRCH for a thread already joined, or detached and ended; EINVAL for
 * one detached already; a thread that has ended is freed now. */
int pthread_detach(pthread_t thread)
{
    __libc_lock(&registry_lock);
    if (!registry_holds_locked(thread)) {
        __libc_unlock(&registry_lock);
        return ESRCH;
    }
    int previous = atomic_compare_and_swap(&thread->state, THREAD_JOINABLE, THREAD_DETACHED);
    __libc_unlock(&registry_lock);
    if (previous == THREAD_DETACHED)
        return EINVAL;
    if (previous == THREAD_EXITED)
        return pthread_join(thread, 0);  /* it has ended already: free it now */
    return 0;
}

/* fork's child: its one thread is the calling thread of the parent, now
 * its first thread (tid: the new pid), and the only one alive; the libc's
 * thread locks another thread held are free again. Written only
 * where it changes: a write copies a copy-on-write page. */
void __thread_forked_child(void)
{
    struct __pthread *self = thread_self();
    if (self->tid)
        self->tid = 0;
    if (live_threads != 1)
        live_threads = 1;
    if (mapping_cache_lock)              /* held by a thread the child has not */
        mapping_cache_lock = 0;
    if (registry_lock)
        registry_lock = 0;
    if (registry_first)                  /* the parent's other threads are not here */
        registry_first = 0;
    if (registry_main && registry_main != self)
        registry_main = self;            /* the child's first thread, joinable by its later threads */
    __thread_keys_forked_child();
}

pthread_t pthread_self(void)
{
    return thread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

pid_t gettid(void)
{
    return thread_tid(thread_self());
}
