/* tests/unit/test_heap.c - the kernel heap (kernel/mm/heap.c), built with
 * HEAP_HOSTED_TEST: no interrupt lock, and a bad kfree returns instead of
 * panicking. The heap lives in a static array here. */
// unit-sources: kernel/mm/heap.c kernel/mm/heap_cpu_cache.c
#include "kernel/mm/heap.h"
#include "kernel/mm/heap_cpu_cache.h"

#include <stdint.h>

#include "unit.h"

#define HEAP_SIZE  (256u * 1024)

static uint8_t heap_memory[HEAP_SIZE] __attribute__((aligned(16)));
static size_t start_in_use, start_free;

/* A fresh heap over heap_memory; remembers its counters. */
static void fresh_heap(void)
{
    heap_test_several_cpus = 0;
    heap_test_cpu = 0;
    heap_init(heap_memory, HEAP_SIZE);
    start_in_use = heap_bytes_in_use();
    start_free = heap_bytes_free();
    REQUIRE(heap_check() == 0, "expected a new heap to be sound, heap_check() gave %d", heap_check());
}

#define EXPECT_HEAP_SOUND() EXPECT_EQ_INT(0, heap_check())

#define EXPECT_COUNTERS_AT_START()                                            \
    do {                                                                      \
        EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());                     \
        EXPECT_EQ_INT(start_free, heap_bytes_free());                         \
    } while (0)

UNIT_TEST(new_heap_is_all_free)
{
    fresh_heap();
    EXPECT_EQ_INT(0, start_in_use);
    EXPECT(start_free > HEAP_SIZE - 64 && start_free < HEAP_SIZE,
           "expected nearly %u bytes free, got %zu", HEAP_SIZE, start_free);
}

