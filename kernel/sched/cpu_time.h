/* kernel/sched/cpu_time.h - CPU time as a clock: what each process and
 * thread has used (measured at each switch: switch.h), the
 * CPU-time clocks that read it (CLOCK_PROCESS_CPUTIME_ID,
 * CLOCK_THREAD_CPUTIME_ID, clock_getcpuclockid's ids), and the interval
 * timers that count it down (ITIMER_VIRTUAL, ITIMER_PROF). docs/timers.md. */
#ifndef KERNEL_SCHED_CPU_TIME_H
#define KERNEL_SCHED_CPU_TIME_H

#include <stdint.h>

/* Called by the clock's interrupt every tick, `from_user` when the tick
 * interrupted user mode: counts down the running process's ITIMER_PROF
 * (and ITIMER_VIRTUAL from user mode) by a tick, sending SIGPROF and
 * SIGVTALRM as they expire. Context: the timer interrupt; never sleeps. */
void cpu_time_tick(int from_user);

/* Whose CPU time a CPU-time clock measures: a process (pid) or a thread
 * (tid). */
struct cpu_clock {
    int of_thread;
    int id;
    uint32_t serial;                  /* 0: whoever has the id now; else the one bound to */
};

/* Decodes `clock` for the calling thread: CLOCK_PROCESS_CPUTIME_ID,
 * CLOCK_THREAD_CPUTIME_ID, or an id made by CPU_CLOCK_OF_PROCESS /
 * CPU_CLOCK_OF_THREAD (pid or tid 0: the caller's own). 0, or -EINVAL
 * when it is no CPU-time clock or names nobody alive (a thread: no thread
 * of the caller's process, as on Linux). */
int cpu_clock_decode(int clock, struct cpu_clock *which);

/* Ties a decoded clock to the process or thread that has its id now (a
 * process's serial, a thread's task id): once that one is gone, the
 * clock reads as gone even if a new one gets the same pid or tid. A
 * timer's clock is bound (as Linux's CPU-time timer holds its task); a
 * clock id given to clock_gettime is not (it is only a number, on Linux
 * too). Context: kernel lock held; `which` decoded just before. */
void cpu_clock_bind(struct cpu_clock *which);

/* The CPU time `which` has used, in nanoseconds: 0, or
 * -EINVAL once the process or thread is gone (a bound clock: also when
 * another one has its id now). Context: kernel lock held. */
int cpu_clock_read(const struct cpu_clock *which, uint64_t *ns);

/* The time on any clock the kernel has, for clock_gettime: 0, or -EINVAL
 * for an unknown clock. Context: kernel lock held. */
int clock_read_ns(int clock, uint64_t *ns);

struct timespec;
/* nanosleep's sleep, and clock_nanosleep's relative one (time_syscalls.c):
 * `request` nanoseconds on CLOCK_MONOTONIC, on a queue nobody wakes, so
 * that only the deadline or a signal ends it (`reason` for ps). 0, or,
 * interrupted, the time left in *user_remaining and -ERESTARTNOHAND:
 * EINTR if a handler runs; after a stop and a continue the call restarts
 * and sleeps on to the same deadline, kept in the thread meanwhile.
 * Context: a system call; sleeps. */
int sleep_relative_ns(uint64_t request, struct timespec *user_remaining, const char *reason);

#endif
