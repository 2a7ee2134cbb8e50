/* libc/thread/once_key.c - pthread_once and thread-specific data (keys).
 * A key is an index into every thread's `specific` array
 * (thread_internal.h); its destructor runs at pthread_exit for each
 * non-NULL value, up to PTHREAD_DESTRUCTOR_ITERATIONS rounds.
 *
 * Each index has a generation, counted up by pthread_key_create: a value
 * counts only if it was set in the key's current generation, so a key
 * deleted and created again starts NULL in every thread, without a walk
 * over the threads (POSIX leaves the old values to the program). */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

enum { ONCE_NOT_YET, ONCE_RUNNING, ONCE_DONE };

/* The cleanup handler around the init routine: a routine that is cancelled
 * has not run, so the control goes back to "not yet" (POSIX), and the
 * threads waiting for it wake; one of them runs it. */
static void once_cancelled(void *once)
{
    atomic_exchange(once, ONCE_NOT_YET);
    futex_wake(once, 0x7FFFFFFF);
}

/* Context: any thread; the waits here are no cancellation point (POSIX),
 * but `routine` may contain one. */
int pthread_once(pthread_once_t *once, void (*routine)(void))
{
    for (;;) {
        int state = atomic_compare_and_swap(once, ONCE_NOT_YET, ONCE_RUNNING);
        if (state == ONCE_DONE)
            return 0;
        if (state == ONCE_NOT_YET) {
            pthread_cleanup_push(once_cancelled, (void *)once);
            routine();
            pthread_cleanup_pop(0);
            atomic_exchange(once, ONCE_DONE);
            futex_wake(once, 0x7FFFFFFF);
            return 0;
        }
        futex_wait(once, ONCE_RUNNING, 0);   /* another thread runs it: wait for it */
    }
}

static volatile int keys_lock;
static unsigned char key_used[PTHREAD_KEYS_MAX];
static unsigned key_generation[PTHREAD_KEYS_MAX];
static void (*destructors[PTHREAD_KEYS_MAX])(void *);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    __libc_lock(&keys_lock);
    for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
        if (!key_used[i]) {
            key_used[i] = 1;
            key_generation[i]++;
            destructors[i] = destructor;
            __libc_unlock(&keys_lock);
            *key = i;
            return 0;
        }
    }
    __libc_unlock(&keys_lock);
    return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
    __libc_lock(&keys_lock);
    int result = EINVAL;
    if (key < PTHREAD_KEYS_MAX && key_used[key]) {
        key_used[key] = 0;
        destructors[key] = 0;
        result = 0;
    }
    __libc_unlock(&keys_lock);
    return result;
}

void __thread_keys_forked_child(void)
{
    if (keys_lock)
        keys_lock = 0;
}

void *pthread_getspecific(pthread_key_t key)
{
    if (key >= PTHREAD_KEYS_MAX)
        return 0;
    struct __pthread *self = thread_self();
    if (self->specific[key].generation != key_generation[key])
        return 0;                        /* set under a deleted key of this index */
    return self->specific[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (key >= PTHREAD_KEYS_MAX || !key_used[key])
        return EINVAL;
    struct __pthread *self = thread_self();
    self->has_specific = 1;
    self->specific[key].value = (void *)value;
    self->specific[key].generation = key_generation[key];
    return 0;
}

void __thread_run_key_destructors(struct __pthread *self)
{
    for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
        int ran = 0;
        for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
            void *value = self->specific[i].value;
            if (value && key_used[i] && destructors[i] &&
                self->specific[i].generation == key_generation[i]) {
                self->specific[i].value = 0;
                destructors[i](value);
                ran = 1;
            }
        }
        if (!ran)
            return;
    }
}
