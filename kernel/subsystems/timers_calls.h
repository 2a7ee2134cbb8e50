/* kernel/subsystems/timers_calls.h - the system-call handlers of POSIX
 * timers, timerfds, interval timers and clock_nanosleep (kernel/subsystems/timers.c
 * puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_TIMERS_CALLS_H
#define KERNEL_SUBSYSTEMS_TIMERS_CALLS_H

struct itimerspec;
struct kernel_itimerval;
struct kernel_sigevent;
struct timespec;

int sys_timer_create(int clock, const struct kernel_sigevent *event, int *id);                /* kernel/ipc/posix_timer.c */
int sys_timer_settime(int id, int flags, const struct itimerspec *setting, struct itimerspec *old);
int sys_timer_gettime(int id, struct itimerspec *setting);
int sys_timer_getoverrun(int id);
int sys_timer_delete(int id);
int sys_timerfd_create(int clock, int flags);                                                 /* kernel/ipc/timerfd.c */
int sys_timerfd_settime(int fd, int flags, const struct itimerspec *setting, struct itimerspec *old);
int sys_timerfd_gettime(int fd, struct itimerspec *setting);
int sys_setitimer(int which, const struct kernel_itimerval *value, struct kernel_itimerval *old);  /* kernel/sched/itimer.c */
int sys_getitimer(int which, struct kernel_itimerval *value);

int sys_clock_getres(int clock, struct timespec *resolution);   /* kernel/sched/clock_nanosleep.c */
int sys_clock_nanosleep(int clock, int flags, const struct timespec *request, struct timespec *remaining);

/* Not a handler: the subsystem's start makes the clock page with it. */
void clock_page_start(void);                                                             /* kernel/sched/clock_page.c */

#endif
