/* kernel/kinfo.c - SYS_kinfo: counters for leak tests (uapi/kinfo.h). */
#include "fs/disk_for_core.h"
#include "fs/file.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/multiplexing_for_core.h"
#include "fs/file_locks_for_core.h"
#include "ipc/ipc_list.h"
#include "ipc/messages_for_core.h"
#include "ipc/pipe.h"
#include "ipc/posix_ipc_for_core.h"
#include "ipc/sockets_for_core.h"
#include "ipc/sysv_ipc_for_core.h"
#include "ipc/timers_for_core.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/memory_object.h"
#include "mm/uaccess.h"
#include "net/net_for_core.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/kinfo.h"

/* A process's state is its liveliest thread's: running, else ready, else
 * blocked. */
static char state_letter(const struct process *process, const struct thread *only)
{
    if (process->state == PROCESS_ZOMBIE || !process->threads)
        return 'Z';
    char letter = 'B';
    for (const struct thread *thread = only ? only : process->threads; thread;
         thread = only ? 0 : thread->next_in_process) {
        if (thread->task.state == TASK_RUNNING)
            return 'R';
        if (thread->task.state == TASK_READY)
            letter = 'S';
    }
    return letter;
}

/* One entry: the process, seen through `thread` (its first thread when
 * one per process is asked for, with the CPU time of all of them). */
static void fill_entry(struct kinfo_process *entry, struct process *process, struct thread *thread,
                       int per_thread)
{
    memset(entry, 0, sizeof *entry);
    entry->pid = process->pid;
    entry->parent_pid = process->parent ? process->parent->pid : 0;
    entry->process_group = process->process_group;
    entry->state = state_letter(process, per_thread ? thread : 0);
    entry->threads = (int)process->thread_count;
    strlcpy(entry->name, process->name, sizeof entry->name);
    if (!thread)
        return;
    struct task *task = &thread->task;
    entry->tid = thread->tid;
    if (task->state == TASK_BLOCKED && task->wait_reason)
        strlcpy(entry->wait_reason, task->wait_reason, sizeof entry->wait_reason);
    if (task->state == TASK_BLOCKED && task->wait_describe)
        task->wait_describe(task->wait_object, entry->wait_object, sizeof entry->wait_object);
    if (per_thread) {
        entry->cpu_time_ns = task_cpu_time_ns(task);
    } else {
        for (struct thread *each = process->threads; each; each = each->next_in_process)
            entry->cpu_time_ns += task_cpu_time_ns(&each->task);
    }
    entry->level = task->level;
    entry->nice = task->nice;
    entry->voluntary_switches = task->voluntary_switches;
    entry->involuntary_switches = task->involuntary_switches;
    entry->policy = task->policy;
    entry->rt_priority = task->rt_priority;
    entry->cpu = (int)task->cpu;
}

/* Copies one struct kinfo_process per process (or per thread), as many as
 * fit. A process's entry shows its first thread (the one whose tid is the
 * pid, while it lives). */
static int list_processes(struct kinfo_process *user_array, uint32_t size, int per_thread)
{
    uint32_t written = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state == PROCESS_FREE)
            continue;
        struct thread *first = thread_of_process(process);   /* NULL for a zombie */
        struct thread *thread = per_thread && process->threads ? process->threads : first;
        for (;;) {
            if (written + sizeof(struct kinfo_process) > size)
                return (int)written;
            struct kinfo_process entry;
            fill_entry(&entry, process, thread, per_thread);
            if (copy_to_user((uint8_t *)user_array + written, &entry, sizeof entry) < 0)
                return -EFAULT;
            written += sizeof entry;
            if (!per_thread || !thread || !(thread = thread->next_in_process))
                break;
        }
    }
    return (int)written;
}

struct listing {
    uint8_t *user_array;
    uint32_t size, written;
    int failed;
};

