/* libc/include/sys/mman.h - mapping files and shared memory. */
#ifndef LIBC_INCLUDE_SYS_MMAN_H
#define LIBC_INCLUDE_SYS_MMAN_H

#include <sys/types.h>
#include <uapi/mman.h>

#define MAP_FAILED ((void *)-1)

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset);
int munmap(void *address, size_t length);

#endif
