/* kernel/ktest/smp_tests.c - the moves of tasks between the CPUs' run
 * queues (kernel/sched/smp_sched.c), which need two CPUs to mean
 * anything: `make test` runs them in ktest[2 CPUs] (tools/run-tests), and
 * a boot of one CPU leaves them out (KTEST_ON_CPUS). */
#include "arch/x86/per_cpu.h"
#include "ktest.h"
#include "sched/clock.h"
#include "sched/kernel_lock.h"
#include "sched/run_queue_lock.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "sched/smp_sched.h"
#include "sched/task.h"

static volatile int moved_task_ran_on;

static void block_then_say_where(void *unused)
{
    (void)unused;
    kernel_lock();
    block_task("waiting to be moved");
    moved_task_ran_on = (int)this_cpu()->index;
    kernel_unlock();
}

/* A task on its way to another CPU's queue (TASK_WAKING: smp_wake or
 * smp_give_away moved it off its own) is on no queue, so a change of its
 * affinity meanwhile (smp_affinity_changed) passes it over. Its mover
 * must look at the mask again before it puts the task on the CPU it
 * named: here CPU 1, which the new mask no longer allows. The kernel
 * before put it there; CPU 1 never took it (its mask), and it waited
 * until CPU 0 went idle and stole it. */
KTEST_ON_CPUS(smp_moved_task_lands_on_a_cpu_its_new_mask_allows, 2)
{
    moved_task_ran_on = -1;
    struct task *task = create_kernel_task("moved", block_then_say_where, 0);
    KTEST_EXPECT(task != 0, "create_kernel_task failed");
    for (int i = 0; i < 1000 && task->state != TASK_BLOCKED; i++)
        nano_sleep(NS_PER_CLOCK_TICK);
    KTEST_EXPECT(task->state == TASK_BLOCKED, "the task never blocked");

    kernel_lock();                               /* the task runs on only once we give it */
    uint32_t from = run_queue_lock_task(task);   /* what smp_give_away does: named for CPU 1 */
    task->state = TASK_WAKING;
    task->cpu = 1;
    run_queue_unlock(from);
    task->cpu_affinity = 1u << 0;                /* what sched_setaffinity does: CPU 0 alone */
    smp_affinity_changed(task);
    smp_give_away_finish(task);                  /* the mover puts it on a queue */
    uint32_t landed = run_queue_lock_task(task);
    run_queue_unlock(landed);
    kernel_unlock();
    KTEST_EXPECT_EQ(0, landed, "the CPU whose queue the task landed on (its mask allows CPU 0 alone)");

    for (int i = 0; i < 1000 && moved_task_ran_on < 0; i++)
        nano_sleep(NS_PER_CLOCK_TICK);
    KTEST_EXPECT_EQ(0, moved_task_ran_on, "the CPU the task ran on");
}
