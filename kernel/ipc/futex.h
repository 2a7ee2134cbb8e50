/* kernel/ipc/futex.h - what a thread waiting in futex_wait waits for
 * (kernel/ipc/futex.c; the system calls are declared in kernel/syscall.h).
 * A thread's own field, not the scheduler's: only futex_wait sets it and
 * only futex_wake reads it, to pick the waiters of one word among the
 * others of its hashed queue. */
#ifndef KERNEL_IPC_FUTEX_H
#define KERNEL_IPC_FUTEX_H

#include <stdint.h>

struct futex_wait {
    uint32_t key;      /* while in futex_wait: the word's physical address, */
    uint32_t space;    /* ... or (private memory) its virtual one and this
                        * address space; key 0: not waiting */
};

/* futex_wake with the big lock, for every waiter of the word: those
 * that wait without it first (below), then futex.c's (sys_futex_wake),
 * up to `count` in all; how many were woken, or sys_futex_wake's error
 * when none was. Context: the big lock held (futex.c). */
int futex_wake_every_waiter(uint32_t *user_word, int count);

#ifdef SUBSYSTEM_SMP
/* On several CPUs, futex_wait and futex_wake begin without the big
 * kernel lock (futex_without_big_lock.c), and a thread waiting that way
 * sleeps on a queue of that file, not on futex.c's. A wake that holds
 * the big lock (the exit of a thread, whose joiner waits on its
 * clear_tid word: proc/thread.c; futex_wake's own row when it gives way)
 * wakes those first: up to `count` of them, the number returned, before
 * it asks sys_futex_wake for the rest. Context: the big lock held (or
 * one CPU: then there are none, and it answers 0). */
int futex_wake_without_big_lock_waiters(uint32_t *user_word, int count);
void futex_calls_without_big_lock_start(void);
#else
static inline int futex_wake_without_big_lock_waiters(uint32_t *user_word, int count)   /* one CPU */
{
    (void)user_word, (void)count;
    return 0;
}
#endif

#endif
