/* kernel/mm/heap_internal.h - what heap.c shares with heap_cpu_cache.c
 * (each CPU's few kept blocks, subsystem smp): a block's boundary tags
 * and what they say. Nothing else includes it. */
#ifndef KERNEL_MM_HEAP_INTERNAL_H
#define KERNEL_MM_HEAP_INTERNAL_H

#include <stdint.h>

struct tag {
    uint32_t size;
    uint32_t in_use;
};

#define TAG_SIZE        sizeof(struct tag)
#define MIN_BLOCK_SIZE  32u          /* header + free-list links + footer, rounded */
#define IN_USE_MAGIC    0xA110CA66u  /* | the block's spare bytes, 0 to 24 */
#define SLACK_BITS      0x18u        /* where the spare bytes go in an in-use tag */
#define FREE_MAGIC      0xF7EEF7EEu
#define CACHED_MAGIC    0xCAC4ED01u  /* | spare bytes: freed, kept by a CPU (heap_cpu_cache.c) */

static inline int heap_tag_in_use(const struct tag *tag)
{
    return (tag->in_use & ~SLACK_BITS) == IN_USE_MAGIC;
}

static inline int heap_tag_kept(const struct tag *tag)
{
    return (tag->in_use & ~SLACK_BITS) == CACHED_MAGIC;
}

/* The payload bytes counted in use for the in-use (or kept) block at
 * `header`: the bytes asked for, its spare bytes off. */
static inline uint32_t heap_counted_bytes(const struct tag *header)
{
    return header->size - 2 * TAG_SIZE - (header->in_use & SLACK_BITS);
}

static inline struct tag *heap_footer_of(struct tag *header)
{
    return (struct tag *)((uint8_t *)header + header->size - TAG_SIZE);
}

static inline void heap_set_tags(struct tag *header, uint32_t size, uint32_t state)
{
    header->size = size;
    header->in_use = state;
    struct tag *footer = heap_footer_of(header);
    footer->size = size;
    footer->in_use = state;
}

/* kfree's way through the heap's lock and free list, for the in-use
 * block at `header` (heap.c). Context: as kfree. */
void heap_free_block(struct tag *header);

#ifdef HEAP_HOSTED_TEST
/* On the host (tests/unit/test_heap.c): no interrupts, and the test
 * says whether several CPUs run and which one is this (heap.h). */
#define heap_several_cpus() heap_test_several_cpus
#define heap_this_cpu() heap_test_cpu
#define heap_interrupts_off() 0u
#define heap_interrupts_back(saved) ((void)(saved))
#define HEAP_CPUS 2
#else
#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#define heap_several_cpus() __builtin_expect(big_kernel_lock_in_use != 0, 0)
#define heap_this_cpu() this_cpu_index()
#define heap_interrupts_off() cpu_save_and_disable_interrupts()
#define heap_interrupts_back(saved) cpu_restore_interrupts(saved)
#define HEAP_CPUS CPU_MAX
#endif

#endif
