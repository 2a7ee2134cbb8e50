/* kernel/proc/process.c - the process table and the first process. */
#include "process.h"

#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap_frame.h"
#include "users_for_core.h"
#include "drivers/console.h"
#include "exec.h"
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "limits.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/heap.h"
#include "ipc/signal.h"
#include "sched/clock.h"
#include "sched/lookup.h"
#include "sched/mlfq.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "thread.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* Slot = pid % MAX_PROCESSES, and a new pid is only given out when its slot
 * is free, so finding a process by pid is one array access. Pids and tids
 * are one space (thread_id_allocate, thread.c). */
struct process process_table[MAX_PROCESSES];   /* process_find, in process.h */
static unsigned used_slots;

struct process *process_slot(int slot)
{
    return &process_table[slot];
}

static uint32_t next_serial = 1;

struct process *process_allocate(void)
{
    int pid = thread_id_allocate(1);
    if (!pid)
        return 0;
    struct process *process = &process_table[pid % MAX_PROCESSES];
    memset(process, 0, sizeof *process);
    process->pid = pid;
    process->serial = next_serial++;
    process->start_ns = clock_now_ns();
    process->state = PROCESS_ALIVE;
    signal_process_start(process);
    descriptor_table_start(process);
    wait_queue_init(&process->child_changed);
    wait_queue_init(&process->threads_changed);
    process->cwd = vfs_root();
    process->cwd->open_count++;
    used_slots++;
    return process;
}

/* The ids of groups and sessions that outlived their leader: at most one
 * per process slot, as each has a member. Usually none, so a new pid
 * costs one test. */
static int outliving_ids[MAX_PROCESSES];
static unsigned outliving_count;

/* Whether a process has `id` as its group or session. */
static int id_is_named(int id)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        const struct process *process = &process_table[slot];
        if (process->state != PROCESS_FREE && (process->process_group == id || process->session == id))
            return 1;
    }
    return 0;
}

int process_id_names_a_group(int id)
{
    for (unsigned i = 0; i < outliving_count; i++) {
        if (outliving_ids[i] != id)
            continue;
        if (id_is_named(id))
            return 1;
        outliving_ids[i] = outliving_ids[--outliving_count];   /* its last member is gone */
        return 0;
    }
    return 0;
}

void process_free(struct process *process)
{
    if (process->cwd) {                 /* a process that never ran (fork failed) */
        inode_close(process->cwd);
        process->cwd = 0;
    }
    process->state = PROCESS_FREE;
    used_slots--;
    if (process->named_a_group && outliving_count < MAX_PROCESSES && id_is_named(process->pid))
        outliving_ids[outliving_count++] = process->pid;
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        lookups_wait();                 /* a sender without the big lock may have found it (signal_without_big_lock.c) */
}

unsigned process_count(void)
{
    return used_slots;
}

int process_create_task(struct process *process, const struct trap_frame *frame)
{
    return thread_start(process, process->pid, frame) ? 0 : -ENOMEM;
}

int process_start_init(const char *path, const char *const *arguments)
{
    struct process *init = process_allocate();
    ASSERT(init && init->pid == 1);
    struct file *console = console_open(O_RDWR);
    if (!console)
        return -ENOMEM;
    init->files[0] = console;
    init->files[1] = console;
    init->files[2] = console;
    init->files_end = 3;
    console->references = 3;
    init->process_group = init->session = 1;
    init->named_a_group = 1;
    init->umask = UMASK_DEFAULT;              /* its ids are root's: 0 */
    limits_set_defaults(init);

    static const char *const no_environment[] = { "PATH=/bin", "HOME=/", 0 };
    struct trap_frame frame;
    int result = exec_into(init, path, arguments, no_environment, &frame);
    if (result < 0) {
        descriptor_close_all(init);
        process_free(init);
        return result;
    }
    return process_create_task(init, &frame);
}
