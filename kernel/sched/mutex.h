/* kernel/sched/mutex.h - step 13: kernel semaphores and mutexes.
 * Waiters queue in arrival order and a release hands the unit straight to
 * the first of them, so a newcomer cannot overtake a waiter: nobody starves.
 * May sleep: not from interrupt handlers (release is fine anywhere). */
#ifndef KERNEL_SCHED_MUTEX_H
#define KERNEL_SCHED_MUTEX_H

#include "wait_queue.h"

struct kernel_semaphore {
    int count;                   /* units available now */
    struct wait_queue waiters;
};

struct mutex {
    struct kernel_semaphore semaphore;  /* one unit */
    struct task *owner;
};

/* Initialises with `count` units (the tutorial's constructor returned
 * nothing; this one cannot fail). */
void semaphore_init(struct kernel_semaphore *semaphore, int count);
void semaphore_acquire(struct kernel_semaphore *semaphore);
void semaphore_release(struct kernel_semaphore *semaphore);

void mutex_init(struct mutex *mutex);
void mutex_lock(struct mutex *mutex);
void mutex_unlock(struct mutex *mutex);

#endif
