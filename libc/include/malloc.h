/* libc/include/malloc.h - the allocator's calls where glibc lists them,
 * with memalign, the old form of posix_memalign (libc/stdlib/malloc.c). */
#ifndef LIBC_INCLUDE_MALLOC_H
#define LIBC_INCLUDE_MALLOC_H

#include <stdlib.h>

void *memalign(size_t alignment, size_t size);
void *valloc(size_t size);           /* page-aligned (stdlib.h has it too, as glibc's) */

#endif
