/* kernel/sched/scheduler.c - the scheduler of Brendan's multi-tasking
 * tutorial (OSDev wiki), steps 2 to 11, each marked where it lives, with
 * the policy that chooses among ready tasks in mlfq.h / mlfq.c (a
 * multi-level feedback queue). The tutorial's one ready list is the
 * policy's set of lists; schedule() still takes "the first ready task".
 *
 * Where interrupts are on: in user mode, in kernel tasks, and in the idle
 * task. System calls run with interrupts off (int 0x80 is an interrupt
 * gate), so a process in the kernel is never preempted: it runs until it
 * returns to user mode or blocks. A wake-up that should preempt it only
 * leaves a note (TASK_WORK_RESCHEDULE), and the way out of the system call
 * or interrupt switches (scheduler_preempt). Kernel tasks are
 * preemptible, and take the kernel lock (or a mutex) around what they
 * share. */
#include "scheduler.h"

#include "arch/x86/cache_line.h"
#include "arch/x86/cpu.h"
#include "clock.h"
#include "kernel/panic.h"
#include "mlfq.h"
#include "ready.h"
#include "run_queue_lock.h"
#include "arch/x86/smp_for_core.h"
#include "switch.h"

/* Step 10: the idle task runs when nothing else can; each CPU has its
 * own (per_cpu.h), read in one instruction. */
#define idle_task ((struct task *)this_cpu_read(idle))

/* Rule 5 of the policy (mlfq.h): ticks until the next boost. */
static uint32_t ticks_until_boost = MLFQ_BOOST_TICKS;

/* The switch (switch.h): several CPUs set switch_to_task_on_several_cpus
 * as they start running tasks (smp_run_other_cpus). */
READ_MOSTLY void (*switch_to_task_now)(struct task *next) = switch_to_task;

/* Steps 7-8: postponed task switches, each CPU's own (per_cpu.h:
 * postpone_depth, switch_postponed). */
void lock_stuff(void)
{
    kernel_lock();
    this_cpu()->postpone_depth++;
}

void unlock_stuff(void)
{
    struct cpu *here = this_cpu();
    ASSERT(here->postpone_depth > 0);
    if (--here->postpone_depth == 0 && here->switch_postponed) {
        here->switch_postponed = 0;
        schedule();                /* the switch that was asked for meanwhile */
    }
    kernel_unlock();
}

/* Rule 1 of the policy: `task` has just become ready; if it outranks the
 * running task, the running task should give up the CPU. The idle task
 * does so at once (it is in no system call); anyone else at the next safe
 * point, the way out of its system call or interrupt (scheduler_preempt).
 * One CPU only: with several, smp_make_ready decides (smp_sched.c). */
static inline void preempt_if_outranked(struct task *task)
{
    struct task *running = current_task;
    if (running == idle_task)
        schedule();
    else if (ready_outranks(task, running))
        task_work_set(running, TASK_WORK_RESCHEDULE);
}

/* A new task does not take the CPU from the task that made it, whatever
 * their levels: fork returns in the parent first, as on Linux, and the
 * child runs when the parent blocks or its slice ends. (A parent that
 * forks several children expects to finish forking them.) With several
 * CPUs it goes where it runs soonest, maybe at once on an idle CPU. */
void make_task_ready(struct task *task)
{
    kernel_lock();
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        smp_wake(task, READY_TURN, 0);   /* it is blocked, "being created" */
    else
        ready_append(task, READY_TURN); /* rule 3: a new task, at level 0 */
    kernel_unlock();
}

/* Where schedule() looks for the next task: `all_classes` is 0 while no
 * task is in a real-time class (rt_task_count, realtime.h) and one CPU
 * runs tasks, so that the feedback queue alone answers, as before the
 * classes (its one queue is CPU 0's); 1 otherwise: the real-time list
 * comes first (ready.h), and with several CPUs the first task that may
 * run on this one, from its own queue or, if that has none, from
 * another's (smp_sched.c). */
