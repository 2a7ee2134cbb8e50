/* kernel/uapi/limits.h - fixed limits of the kernel that user programs
 * see through <limits.h> and sysconf(3), kept here so that both read one
 * number. (Limits a process may change are resource limits:
 * uapi/resource.h.) */
#ifndef KERNEL_UAPI_LIMITS_H
#define KERNEL_UAPI_LIMITS_H

#define KERNEL_ARG_MAX     (32 * 1024)   /* bytes of exec's arguments and environment: E2BIG beyond */
#define KERNEL_NGROUPS_MAX 16            /* supplementary groups of a process (setgroups(2)) */
#define KERNEL_PAGE_SIZE   4096          /* bytes in a page (mm/memory_layout.h's PAGE_SIZE) */
#define KERNEL_MAX_CANON   1024          /* bytes of a terminal's input line queue (MAX_CANON) */
#define KERNEL_NAME_MAX    63            /* bytes of a file name, or of a POSIX queue's name after its '/' (NAME_MAX) */

#endif
