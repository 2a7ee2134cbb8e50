/* libc/include/sys/prctl.h - prctl(2): a process's parent-death signal,
 * a thread's name, and adopting orphans (docs/processes.md). The options
 * come from kernel/uapi/prctl.h, with Linux's values. */
#ifndef LIBC_INCLUDE_SYS_PRCTL_H
#define LIBC_INCLUDE_SYS_PRCTL_H

#include <uapi/prctl.h>

/* One option and its arguments (unused ones may be left out); 0, or -1
 * and errno. */
int prctl(int option, ...);

#endif