static inline struct task *take_first(int all_classes)
{
    if (all_classes && __builtin_expect(big_kernel_lock_in_use != 0, 0))
        return smp_take_first_outranking(0);
    return all_classes ? ready_take_first() : mlfq_take_first(&mlfq_queues[0]);
}

/* The running task's turn is over: to the back of its level, here; with
 * several CPUs, onto another CPU's queue if its affinity no longer lets
 * it run here (smp_give_away: once it is off this CPU). */
static inline void append_turn(struct task *task, int all_classes)
{
    if (!all_classes)
        mlfq_append_to(&mlfq_queues[0], task, READY_TURN);   /* one CPU: its queue */
    else if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && !task_may_run_here(task))
        smp_give_away(task);
    else
        ready_append(task, READY_TURN);
}

/* Steps 1, 2 and 4: the running task, if still runnable, goes to the back
 * of its level (policy rule 2), and the first ready task runs: with
 * nothing else ready at its level or above, that is the running task
 * again, and nothing switches. Each way of leaving the CPU is counted for
 * ps -l: voluntary (it waits or ended) or involuntary (still runnable).
 * Inline twice, once for each `all_classes` (take_first): schedule()
 * picks the copy, and the usual switch pays one test for the classes. */
static inline __attribute__((always_inline)) void schedule_turn(int all_classes)
{
    struct task *self = current_task, *next;
    if (self->state != TASK_RUNNING) {           /* step 6: it blocked (or ended) */
        next = take_first(all_classes);
        if (!next)
            next = idle_task;                    /* step 10: nothing can run */
        self->voluntary_switches++;
    } else if (self == idle_task) {              /* step 10: something became ready */
        next = take_first(all_classes);
        if (!next) {
            if (all_classes)
                run_queue_unlock(this_cpu_index());
            return;
        }
        self->state = TASK_READY;                /* runnable, but on no list */
    } else {                                     /* step 11 or a yield: its turn is over */
        append_turn(self, all_classes);
        next = take_first(all_classes);
        if (all_classes && !next)
            next = idle_task;                    /* several CPUs: nothing may run here, not even it */
        if (next == self) {
            self->state = TASK_RUNNING;          /* still the first: it goes on */
            if (all_classes)
                run_queue_unlock(this_cpu_index());
            return;
        }
        self->involuntary_switches++;
    }
    switch_to_next(next);
}

/* Context: this CPU's run-queue lock held (several CPUs); it is given
 * back, by the task switched to if there is a switch. (Not static: the
 * scheduler of several CPUs calls it too, smp_sched.c.) */
void __attribute__((noinline)) schedule_among_all_classes(void)
{
    schedule_turn(1);
}

/* The rest of schedule() and block_task on one CPU, as before several:
 * the feedback queue alone answers until some task is in a real-time
 * class (rt_task_count), or several CPUs run (smp_wait.c). */
static inline __attribute__((always_inline)) void schedule_on_one_cpu(void)
{
    if (this_cpu_read(postpone_depth) != 0) {   /* steps 7-8: not now; at unlock_stuff */
        this_cpu()->switch_postponed = 1;
        return;
    }
    if (__builtin_expect(rt_task_count != 0, 0))
        schedule_among_all_classes();            /* real-time tasks exist (realtime.h) */
    else
        schedule_turn(0);
}

void schedule(void)
{
    ASSERT(kernel_lock_held());
    if (__builtin_expect((rt_task_count | big_kernel_lock_in_use) != 0, 0)) {
        if (big_kernel_lock_in_use) {
            run_queue_lock(this_cpu_index());
            smp_schedule_queue_locked();           /* smp_wait.c */
        } else {
            schedule_on_one_cpu();               /* real-time tasks exist */
        }
        return;
    }
    if (this_cpu_read(postpone_depth) != 0) {   /* steps 7-8: not now; at unlock_stuff */
        this_cpu()->switch_postponed = 1;
        return;
    }
    schedule_turn(0);                            /* the usual case: the feedback queue alone */
}

