/* kernel/mm/heap.h - the kernel heap: kmalloc and kfree of any size.
 * One contiguous region set aside at boot; first fit over a free list,
 * blocks split on allocation and merged with free neighbours on release;
 * with several CPUs, each keeps a few small freed blocks for itself. */
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

size_t heap_bytes_in_use(void);   /* the bytes asked for (rounded up to 8), for leak tests */
size_t heap_bytes_free(void);

/* Walks the whole heap checking its invariants; returns 0 when sound. */
int heap_check(void);

#ifdef HEAP_HOSTED_TEST
#include <stdint.h>

/* tests/unit/test_heap.c, on the host: whether several CPUs run (then
 * each keeps a cache of small freed blocks, heap.c) and which one runs. */
extern uint32_t heap_test_several_cpus, heap_test_cpu;
#endif

#endif
