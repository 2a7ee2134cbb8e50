/* libc/include/sys/resource.h - scheduling priority: the nice value,
 * -20 (most CPU) .. 19 (least); PRIO_* come from kernel/uapi/resource.h.
 * How the nice value shares the CPU: docs/scheduler.md. */
#ifndef LIBC_INCLUDE_SYS_RESOURCE_H
#define LIBC_INCLUDE_SYS_RESOURCE_H

#include <sys/types.h>
#include <uapi/resource.h>

typedef unsigned int id_t;

/* The lowest nice value among the processes named by `which` and `who`
 * (-1 with errno set on error: set errno to 0 first to tell it from a
 * nice value of -1). */
int getpriority(int which, id_t who);

/* Sets the nice value of the processes named by `which` and `who`
 * (clamped to -20 .. 19). 0, or -1 with errno set. */
int setpriority(int which, id_t who, int value);

#endif
