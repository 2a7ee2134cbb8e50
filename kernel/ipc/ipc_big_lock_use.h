/* kernel/ipc/ipc_big_lock_use.h - an IPC object that system calls without the
 * big kernel lock use under its own spinlock (a pipe, a rendezvous
 * mailbox, a POSIX queue: docs/smp.md). A call with the big lock that
 * uses such an object counts itself in the object's `users`, under the
 * object's lock, from big_lock_use_begin to big_lock_use_end, waits
 * included; the calls without the big lock keep off the object while the
 * count is not 0, and take the big lock's way instead. The begin waits
 * for a call without the big lock that holds the lock, so such a call
 * never sees an object a call with the big lock is halfway through
 * changing. One CPU: nothing to count. Context: the big lock held. */
#ifndef KERNEL_IPC_IPC_BIG_LOCK_USE_H
#define KERNEL_IPC_IPC_BIG_LOCK_USE_H

#include "arch/x86/cpu.h"
#include "sched/spinlock.h"

static inline void big_lock_use_begin(struct spinlock *lock, unsigned *users)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        spinlock_take(lock);
        (*users)++;
        spinlock_give(lock);
    }
}

static inline void big_lock_use_end(struct spinlock *lock, unsigned *users)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        spinlock_take(lock);
        (*users)--;
        spinlock_give(lock);
    }
}

#endif
