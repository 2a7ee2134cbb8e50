/* libc/thread/lock.c - the libc's own locks, on the futex (futex(2)):
 *
 *  - __libc_lock: a plain lock for the libc's shared state (malloc's heap,
 *    the keys, the list of open streams). It costs nothing until a second
 *    thread exists: a program that never calls pthread_create never takes it.
 *  - flockfile: the recursive lock of one stdio stream. Every stdio call
 *    takes it, so one printf's characters are never mixed with another
 *    thread's, and a program may hold it around several calls (POSIX's
 *    flockfile). It is taken even before a second thread exists, since a
 *    program may hold it across pthread_create.
 *
 * A lock word is 0 (free), 1 (taken) or 2 (taken, and someone may sleep on
 * it): unlock wakes a sleeper only when the word says 2, so an uncontended
 * lock and unlock are two atomic instructions and no system call. */
#include <stdio.h>

#include "../stdio/stream.h"
#include "thread_internal.h"

void __lock_word_take(volatile int *lock)
{
    if (atomic_compare_and_swap(lock, 0, 1) == 0)
        return;
    while (atomic_exchange(lock, 2) != 0)
        futex_wait(lock, 2, 0);
}

int __lock_word_try(volatile int *lock)
{
    return atomic_compare_and_swap(lock, 0, 1) == 0;
}

void __lock_word_give(volatile int *lock)
{
    if (atomic_exchange(lock, 0) == 2)
        futex_wake(lock, 1);
}

void __libc_lock(volatile int *lock)
{
    if (__libc_threaded)
        __lock_word_take(lock);
}

void __libc_unlock(volatile int *lock)
{
    if (__libc_threaded)
        __lock_word_give(lock);
}

void flockfile(FILE *stream)
{
    struct __pthread *self = thread_self();
    if (stream->lock_owner == self) {
        stream->lock_depth++;
        return;
    }
    __lock_word_take(&stream->lock_word);
    stream->lock_owner = self;
    stream->lock_depth = 1;
}

int ftrylockfile(FILE *stream)
{
    struct __pthread *self = thread_self();
    if (stream->lock_owner == self) {
        stream->lock_depth++;
        return 0;
    }
    if (!__lock_word_try(&stream->lock_word))
        return -1;
    stream->lock_owner = self;
    stream->lock_depth = 1;
    return 0;
}

void funlockfile(FILE *stream)
{
    if (stream->lock_owner != thread_self())
        return;                       /* not ours: POSIX leaves it undefined; ignore it */
    if (--stream->lock_depth > 0)
        return;
    stream->lock_owner = 0;
    __lock_word_give(&stream->lock_word);
}