static void emit_entry(struct listing *listing, const void *entry, uint32_t size)
{
    if (listing->failed || listing->written + size > listing->size)
        return;
    if (copy_to_user(listing->user_array + listing->written, entry, size) < 0)
        listing->failed = 1;
    listing->written += size;
}

static void emit_object(const struct kinfo_ipc_object *object, void *context)
{
    emit_entry(context, object, sizeof *object);
}

static void emit_memory_object(const struct kinfo_memory_object *object, void *context)
{
    emit_entry(context, object, sizeof *object);
}

/* Copies one struct kinfo_memory_object per live memory object, newest
 * first, as many as fit. */
static int list_memory_objects(void *user_array, uint32_t size)
{
    struct listing listing = { user_array, size, 0, 0 };
    memory_object_list(emit_memory_object, &listing);
    return listing.failed ? -EFAULT : (int)listing.written;
}

static void emit_record_lock(const struct kinfo_record_lock *lock, void *context)
{
    emit_entry(context, lock, sizeof *lock);
}

/* Copies one struct kinfo_record_lock per file lock held or waited for
 * (record locks, then flock's), as many as fit. */
static int list_record_locks(void *user_array, uint32_t size)
{
    struct listing listing = { user_array, size, 0, 0 };
    file_locks_list(emit_record_lock, &listing);
    return listing.failed ? -EFAULT : (int)listing.written;
}

/* Copies one struct kinfo_ipc_object per IPC object, as many as fit. */
static int list_ipc_objects(void *user_array, uint32_t size)
{
    struct listing listing = { user_array, size, 0, 0 };
    pipe_list_objects(emit_object, &listing);
    mbox_list_objects(emit_object, &listing);
    msg_list_inboxes(emit_object, &listing);
    sysv_msgq_list_objects(emit_object, &listing);
    sysv_sem_set_list_objects(emit_object, &listing);
    sysv_shm_list_objects(emit_object, &listing);
    posix_mq_list_objects(emit_object, &listing);
    socket_list_objects(emit_object, &listing);
    epoll_list_objects(emit_object, &listing);
    return listing.failed ? -EFAULT : (int)listing.written;
}

/* Copies the buffer cache's counters and the disks' sector counts (as much
 * of struct kinfo_block_cache as `size` holds). Context: kernel lock held;
 * never sleeps, so the numbers are of one moment. */
static int block_cache_info(void *user_buffer, uint32_t size)
{
    struct block_cache_stats stats;
    block_cache_get_stats(&stats);
    struct kinfo_block_cache info = {
        .capacity = stats.capacity,
        .in_use = stats.in_use,
        .dirty = stats.dirty,
        .hits = stats.hits,
        .misses = stats.misses,
        .writes = stats.writes,
    };
    block_device_sector_counts(&info.sectors_read, &info.sectors_written);
    if (size > sizeof info)
        size = sizeof info;
    return copy_to_user(user_buffer, &info, size) < 0 ? -EFAULT : (int)size;
}

/* Copies one struct kinfo_mount per mounted file system, as many as fit. */
static int list_mounts(struct kinfo_mount *user_array, uint32_t size)
{
    uint32_t written = 0;
    fs_lock();
    for (unsigned i = 0; i < MOUNTS_MAX && (written + 1) * sizeof *user_array <= size; i++) {
        struct file_system *fs = mount_at(i);
        if (!fs)
            continue;
        struct kinfo_mount entry;
        memset(&entry, 0, sizeof entry);
        strlcpy(entry.source, fs->source, sizeof entry.source);
        strlcpy(entry.type, fs->type, sizeof entry.type);
        if (mount_point_path(fs, entry.target, sizeof entry.target) < 0)
            strlcpy(entry.target, "?", sizeof entry.target);
        entry.flags = fs->flags;
        if (copy_to_user(user_array + written, &entry, sizeof entry) < 0) {
            fs_unlock();
            return -EFAULT;
        }
        written++;
    }
    fs_unlock();
    return (int)(written * sizeof *user_array);
}

#define NET_LIST_MAX 256            /* entries one kinfo call lists at most */

