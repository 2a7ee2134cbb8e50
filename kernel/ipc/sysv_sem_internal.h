/* kernel/ipc/sysv_sem_internal.h - what sysv_sem.c (the sets and semop),
 * sysv_sem_undo.c (the SEM_UNDO records) and, on several CPUs,
 * sysv_sem_without_big_lock.c share; nothing else uses it. */
#ifndef KERNEL_IPC_SYSV_SEM_INTERNAL_H
#define KERNEL_IPC_SYSV_SEM_INTERNAL_H

#include "arch/x86/cpu.h"
#include "ipc/ipc_big_lock_use.h"
#include "lib/list.h"
#include "ipc/ipc_key.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"
#include "uapi/sysv_ipc.h"

struct process;

struct sysv_semaphore {
    int value;                          /* semval: 0 .. SEMVMX */
    int last_pid;                       /* sempid: the last process that operated on it */
};

struct sysv_sem_set {
    struct ipc_object object;           /* key, id, mode: first, for the key table */
    unsigned count;                     /* sem_nsems */
    long operation_time, change_time;   /* sem_otime, sem_ctime */
    struct list waiters;                /* sleeping semop calls (struct semop_waiter), oldest first */
    struct sysv_sem_undo *undos;             /* every process's undo record for this set */
    /* On several CPUs: its lock (class "semaphores"), under which semop
     * runs without the big kernel lock (sysv_sem_without_big_lock.c),
     * also the lock of the list of waiters and of the wait queue of each
     * waiter that sleeps without the big lock; a call with the big lock
     * that uses the set counts itself in big_lock_users under it, for as
     * long as it uses it, waits included (ipc_big_lock_use.h), and takes
     * it around what it does to the waiters (sysv_sem_lock_waiters).
     * `references`: the key table's, and one for each call that sleeps
     * without the big lock, or uses the set with it; the last frees it
     * (sysv_sem_put), by atomic steps. */
    struct spinlock lock;
    unsigned big_lock_users;
    unsigned references;
    /* Where a semop without the big lock sleeps (its lock: `lock`). Not
     * a queue on its caller's stack, as a semop with the big lock has: a
     * signal's sender with the big lock may find the sleeper's queue
     * (wait_queue_interrupt) just as a semop on another CPU wakes it, and
     * must read the queue's lock from memory that is still the queue's.
     * The set's memory stays until the lookups under way end
     * (sysv_sem_free), which that sender is in (sched/smp_wait.c). */
    struct wait_queue sleepers;
    struct sysv_semaphore semaphores[];      /* `count` of them */
};

/* The live set with this id, or NULL. Without the big lock, only in a
 * lookup (sched/lookup.h). */
struct sysv_sem_set *sysv_sem_find_set(int id);

/* Frees a set whose last reference went (sysv_sem.c); on several CPUs it
 * first waits for the lookups under way, which may have found it.
 * Context: no spinlock held. */
void sysv_sem_free(struct sysv_sem_set *set);

static inline void sysv_sem_get(struct sysv_sem_set *set)
{
    __atomic_add_fetch(&set->references, 1, __ATOMIC_RELAXED);
}

/* Context: no spinlock held. */
static inline void sysv_sem_put(struct sysv_sem_set *set)
{
    if (__atomic_sub_fetch(&set->references, 1, __ATOMIC_ACQ_REL) == 0)
        sysv_sem_free(set);
}

/* A call with the big lock uses `set` from begin to end: the calls
 * without it keep off meanwhile, and the reference keeps the set for the
 * end even after IPC_RMID. One CPU pays a test. */
static inline void sysv_sem_begin_big_lock_use(struct sysv_sem_set *set)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        sysv_sem_get(set);
        big_lock_use_begin(&set->lock, &set->big_lock_users);
    }
}

static inline void sysv_sem_end_big_lock_use(struct sysv_sem_set *set)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        big_lock_use_end(&set->lock, &set->big_lock_users);
        sysv_sem_put(set);
    }
}

/* A call with the big lock around what it does to the list of waiters
 * and their wait queues: a waiter that sleeps without the big lock may
 * take itself off at any time (a signal woke it), under the set's lock. */
static inline void sysv_sem_lock_waiters(struct sysv_sem_set *set)
{
    spinlock_take_on_several_cpus(&set->lock);
}

