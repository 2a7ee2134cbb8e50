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
#include "arch/x86/per_cpu.h"
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
#define CACHED_MAGIC    0xCAC4ED01u  /* | spare bytes: freed, kept in a CPU's cache */

static int in_use(const struct tag *tag)
{
    return (tag->in_use & ~SLACK_BITS) == IN_USE_MAGIC;
}

static int cached(const struct tag *tag)
{
    return (tag->in_use & ~SLACK_BITS) == CACHED_MAGIC;
}

/* The payload bytes counted in use for the in-use (or cached) block at
 * `header`. */
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
/* On the host (tests/unit/test_heap.c): no lock, and the test says
 * whether several CPUs run and which one is this (heap.h). */
uint32_t heap_test_several_cpus, heap_test_cpu;
#define heap_lock()   0
#define heap_unlock(s) ((void)(s))
#define several_cpus() heap_test_several_cpus
#define this_cpu_index() heap_test_cpu
#define cpu_save_and_disable_interrupts() 0u
#define cpu_restore_interrupts(s) ((void)(s))
#define CPU_MAX 2
#else
#define several_cpus() __builtin_expect(big_kernel_lock_in_use != 0, 0)

/* One CPU: interrupts off, the kernel lock, as everywhere. Several: a
 * spinlock of its own (class "heap", which interrupt handlers take: the
 * network card's allocates), since calls without the big kernel lock
 * allocate too (a POSIX queue's messages: ipc/posix_mq_without_big_lock.c).
 * Nothing is taken inside it. */
static inline uint32_t heap_lock(void)
{
    if (several_cpus()) {
        spinlock_take(&heap.lock);
        return 0;
    }
    return cpu_save_and_disable_interrupts();
}

static inline void heap_unlock(uint32_t saved)
{
    if (several_cpus())
        spinlock_give(&heap.lock);
    else
        cpu_restore_interrupts(saved);
}
#endif

static struct tag *footer_of(struct tag *header)
{
    return (struct tag *)((uint8_t *)header + header->size - TAG_SIZE);
}

static void set_tags(struct tag *header, uint32_t size, uint32_t state)
{
    header->size = size;
    header->in_use = state;
    struct tag *footer = footer_of(header);
    footer->size = size;
    footer->in_use = state;
}

/* Each CPU's cache of small freed blocks. With several CPUs, a System V
 * or POSIX queue's message is a block one CPU allocates at a send and
 * frees at the receive; through the heap's one lock and free list, two
 * CPUs with queues of their own would meet at every message, on the
 * same lock and the same blocks' tags (docs/smp.md, "The heap: one
 * lock, and a few blocks each CPU keeps"). So kfree keeps up to
 * CPU_CACHE_BLOCKS blocks of at most CPU_CACHE_MAX_SIZE bytes on its own
 * CPU, tagged CACHED_MAGIC (never merged with a neighbour; a second
 * kfree of one still panics), and kmalloc on that CPU takes one back
 * for a request of exactly the size it was given for: no lock, no line
 * another CPU writes, and the object weighs what it weighed (the bytes
 * asked for, above). The heap's counters go on counting a kept block
 * as in use, since they move only under the heap's lock;
 * heap_bytes_in_use and heap_bytes_free move the caches' bytes across.
 * A kmalloc the free list cannot serve gives its CPU's cache back and
 * tries again. One CPU keeps no cache: there is nothing to keep apart. */
#define CPU_CACHE_BLOCKS   4
#define CPU_CACHE_MAX_SIZE 256u   /* a block's whole size, both tags counted */

static struct CACHE_LINE_ALONE cpu_cache {
    struct tag *blocks[CPU_CACHE_BLOCKS];
    uint32_t count;
    uint32_t counted;          /* the blocks' bytes counted in use */
    uint32_t payload;          /* their payloads, both tags off */
} cpu_caches[CPU_MAX];

/* The caches' counted or payload bytes, all CPUs'. A snapshot: a CPU
 * may change its own meanwhile. */
static size_t cached_bytes(int payload)
{
    size_t bytes = 0;
    for (int cpu = 0; cpu < CPU_MAX; cpu++)
        bytes += payload ? cpu_caches[cpu].payload : cpu_caches[cpu].counted;
    return bytes;
}

/* A block of this CPU's cache given for `needed` bytes, tagged in use
 * again, or 0. Context: several CPUs run tasks; any, interrupt handlers
 * too (interrupts off inside; no lock: the cache is this CPU's alone). */
