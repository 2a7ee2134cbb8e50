/* <sys/auxv.h> - getauxval: what the kernel told the program at its start
 * beside its arguments and environment (kernel/uapi/auxv.h). */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <uapi/auxv.h>

/* The value of the auxiliary vector's entry of `type`; 0 with errno
 * ENOENT if it has none. */
unsigned long getauxval(unsigned long type);

#endif
