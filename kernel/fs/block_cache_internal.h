/* kernel/fs/block_cache_internal.h - what the two halves of the buffer
 * cache share, and nobody else: block_cache.c (finding, holding and
 * reusing buffers) and block_writeback.c (writing dirty ones back in disk
 * order). Context for all: as block_cache.h's. */
#ifndef KERNEL_FS_BLOCK_CACHE_INTERNAL_H
#define KERNEL_FS_BLOCK_CACHE_INTERNAL_H

#include "block_cache.h"

#define BLOCK_CACHE_BUFFER_COUNT (BLOCK_CACHE_BYTES / BLOCK_SIZE_MAX)   /* 512 slots */

/* The index-th buffer ever used (0, 1, ...), or NULL past the last: every
 * buffer that may hold a block. */
struct block_buffer *block_cache_buffer_at(unsigned index);

/* Takes / drops a hold (references) on a buffer holding a block, as
 * block_read / block_release do, for the cache's own I/O: a held buffer
 * is never reused. Never sleep. */
void block_cache_hold(struct block_buffer *buffer);
void block_cache_unhold(struct block_buffer *buffer);

/* Writes a held dirty buffer to its disk and marks it clean; if the disk
 * fails it stays dirty, with the time it first became so. 0 or -EIO.
 * Sleeps. */
int block_cache_clean_buffer(struct block_buffer *buffer);

#endif
