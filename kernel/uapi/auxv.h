/* kernel/uapi/auxv.h - the auxiliary vector: what the kernel tells a new
 * program beside its arguments and environment, as (type, value) pairs of
 * words after the environment's NULL on its first stack
 * (kernel/proc/exec.c), the last of type AT_NULL; getauxval(3) reads them.
 * Linux's numbers, and one of this kernel's own above Linux's. */
#ifndef KERNEL_UAPI_AUXV_H
#define KERNEL_UAPI_AUXV_H

#define AT_NULL        0             /* the end */
#define AT_PAGESZ      6             /* the page size */
#define AT_CLOCK_PAGE  0x1000        /* the clock page's address (uapi/clock_page.h) */

#endif
