/* kernel/mm/heap.c - a boundary-tag allocator.
 *
 * Every block carries its size at both ends, so a block being freed can
 * find and merge both neighbours in O(1):
 *
 *   +--------+---------------------------------+--------+
 *   | header | payload (free: prev/next links) | footer |
 *   | size,  |                                 | size   |
 *   | in_use |                                 |        |
 *   +--------+---------------------------------+--------+
 *
 * Sizes include header and footer and are multiples of 8. A used sentinel
 * footer sits before the first block and a used sentinel header after the
 * last, so the merge code never looks outside the heap. Pure code: it runs
 * in tests/unit on the host as well.
 *
 * The bytes in use are the bytes asked for (rounded up to 8, at least 16),
 * not the blocks' sizes: a block too small to split is given whole, up to
 * 24 bytes more than asked, and those spare bytes are written in its tags
 * (SLACK_BITS) and counted nowhere. So an object weighs the same whichever
 * block it got, and a leak check that compares the bytes in use before and
 * after (the fuzzer, the in-kernel tests) does not depend on how the free
 * list happened to be cut.
 *
 * With several CPUs, each keeps a few small freed blocks for its own next
 * kmalloc of the same size (heap_cpu_cache.c, subsystem smp); one CPU
 * never does, and a kernel without the subsystem has none of it. */
#include "heap.h"
#include "heap_internal.h"

#include <stdint.h>

#include "lib/string.h"

#include "arch/x86/cache_line.h"

#ifdef HEAP_HOSTED_TEST
#include "heap_cpu_cache.h"      /* the test runs it too */
#else
#include "arch/x86/smp_for_core.h"   /* heap_cpu_cache_*: several CPUs keep a few blocks */
#include "sched/spinlock.h"

static const struct lock_class heap_lock_class = { "heap", 1 };
#endif

struct free_block {
    struct tag header;
    struct free_block *previous;
    struct free_block *next;
};

/* What every kmalloc and kfree writes, on a cache line of its own
 * (arch/x86/cache_line.h): it goes from CPU to CPU with each call, and
 * nothing that other calls only read goes with it. */
static struct CACHE_LINE_ALONE {
#ifndef HEAP_HOSTED_TEST
    struct spinlock lock;
#endif
    struct free_block *free_list;
    size_t bytes_in_use, bytes_free;
} heap = {
#ifndef HEAP_HOSTED_TEST
    .lock = SPINLOCK_INITIALIZER("heap", &heap_lock_class),
#endif
};
static uint8_t *heap_start, *heap_end;   /* the blocks, sentinels excluded */

#ifdef HEAP_HOSTED_TEST
/* On the host (tests/unit/test_heap.c): no lock (heap_internal.h). */
uint32_t heap_test_several_cpus, heap_test_cpu;
#define heap_lock()   0
#define heap_unlock(s) ((void)(s))
#else
/* One CPU: interrupts off, the kernel lock, as everywhere. Several: a
 * spinlock of its own (class "heap", which interrupt handlers take: the
 * network card's allocates), since calls without the big kernel lock
 * allocate too (a POSIX queue's messages: ipc/posix_mq_without_big_lock.c).
 * Nothing is taken inside it. */
static inline uint32_t heap_lock(void)
{
    if (heap_several_cpus()) {
        spinlock_take(&heap.lock);
        return 0;
    }
    return cpu_save_and_disable_interrupts();
}

static inline void heap_unlock(uint32_t saved)
{
    if (heap_several_cpus())
        spinlock_give(&heap.lock);
    else
        cpu_restore_interrupts(saved);
}
#endif

static void free_list_insert(struct free_block *block)
{
    block->previous = 0;
    block->next = heap.free_list;
    if (heap.free_list)
        heap.free_list->previous = block;
    heap.free_list = block;
}

static void free_list_remove(struct free_block *block)
{
    if (block->previous)
        block->previous->next = block->next;
    else
        heap.free_list = block->next;
    if (block->next)
        block->next->previous = block->previous;
}

void heap_init(void *start, size_t size)
{
    uint8_t *begin = (uint8_t *)(((uintptr_t)start + 7) & ~(uintptr_t)7);
    uint8_t *end = (uint8_t *)(((uintptr_t)start + size) & ~(uintptr_t)7);
    struct tag *first_sentinel = (struct tag *)begin;          /* a used "footer" */
    struct tag *last_sentinel = (struct tag *)(end - TAG_SIZE); /* a used "header" */
    first_sentinel->size = 0;
    first_sentinel->in_use = IN_USE_MAGIC;
    last_sentinel->size = 0;
    last_sentinel->in_use = IN_USE_MAGIC;

    heap_start = begin + TAG_SIZE;
    heap_end = end - TAG_SIZE;
    heap.free_list = 0;
    struct free_block *block = (struct free_block *)heap_start;
    heap_set_tags(&block->header, (uint32_t)(heap_end - heap_start), FREE_MAGIC);
    free_list_insert(block);
    heap.bytes_in_use = 0;
    heap.bytes_free = block->header.size - 2 * TAG_SIZE;
#ifdef HEAP_HOSTED_TEST
    heap_cpu_cache_forget();
#endif
}

/* The first free block of at least `needed` bytes (both tags counted),
 * split or taken whole, tagged in use; 0 if there is none. Inline, as
 * free_to_heap: as calls, the two cost one CPU's kmalloc and kfree 16
 * instructions each (a System V queue's round trip +64). */