UNIT_TEST(allocations_are_aligned_to_8_bytes)
{
    fresh_heap();
    for (size_t size = 1; size <= 64; size++) {
        uint8_t *p = kmalloc(size);
        REQUIRE(p != NULL, "expected kmalloc(%zu) to succeed, got NULL", size);
        EXPECT((uintptr_t)p % 8 == 0, "expected kmalloc(%zu) 8-byte aligned, got %p", size, (void *)p);
    }
    EXPECT_HEAP_SOUND();

    heap_init(heap_memory + 3, HEAP_SIZE - 3);   /* a region that is itself misaligned */
    for (size_t size = 1; size <= 16; size++) {
        uint8_t *p = kmalloc(size);
        REQUIRE(p != NULL, "expected kmalloc(%zu) to succeed, got NULL", size);
        EXPECT((uintptr_t)p % 8 == 0, "expected kmalloc(%zu) 8-byte aligned, got %p", size, (void *)p);
        EXPECT(p >= heap_memory + 3, "expected %p inside the region", (void *)p);
    }
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(zero_byte_request_returns_null)
{
    fresh_heap();
    EXPECT(kmalloc(0) == NULL, "expected kmalloc(0) to return NULL");
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(request_bigger_than_the_heap_returns_null)
{
    fresh_heap();
    EXPECT(kmalloc(start_free + 1) == NULL, "expected kmalloc(free bytes + 1) to return NULL");
    EXPECT(kmalloc(HEAP_SIZE) == NULL, "expected kmalloc(heap size) to return NULL");
    EXPECT(kmalloc((size_t)1 << 31) == NULL, "expected kmalloc(2 GiB) to return NULL");
    EXPECT(kmalloc(SIZE_MAX) == NULL, "expected kmalloc(SIZE_MAX) to return NULL");
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(whole_free_space_can_be_allocated_as_one_block)
{
    fresh_heap();
    void *everything = kmalloc(start_free);
    EXPECT(everything != NULL, "expected kmalloc(%zu), all the free bytes, to succeed", start_free);
    EXPECT_EQ_INT(0, heap_bytes_free());
    EXPECT(kmalloc(1) == NULL, "expected a full heap to refuse kmalloc(1)");
    EXPECT_HEAP_SOUND();
    kfree(everything);
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(in_use_counts_at_least_the_bytes_requested)
{
    fresh_heap();
    void *p = kmalloc(100);
    EXPECT(heap_bytes_in_use() >= 100, "expected at least 100 bytes in use, got %zu", heap_bytes_in_use());
    EXPECT(heap_bytes_in_use() + heap_bytes_free() <= start_free,
           "expected in use + free <= %zu, got %zu + %zu", start_free, heap_bytes_in_use(), heap_bytes_free());
    kfree(p);
    EXPECT_COUNTERS_AT_START();
}

/* A block too small to split is given whole, with up to 24 spare bytes:
 * the object still weighs what it asked for, so a leak check comparing
 * the bytes in use does not depend on how the free list was cut. */
UNIT_TEST(in_use_counts_the_bytes_asked_for_when_a_block_is_given_whole)
{
    fresh_heap();
    void *hole = kmalloc(64), *guard = kmalloc(16);
    REQUIRE(hole != NULL && guard != NULL, "expected two small kmallocs to succeed");
    kfree(hole);                         /* a free block of 64 + 16 bytes of tags */
    size_t in_use = heap_bytes_in_use(), free_bytes = heap_bytes_free();
    void *whole = kmalloc(48);           /* needs 64: the 16 left cannot be a block */
    EXPECT(whole == hole, "expected kmalloc(48) to take the freed block at %p, got %p", hole, whole);
    EXPECT_EQ_INT(in_use + 48, heap_bytes_in_use());
    EXPECT_EQ_INT(free_bytes - 64, heap_bytes_free());
    EXPECT_HEAP_SOUND();
    void *split = kmalloc(48);           /* from the big block: split */
    EXPECT_EQ_INT(in_use + 96, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
    kfree(whole);
    EXPECT_EQ_INT(in_use + 48, heap_bytes_in_use());
    kfree(split);
    kfree(guard);
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

/* Frees A, B and C (allocated in that order) in each of the six orders:
 * whichever order, each free merges with its free neighbours, so at the
 * end the heap is one free block again and all of it can be allocated. */
UNIT_TEST(free_neighbours_merge_in_every_order)
{
    static const int orders[6][3] = { { 0, 2, 1 }, { 0, 1, 2 }, { 1, 0, 2 },
                                      { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
    for (int o = 0; o < 6; o++) {
        fresh_heap();
        void *blocks[3];
        for (int i = 0; i < 3; i++) {
            blocks[i] = kmalloc(1000);
            REQUIRE(blocks[i] != NULL, "expected kmalloc(1000) to succeed");
            EXPECT_HEAP_SOUND();
        }
        for (int i = 0; i < 3; i++) {
            kfree(blocks[orders[o][i]]);
            EXPECT(heap_check() == 0, "order %d%d%d: expected heap_check() 0 after freeing %c, got %d",
                   orders[o][0], orders[o][1], orders[o][2], 'A' + orders[o][i], heap_check());
        }
        EXPECT_COUNTERS_AT_START();
        void *everything = kmalloc(start_free);
        EXPECT(everything != NULL, "order %d%d%d: expected one block of %zu bytes after the merges, got NULL",
               orders[o][0], orders[o][1], orders[o][2], start_free);
        kfree(everything);
    }
}

UNIT_TEST(kzalloc_returns_zeroed_bytes)
{
    fresh_heap();
    uint8_t *dirty = kmalloc(256);
    REQUIRE(dirty != NULL, "expected kmalloc(256) to succeed");
    memset(dirty, 0xff, 256);
    kfree(dirty);
    uint8_t *clean = kzalloc(256);
    REQUIRE(clean != NULL, "expected kzalloc(256) to succeed");
    for (int i = 0; i < 256; i++)
        REQUIRE(clean[i] == 0, "expected byte %d zero, got 0x%02x", i, clean[i]);
    kfree(clean);
    EXPECT_COUNTERS_AT_START();
}

UNIT_TEST(kfree_of_null_is_ignored)
{
    fresh_heap();
    kfree(NULL);
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(second_free_of_a_block_between_used_blocks_is_refused)
{
    fresh_heap();
    void *before = kmalloc(64), *block = kmalloc(64), *after = kmalloc(64);
    kfree(block);
    size_t in_use = heap_bytes_in_use(), free_bytes = heap_bytes_free();
    kfree(block);
    EXPECT_EQ_INT(in_use, heap_bytes_in_use());
    EXPECT_EQ_INT(free_bytes, heap_bytes_free());
    EXPECT_HEAP_SOUND();
    kfree(before);
    kfree(after);
    EXPECT_COUNTERS_AT_START();
}

/* ---- each CPU's cache of small freed blocks (several CPUs only) */

/* A fresh heap as two CPUs see it, CPU 0 running. */
static void fresh_heap_on_two_cpus(void)
{
    fresh_heap();
    heap_test_several_cpus = 1;
}

UNIT_TEST(one_cpu_keeps_no_freed_block_aside)
{
    fresh_heap();
    void *a = kmalloc(100), *guard = kmalloc(16);
    kfree(a);                                /* free: a 104-byte payload */
    void *b = kmalloc(96);
    EXPECT(b == a, "expected kmalloc(96) to get the freed block %p from the free list, got %p", a, b);
    kfree(b);
    kfree(guard);
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

/* With several CPUs a kept block counts as free in heap_bytes_free (its
 * payload; the tags a merge would give back are not counted until then),
 * and not in use: so these tests compare the bytes in use. */
UNIT_TEST(a_small_freed_block_comes_back_to_its_own_cpu_for_the_same_size)
{
    fresh_heap_on_two_cpus();
    void *a = kmalloc(100);
    REQUIRE(a != NULL, "expected kmalloc(100) to succeed");
    kfree(a);                                /* kept by CPU 0 */
    EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
    heap_test_cpu = 1;
    void *other = kmalloc(100);
    EXPECT(other != a, "expected CPU 1 not to get CPU 0's kept block %p", a);
    heap_test_cpu = 0;
    void *smaller = kmalloc(96);
    EXPECT(smaller != a, "expected kmalloc(96) not to get a kept block given for 100 bytes");
    void *again = kmalloc(100);
    EXPECT(again == a, "expected CPU 0's next kmalloc(100) to get its kept block %p, got %p", a, again);
    EXPECT_EQ_INT(104 + 104 + 96, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
    kfree(again);
    kfree(smaller);
    heap_test_cpu = 1;
    kfree(other);
    EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
}

/* A block given whole, with 16 spare bytes, and kept: it comes back only
 * for the size it was asked for, and weighs that again. */
UNIT_TEST(a_kept_block_weighs_what_it_was_asked_for)
{
    fresh_heap();                            /* one CPU, to make a hole in the free list */
    void *hole = kmalloc(64), *guard = kmalloc(16);
    kfree(hole);
    heap_test_several_cpus = 1;
    void *whole = kmalloc(48);               /* the 80-byte hole, whole: 16 spare */
    REQUIRE(whole == hole, "expected kmalloc(48) to take the hole %p, got %p", hole, whole);
    EXPECT_EQ_INT(16 + 48, heap_bytes_in_use());
    kfree(whole);                            /* kept */
    EXPECT_EQ_INT(16, heap_bytes_in_use());
    void *bigger = kmalloc(64);              /* the same block size, another request */
    EXPECT(bigger != hole, "expected kmalloc(64) not to get the block kept for 48 bytes");
    EXPECT_EQ_INT(16 + 64, heap_bytes_in_use());
    void *again = kmalloc(48);
    EXPECT(again == hole, "expected kmalloc(48) to get its kept block %p, got %p", hole, again);
    EXPECT_EQ_INT(16 + 64 + 48, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
    kfree(again);
    kfree(bigger);
    kfree(guard);
    EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
}

UNIT_TEST(a_second_kfree_of_a_kept_block_is_refused)
{
    fresh_heap_on_two_cpus();
    void *before = kmalloc(64), *block = kmalloc(64), *after = kmalloc(64);
    kfree(block);
    size_t in_use = heap_bytes_in_use(), free_bytes = heap_bytes_free();
    kfree(block);                            /* in the kernel: a panic */
    EXPECT_EQ_INT(in_use, heap_bytes_in_use());
    EXPECT_EQ_INT(free_bytes, heap_bytes_free());
    EXPECT_HEAP_SOUND();
    void *again = kmalloc(64), *next = kmalloc(64);
    EXPECT(again == block && next != block, "expected the kept block given once, got %p then %p", again, next);
    kfree(before);
    kfree(after);
    kfree(again);
    kfree(next);
    EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
}

/* A kept block nobody asks for goes back to the heap after a second of
 * its CPU's ticks (1,000), so it does not hold its slot for good. */
UNIT_TEST(a_kept_block_not_asked_for_in_a_second_goes_back_at_the_tick)
{
    fresh_heap_on_two_cpus();
    void *block = kmalloc(64), *apart = kmalloc(16);   /* apart: no merge */
    REQUIRE(block != NULL && apart != NULL, "expected small kmallocs to succeed");
    kfree(block);                            /* kept by CPU 0 */
    for (int tick = 0; tick < 999; tick++)
        heap_cpu_cache_tick();
    heap_test_cpu = 1;
    void *elsewhere = kmalloc(64);
    EXPECT(elsewhere != block, "expected the block still kept by CPU 0 after 999 ticks");
    heap_test_cpu = 0;
    heap_cpu_cache_tick();                   /* the 1,000th */
    EXPECT_HEAP_SOUND();
    heap_test_cpu = 1;
    void *back = kmalloc(64);
    EXPECT(back == block, "expected CPU 1 to get the block %p from the free list after a second, got %p",
           block, back);
    heap_test_cpu = 0;
    void *fresh = kmalloc(64);               /* asked for again on CPU 0: it keeps, and ticks, anew */
    kfree(fresh);
    for (int tick = 0; tick < 500; tick++)
        heap_cpu_cache_tick();
    void *again = kmalloc(64);
    EXPECT(again == fresh, "expected CPU 0's block kept 500 ticks ago (%p) back, got %p", fresh, again);
    kfree(again);
    kfree(back);
    kfree(elsewhere);
    kfree(apart);
    EXPECT_EQ_INT(start_in_use, heap_bytes_in_use());
    EXPECT_HEAP_SOUND();
}

/* A heap full of small blocks: the ones a CPU keeps come back to the
 * free list, merged, when a kmalloc finds nothing there. */
UNIT_TEST(kept_blocks_go_back_to_the_heap_when_it_runs_short)
{
    fresh_heap_on_two_cpus();
    static void *blocks[HEAP_SIZE / 32];
    int count = 0;
    while (count < (int)(sizeof blocks / sizeof blocks[0]) && (blocks[count] = kmalloc(200)))
        count++;
    REQUIRE(count > 8, "expected many 200-byte blocks, got %d", count);
    EXPECT(kmalloc(600) == NULL, "expected a full heap to refuse kmalloc(600)");
    for (int i = 1; i <= 4; i++)
        kfree(blocks[i]);                    /* four neighbours, kept by CPU 0 */
    heap_test_cpu = 1;
    EXPECT(kmalloc(600) == NULL, "expected CPU 1, which keeps nothing, to find no room for 600 bytes");
    heap_test_cpu = 0;
    void *big = kmalloc(600);
    EXPECT(big == blocks[1], "expected CPU 0's four kept blocks merged for kmalloc(600) at %p, got %p",
           blocks[1], big);
    EXPECT_HEAP_SOUND();
    kfree(big);
    kfree(blocks[0]);
    for (int i = 5; i < count; i++)
        kfree(blocks[i]);
    heap_test_several_cpus = 0;
    EXPECT_HEAP_SOUND();
    void *everything = kmalloc(start_free);  /* kept blocks given back: one block again? */
    EXPECT(everything == NULL, "expected the blocks CPU 0 still keeps to hold the heap apart");
    heap_test_several_cpus = 1;
    everything = kmalloc(start_free);        /* runs short: gives them back, merged */
    EXPECT(everything != NULL, "expected all of the heap as one block once CPU 0 gave its blocks back");
    kfree(everything);
    EXPECT_COUNTERS_AT_START();
    EXPECT_HEAP_SOUND();
}

/* ---- the randomized test: the heap against a model of its live blocks */

#define RANDOM_STEPS     100000
#define RANDOM_MAX_SIZE  5000
#define MAX_LIVE         1024

struct live_block {
    uint8_t *pointer;
    size_t size;
    uint32_t serial;         /* seeds the block's byte pattern */
};

static struct live_block live[MAX_LIVE];
static int live_count;
static uint32_t random_state = 12345;

static uint32_t next_random(void)           /* xorshift32: same sequence every run */
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

static uint8_t pattern_byte(uint32_t serial, size_t i)
{
    return (uint8_t)(serial * 251u + i * 7u + 1u);
}

static void fill_pattern(const struct live_block *b)
{
    for (size_t i = 0; i < b->size; i++)
        b->pointer[i] = pattern_byte(b->serial, i);
}

/* Stops the test at the first byte of `b` another block has overwritten. */
static void require_pattern_intact(const struct live_block *b, int step)
{
    for (size_t i = 0; i < b->size; i++)
        REQUIRE(b->pointer[i] == pattern_byte(b->serial, i),
                "step %d: expected byte %zu of block #%u (%zu bytes) to be 0x%02x, got 0x%02x",
                step, i, b->serial, b->size, pattern_byte(b->serial, i), b->pointer[i]);
}

static void require_new_block_fits(const struct live_block *b, int step)
{
    REQUIRE((uintptr_t)b->pointer % 8 == 0, "step %d: expected 8-byte alignment, got %p",
            step, (void *)b->pointer);
    REQUIRE(b->pointer >= heap_memory && b->pointer + b->size <= heap_memory + HEAP_SIZE,
            "step %d: expected block %p+%zu inside the heap", step, (void *)b->pointer, b->size);
    for (int i = 0; i < live_count; i++)
        REQUIRE(b->pointer + b->size <= live[i].pointer || live[i].pointer + live[i].size <= b->pointer,
                "step %d: expected new block %p+%zu not to overlap live block %p+%zu",
                step, (void *)b->pointer, b->size, (void *)live[i].pointer, live[i].size);
}

UNIT_TEST(random_allocations_and_frees_keep_every_block_intact)
{
    fresh_heap();
    uint32_t serial = 0;
    int allocations = 0, refusals = 0;
    for (int step = 1; step <= RANDOM_STEPS; step++) {
        int allocate = live_count == 0 || (live_count < MAX_LIVE && next_random() % 100 < 55);
        if (allocate) {
            struct live_block b = { NULL, 1 + next_random() % RANDOM_MAX_SIZE, serial++ };
            b.pointer = kmalloc(b.size);
            if (!b.pointer) {
                refusals++;                  /* the heap is full: allowed */
            } else {
                allocations++;
                require_new_block_fits(&b, step);
                fill_pattern(&b);
                live[live_count++] = b;
            }
        } else {
            int victim = (int)(next_random() % (uint32_t)live_count);
            require_pattern_intact(&live[victim], step);
            kfree(live[victim].pointer);
            live[victim] = live[--live_count];
        }
        if (step % 1000 == 0) {
            REQUIRE(heap_check() == 0, "step %d: expected heap_check() 0, got %d", step, heap_check());
            size_t requested = 0;
            for (int i = 0; i < live_count; i++) {
                require_pattern_intact(&live[i], step);
                requested += live[i].size;
            }
            REQUIRE(heap_bytes_in_use() >= requested, "step %d: expected at least %zu bytes in use, got %zu",
                    step, requested, heap_bytes_in_use());
        }
    }
    EXPECT(allocations > RANDOM_STEPS / 3 && refusals > 0,
           "expected a run that both allocates much and fills the heap, got %d allocations, %d refusals",
           allocations, refusals);
    while (live_count > 0) {
        require_pattern_intact(&live[live_count - 1], RANDOM_STEPS);
        kfree(live[--live_count].pointer);
    }
    EXPECT_HEAP_SOUND();
    EXPECT_COUNTERS_AT_START();
    void *everything = kmalloc(start_free);
    EXPECT(everything != NULL, "expected all %zu free bytes as one block at the end, got NULL", start_free);
}
