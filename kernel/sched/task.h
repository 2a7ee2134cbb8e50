/* kernel/sched/task.h - the task control block (Brendan's tutorial, step 1)
 * and the operations on tasks. A task is a thread of execution with its own
 * kernel stack; a user thread (kernel/proc/thread.h) is a task and more, and
 * a process (kernel/proc/process.h) is an address space, descriptors and
 * one or more threads. */
#ifndef KERNEL_SCHED_TASK_H
#define KERNEL_SCHED_TASK_H

#include <stdint.h>

#include "arch/x86/per_cpu.h"
#include "arch/x86/trap_frame.h"

enum task_state {
    TASK_RUNNING,      /* on the CPU: current_task, on no list */
    TASK_READY,        /* on the ready list */
    TASK_BLOCKED,      /* waiting: wait_reason (below) says for what */
    TASK_TERMINATED,   /* on the terminated list, for the cleaner */
    TASK_WAKING,       /* several CPUs: woken, on its way to another CPU's queue */
};

struct wait_queue;
struct process;

/* user_work_pending's bits: what the way back to user mode must do first
 * (arch/x86/trap.c, return_to_user_work). */
#define TASK_WORK_SIGNAL     0x1u   /* a signal may be deliverable: never clear while
                                     * one is (kernel/ipc/signal.c keeps it so) */
#define TASK_WORK_RESCHEDULE 0x2u   /* a task of a higher level became ready while this
                                     * one ran: switch to it (wake-up preemption) */
#define TASK_WORK_CANCEL     0x4u   /* cancelled in a cancellation point: its waits end
                                     * (kernel/proc/thread_cancel.c clears it on the way out) */
#define TASK_WORK_CANCEL_NOW 0x8u   /* cancelled while its cancellation is asynchronous: its
                                     * waits end, and it goes into its library's cancellation
                                     * path instead of where it was (thread_cancel.c) */
#define TASK_WORK_SINGLE_STEP 0x10u /* its sysenter came with TF on: TF goes back into
                                     * the frame it returns through (arch/x86/sysenter.c) */

struct task {
    /* These four are read by assembly at fixed offsets (switch_to_task.asm,
     * trap_entry.asm): keep them first and in this order. */
    uint32_t saved_esp;             /* kernel stack pointer while not running */
    uint32_t page_directory;        /* physical address loaded into CR3 */
    uint32_t kernel_stack_top;      /* loaded into the TSS's esp0 */
    volatile uint32_t user_work_pending;  /* nonzero: something to do before user mode
                                           * (TASK_WORK_* above) */

    /* The ready list, the sleeping list and the terminated list all link
     * through `next`: a task is on at most one of them, because each goes
     * with a different state (ready, blocked asleep, terminated). */
    struct task *next;
    enum task_state state;

    uint32_t id;
    char name[16];
    /* Step 3: the time it ran, in counts of the time-stamp counter (its
     * CPU time: task_cpu_time_ns). While it runs, what it ran before less
     * the counter when it began (below 0: the counter has counted more
     * since boot than any task ran); the switch away adds the counter
     * back (switch.h: charge_switch). */
    int64_t ran_timestamps;
    int64_t slice_charged_timestamps;   /* what it had run when its slice was last charged */
    uint32_t voluntary_switches;    /* times it left the CPU to wait (or ended) */
    uint32_t involuntary_switches;  /* times it left it still runnable: preempted, yielded */

