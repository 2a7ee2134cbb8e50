/* libc/stdlib/malloc.c - malloc, free, calloc and realloc: a first-fit
 * free-list allocator on sbrk, after Kernighan and Ritchie (The C
 * Programming Language, section 8.7).
 *
 * Every block starts with a header giving its size in units of the header's
 * own size (8 bytes); the caller's memory follows the header, so it is
 * 8-byte aligned. The free blocks form a circular list in address order, so
 * free() finds a block's neighbours and merges with them:
 *
 *   base (size 0) -> free block -> free block -> ... -> back to base
 *
 *   heap: | hdr | in use ... | hdr | free ...... | hdr | in use | hdr | free |
 *                             ^on the list                       ^on the list
 *
 * When no free block is big enough the heap grows by at least
 * HEAP_GROWTH_UNITS through sbrk, and the new memory is freed into the list.
 * A block is cut from the head of a free one (K&R cut the tail): the rest
 * of the block at the heap's top then touches the break and merges with
 * the next growth. (Cut from the tail, 4 KiB blocks left a hole of 4,072
 * bytes in every 16 KiB the heap grew: a quarter of the heap.)
 *
 * An aligned block (posix_memalign, aligned_alloc, memalign) is cut out of
 * a bigger one: the part before the aligned start and the part after its
 * end go back on the list as free blocks of their own, so what is handed
 * out is an ordinary block that free and realloc know.
 *
 * Threads: one lock, heap_lock, guards the list and the heap's end; every
 * public function holds it while it works (it costs nothing until a second
 * thread exists: libc/thread/lock.c). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../thread/thread_internal.h"

struct block {
    struct block *next;     /* the next free block (only while on the list) */
    size_t units;           /* this block's size, header included */
};
_Static_assert(sizeof(struct block) == 8, "headers keep blocks 8-byte aligned");

#define UNIT               sizeof(struct block)
#define HEAP_GROWTH_UNITS  (16384 / UNIT)   /* grow the heap 16 KiB at a time, at least */
#define LARGEST_REQUEST    ((size_t)INTPTR_MAX - HEAP_GROWTH_UNITS * UNIT)

static struct block base;          /* the list's anchor: never handed out */
static struct block *free_list;    /* where the last search ended; NULL before the first */
volatile int __malloc_heap_lock;   /* fork holds it too (libc/unistd/process.c) */

/* Units of a block holding `size` bytes: the header plus the bytes rounded
 * up; at least two, so every block can hold something. */
static size_t units_for(size_t size)
{
    size_t units = (size + UNIT - 1) / UNIT + 1;
    return units < 2 ? 2 : units;
}

/* Puts block `freed` on the free list, merging it with the free blocks
 * just before and after it. */
static void release(struct block *freed)
{
    struct block *before = free_list;
    /* find the free block just below `freed`: the list is in address order,
     * and wraps from the highest block back to the lowest */
    while (!(freed > before && freed < before->next)) {
        if (before >= before->next && (freed > before || freed < before->next))
            break;    /* freed lies beyond either end of the list */
        before = before->next;
    }
    if (freed + freed->units == before->next) {      /* merge with the block after */
        freed->units += before->next->units;
        freed->next = before->next->next;
    } else {
        freed->next = before->next;
    }
    if (before + before->units == freed) {           /* merge with the block before */
        before->units += freed->units;
        before->next = freed->next;
    } else {
        before->next = freed;
    }
    free_list = before;
}

/* Gives back memory from malloc, calloc or realloc; NULL is ignored. */
void free(void *memory)
{
    if (!memory)
        return;
    __libc_lock(&__malloc_heap_lock);
    release((struct block *)memory - 1);
    __libc_unlock(&__malloc_heap_lock);
}

/* Adds at least `units` units from sbrk to the free list; returns the list,
 * or NULL (errno ENOMEM) when the kernel gives no more memory. */
static struct block *grow_heap(size_t units)
{
    if (units < HEAP_GROWTH_UNITS)
        units = HEAP_GROWTH_UNITS;
    uintptr_t current = (uintptr_t)sbrk(0);
    if (current % UNIT != 0 && sbrk((intptr_t)(UNIT - current % UNIT)) == (void *)-1)
        return NULL;          /* the heap's first block must start aligned */
    void *memory = sbrk((intptr_t)(units * UNIT));
    if (memory == (void *)-1)
        return NULL;
    struct block *fresh = memory;
    fresh->units = units;
    release(fresh);
    return free_list;
}

/* Returns `size` bytes of 8-byte aligned memory, or NULL with ENOMEM.
 * Caller holds heap_lock. */
