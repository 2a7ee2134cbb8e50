/* kernel/sched/mutex.c - step 13: semaphores with hand-off, and mutexes. */
#include "mutex.h"

#include "kernel/panic.h"
#include "scheduler.h"

void semaphore_init(struct kernel_semaphore *semaphore, int count)
{
    semaphore->count = count;
    wait_queue_init(&semaphore->waiters);
}

void semaphore_acquire(struct kernel_semaphore *semaphore)
{
    kernel_lock();
    if (semaphore->count > 0)
        semaphore->count--;
    else
        /* the releaser hands its unit to us directly: count stays 0 */
        wait_queue_sleep(&semaphore->waiters, "semaphore", 0, WAIT_UNINTERRUPTIBLE);
    kernel_unlock();
}

void semaphore_release(struct kernel_semaphore *semaphore)
{
    kernel_lock();
    if (!wait_queue_wake_one(&semaphore->waiters))
        semaphore->count++;       /* nobody waits: keep the unit */
    kernel_unlock();
}

void mutex_init(struct mutex *mutex)
{
    semaphore_init(&mutex->semaphore, 1);
    mutex->owner = 0;
}

void mutex_lock(struct mutex *mutex)
{
    ASSERT(mutex->owner != current_task);     /* not recursive */
    semaphore_acquire(&mutex->semaphore);
    mutex->owner = current_task;
}

void mutex_unlock(struct mutex *mutex)
{
    ASSERT(mutex->owner == current_task);
    mutex->owner = 0;
    semaphore_release(&mutex->semaphore);
}