static inline __attribute__((always_inline)) void *take_from_free_list(uint32_t needed)
{
    uint32_t saved = heap_lock();
    struct free_block *block = heap.free_list;
    while (block && block->header.size < needed)
        block = block->next;
    if (!block) {
        heap_unlock(saved);
        return 0;
    }
    free_list_remove(block);
    uint32_t remainder = block->header.size - needed, slack = 0;
    if (remainder >= MIN_BLOCK_SIZE) {          /* split: the tail stays free */
        struct free_block *tail = (struct free_block *)((uint8_t *)block + needed);
        heap_set_tags(&tail->header, remainder, FREE_MAGIC);
        free_list_insert(tail);
        heap.bytes_free -= 2 * TAG_SIZE;        /* the tail's own tags */
    } else {
        slack = remainder;                      /* too small to split: take it all */
    }
    heap_set_tags(&block->header, needed + slack, IN_USE_MAGIC | slack);
    heap.bytes_in_use += needed - 2 * TAG_SIZE;
    heap.bytes_free -= needed + slack - 2 * TAG_SIZE;
    heap_unlock(saved);
    return (uint8_t *)block + TAG_SIZE;
}

/* kfree's way through the heap's lock and free list. */
static inline __attribute__((always_inline)) void free_to_heap(struct tag *header)
{
    uint32_t saved = heap_lock();
    if (!heap_tag_in_use(header) || heap_footer_of(header)->in_use != header->in_use) {
        heap_unlock(saved);
#ifndef HEAP_HOSTED_TEST
        extern void panic(const char *fmt, ...) __attribute__((noreturn));
        panic("kfree: %p is not an allocated block", (uint8_t *)header + TAG_SIZE);
#else
        return;
#endif
    }
    uint32_t size = header->size;
    heap.bytes_in_use -= heap_counted_bytes(header);
    heap.bytes_free += size - 2 * TAG_SIZE;

    struct tag *next = (struct tag *)((uint8_t *)header + size);
    if (next->in_use == FREE_MAGIC) {           /* merge with the block after */
        free_list_remove((struct free_block *)next);
        size += next->size;
        heap.bytes_free += 2 * TAG_SIZE;
    }
    struct tag *previous_footer = (struct tag *)((uint8_t *)header - TAG_SIZE);
    if (previous_footer->in_use == FREE_MAGIC) { /* merge with the block before */
        struct tag *previous = (struct tag *)((uint8_t *)header - previous_footer->size);
        free_list_remove((struct free_block *)previous);
        size += previous->size;
        header = previous;
        heap.bytes_free += 2 * TAG_SIZE;
    }
    heap_set_tags(header, size, FREE_MAGIC);
    free_list_insert((struct free_block *)header);
    heap_unlock(saved);
}

void heap_free_block(struct tag *header)
{
    free_to_heap(header);
}

void *kmalloc(size_t size)
{
    if (size == 0 || size > (1u << 30))
        return 0;
    uint32_t needed = (uint32_t)((size + 7) & ~7u) + 2 * TAG_SIZE;
    if (needed < MIN_BLOCK_SIZE)
        needed = MIN_BLOCK_SIZE;
    if (heap_several_cpus()) {
        void *block = heap_cpu_cache_take(needed);
        if (!block)
            block = take_from_free_list(needed);
        if (!block && heap_cpu_cache_give_back())   /* once: this CPU keeps none now */
            block = take_from_free_list(needed);
        return block;
    }
    return take_from_free_list(needed);
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *pointer)
{
    if (!pointer)
        return;
    struct tag *header = (struct tag *)((uint8_t *)pointer - TAG_SIZE);
    if (heap_several_cpus() && heap_tag_in_use(header) &&
        heap_footer_of(header)->in_use == header->in_use && heap_cpu_cache_keep(header))
        return;
    free_to_heap(header);
}

size_t heap_bytes_in_use(void)
{
    return heap.bytes_in_use - heap_cpu_cache_bytes(0);
}

size_t heap_bytes_free(void)
{
    return heap.bytes_free + heap_cpu_cache_bytes(1);
}

int heap_check(void)
{
    size_t used = 0, free_bytes = 0, free_blocks = 0, listed = 0;
    int previous_free = 0;
    for (uint8_t *p = heap_start; p < heap_end;) {
        struct tag *header = (struct tag *)p;
        struct tag *footer = heap_footer_of(header);
        if (header->size < MIN_BLOCK_SIZE || (header->size & 7) || p + header->size > heap_end)
            return -1;                          /* a size that cannot be */
        if (footer->size != header->size || footer->in_use != header->in_use)
            return -2;                          /* the two tags disagree */
        if (header->in_use == FREE_MAGIC) {
            if (previous_free)
                return -3;                      /* two free neighbours were not merged */
            free_bytes += header->size - 2 * TAG_SIZE;
            free_blocks++;
        } else if (heap_tag_in_use(header) || heap_tag_kept(header)) {
            used += heap_counted_bytes(header);      /* kept: in the heap's count (heap_cpu_cache.c) */
        } else {
            return -4;                          /* a trampled tag */
        }
        previous_free = header->in_use == FREE_MAGIC;
        p += header->size;
    }
    for (struct free_block *b = heap.free_list; b; b = b->next)
        listed++;
    if (listed != free_blocks)
        return -5;                              /* the free list lost or gained a block */
    if (used != heap.bytes_in_use || free_bytes != heap.bytes_free)
        return -6;                              /* the counters drifted */
    return 0;
}
