/* kernel/mm/heap.h - the kernel heap: kmalloc and kfree of any size.
 * One contiguous region set aside at boot; first fit over a free list,
 * blocks split on allocation and merged with free neighbours on release. */
#ifndef KERNEL_MM_HEAP_H
#define KERNEL_MM_HEAP_H

#include <stddef.h>

/* Makes [start, start+size) the heap. */
void heap_init(void *start, size_t size);

/* At least `size` bytes, 8-byte aligned, or NULL when the heap is full.
 * Callable with interrupts on or off; never sleeps. */
void *kmalloc(size_t size);

/* kmalloc, then zero the bytes. */
void *kzalloc(size_t size);

/* Releases a block from kmalloc (NULL is ignored). */
void kfree(void *pointer);

size_t heap_bytes_in_use(void);   /* payload bytes handed out, for leak tests */
size_t heap_bytes_free(void);

/* Walks the whole heap checking its invariants; returns 0 when sound. */
int heap_check(void);

#endif
