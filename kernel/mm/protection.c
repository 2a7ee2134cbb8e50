/* kernel/mm/protection.c - changing what the pages of a mapping allow
 * (mprotect), and the two looks at the mappings that msync and madvise
 * need.
 *
 * A protection belongs to a region, so a change to part of a region first
 * splits it where the range begins and ends:
 *
 *   mprotect(s + 4096, 4096, PROT_READ) on [s, s + 12288) read-write
 *
 *   before   [ RW  page 0  |  RW  page 1  |  RW  page 2  )     one region
 *   after    [ RW  page 0  )[ R   page 1  )[ RW  page 2  )     three regions
 *
 * and mprotect(s + 4096, 4096, PROT_READ | PROT_WRITE) later merges them
 * back into one: neighbours that allow the same, show the same object in
 * order and carry no System V attachment become one region again, so that
 * changing protections to and fro does not use up the region slots.
 *
 * Then the page-table entries of the pages already there change:
 *
 *   PROT_NONE         the entry stops being present but keeps its frame,
 *                     marked PTE_HIDDEN: every access faults (SIGSEGV), the
 *                     kernel's copies too (EFAULT), and the bytes are back
 *                     when the page becomes readable again
 *   PROT_READ         PTE_WRITABLE off
 *   PROT_WRITE again  shared pages: PTE_WRITABLE on. Private pages become
 *                     copy-on-write instead: after a fork, parent and
 *                     child may both hold the frame of a read-only page,
 *                     and the first write must copy it, not change it
 *                     under the other (the fault handler just makes it
 *                     writable when nobody else holds it). */
#include "address_space.h"
#include "address_space_internal.h"

#include "arch/x86/paging.h"
#include "memory_layout.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define PROTECTION_FLAGS (REGION_READ | REGION_WRITE | REGION_EXEC)

uint32_t address_space_protection_flags(int protection)
{
    return (protection & (PROT_READ | PROT_WRITE | PROT_EXEC) ? REGION_READ : 0) |
           (protection & PROT_WRITE ? REGION_WRITE : 0) | (protection & PROT_EXEC ? REGION_EXEC : 0);
}

int address_space_is_mapped(struct address_space *space, uint32_t start, uint32_t end)
{
    for (uint32_t address = start; address < end;) {
        struct region *region = address_space_find_region(space, address);
        if (!region)
            return 0;
        address = region->end;
    }
    return 1;
}

/* Splits `region` at `at` (strictly inside it, page-aligned) and returns
 * the upper piece, a new region; the caller has checked there is a free
 * slot. The heap keeps growing from its top piece, the stack from its
 * lowest: only those keep REGION_HEAP and REGION_STACK. */
struct region *address_space_split_region(struct address_space *space, struct region *region, uint32_t at)
{
    struct region *upper = &space->regions[space->region_count++];
    *upper = *region;
    upper->start = at;
    upper->object_first_page += (at - region->start) / PAGE_SIZE;
    upper->flags &= ~REGION_STACK;
    region->flags &= ~REGION_HEAP;
    region->end = at;
    region_references(upper, +1);
    return upper;
}

/* Whether `lower` and `upper` (lower->end == upper->start) can be one
 * region: the same protection and sharing, the same object in order, no
 * attachment, and not over the heap's top or the stack's foot. */
static int can_merge(const struct region *lower, const struct region *upper)
{
    uint32_t special = REGION_HEAP | REGION_STACK;
    if (lower->end != upper->start || (lower->flags & REGION_HEAP) || (upper->flags & REGION_STACK) ||
        ((lower->flags ^ upper->flags) & ~special) || lower->attachment || upper->attachment ||
        lower->object != upper->object)
        return 0;
    return !lower->object ||
           upper->object_first_page == lower->object_first_page + (lower->end - lower->start) / PAGE_SIZE;
}

/* Merges every pair of neighbours that can be one region. */
void address_space_merge_regions(struct address_space *space)
{
    for (int i = 0; i < space->region_count; i++) {
        for (int j = 0; j < space->region_count; j++) {
            struct region *lower = &space->regions[i], *upper = &space->regions[j];
            if (i == j || !can_merge(lower, upper))
                continue;
            lower->end = upper->end;
            lower->flags |= upper->flags;        /* the heap's top or nothing */
            region_references(upper, -1);   /* lower holds the object too */
            *upper = space->regions[--space->region_count];
            if (i == space->region_count)        /* lower was the last one: it moved */
                i = j;
            j = -1;                              /* the array changed: look again */
        }
    }
}

struct protection_change {
    struct address_space *space;
    uint32_t flags;                              /* REGION_READ, REGION_WRITE, REGION_EXEC */
};

/* Gives one page-table entry (present or hidden) its new protection. */
static void protect_entry(uint32_t *entry, uint32_t address, void *context)
{
    const struct protection_change *change = context;
    uint32_t value = *entry;
    if (!(change->flags & REGION_READ)) {
        value = (value & ~PTE_PRESENT) | PTE_HIDDEN;
    } else {
        value = (value | PTE_PRESENT) & ~PTE_HIDDEN;
        if (!(change->flags & REGION_WRITE))
            value &= ~PTE_WRITABLE;
        else if (value & PTE_SHARED)
            value |= PTE_WRITABLE;
        else if (!(value & PTE_WRITABLE))
            value |= PTE_COPY_ON_WRITE;          /* the frame may be a fork's: copy on first write */
    }
    *entry = value;
    paging_flush(change->space->page_directory, address);
}

/* How many splits the change of [start, end) to `flags` needs: one at
 * each end that falls inside a region whose protection changes. */
static int splits_needed(struct address_space *space, uint32_t start, uint32_t end, uint32_t flags)
{
    struct region *first = address_space_find_region(space, start);
    struct region *last = address_space_find_region(space, end - 1);
    int count = 0;
    if ((first->flags & PROTECTION_FLAGS) != flags && first->start < start)
        count++;
    if ((last->flags & PROTECTION_FLAGS) != flags && last->end > end)
        count++;
    return count;
}

int address_space_protect(struct address_space *space, uint32_t start, uint32_t end, uint32_t flags)
{
    if (!address_space_is_mapped(space, start, end))
        return -ENOMEM;
    for (uint32_t address = start; address < end;) {
        struct region *region = address_space_find_region(space, address);
        if ((flags & REGION_WRITE) && (region->flags & REGION_WRITE_DENIED))
            return -EACCES;
        address = region->end;
    }
    if (space->region_count + splits_needed(space, start, end, flags) > ADDRESS_SPACE_MAX_REGIONS)
        return -ENOMEM;

    struct protection_change change = { space, flags };
    for (uint32_t address = start; address < end;) {
        struct region *region = address_space_find_region(space, address);
        uint32_t piece_start = address;
        uint32_t piece_end = region->end < end ? region->end : end;
        address = piece_end;
        if ((region->flags & PROTECTION_FLAGS) == flags)
            continue;
        if (region->start < piece_start)
            region = address_space_split_region(space, region, piece_start);
        if (region->end > piece_end)
            address_space_split_region(space, region, piece_end);
        region->flags = (region->flags & ~PROTECTION_FLAGS) | flags;
        address_space_for_each_page(space->page_directory, piece_start, piece_end, protect_entry, &change);
    }
    address_space_merge_regions(space);
    return 0;
}

void address_space_discard(struct address_space *space, uint32_t start, uint32_t end)
{
    address_space_for_each_page(space->page_directory, start, end, release_page, space);
}
