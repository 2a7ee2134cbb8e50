/* kernel/ipc/timers_for_core.h - what the core asks of the timers (the
 * subsystem "timers", kernel/subsystems/timers.c): of POSIX per-process
 * timers (timer_create and the others: a clock, an expiry, a period, and
 * an event to deliver at each expiry; docs/timers.md draws their life),
 * the tick, a timer's signal taken, a thread's end, exec and exit, and the
 * count kinfo shows; of clock_nanosleep, that the clock was set; of the
 * clock page, where the clock writes it and exec maps it. A kernel built
 * without the subsystem gets the
 * stand-ins below (no timers), so that the core reads the same in every profile
 * (kernel/subsystems/subsystem.h). posix_timer_internal.h includes this
 * file. */
#ifndef KERNEL_IPC_TIMERS_FOR_CORE_H
#define KERNEL_IPC_TIMERS_FOR_CORE_H

#include <stdint.h>

struct process;
struct signal_origin;
struct thread;

/* Called by the clock's interrupt every tick and at a deadline's
 * interrupt: expires the armed timers whose time has come. Returns when
 * the earliest timer on CLOCK_MONOTONIC or CLOCK_REALTIME still armed
 * falls due, on CLOCK_MONOTONIC, or CLOCK_NO_DEADLINE (also while no timer
 * is armed: one test). Context: the timer interrupt, kernel lock held;
 * never sleeps. */
#ifdef SUBSYSTEM_TIMERS
uint64_t posix_timers_expire(void);
#else
static inline uint64_t posix_timers_expire(void)   /* no timers */
{
    return UINT64_MAX;   /* CLOCK_NO_DEADLINE */
}
#endif

/* A signal with si_code SI_TIMER was just taken from a pending set of
 * `owner` (signal_internal.h's signal_take): if its timer still exists (looked up by
 * its id, so a deleted timer's signal touches nothing), the timer's
 * overruns counted while it was pending become the signal's si_overrun
 * and timer_getoverrun's answer, and the timer may send again.
 * Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_TIMERS
void posix_timer_signal_taken(struct process *owner, struct signal_origin *origin);
#else
static inline void posix_timer_signal_taken(struct process *owner, struct signal_origin *origin)   /* no timers */
{
    (void)owner;
    (void)origin;
}
#endif

/* `thread` is ending: the SIGEV_THREAD_ID timers aimed at it send no
 * more signals (a later thread reusing its tid is not it).
 * Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_TIMERS
void posix_timers_thread_ended(struct thread *thread);
#else
static inline void posix_timers_thread_ended(struct thread *thread)   /* no timers */
{
    (void)thread;
}
#endif

/* exec and exit: every timer of `process` is deleted. Context: the kernel
 * lock held. */
#ifdef SUBSYSTEM_TIMERS
void posix_timers_delete_all(struct process *process);
#else
static inline void posix_timers_delete_all(struct process *process)   /* no timers */
{
    (void)process;
}
#endif

/* clock_settime moved CLOCK_REALTIME: the absolute clock_nanosleep sleeps
 * on it wake and work their deadline out again
 * (kernel/sched/clock_nanosleep.c). Context: kernel lock held. */
#ifdef SUBSYSTEM_TIMERS
void clock_nanosleep_clock_was_set(void);
#else
static inline void clock_nanosleep_clock_was_set(void)   /* no clock_nanosleep: nobody sleeps on it */
{
}
#endif

/* clock_settime moved CLOCK_REALTIME: the timerfds armed with
 * TFD_TIMER_CANCEL_ON_SET become readable, and their next read says
 * ECANCELED (kernel/ipc/timerfd.c). Context: kernel lock held; never
 * sleeps. */
#ifdef SUBSYSTEM_TIMERS
void timerfd_clock_was_set(void);
#else
static inline void timerfd_clock_was_set(void)   /* no timerfds */
{
}
#endif

/* How many timers timer_create made exist in the whole kernel (kinfo's
 * counters; a timerfd's is an open file, not counted here). */
#ifdef SUBSYSTEM_TIMERS
unsigned posix_timer_total(void);
#else
static inline unsigned posix_timer_total(void)   /* no timers */
{
    return 0;
}
#endif

/* The clock page (uapi/clock_page.h, kernel/sched/clock_page.c): the
 * kernel's address of the one page every process maps read-only, for the
 * clock to write (clock.c's clock_page_write), or NULL before the
 * subsystem started, and always without it. */
struct clock_page;
#ifdef SUBSYSTEM_TIMERS
extern volatile struct clock_page *clock_page_kernel;
static inline volatile struct clock_page *clock_page_for_writing(void)
{
    return clock_page_kernel;
}
#else
static inline volatile struct clock_page *clock_page_for_writing(void)   /* no clock page */
{
    return 0;
}
#endif

/* Maps the clock page read-only into `space`, a program's new address
 * space (exec): its address there, for the auxiliary vector's
 * AT_CLOCK_PAGE; 0 when there is no page (then the program's
 * clock_gettime asks the kernel) or no room. Context: exec, process
 * context; may allocate. */
struct address_space;
#ifdef SUBSYSTEM_TIMERS
uint32_t clock_page_map(struct address_space *space);
#else
static inline uint32_t clock_page_map(struct address_space *space)   /* no clock page */
{
    (void)space;
    return 0;
}
#endif

#endif
