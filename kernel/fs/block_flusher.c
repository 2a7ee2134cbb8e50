/* kernel/fs/block_flusher.c - the flusher: a kernel task that wakes every
 * second and writes the blocks that have been dirty for
 * BLOCK_CACHE_FLUSH_AGE_NS (block_cache_write_old), so a change reaches
 * the disk within about six seconds even if nobody calls sync. */
#include "block_cache.h"

#include "fs_lock.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "sched/task.h"

#define FLUSHER_PERIOD_NS 1000000000ull   /* one round a second */

static struct task *flusher_task;

static void flusher_loop(void *unused)
{
    (void)unused;
    int last_result = 0;
    for (;;) {
        nano_sleep(FLUSHER_PERIOD_NS);
        /* A kernel task runs with interrupts on; the cache, like a system
         * call, needs the kernel lock (block_cache.h), and the disk driver
         * gives it up while it waits for the drive. */
        kernel_lock();
        fs_lock();
        int result = block_cache_write_old(clock_tick_ns());
        fs_unlock();
        kernel_unlock();
        /* once per failure, not every second: the blocks stay dirty and
         * the next rounds try them again */
        if (result < 0 && last_result == 0)
            kprintf("flusher: writing dirty blocks failed (%d); they stay in memory\n", result);
        last_result = result;
    }
}

void block_cache_start_flusher(void)
{
    ASSERT(!flusher_task);                /* once */
    flusher_task = create_kernel_task("flusher", flusher_loop, 0);
    ASSERT(flusher_task);
}