    /* The scheduling policy's state (kernel/sched/mlfq.h). */
    uint8_t level;                  /* 0 (runs first) .. MLFQ_LEVELS - 1 */
    int8_t nice;                    /* -20 .. 19: how long its slices are */
    int32_t slice_ns_left;          /* rule 4: of its slice at this level, across waits;
                                     * SCHED_RR: of its real-time slice */
    /* Its scheduling class (kernel/sched/realtime.h): a task with an
     * rt_priority (1..99, SCHED_FIFO or SCHED_RR) waits on the real-time
     * ready list and runs before every task of the feedback queue. */
    uint8_t policy;                 /* SCHED_OTHER, SCHED_FIFO, ... (uapi/sched.h) */
    uint8_t rt_priority;            /* 1..99 for SCHED_FIFO and SCHED_RR, else 0 */
    uint8_t reset_on_fork;          /* SCHED_RESET_ON_FORK: its children start as SCHED_OTHER */
    uint32_t cpu_affinity;          /* the CPUs it may run on, bit n for CPU n (affinity.c);
                                     * inherited by fork and thread_create */
    uint32_t cpu;                   /* the CPU it runs on, or last ran on (ps's PSR) */
    /* Several CPUs (scheduler_finish_switch): whether it held the big
     * kernel lock when it last left the CPU, to hold it again when it
     * comes back; and 1 from the end of the switch to it until the end of
     * the switch away from it. A real-time task goes back on the one
     * real-time list before it is off its CPU: no other CPU takes it
     * while this is 1 (smp_sched.c). */
    uint8_t holds_big_lock;
    volatile uint8_t on_cpu;
    /* Several CPUs: 1 asks its next wake-up to put it on the waker's CPU
     * (if its affinity allows) rather than where smp_sched.c would: a
     * message call that moves its peer to its own CPU and sleeps (ipc/
     * msg_without_big_lock.c). Set by the waker, cleared by the wake. */
    uint8_t wake_onto_waker;
    uint64_t wake_time_ns;          /* step 9: while on the sleeping list */
    int on_sleeping_list;

    /* Wait queues (wait_queue.c) link through these, separately from
     * `next`: a task waiting with a deadline is on a queue and on the
     * sleeping list at once. */
    struct wait_queue *waiting_on;
    struct task *wait_previous, *wait_next;
    int wake_result;                /* WAKE_* of wait_queue.h */
    int wait_interruptible;         /* a signal may end the wait */
    /* What a blocked task waits on, for ps, the trace and the debugger
     * only (kernel/kinfo.c, kernel/trace.c): the reason ("sleeping", "pipe
     * read", ...), the object and how to name it ("pipe 3", "mailbox
     * printer", "process 7"). Set just before waiting (block_task,
     * wait_queue_say_object), cleared when the wait ends; the scheduler
     * decides nothing by them. */
    const char *wait_reason;
    const void *wait_object;
    void (*wait_describe)(const void *object, char *buffer, unsigned size);

    /* Step 5: the kernel lock's state belongs to the task that holds
     * it (kernel_lock in scheduler.h), so it lives here and a switch
     * has nothing to put aside: how deep the task holds the lock, and the
     * interrupt flag its outermost unlock restores. */
    uint32_t lock_depth;
    uint32_t lock_saved_flags;

    uint8_t fpu_state[108];         /* x87 registers while not running (FPU_STATE_SIZE) */

    void *kernel_stack;             /* the allocation; freed by the cleaner */
    void (*entry)(void *argument);  /* kernel tasks: what to run */
    void *entry_argument;
    struct process *process;        /* NULL for kernel tasks */
    struct task *all_next;          /* every live task, for ps and the debugger */
};

#define KERNEL_STACK_SIZE 8192

/* The offsets assembly reads (arch/x86/switch_to_task.asm, trap_entry.asm):
 * a field moved above breaks the build here, not the machine. */
_Static_assert(__builtin_offsetof(struct task, saved_esp) == 0, "TASK_SAVED_ESP in switch_to_task.asm");
_Static_assert(__builtin_offsetof(struct task, page_directory) == 4, "TASK_PAGE_DIRECTORY in switch_to_task.asm");
_Static_assert(__builtin_offsetof(struct task, kernel_stack_top) == 8,
               "TASK_KERNEL_STACK_TOP in switch_to_task.asm");
