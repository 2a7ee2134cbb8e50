/* kernel/kinfo.c - SYS_kinfo: counters for leak tests (uapi/kinfo.h). */
#include "fs/file.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/kinfo.h"

int sys_kinfo(int what, void *user_buffer, uint32_t size)
{
    if (what != KINFO_COUNTERS)
        return -EINVAL;
    struct kinfo_counters counters = {
        .free_frames = frame_free_count(),
        .total_frames = frame_total_count(),
        .heap_bytes_used = (unsigned)heap_bytes_in_use(),
        .processes = process_count(),
        .tasks = task_count(),
        .open_files = file_count(),
    };
    if (size < sizeof counters)
        return -EINVAL;
    return copy_to_user(user_buffer, &counters, sizeof counters) < 0 ? -EFAULT : (int)sizeof counters;
}