static inline void sysv_sem_unlock_waiters(struct sysv_sem_set *set)
{
    spinlock_give_on_several_cpus(&set->lock);
}

/* A record is on two lists at once, on purpose: its process's, to be
 * applied when the process exits, and its set's, to be cleared by SETVAL
 * and SETALL and freed when the set is removed. Both free it together. */
struct sysv_sem_undo {
    struct sysv_sem_undo *next_of_process;   /* process->sysv_sem_undo_list */
    struct sysv_sem_undo *next_of_set;       /* set->undos */
    struct process *process;
    struct sysv_sem_set *set;
    int adjustments[];                  /* semadj: what exit adds back, one per semaphore */
};

#define ALL_SEMAPHORES (-1)             /* sysv_sem_undo_clear: every semaphore of the set */

/* After values changed: completes, oldest first, every waiter whose whole
 * array now goes through (or now fails), on its behalf (sysv_sem.c).
 * Context: the waiters locked (sysv_sem_lock_waiters), or the set's lock
 * held without the big lock. */
void sysv_sem_serve_waiters(struct sysv_sem_set *set);

/* semop's steps that both kinds of call take (sysv_sem.c): the checks
 * before the set is found (EINVAL, E2BIG, EFAULT: 0 if none, the
 * operations copied in), the checks against the set (EFBIG, EACCES; and
 * whether any operation asks for SEM_UNDO), and the try and apply. */
int sysv_sem_operations_in(const struct sembuf *user_operations, unsigned count, int id, struct sembuf *operations);
int sysv_sem_operations_refused(const struct sysv_sem_set *set, const struct sembuf *operations, unsigned count,
                                int *wants_undo);
int sysv_sem_try_and_apply(struct sysv_sem_set *set, const struct sembuf *operations, unsigned count,
                           struct sysv_sem_undo *undo, unsigned *blocking);

#define SYSV_SEM_WOULD_BLOCK 1             /* sysv_sem_try_and_apply: an operation must wait */

/* A sleeping semop call, on its caller's kernel stack while it sleeps. */
struct semop_waiter {
    struct task *task;                  /* the caller */
    struct wait_queue *queue;           /* where it sleeps: `wake`, or, without the big lock,
                                         * the set's `sleepers` */
    struct list_node link;              /* in the set's waiters */
    const struct sembuf *operations;    /* the caller's copy of its array */
    unsigned count;
    struct sysv_sem_undo *undo;              /* NULL unless an operation has SEM_UNDO */
    int pid;
    unsigned blocking;                  /* the operation it waits on: for GETNCNT and GETZCNT */
    int result;                         /* SYSV_SEM_STILL_WAITING until sysv_sem_serve_waiters or IPC_RMID decide */
    struct wait_queue wake;             /* with the big lock, its task alone sleeps here */
};

/* Whether `waiter` sleeps still: no signal woke it, nor anybody else.
 * Context: the waiters locked (sysv_sem_lock_waiters), or the set's
 * lock held. */
static inline int sysv_sem_waiter_asleep(const struct semop_waiter *waiter)
{
    return waiter->task->waiting_on == waiter->queue;
}

#define SYSV_SEM_STILL_WAITING 1        /* semop_waiter.result: nothing decided yet */

/* Fills `waiter` for the running task and puts it last on the set's
 * list. Context: the waiters locked, or the set's lock held. */
void sysv_sem_waiter_add(struct sysv_sem_set *set, struct semop_waiter *waiter, const struct sembuf *operations,
                         unsigned count, struct sysv_sem_undo *undo, unsigned blocking);

/* The process's undo record for `set`, made (all zeros) on first use;
 * NULL when memory ran out (sysv_sem_undo.c). */
struct sysv_sem_undo *sysv_sem_undo_for(struct sysv_sem_set *set, struct process *process);

/* SETVAL and SETALL: semaphore `number` (or ALL_SEMAPHORES) was set
 * outright, so no process has anything left to undo on it (semctl(2)). */
void sysv_sem_undo_clear(struct sysv_sem_set *set, int number);

/* IPC_RMID: frees every process's undo record for the set. */
void sysv_sem_undo_forget_set(struct sysv_sem_set *set);

#endif
