/* kernel/uapi/resource.h - getpriority/setpriority's `which` (Linux's
 * values), shared by the kernel and <sys/resource.h>. */
#ifndef KERNEL_UAPI_RESOURCE_H
#define KERNEL_UAPI_RESOURCE_H

#define PRIO_PROCESS 0   /* who: a process id, 0 = the caller */
#define PRIO_PGRP    1   /* who: a process group id, 0 = the caller's group */
#define PRIO_USER    2   /* who: a user id, 0 = the caller's user (every process is user 0) */

#define PRIO_MIN (-20)   /* the lowest nice value: the longest slices */
#define PRIO_MAX 20      /* one more than the highest nice value, 19 */

#endif
