/* kernel/ipc/sysv_sem_without_big_lock.c - semop on several CPUs without
 * the big kernel lock: under the set's own lock (sysv_sem_internal.h), so
 * that two pairs of processes, each with a set of their own, run at once
 * on two CPUs (docs/smp.md, "System V semaphores without the big lock").
 *
 * The rules are sysv_sem.c's, and so are the steps (the checks, the try
 * and apply, the service of the waiters); this is semop for the usual
 * case, and every other case takes the big lock and goes its way
 * (sys_semop):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   no call with the big lock uses the    one does (big_lock_users): semctl, a
 *     set                                   semop that waits there, an exit's undo
 *   trace off, nothing pending            the trace; a signal to take (it ends
 *                                           the wait too)
 *   no operation with SEM_UNDO            SEM_UNDO (a record of the process's)
 *   the caller may use the set, the       EINVAL, E2BIG, EFBIG, EACCES: the same
 *     operations right, user memory         answer there; a fault (the copy fails
 *     present                               at once: kernel/mm/page_fault.c)
 *
 * The set is found by its id in a lookup (sched/lookup.h), as a System V
 * queue is: a set removed meanwhile is freed only once the lookup has
 * ended, and the call sees it gone from the table under the set's lock.
 * A caller that must wait puts its waiter on the set's list, as the big
 * lock's way does, with the set's lock as its wait queue's lock, and
 * holds a reference meanwhile: whoever changes values later (a semop of
 * either kind, SETVAL, IPC_RMID) decides its result and wakes it, and the
 * set stays until it has looked. Context of the call: a system call
 * without the big kernel lock, interrupts off. */
#include "sysv_sem.h"
#include "sysv_sem_internal.h"

#include "fs/file_without_big_lock.h"
#include "kernel/syscall.h"
#include "subsystems/sysv_ipc_calls.h"
#include "sched/lookup.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

/* The set with this id, its lock held, if a call may use it without the
 * big lock; NULL (nothing held) if there is none or a call with the big
 * lock uses it. */
static struct sysv_sem_set *set_without_big_lock(int id)
{
    lookup_begin();
    struct sysv_sem_set *set = sysv_sem_find_set(id);
    if (set) {
        spinlock_take(&set->lock);
        if (set->big_lock_users || sysv_sem_find_set(id) != set) {   /* used, or removed meanwhile */
            spinlock_give(&set->lock);
            set = 0;
        }
    }
    lookup_end();               /* a set we hold the lock of, still in the table, stays */
    return set;
}

/* Sleeps on `waiter` until its result is decided: that result, or
 * TRANSFER_NEEDS_BIG_LOCK when a signal (or other work) ended the wait
 * first. Context: the set's lock held, and held again on return. */
static int wait_for_result(struct sysv_sem_set *set, const struct sembuf *operations, unsigned count,
                           unsigned blocking)
{
    struct semop_waiter waiter;
    sysv_sem_waiter_add(set, &waiter, operations, count, 0, blocking);
    waiter.queue = &set->sleepers;               /* not on this stack (sysv_sem_internal.h) */
    wait_queue_sleep_giving(&set->sleepers, "semop");
    if (waiter.result != SYSV_SEM_STILL_WAITING)
        return waiter.result;                    /* decided for us, IPC_RMID's EIDRM too */
    list_remove(&waiter.link);                   /* nobody decided: still on the list */
    return TRANSFER_NEEDS_BIG_LOCK;
}

static int semop_without_big_lock(int id, const struct sembuf *user_operations, unsigned count)
{
    struct sembuf operations[SEMOPM];
    struct sysv_sem_set *set;
    if (sysv_sem_operations_in(user_operations, count, id, operations) < 0 || !(set = set_without_big_lock(id)))
        return TRANSFER_NEEDS_BIG_LOCK;            /* EINVAL, E2BIG, EFAULT: there */
    int wants_undo, status = TRANSFER_NEEDS_BIG_LOCK, waited = 0;
    unsigned blocking;
    if (sysv_sem_operations_refused(set, operations, count, &wants_undo) == 0 && !wants_undo) {
        status = sysv_sem_try_and_apply(set, operations, count, 0, &blocking);
        if (status == SYSV_SEM_WOULD_BLOCK) {
            waited = 1;
            sysv_sem_get(set);                     /* IPC_RMID must not free it under us */
            status = wait_for_result(set, operations, count, blocking);
        }
    }
    spinlock_give(&set->lock);
    if (waited)
        sysv_sem_put(set);
    return status;
}

/* semop's row in the table (semtimedop is not this kernel's). */
static int semop_row(int id, const struct sembuf *user_operations, unsigned count)
{
    int status = call_of_any_thread_may_go_without_big_lock() ? semop_without_big_lock(id, user_operations, count)
                                                : TRANSFER_NEEDS_BIG_LOCK;
    return syscall_done_without_big_lock(status != TRANSFER_NEEDS_BIG_LOCK)
               ? status
               : sys_semop(id, user_operations, count);
}

void sysv_sem_calls_without_big_lock_start(void)
{
    syscall_replace_without_big_lock_as_cancel_point(SYS_semop, semop_row);
}
