/* libc/include/sys/mman.h - mapping files and shared memory. */
#ifndef LIBC_INCLUDE_SYS_MMAN_H
#define LIBC_INCLUDE_SYS_MMAN_H

#include <sys/types.h>
#include <uapi/mman.h>

#define MAP_FAILED ((void *)-1)

/* posix_madvise's advice: the values of MADV_* (Linux's) */
#define POSIX_MADV_NORMAL     MADV_NORMAL
#define POSIX_MADV_RANDOM     MADV_RANDOM
#define POSIX_MADV_SEQUENTIAL MADV_SEQUENTIAL
#define POSIX_MADV_WILLNEED   MADV_WILLNEED
#define POSIX_MADV_DONTNEED   MADV_DONTNEED

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset);
int munmap(void *address, size_t length);
int mprotect(void *address, size_t length, int protection);
int msync(void *address, size_t length, int flags);
int madvise(void *address, size_t length, int advice);
int posix_madvise(void *address, size_t length, int advice);

/* Memory locking (kernel/mm/lock.c): the pages are made present and kept
 * so; MCL_* come from uapi/mman.h. 0, or -1 with errno. */
int mlock(const void *address, size_t length);
int munlock(const void *address, size_t length);
int mlockall(int flags);
int munlockall(void);

/* Which pages of [address, address + length) are in memory now: one byte
 * per page in `vector`, bit 0 set if it is (kernel/mm/mincore.c). 0, or
 * -1 with errno. */
int mincore(void *address, size_t length, unsigned char *vector);

/* POSIX shared memory: "/name" is the file /dev/shm/name (libc/mman/shm_open.c) */
int shm_open(const char *name, int flags, mode_t mode);
int shm_unlink(const char *name);

#endif
