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
 * list happened to be cut. */
#include "heap.h"

#include <stdint.h>

#include "lib/string.h"

#include "arch/x86/cache_line.h"

#ifndef HEAP_HOSTED_TEST
#include "arch/x86/cpu.h"
#include "sched/spinlock.h"

static const struct lock_class heap_lock_class = { "heap", 1 };
#endif

struct tag {
    uint32_t size;
    uint32_t in_use;
};

struct free_block {
    struct tag header;
    struct free_block *previous;
    struct free_block *next;
};

#define TAG_SIZE        sizeof(struct tag)
#define MIN_BLOCK_SIZE  32u      /* header + links + footer, rounded */
#define IN_USE_MAGIC    0xA110CA66u  /* | the block's spare bytes, 0 to 24 */
#define SLACK_BITS      0x18u        /* where the spare bytes go in an in-use tag */
#define FREE_MAGIC      0xF7EEF7EEu

static int in_use(const struct tag *tag)
{
    return (tag->in_use & ~SLACK_BITS) == IN_USE_MAGIC;
}

/* The payload bytes counted in use for the in-use block at `header`. */
static uint32_t counted_bytes(const struct tag *header)
{
    return header->size - 2 * TAG_SIZE - (header->in_use & SLACK_BITS);
}

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
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        spinlock_take(&heap.lock);
        return 0;
    }
    return cpu_save_and_disable_interrupts();
}

static inline void heap_unlock(uint32_t saved)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        spinlock_give(&heap.lock);
    else
        cpu_restore_interrupts(saved);
}
#endif

static struct tag *footer_of(struct tag *header)
{
    return (struct tag *)((uint8_t *)header + header->size - TAG_SIZE);
}

static void set_tags(struct tag *header, uint32_t size, uint32_t in_use)
{
    header->size = size;
    header->in_use = in_use;
    struct tag *footer = footer_of(header);
    footer->size = size;
    footer->in_use = in_use;
}

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
    set_tags(&block->header, (uint32_t)(heap_end - heap_start), FREE_MAGIC);
    free_list_insert(block);
    heap.bytes_in_use = 0;
    heap.bytes_free = block->header.size - 2 * TAG_SIZE;
}

void *kmalloc(size_t size)
{
    if (size == 0 || size > (1u << 30))
        return 0;
    uint32_t needed = (uint32_t)((size + 7) & ~7u) + 2 * TAG_SIZE;
    if (needed < MIN_BLOCK_SIZE)
        needed = MIN_BLOCK_SIZE;

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
        set_tags(&tail->header, remainder, FREE_MAGIC);
        free_list_insert(tail);
        heap.bytes_free -= 2 * TAG_SIZE;        /* the tail's own tags */
    } else {
        slack = remainder;                      /* too small to split: take it all */
    }
    set_tags(&block->header, needed + slack, IN_USE_MAGIC | slack);
    heap.bytes_in_use += needed - 2 * TAG_SIZE;
    heap.bytes_free -= needed + slack - 2 * TAG_SIZE;
    heap_unlock(saved);
    return (uint8_t *)block + TAG_SIZE;
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
    uint32_t saved = heap_lock();
    struct tag *header = (struct tag *)((uint8_t *)pointer - TAG_SIZE);
    if (!in_use(header) || footer_of(header)->in_use != header->in_use) {
        heap_unlock(saved);
#ifndef HEAP_HOSTED_TEST
        extern void panic(const char *fmt, ...) __attribute__((noreturn));
        panic("kfree: %p is not an allocated block", pointer);
#else
        return;
#endif
    }
    uint32_t size = header->size;
    heap.bytes_in_use -= counted_bytes(header);
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
    set_tags(header, size, FREE_MAGIC);
    free_list_insert((struct free_block *)header);
    heap_unlock(saved);
}

size_t heap_bytes_in_use(void)
{
    return heap.bytes_in_use;
}

size_t heap_bytes_free(void)
{
    return heap.bytes_free;
}

int heap_check(void)
{
    size_t used = 0, free_bytes = 0, free_blocks = 0, listed = 0;
    int previous_free = 0;
    for (uint8_t *p = heap_start; p < heap_end;) {
        struct tag *header = (struct tag *)p;
        struct tag *footer = footer_of(header);
        if (header->size < MIN_BLOCK_SIZE || (header->size & 7) || p + header->size > heap_end)
            return -1;                          /* a size that cannot be */
        if (footer->size != header->size || footer->in_use != header->in_use)
            return -2;                          /* the two tags disagree */
        if (header->in_use == FREE_MAGIC) {
            if (previous_free)
                return -3;                      /* two free neighbours were not merged */
            free_bytes += header->size - 2 * TAG_SIZE;
            free_blocks++;
        } else if (in_use(header)) {
            used += counted_bytes(header);
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
