/* kernel/sched/scheduler.c - the scheduler of Brendan's multi-tasking
 * tutorial (OSDev wiki), steps 2 to 11, each marked where it lives.
 *
 * Where interrupts are on: in user mode, in kernel tasks, and in the idle
 * task. System calls run with interrupts off (int 0x80 is an interrupt
 * gate), so a process in the kernel is never preempted: it runs until it
 * returns to user mode or blocks. Kernel tasks are preemptible, and take
 * the scheduler lock (or a mutex) around what they share. */
#include "scheduler.h"

#include "arch/x86/cpu.h"
#include "clock.h"
#include "kernel/panic.h"
#include "switch.h"

/* Step 4: the ready list, FIFO: take from the front, append at the back. */
static struct task *first_ready_task, *last_ready_task;

/* Steps 7-8: postponed task switches. (This and the next three are not
 * static: the inline switch in switch.h reads them too.) */
uint32_t scheduler_postpone_depth;
static int switch_postponed;

/* Step 3: ticks that came since the last switch (update_time_used charges
 * them to the task that leaves). */
uint32_t scheduler_ticks_uncharged;

/* Step 10: the idle task runs when nothing else can. */
static struct task *idle_task;

/* Step 11: what remains of the running task's time slice (32 bits hold
 * 10 ms in ns, and every switch sets it: one store). */
int32_t scheduler_time_slice_remaining_ns = TIME_SLICE_NS;

uint64_t scheduler_switch_count;

void lock_stuff(void)
{
    lock_scheduler();
    scheduler_postpone_depth++;
}

void unlock_stuff(void)
{
    ASSERT(scheduler_postpone_depth > 0);
    if (--scheduler_postpone_depth == 0 && switch_postponed) {
        switch_postponed = 0;
        schedule();                /* the switch that was asked for meanwhile */
    }
    unlock_scheduler();
}

/* Step 3 (update_time_used) and step 1's bookkeeping are in switch.h. */

static void append_ready(struct task *task)
{
    task->state = TASK_READY;
    task->next = 0;
    if (last_ready_task)
        last_ready_task->next = task;
    else
        first_ready_task = task;
    last_ready_task = task;
}

void make_task_ready(struct task *task)
{
    lock_scheduler();
    append_ready(task);
    unlock_scheduler();
}

/* Step 1/4: hands the CPU to `next`. The task switched away from, if still
 * runnable, goes to the back of the ready list (the idle task never does:
 * it runs only when the list is empty). Inline in each caller: the
 * message-passing hand-off counts every call. */
static inline __attribute__((always_inline)) void switch_to(struct task *next)
{
    struct task *previous = current_task;
    update_time_used();
    if (previous == idle_task)
        previous->state = TASK_READY;          /* runnable, but on no list */
    else if (previous->state == TASK_RUNNING)
        append_ready(previous);
    switch_to_next(next);
}

void schedule(void)
{
    ASSERT(scheduler_lock_held());
    if (scheduler_postpone_depth != 0) {         /* steps 7-8: not now; at unlock_stuff */
        switch_postponed = 1;
        return;
    }
    struct task *next = first_ready_task;
    if (next) {
        first_ready_task = next->next;
        if (!first_ready_task)
            last_ready_task = 0;
        switch_to(next);
    } else if (current_task->state != TASK_RUNNING && current_task != idle_task) {
        switch_to(idle_task);          /* step 10: nothing can run */
    }
}

void block_task(const char *reason)
{
    current_task->state = TASK_BLOCKED;   /* under the caller's lock: schedule() checks */
    current_task->wait_reason = reason;
    schedule();
}

void block_and_switch_to(struct task *next, const char *reason)
{
    ASSERT(scheduler_lock_held());
    if (next->state == TASK_READY) {             /* already queued: take it off */
        struct task **link = &first_ready_task, *previous = 0;
        while (*link && *link != next) {
            previous = *link;
            link = &(*link)->next;
        }
        if (*link) {
            *link = next->next;
            if (last_ready_task == next)
                last_ready_task = previous;
        }
    } else if (next->state == TASK_BLOCKED) {
        next->wait_reason = 0;
    } else {
        block_task(reason);                      /* it is running or gone: no hand-off */
        return;
    }
    current_task->state = TASK_BLOCKED;
    current_task->wait_reason = reason;
    if (scheduler_postpone_depth != 0) {
        append_ready(next);
        switch_postponed = 1;
        return;
    }
    switch_to(next);
}

void unblock_task_locked(struct task *task)
{
    ASSERT(scheduler_lock_held());
    if (task->state == TASK_BLOCKED) {
        task->wait_reason = 0;
        append_ready(task);            /* first on a list, never switched to directly */
        if (current_task == idle_task)
            schedule();                /* the CPU was idle: run it now */
    }
}

void unblock_task(struct task *task)
{
    lock_scheduler();
    unblock_task_locked(task);
    unlock_scheduler();
}

void yield(void)
{
    lock_scheduler();
    schedule();
    unlock_scheduler();
}

/* Step 11: preemption. Called from the timer interrupt inside lock_stuff,
 * after the end-of-interrupt was sent, so the switch happens at unlock_stuff. */
void scheduler_tick(void)
{
    scheduler_ticks_uncharged++;       /* step 3: the running task's, at the next switch */
    if (!first_ready_task || current_task == idle_task) {
        scheduler_time_slice_remaining_ns = TIME_SLICE_NS;   /* nobody to share with */
        return;
    }
    scheduler_time_slice_remaining_ns -= (int32_t)NS_PER_CLOCK_TICK;
    if (scheduler_time_slice_remaining_ns <= 0)
        schedule();
}

/* Step 10: halts with interrupts enabled until something becomes ready;
 * unblock_task then switches away from here. */
static void idle_loop(void *unused)
{
    (void)unused;
    for (;;)
        cpu_enable_interrupts_and_halt();
}

void start_idle_task(void)
{
    idle_task = create_kernel_task("idle", idle_loop, 0);
    ASSERT(idle_task);
    /* created ready: take it off the list again, it is chosen only when
     * the list is empty */
    lock_scheduler();
    struct task **link = &first_ready_task;
    while (*link != idle_task)
        link = &(*link)->next;
    *link = idle_task->next;
    if (last_ready_task == idle_task) {
        last_ready_task = first_ready_task;
        while (last_ready_task && last_ready_task->next)
            last_ready_task = last_ready_task->next;
    }
    idle_task->state = TASK_READY;
    scheduler_ticks_uncharged = 0;     /* step 3 counts from here */
    unlock_scheduler();
}

uint64_t idle_time_ns(void)
{
    lock_scheduler();
    uint64_t total = idle_task->cpu_time_ns;
    if (current_task == idle_task)
        total += (uint64_t)scheduler_ticks_uncharged * NS_PER_CLOCK_TICK;
    unlock_scheduler();
    return total;
}

uint64_t task_cpu_time_ns(struct task *task)
{
    lock_scheduler();
    uint64_t total = task->cpu_time_ns;
    if (task == current_task)
        total += (uint64_t)scheduler_ticks_uncharged * NS_PER_CLOCK_TICK;   /* the slice so far */
    unlock_scheduler();
    return total;
}

uint64_t task_switch_count(void)
{
    return scheduler_switch_count;
}
