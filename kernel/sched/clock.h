/* kernel/sched/clock.h - the clocks, both counted in timer ticks and read
 * to the nanosecond between them by the time-stamp counter: the monotonic
 * one from boot, and the real-time one (CLOCK_REALTIME) from the date set
 * at boot from the CMOS clock and by clock_settime. */
#ifndef KERNEL_SCHED_CLOCK_H
#define KERNEL_SCHED_CLOCK_H

#include <stdint.h>

#include "arch/x86/pit.h"

#define NS_PER_CLOCK_TICK NS_PER_TICK

/* "Nothing falls due": what the deadline walks return when nothing waits. */
#define CLOCK_NO_DEADLINE UINT64_MAX

/* Measures the time-stamp counter's rate, by which the scheduler
 * charges CPU time (arch/x86/timestamp_counter.h); starts the PIT and its
 * interrupt (IRQ 0), the clock's tick until
 * several CPUs run (then each local APIC's timer ticks), and the
 * real-time clock at the date the CMOS clock holds (at the Epoch if it
 * holds none). */
void clock_init(void);

/* Nanoseconds since boot (CLOCK_MONOTONIC): the ticks counted, times
 * NS_PER_CLOCK_TICK, and the time-stamp counter's time since the last one
 * (under a tick, more while a tick is late). Never goes back, on any CPU.
 * Context: anywhere but the timer interrupt while it changes the clocks. */
uint64_t clock_now_ns(void);
uint64_t clock_ticks(void);

/* The time of the last tick: clock_now_ns without what a read adds since,
 * as cheap as the tick count. For the kernel's own timers, which act at
 * ticks anyway (the network's retransmissions, the block cache's age). A
 * wait a program asks for takes its deadline from clock_now_ns instead, so
 * that it lasts what was asked as the program's own clock measures it. */
uint64_t clock_tick_ns(void);

/* Whole seconds since boot (counted by the timer: cheap to read). */
extern volatile uint32_t clock_seconds_count;
static inline uint32_t clock_seconds(void)
{
    return clock_seconds_count;
}

/* Nanoseconds since the Epoch (1970-01-01 00:00:00 UTC): CLOCK_REALTIME.
 * It moves with clock_now_ns, and jumps only when set. */
int64_t clock_realtime_ns(void);

/* Sets CLOCK_REALTIME to `ns_since_epoch` (0 or more) from now on;
 * CLOCK_MONOTONIC does not move. */
void clock_set_realtime_ns(int64_t ns_since_epoch);

/* Copies the clocks into the clock page now (uapi/clock_page.h; the
 * tick and clock_set_realtime_ns do so at each change): for the page's
 * first contents. Context: boot, or the kernel lock held. */
void clock_publish(void);

/* Whole seconds of CLOCK_REALTIME as the last tick left them (one load,
 * like clock_seconds; behind clock_realtime_ns by what a read adds since
 * that tick, as Linux's coarse seconds): the time of msg_stime, sem_otime,
 * shm_atime and the others. */
extern volatile uint32_t clock_realtime_seconds_count;
static inline long clock_realtime_seconds(void)
{
    return (long)clock_realtime_seconds_count;
}

/* CLOCK_MONOTONIC or CLOCK_REALTIME (1: *ns is it), read without any
 * lock: again if the timer changed the clocks meanwhile (clock.c's
 * sequence count). 0 for any other clock. Context: as clock_now_ns. */
int clock_read_lock_free(int clock, uint64_t *ns);

/* `ns` as a struct timespec at `user_time`: 0, -EFAULT, or -EOVERFLOW
 * past 2038 (time_syscalls.c). Context: a system call. */
struct timespec;
int clock_time_to_user(uint64_t ns, struct timespec *user_time);

/* From now on clock_gettime begins without the big kernel lock
 * (clock_without_big_lock.c). Context: boot, as the other CPUs start
 * running tasks (smp_run_other_cpus). */
void clock_calls_without_big_lock_start(void);

/* The tick of a CPU's local APIC timer, which each CPU has once the
 * boot's last step starts them (smp_run_other_cpus starts them all at the
 * PIT's rate and stops the PIT's interrupt). On the first CPU it is the
 * clock's tick, as the PIT's was; on the others only the CPU time of the
 * task that runs there, and its slice. Context: the interrupt handler
 * (arch/x86/local_apic_timer.c). */
struct trap_frame;
void clock_local_timer_tick(struct trap_frame *frame);

/* A local APIC timer's interrupt between two ticks, for a deadline asked
 * for (local_apic_timer_deadline): wakes the sleepers and sends the
 * signals of the alarms and POSIX timers whose time has come, on the clock
 * read now, and asks for the next deadline before the tick. Context: the
 * interrupt handler, any CPU. */
void clock_deadline_interrupt(void);

#endif