_Static_assert(__builtin_offsetof(struct task, user_work_pending) == 12,
               "TASK_USER_WORK_PENDING in trap_entry.asm");

/* Sets or clears `bits` of task->user_work_pending, the only ways to
 * change it. One atomic step each: another CPU may set a bit of the same
 * word meanwhile (a waker's TASK_WORK_RESCHEDULE, a signal's sender
 * without the big lock), which a plain `|=`, a load and a store, could
 * write over. Relaxed: who must see the bit in order says so with a
 * fence of its own (ipc/signal.c). Context: any. */
static inline void task_work_set(struct task *task, uint32_t bits)
{
    __atomic_fetch_or(&task->user_work_pending, bits, __ATOMIC_RELAXED);
}

static inline void task_work_clear(struct task *task, uint32_t bits)
{
    __atomic_fetch_and(&task->user_work_pending, ~bits, __ATOMIC_RELAXED);
}

/* The running task: the one this CPU runs (per_cpu.h), which is the
 * same task wherever it runs. */
#define current_task (this_cpu_current())
extern struct task *all_tasks;      /* list through all_next */

/* May `task` run on the CPU that runs this? (Its affinity, affinity.c.)
 * Context: interrupts off. */
static inline int task_may_run_here(const struct task *task)
{
    return (task->cpu_affinity >> this_cpu()->index) & 1;
}

/* The frame a user thread's task entered the kernel with, at the top of
 * its kernel stack (arch/x86/trap_frame.h): a process enters only from
 * user mode, so this is where its system call or interrupt returns to
 * user mode (and what a new thread's first run returns through). */
static inline struct trap_frame *task_user_frame(const struct task *task)
{
    return (struct trap_frame *)(task->kernel_stack_top - sizeof(struct trap_frame));
}

/* Until initialise_multitasking, the code that runs on a CPU is a
 * stand-in task (the kernel lock keeps its state in the running task):
 * call first thing on each CPU, once its per-CPU segment is loaded. */
void task_use_stand_in(void);

/* Step 1: makes the code that booted the kernel the first task ("boot"). */
void initialise_multitasking(void);

/* Step 1/2: a kernel task that runs entry(argument) and terminates when it
 * returns. Returns NULL when memory ran out. Starts READY. */
struct task *create_kernel_task(const char *name, void (*entry)(void *), void *argument);

/* A task whose first run returns through `first_return` into
 * `return_into`, with the given stack contents above it (for user
 * threads: trap_return and a trap frame, kernel/proc/thread.c). Its
 * control block is `control_block_size` bytes, zeroed: sizeof(struct task),
 * or the size of a structure that begins with one (struct thread). The new
 * task is not made ready; the caller does that with make_task_ready. */
struct task *create_task_with_stack(unsigned control_block_size, const char *name, uint32_t page_directory,
                                    void (*first_return)(void), uint32_t return_into,
                                    const void *stack_contents, uint32_t stack_contents_size);

/* Starts `task`, a user thread's task made by create_task_with_stack
 * whose first run returns to user mode through an iret (interrupts stay
 * off until then): it keeps `creator`'s nice value (POSIX), scheduling
 * class and CPU affinity (Linux), as a new thread or a fork child does,
 * and is made ready. Context: kernel lock held (a system call). */
void task_start_user_thread(struct task *task, const struct task *creator);

/* Step 12: ends the running task; the cleaner frees its stack. Never returns. */
void terminate_task(void) __attribute__((noreturn));

/* Starts the cleaner task (call once after initialise_multitasking). */
void start_cleaner_task(void);

/* Returns once the cleaner has freed every task that ended before (on
 * several CPUs it runs beside the caller): the counters of kinfo then
 * count no task that is gone. Context: a system call, kernel lock held;
 * sleeps. */
void task_wait_until_cleaned(void);

/* How many tasks exist (not yet freed by the cleaner). */
unsigned task_count(void);

#endif
