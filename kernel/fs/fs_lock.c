/* kernel/fs/fs_lock.c - the file-system lock: one kernel mutex. */
#include "fs_lock.h"

#include "sched/mutex.h"
#include "sched/task.h"

static struct mutex lock = { { 1, WAIT_QUEUE_INITIALIZER }, 0 };

void fs_lock(void)
{
    mutex_lock(&lock);
}

void fs_unlock(void)
{
    mutex_unlock(&lock);
}

int fs_lock_held(void)
{
    return lock.owner == current_task;
}