static void *allocate_locked(size_t size)
{
    if (size > LARGEST_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    size_t units = units_for(size);
    if (!free_list) {                 /* the first call: an empty circular list */
        base.next = free_list = &base;
        base.units = 0;
    }
    struct block *previous = free_list;
    for (struct block *candidate = previous->next;; previous = candidate,
                                                    candidate = candidate->next) {
        if (candidate->units >= units) {
            if (candidate->units == units) {
                previous->next = candidate->next;      /* an exact fit leaves the list */
            } else {
                /* hand out the block's head: what is left of it stays at
                 * the top, where the heap's next growth merges with it */
                struct block *rest = candidate + units;
                rest->units = candidate->units - units;
                rest->next = candidate->next;
                previous->next = rest;
                candidate->units = units;
            }
            free_list = previous;
            return candidate + 1;
        }
        if (candidate == free_list) {                  /* went once around: grow */
            candidate = grow_heap(units);
            if (!candidate)
                return NULL;
        }
    }
}

/* allocate_locked under the lock. (malloc's body under another name: were
 * calloc to call malloc and then memset, the compiler could fuse the pair
 * into a call to calloc itself.) */
static void *allocate(size_t size)
{
    __libc_lock(&__malloc_heap_lock);
    void *memory = allocate_locked(size);
    __libc_unlock(&__malloc_heap_lock);
    return memory;
}

/* Returns `size` bytes of 8-byte aligned memory, or NULL with ENOMEM. */
void *malloc(size_t size)
{
    return allocate(size);
}

/* Returns zeroed memory for `count` objects of `size` bytes, or NULL. */
void *calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *memory = allocate(count * size);
    if (memory)
        memset(memory, 0, count * size);
    return memory;
}

/* Resizes `memory` to `size` bytes, moving it if it must grow; the old
 * contents are kept up to the smaller size. realloc(NULL, n) is malloc(n);
 * realloc(p, 0) frees p and returns NULL. On failure p is left as it was. */
void *realloc(void *memory, size_t size)
{
    if (!memory)
        return allocate(size);
    if (size == 0) {
        free(memory);
        return NULL;
    }
    if (size > LARGEST_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    struct block *old = (struct block *)memory - 1;
    size_t units = units_for(size);
    __libc_lock(&__malloc_heap_lock);
    if (units <= old->units) {
        if (old->units - units >= 2) {                 /* give back a useful tail */
            struct block *tail = old + units;
            tail->units = old->units - units;
            old->units = units;
            release(tail);
        }
    } else {
        void *moved = allocate_locked(size);
        if (moved) {
            memcpy(moved, memory, (old->units - 1) * UNIT);
            release(old);
        }
        memory = moved;
    }
    __libc_unlock(&__malloc_heap_lock);
    return memory;
}

/* Returns `size` bytes whose address is a multiple of `alignment` (a power
 * of two), or NULL with ENOMEM. */
static void *allocate_aligned(size_t alignment, size_t size)
{
    if (alignment <= UNIT)
        return allocate(size);
    if (size > LARGEST_REQUEST - alignment - 2 * UNIT) {
        errno = ENOMEM;
        return NULL;
    }
    __libc_lock(&__malloc_heap_lock);
    char *memory = allocate_locked(size + alignment + 2 * UNIT);
    if (!memory) {
        __libc_unlock(&__malloc_heap_lock);
        return NULL;
    }
    struct block *whole = (struct block *)memory - 1;
    uintptr_t start = ((uintptr_t)memory + alignment - 1) & ~(uintptr_t)(alignment - 1);
    if (start - (uintptr_t)memory == UNIT)      /* too little room for a free block before */
        start += alignment;
    struct block *aligned = whole;
    if (start != (uintptr_t)memory) {           /* free the part before the aligned start */
        size_t lead = (start - (uintptr_t)memory) / UNIT;
        aligned = (struct block *)start - 1;
        aligned->units = whole->units - lead;
        whole->units = lead;
        release(whole);
    }
    size_t units = units_for(size);
    if (aligned->units - units >= 2) {          /* and the part after its end */
        struct block *tail = aligned + units;
        tail->units = aligned->units - units;
        aligned->units = units;
        release(tail);
    }
    __libc_unlock(&__malloc_heap_lock);
    return (void *)start;
}

static int is_power_of_two(size_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

/* Stores in *memory `size` bytes aligned to `alignment`, which must be a
 * power of two and a multiple of sizeof(void *). Returns 0, or EINVAL
 * (bad alignment) or ENOMEM, leaving *memory alone (POSIX). */
int posix_memalign(void **memory, size_t alignment, size_t size)
{
    if (!is_power_of_two(alignment) || alignment % sizeof(void *) != 0)
        return EINVAL;
    void *block = allocate_aligned(alignment, size);
    if (!block)
        return ENOMEM;
    *memory = block;
    return 0;
}

/* `size` bytes aligned to `alignment`, a power of two (ISO C11); NULL
 * with EINVAL for another alignment (as glibc 2.38 on) or ENOMEM. */
void *aligned_alloc(size_t alignment, size_t size)
{
    if (!is_power_of_two(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    return allocate_aligned(alignment, size);
}

/* `size` bytes aligned to `alignment` (the old interface): an alignment
 * that is not a power of two is rounded up to one, as glibc does. */
void *memalign(size_t alignment, size_t size)
{
    size_t power = 1;
    while (power < alignment && power <= SIZE_MAX / 2)
        power *= 2;
    if (power < alignment) {
        errno = EINVAL;
        return NULL;
    }
    return allocate_aligned(power, size);
}

/* `size` bytes on a page of their own's boundary (the oldest interface,
 * which glibc keeps and book programs call). */
void *valloc(size_t size)
{
    return allocate_aligned(4096, size);     /* the page size (getauxval(AT_PAGESZ)) */
}
