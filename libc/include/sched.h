/* libc/include/sched.h - giving up the processor. */
#ifndef LIBC_INCLUDE_SCHED_H
#define LIBC_INCLUDE_SCHED_H

int sched_yield(void);

#endif
