/* kernel/sched/sleep.c - step 9 of Brendan's tutorial: the sleeping list,
 * walked by the timer interrupt, at every tick and at a deadline's
 * interrupt between ticks (arch/x86/local_apic_timer.c). Unsorted: the
 * list is short, and adding stays O(1). */
#include "sleep.h"

#include "arch/x86/smp_for_core.h"
#include "clock.h"
#include "scheduler.h"
#include "wait_queue.h"

static struct task *sleeping_tasks;       /* linked through `next` */

void sleep_list_add(struct task *task, uint64_t when)
{
    task->wake_time_ns = when;
    task->next = sleeping_tasks;
    task->on_sleeping_list = 1;
    sleeping_tasks = task;
    local_apic_timer_deadline(when);     /* sooner than the next tick? */
}

void sleep_list_remove(struct task *task)
{
    if (!task->on_sleeping_list)
        return;
    for (struct task **link = &sleeping_tasks; *link; link = &(*link)->next) {
        if (*link == task) {
            *link = task->next;
            break;
        }
    }
    task->on_sleeping_list = 0;
}

void nano_sleep_until(uint64_t when)
{
    /* The lock covers the check, the list and the block together, so the
     * timer cannot wake us between them. (The tutorial takes lock_stuff
     * here and returns early without its unlock: both are avoided.) */
    kernel_lock();
    if (when <= clock_now_ns()) {
        kernel_unlock();
        return;
    }
    sleep_list_add(current_task, when);
    block_task("sleeping");
    kernel_unlock();
}

void nano_sleep(uint64_t nanoseconds)
{
    nano_sleep_until(clock_now_ns() + nanoseconds);
}

void sleep_seconds(uint32_t seconds)
{
    nano_sleep((uint64_t)seconds * 1000000000ull);
}

uint64_t sleep_wake_expired(uint64_t now)
{
    uint64_t earliest = CLOCK_NO_DEADLINE;
    struct task **link = &sleeping_tasks;
    while (*link) {
        struct task *task = *link;
        if (task->wake_time_ns <= now) {
            *link = task->next;
            task->on_sleeping_list = 0;
            if (task->waiting_on)
                wait_queue_wake_on_timeout(task);   /* a wait-queue deadline */
            else
                unblock_task(task);
        } else {
            if (task->wake_time_ns < earliest)
                earliest = task->wake_time_ns;
            link = &task->next;
        }
    }
    return earliest;
}
