/* kernel/sched/realtime_for_core.h - what the core's scheduler asks of
 * the real-time classes SCHED_FIFO and SCHED_RR (the subsystem
 * sched_classes, kernel/subsystems/sched_classes.c; the classes' rules
 * and picture: realtime.h): whether any task is in one, their ready list,
 * which the mechanism tries first (ready.h), and their share of each
 * tick (scheduler.c).
 *
 * Without the subsystem no task ever enters a real-time class:
 * sched_setscheduler(2) and the other calls of a class answer ENOSYS,
 * so every task's policy stays SCHED_OTHER and its rt_priority 0, the
 * count of real-time tasks is 0 and their list empty. The feedback queue
 * (mlfq.h) alone decides, and each stand-in below does what "no
 * real-time task" means; the ones that take a real-time task are never
 * reached (ready.h asks rt_priority first). */
#ifndef KERNEL_SCHED_REALTIME_FOR_CORE_H
#define KERNEL_SCHED_REALTIME_FOR_CORE_H

#ifdef SUBSYSTEM_SCHED_CLASSES

#include "realtime.h"

#else

#include <stdint.h>

#include "mlfq.h"
#include "task.h"

/* No task in a real-time class; none on their ready list. */
static const uint32_t rt_task_count = 0;
static const struct ready_list rt_ready = { 0, 0 };

/* No real-time task to rank, list, charge or end. */
static inline int rt_outranks(const struct task *task, const struct task *other)
{
    (void)task, (void)other;
    return 0;
}

static inline void rt_append(struct task *task) { (void)task; }
static inline void rt_push_front(struct task *task) { (void)task; }
static inline void rt_remove(struct task *task) { (void)task; }
static inline struct task *ready_take_first_with_real_time(void) { return 0; }
static inline struct task *ready_peek_first_with_real_time(void) { return 0; }

static inline int rt_charge_tick(struct task *task)
{
    (void)task;
    return 0;
}

static inline void rt_period_tick(struct task *running) { (void)running; }
static inline void rt_start_task(struct task *task, const struct task *parent) { (void)task, (void)parent; }
static inline void rt_task_ends(struct task *task) { (void)task; }

#endif
#endif