void block_task(const char *reason)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        smp_block_task(reason);               /* under the run-queue lock: smp_wait.c */
        return;
    }
    current_task->state = TASK_BLOCKED;   /* under the caller's lock: schedule() checks */
    current_task->wait_reason = reason;
    schedule_on_one_cpu();
}

void block_and_switch_to(struct task *next, const char *reason)
{
    ASSERT(kernel_lock_held());
    uint32_t here = this_cpu_index();
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0) &&
        (!task_may_run_here(next) || (next->state == TASK_READY && (next->cpu != here || next->rt_priority)))) {
        if (next->state == TASK_BLOCKED)         /* not here: the ready lists decide */
            unblock_task_locked(next);
        block_task(reason);
        return;
    }
    run_queue_lock(here);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && next->cpu != here) {
        run_queue_unlock(here);                  /* another CPU's now (a steal), or its wake-up's */
        if (next->state == TASK_BLOCKED)
            unblock_task_locked(next);
        block_task(reason);
        return;
    }
    if (next->state == TASK_READY) {             /* already queued (here): take it off */
        ready_remove(next);
    } else if (next->state == TASK_BLOCKED) {
        next->wait_reason = 0;
    } else {
        run_queue_unlock(here);
        block_task(reason);                      /* it is running or gone: no hand-off */
        return;
    }
    current_task->state = TASK_BLOCKED;
    current_task->wait_reason = reason;
    struct cpu *cpu = this_cpu();
    if (cpu->postpone_depth != 0) {
        next->cpu = here;                        /* it may run here: this CPU's queue */
        ready_append(next, READY_WOKEN);
        cpu->switch_postponed = 1;
        run_queue_unlock(here);
        return;
    }
    current_task->voluntary_switches++;
    switch_to_next(next);
}

void unblock_task_locked(struct task *task)
{
    ASSERT(kernel_lock_held());
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        smp_wake(task, READY_WOKEN, 1);          /* checks, under its queue's lock, that it is blocked */
        return;
    }
    if (task->state == TASK_BLOCKED) {
        task->wait_reason = 0;
        ready_append(task, READY_WOKEN); /* on a list first, never switched to directly */
        preempt_if_outranked(task);
    }
}

void scheduler_preempt(void)
{
    kernel_lock();
    struct task *self = current_task;
    task_work_clear(self, TASK_WORK_RESCHEDULE);
    ASSERT(this_cpu()->postpone_depth == 0);     /* not inside lock_stuff: see scheduler.h */
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0) && !task_may_run_here(self)) {
        schedule();                              /* its affinity changed: to another CPU's queue */
        kernel_unlock();
        return;
    }
    run_queue_lock(this_cpu_index());
    struct task *next;
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        next = smp_take_first_outranking(self);
    } else {
        next = ready_peek_first();
        if (next && !ready_outranks(next, self))
            next = 0;
        if (next)
            ready_remove(next);
    }
    if (next) {
        ready_push_front(self);                  /* first among its equals, slice kept */
        self->involuntary_switches++;
        switch_to_next(next);
    } else {
        run_queue_unlock(this_cpu_index());
    }
    kernel_unlock();
}

void unblock_task(struct task *task)
{
    kernel_lock();
    unblock_task_locked(task);
    kernel_unlock();
}

void yield(void)
{
    kernel_lock();
    schedule();                        /* rule 2: to the back of its level */
    kernel_unlock();
}

/* Steps 3 and 11, and the policy's rules 4 and 5. Called from the timer
 * interrupt inside lock_stuff, after the end-of-interrupt was sent, so a
 * switch asked for here happens at unlock_stuff.
 *
 * Step 3's time accounting happens here rather than at each switch: the
 * clock moves only on ticks, so charging each tick to the task it finds
 * running gives every task exactly the ticks it would be charged at its
 * switches, and costs the switch nothing. */
void scheduler_tick(void)
{
    if (--ticks_until_boost == 0) {
        ticks_until_boost = MLFQ_BOOST_TICKS;
        run_queue_lock_all();
        mlfq_boost();
        run_queue_unlock_all();
    }
    scheduler_tick_this_cpu();
}

