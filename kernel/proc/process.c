/* kernel/proc/process.c - the process table and the first process. */
#include "process.h"

#include "arch/x86/gdt.h"
#include "arch/x86/trap_frame.h"
#include "drivers/console.h"
#include "exec.h"
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/heap.h"
#include "sched/mlfq.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* Slot = pid % MAX_PROCESSES, and a new pid is only given out when its slot
 * is free, so finding a process by pid is one array access. */
struct process process_table[MAX_PROCESSES];   /* process_find, in process.h */
#define PID_MAX 32767
static int next_pid = 1;
static unsigned used_slots;

struct process *process_slot(int slot)
{
    return &process_table[slot];
}

struct process *process_allocate(void)
{
    if (used_slots == MAX_PROCESSES)
        return 0;
    while (process_table[next_pid % MAX_PROCESSES].state != PROCESS_FREE)
        next_pid++;
    struct process *process = &process_table[next_pid % MAX_PROCESSES];
    memset(process, 0, sizeof *process);
    process->pid = next_pid;
    next_pid = next_pid == PID_MAX ? 2 : next_pid + 1;   /* pids wrap, skipping 1 */
    process->state = PROCESS_ALIVE;
    wait_queue_init(&process->child_changed);
    msg_port_init(&process->msg_port);
    process->cwd = vfs_root();
    process->cwd->open_count++;
    used_slots++;
    return process;
}

void process_free(struct process *process)
{
    if (process->cwd) {                 /* a process that never ran (fork failed) */
        process->cwd->open_count--;
        inode_release_if_unused(process->cwd);
        process->cwd = 0;
    }
    process->state = PROCESS_FREE;
    used_slots--;
}

unsigned process_count(void)
{
    return used_slots;
}

/* A new user task's first code: the scheduler is released and the
 * function returns into trap_return, right above it on the stack, which
 * restores the frame and enters user mode. */
static void user_task_start(void)
{
    unlock_scheduler();
}

int process_create_task(struct process *process, const struct trap_frame *frame)
{
    extern void trap_return(void);               /* arch/x86/trap_entry.asm */
    struct {
        uint32_t return_into;                    /* where user_task_start returns */
        struct trap_frame frame;
    } __attribute__((packed)) start = { (uint32_t)trap_return, *frame };

    struct task *task = create_task_with_stack(process->name, process->address_space->page_directory,
                                               user_task_start, &start, sizeof start);
    if (!task)
        return -ENOMEM;
    task->lock_saved_flags = 0;      /* interrupts stay off until the iret */
    task->process = process;
    process->task = task;
    mlfq_start_task(task, current_task->nice);   /* a child keeps its parent's nice (POSIX) */
    make_task_ready(task);
    return 0;
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
    console->references = 3;
    init->process_group = init->session = 1;

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
