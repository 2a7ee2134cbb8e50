/* kernel/sched/task.c - creating and ending tasks (Brendan's steps 1, 2, 12). */
#include "task.h"

#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/thread.h"
#include "lookup.h"
#include "mlfq.h"
#include "realtime_for_core.h"
#include "scheduler.h"
#include "uapi/sched.h"
#include "wait_queue.h"
#include "x87_lazy.h"

/* Until initialise_multitasking makes the boot code a task, it runs as
 * a stand-in (one per CPU): the kernel lock keeps its state in the
 * running task. */
static struct task before_multitasking[CPU_MAX];
struct task *all_tasks;

static uint32_t next_task_id = 1;
static unsigned live_task_count;
static struct task *terminated_tasks;   /* waiting for the cleaner, through `next` */
static struct task *cleaner_task;
static struct wait_queue cleaned = WAIT_QUEUE_INITIALIZER;   /* task_wait_until_cleaned */

static struct task *allocate_task(unsigned control_block_size, const char *name)
{
    struct task *task = kzalloc(control_block_size);
    if (!task)
        return 0;
    task->id = next_task_id++;
    strlcpy(task->name, name, sizeof task->name);
    mlfq_start_task(task, 0);               /* level 0, a full slice, nice 0 */
    task->cpu_affinity = KERNEL_CPUS_ANY;   /* every CPU */
    kernel_lock();
    task->all_next = all_tasks;
    all_tasks = task;
    live_task_count++;
    kernel_unlock();
    return task;
}

void task_use_stand_in(void)
{
    struct cpu *cpu = this_cpu();
    before_multitasking[cpu->index].cpu = cpu->index;
    this_cpu_set_current(&before_multitasking[cpu->index]);
}

void initialise_multitasking(void)
{
    extern char boot_stack_top[];            /* boot/multiboot.asm */
    struct task *boot = allocate_task(sizeof(struct task), "boot");
    ASSERT(boot);
    x87_keep_clean_state();                      /* the boot code just ran fninit */
    boot->state = TASK_RUNNING;
    boot->page_directory = paging_kernel_directory();
    boot->kernel_stack_top = (uint32_t)boot_stack_top;
    this_cpu_set_current(boot);
}

struct task *create_task_with_stack(unsigned control_block_size, const char *name, uint32_t page_directory,
                                    void (*first_return)(void), uint32_t return_into,
                                    const void *stack_contents, uint32_t stack_contents_size)
{
    struct task *task = allocate_task(control_block_size, name);
    if (!task)
        return 0;
    task->kernel_stack = kmalloc(KERNEL_STACK_SIZE);
    if (!task->kernel_stack) {
        kernel_lock();
        struct task **link = &all_tasks;
        while (*link != task)
            link = &(*link)->all_next;
        *link = task->all_next;
        live_task_count--;
        kernel_unlock();
        kfree(task);
        return 0;
    }
    task->kernel_stack_top = (uint32_t)task->kernel_stack + KERNEL_STACK_SIZE;
    task->page_directory = page_directory;
    x87_give_clean_state(task);
    task->state = TASK_BLOCKED;
    task->wait_reason = "being created";

    /* Build the stack switch_to_task expects to find (top down):
     *   stack_contents            what return_into finds above it, if anything
     *   return_into               where first_return returns (0: it never does)
     *   first_return              popped by switch_to_task's `ret`
     *   ebx esi edi ebp = 0       popped by switch_to_task; ebp 0 ends backtraces
     */
    uint8_t *top = (uint8_t *)task->kernel_stack_top - stack_contents_size;
    if (stack_contents_size)
        memcpy(top, stack_contents, stack_contents_size);   /* a kernel task has none (NULL) */
    uint32_t *stack = (uint32_t *)top;
    *--stack = return_into;
    *--stack = (uint32_t)first_return;
    for (int i = 0; i < 4; i++)
        *--stack = 0;
    task->saved_esp = (uint32_t)stack;
    /* It starts inside the scheduler, which holds the lock once; its
     * start-up function releases it, with interrupts on afterwards. */
    task->lock_depth = 1;
    task->lock_saved_flags = EFLAGS_INTERRUPT_ENABLE;
    task->holds_big_lock = 1;                /* ... and, on several CPUs, the big kernel lock */
    return task;
}

void task_start_user_thread(struct task *task, const struct task *creator)
{
    task->lock_saved_flags = 0;                  /* interrupts stay off until the iret */
    mlfq_start_task(task, creator->nice);        /* a new thread or child keeps the nice (POSIX) */
    rt_start_task(task, creator);                /* ... and its scheduling class (Linux) */
    task->cpu_affinity = creator->cpu_affinity;  /* ... and its CPU affinity (Linux) */
    make_task_ready(task);
}

/* The first code a kernel task runs: step 2's start-up function. */
static void kernel_task_start(void)
{
    kernel_unlock();
    current_task->entry(current_task->entry_argument);
    terminate_task();
}

struct task *create_kernel_task(const char *name, void (*entry)(void *), void *argument)
{
    struct task *task = create_task_with_stack(sizeof(struct task), name, paging_kernel_directory(), kernel_task_start,
                                               0, 0, 0);   /* kernel_task_start never returns */
    if (!task)
        return 0;
    task->entry = entry;
    task->entry_argument = argument;
    make_task_ready(task);
    return task;
}

void terminate_task(void)
{
    kernel_lock();
    current_task->state = TASK_TERMINATED;
    rt_task_ends(current_task);
    current_task->next = terminated_tasks;
    terminated_tasks = current_task;
    if (cleaner_task->state == TASK_BLOCKED)
        unblock_task(cleaner_task);
    schedule();                       /* never comes back: nobody readies us */
    panic("terminated task %u was scheduled again", current_task->id);
}

/* Step 12: a task cannot free the stack it is running on, so the cleaner
 * frees terminated tasks' stacks and control blocks. */
static void cleaner_loop(void *unused)
{
    (void)unused;
    for (;;) {
        kernel_lock();
        /* a lookup without the big lock on another CPU may have found one
         * of these threads just before it left the thread table: let it
         * end first (sched/lookup.h) */
        if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && terminated_tasks)
            lookups_wait();
        while (terminated_tasks) {
            struct task *task = terminated_tasks;
            terminated_tasks = task->next;
            struct task **link = &all_tasks;
            while (*link != task)
                link = &(*link)->all_next;
            *link = task->all_next;
            live_task_count--;
            kfree(task->kernel_stack);
            kfree(task);
        }
        wait_queue_wake_all(&cleaned);
        block_task("nothing to clean");
        kernel_unlock();
    }
}

void start_cleaner_task(void)
{
    cleaner_task = create_kernel_task("cleaner", cleaner_loop, 0);
    ASSERT(cleaner_task);
}

void task_wait_until_cleaned(void)
{
    while (terminated_tasks) {
        if (cleaner_task->state == TASK_BLOCKED)
            unblock_task_locked(cleaner_task);
        wait_queue_sleep(&cleaned, "cleaner", 0, WAIT_UNINTERRUPTIBLE);
    }
}

unsigned task_count(void)
{
    return live_task_count;
}
