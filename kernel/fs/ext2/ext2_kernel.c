/* kernel/fs/ext2/ext2_kernel.c - what ext2 asks of the rest of the kernel:
 * the time, the caller's user memory, and whether the caller is root.
 * Kept apart so that the host test (tests/unit/ext2_host.c) can give its
 * own answers and run the file system on a disk image. */
#include "ext2_internal.h"

#include "lib/string.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "sched/clock.h"
#include "sched/task.h"

uint32_t ext2_now(void)
{
    return (uint32_t)clock_realtime_seconds();
}

/* The blocks s_r_blocks_count keeps back are root's (and the kernel's own,
 * when no process is behind the call): so that root can still work on a
 * disk that users filled. */
int ext2_may_use_reserved_blocks(void)
{
    return current_task->process == 0 || credentials_is_root(current_task->process);
}

int ext2_copy_out(void *destination, const void *source, uint32_t size, int to_user)
{
    if (to_user)
        return copy_to_user(destination, source, size);
    memcpy(destination, source, size);
    return 0;
}

int ext2_copy_in(void *destination, const void *user_source, uint32_t size)
{
    return copy_from_user(destination, user_source, size);
}
