/* libc/thread/atfork.c - pthread_atfork: handlers that fork (libc/unistd/
 * process.c) runs around its system call, so that a program's own locks
 * can be taken before the copy and given back (or made new) after it.
 *
 * The handlers are a list in the order of registration, never shortened:
 * fork runs the `prepare` handlers from its end to its start (the last
 * registered first, POSIX), the `parent` and `child` handlers from start
 * to end. Each fork walks the entries that existed at its prepare step,
 * so a handler that registers another (allowed) changes nothing for this
 * fork, and no lock is held while a handler runs. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "thread_internal.h"

struct atfork_handlers {
    void (*prepare)(void);
    void (*parent)(void);
    void (*child)(void);
    struct atfork_handlers *next, *previous;
};

static struct atfork_handlers *first, *last;
static volatile int atfork_lock;

/* Context: any thread; not async-signal-safe (it calls malloc). */
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
    struct atfork_handlers *entry = malloc(sizeof *entry);
    if (!entry)
        return ENOMEM;
    entry->prepare = prepare;
    entry->parent = parent;
    entry->child = child;
    entry->next = 0;
    __libc_lock(&atfork_lock);
    entry->previous = last;
    if (last)
        last->next = entry;
    else
        first = entry;
    last = entry;
    __libc_unlock(&atfork_lock);
    return 0;
}

struct atfork_handlers *__thread_atfork_prepare(void)
{
    __libc_lock(&atfork_lock);
    struct atfork_handlers *end = last;
    __libc_unlock(&atfork_lock);
    for (struct atfork_handlers *entry = end; entry; entry = entry->previous)
        if (entry->prepare)
            entry->prepare();
    return end;
}

void __thread_atfork_after(struct atfork_handlers *end, int in_child)
{
    if (in_child && atfork_lock)
        atfork_lock = 0;                 /* a thread that held it is not in the child */
    if (!end)
        return;
    for (struct atfork_handlers *entry = first;; entry = entry->next) {
        void (*handler)(void) = in_child ? entry->child : entry->parent;
        if (handler)
            handler();
        if (entry == end)
            return;
    }
}