static void *take_cached(uint32_t needed)
{
    uint32_t saved = cpu_save_and_disable_interrupts();
    struct cpu_cache *cache = &cpu_caches[this_cpu_index()];
    void *found = 0;
    for (uint32_t i = 0; i < cache->count; i++) {
        struct tag *header = cache->blocks[i];
        uint32_t slack = header->in_use & SLACK_BITS;
        if (header->size - slack == needed) {
            cache->blocks[i] = cache->blocks[--cache->count];
            cache->counted -= counted_bytes(header);
            cache->payload -= header->size - 2 * TAG_SIZE;
            set_tags(header, header->size, IN_USE_MAGIC | slack);
            found = (uint8_t *)header + TAG_SIZE;
            break;
        }
    }
    cpu_restore_interrupts(saved);
    return found;
}

/* Keeps the in-use block at `header` (its tags checked) in this CPU's
 * cache if it is small and the cache has room: 1, or 0 for the heap's
 * way. Context: as take_cached. */
static int keep_cached(struct tag *header)
{
    if (header->size > CPU_CACHE_MAX_SIZE)
        return 0;
    uint32_t saved = cpu_save_and_disable_interrupts();
    struct cpu_cache *cache = &cpu_caches[this_cpu_index()];
    int kept = cache->count < CPU_CACHE_BLOCKS;
    if (kept) {
        set_tags(header, header->size, CACHED_MAGIC | (header->in_use & SLACK_BITS));
        cache->blocks[cache->count++] = header;
        cache->counted += counted_bytes(header);
        cache->payload += header->size - 2 * TAG_SIZE;
    }
    cpu_restore_interrupts(saved);
    return kept;
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
    memset(cpu_caches, 0, sizeof cpu_caches);
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

/* kfree's way through the heap's lock and free list. */
static inline __attribute__((always_inline)) void free_to_heap(struct tag *header)
{
    uint32_t saved = heap_lock();
    if (!in_use(header) || footer_of(header)->in_use != header->in_use) {
        heap_unlock(saved);
#ifndef HEAP_HOSTED_TEST
        extern void panic(const char *fmt, ...) __attribute__((noreturn));
        panic("kfree: %p is not an allocated block", (uint8_t *)header + TAG_SIZE);
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

/* Gives this CPU's cached blocks back to the heap, where they merge with
 * their free neighbours: for a kmalloc the free list could not serve.
 * How many. Context: several CPUs run tasks; not in the heap's lock. */
static uint32_t give_back_cached(void)
{
    struct tag *blocks[CPU_CACHE_BLOCKS];
    uint32_t saved = cpu_save_and_disable_interrupts();
    struct cpu_cache *cache = &cpu_caches[this_cpu_index()];
    uint32_t count = cache->count;
    for (uint32_t i = 0; i < count; i++) {
        blocks[i] = cache->blocks[i];
        set_tags(blocks[i], blocks[i]->size, IN_USE_MAGIC | (blocks[i]->in_use & SLACK_BITS));
    }
    cache->count = cache->counted = cache->payload = 0;
    cpu_restore_interrupts(saved);
    for (uint32_t i = 0; i < count; i++)
        free_to_heap(blocks[i]);
    return count;
}

void *kmalloc(size_t size)
{
    if (size == 0 || size > (1u << 30))
        return 0;
    uint32_t needed = (uint32_t)((size + 7) & ~7u) + 2 * TAG_SIZE;
    if (needed < MIN_BLOCK_SIZE)
        needed = MIN_BLOCK_SIZE;
    if (several_cpus()) {
        void *block = needed <= CPU_CACHE_MAX_SIZE ? take_cached(needed) : 0;
        if (!block)
            block = take_from_free_list(needed);
        if (!block && give_back_cached())       /* once: this CPU's cache is empty now */
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
    if (several_cpus() && in_use(header) &&
        footer_of(header)->in_use == header->in_use && keep_cached(header))
        return;
    free_to_heap(header);
}

size_t heap_bytes_in_use(void)
{
    return heap.bytes_in_use - cached_bytes(0);
}

size_t heap_bytes_free(void)
{
    return heap.bytes_free + cached_bytes(1);
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
        } else if (in_use(header) || cached(header)) {
            used += counted_bytes(header);      /* cached: in the heap's count (above) */
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
