/* kernel/mm/heap_cpu_cache.c - each CPU's few small freed blocks of the
 * kernel heap (heap_cpu_cache.h), with several CPUs only.
 *
 * A System V or POSIX queue's message is a block one CPU allocates at a
 * send and frees at the receive. Through the heap's one lock and free
 * list (heap.c), two CPUs with queues of their own would meet at every
 * message, on the same lock and the same blocks' tags (docs/smp.md, "The
 * heap: one lock, and a few blocks each CPU keeps"). So kfree keeps up to
 * CPU_CACHE_BLOCKS blocks of at most CPU_CACHE_MAX_SIZE bytes on its own
 * CPU, tagged CACHED_MAGIC (never merged with a neighbour; a second kfree
 * of one panics, as of any block not in use), and kmalloc on that CPU
 * takes one back for a request of exactly the size it was given for: no
 * lock, no line another CPU writes, and the object weighs what it
 * weighed (heap.c counts the bytes asked for). A block not asked for
 * within CPU_CACHE_KEEP_TICKS of its CPU's ticks (a second) goes back to
 * the heap at the tick, so a size nobody asks for again does not hold
 * its slot for good. The heap's counters go on
 * counting a kept block as in use, since they move only under the
 * heap's lock; heap_bytes_in_use and heap_bytes_free move the kept
 * bytes across. A kmalloc the free list cannot serve gives its CPU's
 * blocks back and tries again.
 *
 * Each CPU's slots are its own: interrupts off is their lock (the
 * network card's interrupt handler allocates too), and the heap's lock
 * is taken only after, never with them held. */
#include "heap_cpu_cache.h"
#include "heap.h"
#include "heap_internal.h"

#include "arch/x86/cache_line.h"

#define CPU_CACHE_BLOCKS   4
#define CPU_CACHE_MAX_SIZE 256u   /* a block's whole size, both tags counted */
#define CPU_CACHE_KEEP_TICKS 1000u  /* a second at 1,000 ticks a second */

static struct CACHE_LINE_ALONE cpu_cache {
    struct tag *blocks[CPU_CACHE_BLOCKS];
    uint32_t kept_at[CPU_CACHE_BLOCKS];   /* `ticks` when each was kept */
    uint32_t count;
    uint32_t ticks;            /* this CPU's ticks, counted by heap_cpu_cache_tick */
    uint32_t counted;          /* the blocks' bytes counted in use */
    uint32_t payload;          /* their payloads, both tags off */
} cpu_caches[HEAP_CPUS];

/* Takes slot `i` out of `cache` (the last slot moves into it): its
 * block, tagged in use again, its bytes off the cache's counts.
 * Context: interrupts off, on the cache's CPU. */
static struct tag *slot_remove(struct cpu_cache *cache, uint32_t i)
{
    struct tag *header = cache->blocks[i];
    cache->count--;
    cache->blocks[i] = cache->blocks[cache->count];
    cache->kept_at[i] = cache->kept_at[cache->count];
    cache->counted -= heap_counted_bytes(header);
    cache->payload -= header->size - 2 * TAG_SIZE;
    heap_set_tags(header, header->size, IN_USE_MAGIC | (header->in_use & SLACK_BITS));
    return header;
}

void *heap_cpu_cache_take(uint32_t needed)
{
    if (needed > CPU_CACHE_MAX_SIZE)
        return 0;
    uint32_t saved = heap_interrupts_off();
    struct cpu_cache *cache = &cpu_caches[heap_this_cpu()];
    void *found = 0;
    for (uint32_t i = 0; i < cache->count; i++) {
        struct tag *header = cache->blocks[i];
        if (header->size - (header->in_use & SLACK_BITS) == needed) {   /* the size asked for */
            found = (uint8_t *)slot_remove(cache, i) + TAG_SIZE;
            break;
        }
    }
    heap_interrupts_back(saved);
    return found;
}

int heap_cpu_cache_keep(struct tag *header)
{
    if (header->size > CPU_CACHE_MAX_SIZE)
        return 0;
    uint32_t saved = heap_interrupts_off();
    struct cpu_cache *cache = &cpu_caches[heap_this_cpu()];
    int kept = cache->count < CPU_CACHE_BLOCKS;
    if (kept) {
        heap_set_tags(header, header->size, CACHED_MAGIC | (header->in_use & SLACK_BITS));
        cache->kept_at[cache->count] = cache->ticks;
        cache->blocks[cache->count++] = header;
        cache->counted += heap_counted_bytes(header);
        cache->payload += header->size - 2 * TAG_SIZE;
    }
    heap_interrupts_back(saved);
    return kept;
}

uint32_t heap_cpu_cache_give_back(void)
{
    struct tag *blocks[CPU_CACHE_BLOCKS];
    uint32_t saved = heap_interrupts_off();
    struct cpu_cache *cache = &cpu_caches[heap_this_cpu()];
    uint32_t count = 0;
    while (cache->count)
        blocks[count++] = slot_remove(cache, cache->count - 1);
    heap_interrupts_back(saved);
    for (uint32_t i = 0; i < count; i++)
        heap_free_block(blocks[i]);
    return count;
}

void heap_cpu_cache_tick(void)
{
    struct tag *stale[CPU_CACHE_BLOCKS];
    uint32_t count = 0;
    uint32_t saved = heap_interrupts_off();
    struct cpu_cache *cache = &cpu_caches[heap_this_cpu()];
    cache->ticks++;
    for (uint32_t i = 0; i < cache->count;) {
        if (cache->ticks - cache->kept_at[i] >= CPU_CACHE_KEEP_TICKS)
            stale[count++] = slot_remove(cache, i);   /* slot i now holds another: look again */
        else
            i++;
    }
    heap_interrupts_back(saved);
    for (uint32_t i = 0; i < count; i++)
        heap_free_block(stale[i]);               /* the heap's lock, after the slots */
}

size_t heap_cpu_cache_bytes(int payload)
{
    size_t bytes = 0;
    for (int cpu = 0; cpu < HEAP_CPUS; cpu++)
        bytes += payload ? cpu_caches[cpu].payload : cpu_caches[cpu].counted;
    return bytes;
}

#ifdef HEAP_HOSTED_TEST
void heap_cpu_cache_forget(void)
{
    for (int cpu = 0; cpu < HEAP_CPUS; cpu++)
        cpu_caches[cpu].count = cpu_caches[cpu].counted = cpu_caches[cpu].payload = cpu_caches[cpu].ticks = 0;
}
#endif
