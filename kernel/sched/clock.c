/* kernel/sched/clock.c - the timer interrupt: counts ticks, wakes sleepers
 * (step 9), and drives time slices (step 11). */
#include "clock.h"

#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "scheduler.h"
#include "sleep.h"

enum { TIMER_IRQ = 0 };

static volatile uint64_t clock_tick_count;   /* clock_ticks(); the timer alone writes it */
volatile uint32_t clock_seconds_count;   /* clock_seconds(); the timer alone writes it */
static uint32_t ns_into_second;

static void (*tick_hook)(uint64_t now_ns);

void clock_set_tick_hook(void (*hook)(uint64_t now_ns))
{
    tick_hook = hook;
}

uint64_t clock_ticks(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();   /* 64-bit read in two halves */
    uint64_t value = clock_tick_count;
    cpu_restore_interrupts(flags);
    return value;
}

uint64_t clock_now_ns(void)
{
    return clock_ticks() * NS_PER_CLOCK_TICK;
}

/* The end-of-interrupt has been sent (arch/x86/trap.c) before we get here,
 * so a switch made at unlock_stuff cannot hold up the next tick. */
static void timer_interrupt(struct trap_frame *frame)
{
    (void)frame;
    clock_tick_count++;
    ns_into_second += NS_PER_CLOCK_TICK;
    if (ns_into_second >= 1000000000u) {
        ns_into_second -= 1000000000u;
        clock_seconds_count++;
    }
    lock_stuff();
    sleep_wake_expired(clock_now_ns());
    if (tick_hook)
        tick_hook(clock_now_ns());
    scheduler_tick();
    unlock_stuff();
}

void clock_init(void)
{
    pit_init();
    irq_set_handler(TIMER_IRQ, timer_interrupt);
}
