/* kernel/mm/heap_cpu_cache.h - each CPU's few small freed blocks of the
 * kernel heap, kept for its own next kmalloc of the same size (subsystem
 * smp; heap_cpu_cache.c says why). heap.c calls these only while several
 * CPUs run tasks; a kernel without the subsystem gets stand-ins from
 * arch/x86/smp_for_core.h that keep nothing. Context of each: any,
 * interrupt handlers too; no lock held of the heap's. */
#ifndef KERNEL_MM_HEAP_CPU_CACHE_H
#define KERNEL_MM_HEAP_CPU_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct tag;

/* A block this CPU kept for `needed` bytes (both tags counted), tagged
 * in use again: its payload, or 0. */
void *heap_cpu_cache_take(uint32_t needed);

/* Keeps the in-use block at `header` (its tags checked) if it is small
 * and this CPU has room: 1, or 0 for the heap's way. */
int heap_cpu_cache_keep(struct tag *header);

/* Gives this CPU's kept blocks back to the heap's free list, where they
 * merge: how many (for a kmalloc the list could not serve). */
uint32_t heap_cpu_cache_give_back(void);

/* This CPU's tick: the blocks it kept a second ago or more, not asked
 * for since, go back to the heap. Context: the local APIC timer's tick
 * (arch/x86/local_apic_timer.c), several CPUs running. */
void heap_cpu_cache_tick(void);

/* The kept blocks' bytes, every CPU's: those counted in use (`payload`
 * 0) or their payloads (1). A snapshot. */
size_t heap_cpu_cache_bytes(int payload);

#ifdef HEAP_HOSTED_TEST
/* Every CPU keeps nothing again: heap_init's fresh start on the host,
 * where tests/unit/test_heap.c makes a new heap for each test. */
void heap_cpu_cache_forget(void);
#endif

#endif
