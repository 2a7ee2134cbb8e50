/* kernel/uapi/time.h - struct timespec and clock ids; the timers' structs
 * (timer_settime, setitimer) and their flags. */
#ifndef KERNEL_UAPI_TIME_H
#define KERNEL_UAPI_TIME_H

struct timespec {
    long tv_sec;
    long tv_nsec;
};

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2   /* CPU time of the calling process's threads */
#define CLOCK_THREAD_CPUTIME_ID  3   /* CPU time of the calling thread */

/* The CPU-time clock of another process or thread, as Linux encodes it
 * (clock_getcpuclockid, pthread_getcpuclockid): a negative id holding the
 * pid or tid complemented, shifted left by 3, with the clock's kind (2,
 * "scheduled time") and 4 for "a thread". */
#define CPU_CLOCK_OF_PROCESS(pid) ((int)((~(unsigned)(pid)) << 3) | 2)
#define CPU_CLOCK_OF_THREAD(tid)  ((int)((~(unsigned)(tid)) << 3) | 2 | 4)

/* timer_settime and clock_nanosleep: the time is a point on the clock,
 * not a delay from now. */
#define TIMER_ABSTIME 1

/* timer_settime and timer_gettime (docs/timers.md). */
struct itimerspec {
    struct timespec it_interval;     /* the period after the first expiry; 0: once */
    struct timespec it_value;        /* the first expiry; 0: disarmed */
};

/* setitimer and getitimer: the same in struct timeval (microseconds),
 * as SYS_setitimer reads it; <sys/time.h> names it struct itimerval. */
struct kernel_timeval {
    long tv_sec;
    long tv_usec;
};
struct kernel_itimerval {
    struct kernel_timeval it_interval;
    struct kernel_timeval it_value;
};

#define ITIMER_REAL    0             /* CLOCK_REALTIME's time passing: SIGALRM (alarm's timer) */
#define ITIMER_VIRTUAL 1             /* the process's user-mode CPU time: SIGVTALRM */
#define ITIMER_PROF    2             /* its user and system CPU time: SIGPROF */

/* timer_create: a process has at most this many timers (EAGAIN beyond);
 * overruns are counted up to DELAYTIMER_MAX (Linux's INT_MAX). */
#define POSIX_TIMERS_PER_PROCESS 64
#define POSIX_TIMERS_MAX         512 /* in the whole kernel */
#define DELAYTIMER_MAX_VALUE     2147483647

#endif
