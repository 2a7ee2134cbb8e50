/* kernel/uapi/mman.h - memory mapping flags (Linux's values). */
#ifndef KERNEL_UAPI_MMAN_H
#define KERNEL_UAPI_MMAN_H

#define PROT_NONE     0x0
#define PROT_READ     0x1
#define PROT_WRITE    0x2
#define PROT_EXEC     0x4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS
/* Flags that ask nothing of this kernel, accepted as Linux accepts them
 * (Linux ignores every unknown flag of MAP_SHARED and MAP_PRIVATE) */
#define MAP_NORESERVE 0x04000 /* no swap to reserve: there is none */
#define MAP_POPULATE  0x08000 /* pages come at the first touch all the same */
#define MAP_STACK     0x20000 /* a thread's stack: a hint, as on Linux */
/* Huge pages: this kernel keeps none, so mmap answers as Linux does with
 * none reserved: ENOMEM; EINVAL for a file or a size it has no pages of */
#define MAP_HUGETLB   0x40000
#define MAP_HUGE_SHIFT 26     /* the size, as log2 of its bytes, in bits 26..31 (0: the default) */
#define MAP_HUGE_MASK  0x3f

/* msync */
#define MS_ASYNC      1       /* schedule the write and return */
#define MS_INVALIDATE 2       /* make other mappings see the file anew */
#define MS_SYNC       4       /* write, and wait until it is written */

/* madvise; posix_madvise's POSIX_MADV_* have the same values */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4     /* private pages are zeros (or the file's bytes) again on the next touch */

/* mlockall (Linux's values) */
#define MCL_CURRENT   1       /* lock every page mapped now */
#define MCL_FUTURE    2       /* and every mapping made later */
#define MCL_ONFAULT   4       /* with either: lock pages as they are first touched */

#endif