/* Copies the network's interfaces (KINFO_NET_INTERFACES) or Internet
 * sockets (KINFO_NET_SOCKETS), as many as fit: the bytes written. */
static int list_network(int what, void *user_buffer, uint32_t size)
{
    uint32_t entry_size = what == KINFO_NET_INTERFACES ? sizeof(struct kinfo_net_interface)
                                                      : sizeof(struct kinfo_net_socket);
    unsigned capacity = size / entry_size;
    if (capacity > NET_LIST_MAX)
        capacity = NET_LIST_MAX;
    if (capacity == 0)
        return 0;
    void *entries = kzalloc(capacity * entry_size);
    if (!entries)
        return -ENOMEM;
    unsigned count = what == KINFO_NET_INTERFACES ? net_interface_list(entries, capacity)
                                                  : inet_socket_list(entries, capacity);
    if (count > capacity)
        count = capacity;
    int result = copy_to_user(user_buffer, entries, count * entry_size) < 0 ? -EFAULT : (int)(count * entry_size);
    kfree(entries);
    return result;
}

int sys_kinfo(int what, void *user_buffer, uint32_t size)
{
    if (what == KINFO_NET_INTERFACES || what == KINFO_NET_SOCKETS)
        return list_network(what, user_buffer, size);
    if (what == KINFO_MOUNTS)
        return list_mounts(user_buffer, size);
    if (what == KINFO_BLOCK_CACHE)
        return block_cache_info(user_buffer, size);
    if (what == KINFO_IPC_OBJECTS)
        return list_ipc_objects(user_buffer, size);
    if (what == KINFO_MEMORY_OBJECTS)
        return list_memory_objects(user_buffer, size);
    if (what == KINFO_RECORD_LOCKS)
        return list_record_locks(user_buffer, size);
    if (what == KINFO_PROCESSES || what == KINFO_THREADS)
        return list_processes(user_buffer, size, what == KINFO_THREADS);
    if (what != KINFO_COUNTERS)
        return -EINVAL;
    task_wait_until_cleaned();             /* an ended task's stack is not a live object */
    struct kinfo_counters counters = {
        .free_frames = frame_free_count(),
        .total_frames = frame_total_count(),
        .heap_bytes_used = (unsigned)heap_bytes_in_use(),
        .processes = process_count(),
        .tasks = task_count(),
        .open_files = file_count(),
        .inodes = inode_count(),
        .pipes = pipe_count(),
        .mailboxes = mbox_count(),
        .held_messages = msg_queued_count(),
        .memory_objects = memory_object_count(),
        .sysv_msg_queues = sysv_msgq_count(),
        .sysv_sem_sets = sysv_sem_set_count(),
        .sysv_shm_segments = sysv_shm_segment_count(),
        .posix_message_queues = posix_mq_count(),
        .sockets = socket_count(),
        .inet_sockets = inet_socket_count(),
        .tcp_connections = tcp_connection_count(),
        .packets = packet_count(),
        .net_timers = net_timer_count(),
        .epoll_instances = epoll_count(),
        .epoll_entries = epoll_entry_count(),
        .posix_timers = posix_timer_total(),
        .cpus = (unsigned)cpu_count,
    };
    for (int cpu = 0; cpu < cpu_count; cpu++) {
        counters.calls_without_big_lock += cpus[cpu].calls_without_big_lock;
        counters.calls_given_to_big_lock += cpus[cpu].calls_given_to_big_lock;
        counters.signals_delivered_without_big_lock += cpus[cpu].signals_delivered_without_big_lock;
        counters.calls_done_after_taking_big_lock += cpus[cpu].calls_done_after_taking_big_lock;
        counters.x87_loads += cpus[cpu].x87_loads;
    }
    /* a program built when the struct was shorter gets the fields it knows */
    if (size > sizeof counters)
        size = sizeof counters;
    return copy_to_user(user_buffer, &counters, size) < 0 ? -EFAULT : (int)size;
}