/* Step 3 at the tick: takes what the running `task` ran since its slice
 * was last charged (its runs between waits too, counted by the switches:
 * charge_switch) off its slice. */
static void charge_running_task(struct task *task)
{
    int64_t ran = task_ran_timestamps(task->ran_timestamps, (int64_t)cpu_read_timestamp());
    uint64_t used = timestamp_to_ns((uint64_t)(ran - task->slice_charged_timestamps));
    task->slice_charged_timestamps = ran;
    int64_t left = (int64_t)task->slice_ns_left - (int64_t)used;
    task->slice_ns_left = left > -(1 << 30) ? (int32_t)left : -(1 << 30);   /* no lower: FIFO never refills */
}

void scheduler_tick_this_cpu(void)
{
    struct task *running = current_task;
    charge_running_task(running);
    rt_period_tick(running);             /* real-time throttling, this CPU's (realtime.h, rule 4) */
    if (running == idle_task) {
        if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
            schedule();                  /* a task that waits on another CPU's queue (smp_sched.c) */
        return;
    }
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        ASSERT(running->cpu == this_cpu_index());   /* the running task's number is this CPU's */
        smp_balance_tick();              /* pull a task from a busier CPU's queue */
    }
    if (running->rt_priority) {
        if (rt_charge_tick(running))
            schedule();                  /* SCHED_RR: its slice is over */
    } else if (mlfq_slice_over(running)) {
        schedule();                      /* step 11: its slice is over */
    }
}

/* Step 10: halts with interrupts enabled until something becomes ready;
 * unblock_task then switches away from here. */
static void idle_loop(void *unused)
{
    (void)unused;
    for (;;)
        cpu_enable_interrupts_and_halt();
}

struct task *scheduler_create_idle_task(void)
{
    struct task *idle = create_kernel_task("idle", idle_loop, 0);
    ASSERT(idle);
    /* created ready: take it off its list again, it is chosen only when
     * nothing else is ready */
    kernel_lock();
    uint32_t cpu = run_queue_lock_task(idle);
    mlfq_remove(idle);
    idle->state = TASK_READY;
    run_queue_unlock(cpu);
    kernel_unlock();
    return idle;
}

void scheduler_start_this_cpu(void)
{
    run_queue_lock(this_cpu_index());    /* the switch ends by giving it (switch.h) */
    switch_to_next(idle_task);           /* it gives the lock back and turns interrupts on */
    panic("CPU %u came back to its start", this_cpu()->index);
}

void start_idle_task(void)
{
    this_cpu()->idle = scheduler_create_idle_task();
}

uint64_t idle_time_ns(void)
{
    uint64_t total = 0;
    for (int cpu = 0; cpu < cpu_count; cpu++)
        total += task_cpu_time_ns(cpus[cpu].idle);
    return total;
}

uint64_t task_cpu_time_ns(struct task *task)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    int64_t count;
    if (task == current_task) {
        count = task->ran_timestamps;   /* only this CPU changes it, at its switch away */
    } else {                        /* its CPU changes it in a switch, under that CPU's
                                       run-queue lock: not in the middle of one (64 bits,
                                       two halves, and the task may be moving to another
                                       CPU's queue); rare enough to take them all */
        run_queue_lock_all();
        count = task->ran_timestamps;
        run_queue_unlock_all();
    }
    /* running: up to now (on any CPU: QEMU's counters agree) */
    int64_t ran = task_ran_timestamps(count, (int64_t)cpu_read_timestamp());
    cpu_restore_interrupts(flags);
    return ran > 0 ? timestamp_to_ns((uint64_t)ran) : 0;
}

/* Each CPU counts its own switches (struct cpu's switch_count): one
 * counter for all would be a cache line that every switch on every CPU
 * takes from the others. The sum is read without a lock: a CPU's count
 * may be read in the middle of its change (two halves), which a test
 * that counts switches on one CPU never meets. */
uint64_t task_switch_count(void)
{
    uint64_t total = 0;
    for (int cpu = 0; cpu < cpu_count; cpu++)
        total += cpus[cpu].switch_count;
    return total;
}
