/* libc/include/sys/param.h - old BSD system parameters and the small
 * macros that come with them, as glibc defines them. */
#ifndef LIBC_INCLUDE_SYS_PARAM_H
#define LIBC_INCLUDE_SYS_PARAM_H

#include <limits.h>
#include <sys/types.h>

#define MAXPATHLEN     PATH_MAX   /* the longest path, with its NUL */
#define MAXSYMLINKS    20
#define MAXHOSTNAMELEN 64
#define NOFILE         256        /* descriptors a process may have open (RLIMIT_NOFILE's default) */
#define NGROUPS        NGROUPS_MAX
#define NBBY           8          /* bits in a byte */
#define DEV_BSIZE      512        /* the unit of st_blocks */

/* bit maps: bit i of the byte array a */
#define setbit(a, i)   ((a)[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i)   ((a)[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isset(a, i)    ((a)[(i) / NBBY] & (1 << ((i) % NBBY)))
#define isclr(a, i)    (((a)[(i) / NBBY] & (1 << ((i) % NBBY))) == 0)

#define howmany(x, y)  (((x) + ((y) - 1)) / (y))          /* y-sized pieces holding x */
#define roundup(x, y)  ((((x) + ((y) - 1)) / (y)) * (y))  /* x up to a multiple of y */
#define powerof2(x)    ((((x) - 1) & (x)) == 0)           /* true for 0, as glibc's */

#define MIN(a, b)      (((a) < (b)) ? (a) : (b))
#define MAX(a, b)      (((a) > (b)) ? (a) : (b))

#endif
