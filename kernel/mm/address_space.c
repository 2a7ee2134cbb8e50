/* kernel/mm/address_space.c - regions, demand paging and copy-on-write. */
#include "address_space.h"
#include "address_space_internal.h"

#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "arch/x86/smp_for_core.h"
#include "frame.h"
#include "fs/file_content.h"
#include "heap.h"
#include "ipc/sysv_ipc_for_core.h"
#include "lib/string.h"
#include "memory_layout.h"
#include "memory_object.h"
#include "uapi/errno.h"

#define PAGES_PER_TABLE 1024
#define TABLE_SPAN      (PAGES_PER_TABLE * PAGE_SIZE)   /* 4 MiB */

struct address_space *address_space_create(void)
{
    struct address_space *space = kmalloc(sizeof *space);
    if (!space)
        return 0;
    memset(space, 0, offsetof(struct address_space, regions));   /* the regions in use: none */
    space->users = 1;
    space->page_directory = page_directory_create();
    if (!space->page_directory) {
        kfree(space);
        return 0;
    }
    return space;
}

struct region *address_space_find_region(struct address_space *space, uint32_t address)
{
    for (int i = 0; i < space->region_count; i++)
        if (address >= space->regions[i].start && address < space->regions[i].end)
            return &space->regions[i];
    return 0;
}

int address_space_add_region(struct address_space *space, uint32_t start, uint32_t end, uint32_t flags)
{
    int empty_heap = start == end && (flags & REGION_HEAP);   /* brk starts empty */
    if ((start >= end && !empty_heap) || start < USER_START || end > USER_END || (start | end) & (PAGE_SIZE - 1))
        return -EINVAL;
    for (int i = 0; i < space->region_count; i++)
        if (start < space->regions[i].end && space->regions[i].start < end)
            return -EINVAL;
    if (space->region_count == ADDRESS_SPACE_MAX_REGIONS)
        return -ENOMEM;
    space->regions[space->region_count++] = (struct region){ .start = start, .end = end, .flags = flags };
    return 0;
}

/* Skips 4 MiB at a time where no page table exists. */
void address_space_for_each_page(uint32_t directory, uint32_t start, uint32_t end,
                                 void (*visit)(uint32_t *entry, uint32_t address, void *context),
                                 void *context)
{
    const uint32_t *directory_entries = physical_to_virtual(directory);
    uint32_t address = start;
    while (address < end) {
        uint32_t pde = directory_entries[address >> 22];
        uint32_t table_end = (address & ~(TABLE_SPAN - 1)) + TABLE_SPAN;
        if (table_end > end || table_end == 0)
            table_end = end;
        if (pde & PTE_PRESENT) {
            uint32_t *table = physical_to_virtual(pde & PTE_FRAME_MASK);
            for (; address < table_end; address += PAGE_SIZE) {
                uint32_t *entry = &table[(address >> PAGE_SHIFT) & (PAGES_PER_TABLE - 1)];
                if (*entry & (PTE_PRESENT | PTE_HIDDEN))
                    visit(entry, address, context);
            }
        }
        address = table_end;
    }
}

void release_page(uint32_t *entry, uint32_t address, void *context)
{
    struct address_space *space = context;
    frame_release(*entry & PTE_FRAME_MASK);
    *entry = 0;
    space->resident_pages--;
    paging_flush(space->page_directory, address);
}

void region_references(struct region *region, int change)
{
    if (region->object) {
        if (change > 0)
            memory_object_get(region->object);
        else
            memory_object_put(region->object);
    }
    if (region->attachment)              /* only System V shared memory attaches */
        sysv_shm_attachment_changed(region->attachment, change);
}

void address_space_release(struct address_space *space)
{
    if (--space->users > 0)
        return;
    for (int i = 0; i < space->region_count; i++) {
        address_space_for_each_page(space->page_directory, space->regions[i].start,
                                    space->regions[i].end, release_page, space);
        region_references(&space->regions[i], -1);
    }
    page_directory_destroy(space->page_directory);
    kfree(space);
}

static uint32_t page_flags_for(const struct region *region)
{
    return PTE_PRESENT | PTE_USER | ((region->flags & REGION_WRITE) ? PTE_WRITABLE : 0);
}

/* Maps a new zeroed frame at `address`; returns its kernel address. */
static void *map_fresh_page(struct address_space *space, uint32_t *entry, uint32_t flags)
{
    if (space->resident_pages >= PROCESS_MAX_PAGES)
        return 0;
    uint32_t frame = frame_alloc();
    if (!frame)
        return 0;
    void *page = physical_to_virtual(frame);
    memset(page, 0, PAGE_SIZE);
    *entry = frame | flags;
    space->resident_pages++;
    address_space_note_peak(space);
    return page;
}

void *address_space_populate_page(struct address_space *space, uint32_t address)
{
    struct region *region = address_space_find_region(space, address);
    if (!region)
        return 0;
    uint32_t *entry = page_table_entry(space->page_directory, address, 1);
    if (!entry)
        return 0;
    if (*entry & PTE_PRESENT)
        return physical_to_virtual(*entry & PTE_FRAME_MASK);
    /* writable while exec fills it; address_space_protect_page fixes that */
    return map_fresh_page(space, entry, PTE_PRESENT | PTE_USER | PTE_WRITABLE);
}

void address_space_protect_page(struct address_space *space, uint32_t address)
{
    struct region *region = address_space_find_region(space, address);
    uint32_t *entry = page_table_entry(space->page_directory, address, 0);
    if (region && entry && (*entry & PTE_PRESENT) && !(region->flags & REGION_WRITE))
        *entry &= ~PTE_WRITABLE;
}

/* The stack region starts small and grows down, one fault at a time, to at
 * most USER_STACK_MAX: fork and exit then walk only the pages it used. */
static struct region *grow_stack_to(struct address_space *space, uint32_t address)
{
    if (address < USER_STACK_TOP - USER_STACK_MAX || address >= USER_STACK_TOP)
        return 0;
    uint32_t new_start = PAGE_ROUND_DOWN(address);
    struct region *stack = 0;
    for (int i = 0; i < space->region_count; i++)
        if (space->regions[i].flags & REGION_STACK)
            stack = &space->regions[i];          /* its lowest piece, if mprotect split it */
    if (!stack || address >= stack->start)
        return 0;
    for (int i = 0; i < space->region_count; i++)
        if (space->regions[i].start < stack->start && space->regions[i].end > new_start)
            return 0;                            /* never grow over another mapping */
    stack->start = new_start;
    return stack;
}

int address_space_handle_fault(struct address_space *space, uint32_t address, int write)
{
    struct region *region = address_space_find_region(space, address);
    if (!region)
        region = grow_stack_to(space, address);
    if (!region || (write && !(region->flags & REGION_WRITE)))
        return -EFAULT;
    if (!(region->flags & REGION_READ))
        return -EFAULT;                          /* PROT_NONE (before a page table is made for nothing) */
    uint32_t page_address = PAGE_ROUND_DOWN(address);
    uint32_t *entry = page_table_entry(space->page_directory, page_address, 1);
    if (!entry)
        return -ENOMEM;

    if (!(*entry & PTE_PRESENT) && region->object) {
        uint32_t index = region->object_first_page + (page_address - region->start) / PAGE_SIZE;
        if (index >= region->object->page_limit)
            return -ENXIO;                       /* wholly past the end of the file: SIGBUS */
        if (region->flags & REGION_SHARED) {     /* the object's own frame */
            if (space->resident_pages >= PROCESS_MAX_PAGES)
                return -ENOMEM;                  /* the process's limit, as map_fresh_page: SIGSEGV */
            uint32_t frame = memory_object_frame(region->object, index, 1);
            if (!frame)
                return -ENOMEM;
            frame_add_reference(frame);
            *entry = frame | page_flags_for(region) | PTE_SHARED;
            space->resident_pages++;
            if (write)
                file_content_written_through_mapping(region->object);   /* a file's times, as Linux */
            address_space_note_peak(space);
            return 0;
        }
        uint8_t *page = map_fresh_page(space, entry, page_flags_for(region));   /* a private copy */
        uint32_t source = memory_object_frame(region->object, index, 0);
        if (page && source)
            memcpy(page, physical_to_virtual(source), PAGE_SIZE);
        return page ? 0 : -ENOMEM;
    }
    if (!(*entry & PTE_PRESENT))                 /* first touch: a zeroed page */
        return map_fresh_page(space, entry, page_flags_for(region)) ? 0 : -ENOMEM;

    if (write && (*entry & PTE_COPY_ON_WRITE)) {
        // LAB(cow) BEGIN: break the sharing: copy the page, or take it back when nobody else holds it
        uint32_t old_frame = *entry & PTE_FRAME_MASK;
        if (frame_reference_count(old_frame) == 1) {
            /* the other sharers have gone: the page is ours alone */
            *entry = (*entry | PTE_WRITABLE) & ~PTE_COPY_ON_WRITE;
        } else {
            uint32_t new_frame = frame_alloc();
            if (!new_frame)
                return -ENOMEM;
            memcpy(physical_to_virtual(new_frame), physical_to_virtual(old_frame), PAGE_SIZE);
            *entry = new_frame | page_flags_for(region);
            frame_release(old_frame);
        }
        paging_flush(space->page_directory, page_address);
        return 0;
        // LAB(cow) STUB
        // return -EFAULT;                          /* not written yet: the write is refused (SIGSEGV) */
        // LAB(cow) END
    }
    return write && !(*entry & PTE_WRITABLE) ? -EFAULT : 0;
}

struct clone_context {
    struct address_space *child;
    int failed;
};

/* Shares one page between parent and child, read-only until written. */
static void share_page(uint32_t *parent_entry, uint32_t address, void *argument)
{
    struct clone_context *context = argument;
    if (context->failed)
        return;
    uint32_t *child_entry = page_table_entry(context->child->page_directory, address, 1);
    if (!child_entry) {
        context->failed = 1;
        return;
    }
    // LAB(cow) BEGIN: share the frame, private pages read-only and copy-on-write on both sides
    if ((*parent_entry & PTE_WRITABLE) && !(*parent_entry & PTE_SHARED))
        *parent_entry = (*parent_entry & ~PTE_WRITABLE) | PTE_COPY_ON_WRITE;
    *child_entry = *parent_entry;
    frame_add_reference(*parent_entry & PTE_FRAME_MASK);
    // LAB(cow) STUB
    // if (*parent_entry & PTE_SHARED) {           /* shared memory stays shared */
    //     *child_entry = *parent_entry;
    //     frame_add_reference(*parent_entry & PTE_FRAME_MASK);
    // } else {                                     /* a private page: copied now, eagerly */
    //     uint32_t copy = frame_alloc();
    //     if (!copy) {
    //         context->failed = 1;
    //         return;
    //     }
    //     memcpy(physical_to_virtual(copy), physical_to_virtual(*parent_entry & PTE_FRAME_MASK), PAGE_SIZE);
    //     *child_entry = copy | (*parent_entry & ~PTE_FRAME_MASK);
    // }
    // LAB(cow) END
    context->child->resident_pages++;
    address_space_note_peak(context->child);
}

struct address_space *address_space_clone(struct address_space *parent)
{
    struct address_space *child = address_space_create();
    if (!child)
        return 0;
    memcpy(child->regions, parent->regions, parent->region_count * sizeof *parent->regions);
    child->region_count = parent->region_count;
    for (int i = 0; i < child->region_count; i++) {
        region_references(&child->regions[i], +1);
        child->regions[i].flags &= ~REGION_LOCKED;   /* locks are not inherited (mlock(2)) */
    }
    child->heap_start = parent->heap_start;
    child->heap_break = parent->heap_break;
    child->arguments_start = parent->arguments_start;
    child->arguments_end = parent->arguments_end;

    struct clone_context context = { child, 0 };
    for (int i = 0; i < parent->region_count; i++)
        address_space_for_each_page(parent->page_directory, parent->regions[i].start,
                                    parent->regions[i].end, share_page, &context);
    /* the parent's writable pages just became read-only: drop stale TLB
     * entries, here and on every CPU that runs another of its threads
     * (which would go on writing into frames the child now shares) */
    if (cpu_read_cr3() == parent->page_directory)
        cpu_write_cr3(parent->page_directory);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        smp_tlb_shootdown(parent->page_directory, SMP_EVERY_PAGE);
    if (context.failed) {
        address_space_release(child);
        return 0;
    }
    return child;
}

/* The heap's region: its top piece, if mprotect split it (protection.c). */
static struct region *heap_region(struct address_space *space)
{
    for (int i = 0; i < space->region_count; i++)
        if (space->regions[i].flags & REGION_HEAP)
            return &space->regions[i];
    return 0;
}

uint32_t address_space_set_break(struct address_space *space, uint32_t new_break)
{
    struct region *heap = heap_region(space);
    if (!heap || new_break < space->heap_start || new_break > USER_MMAP_TOP)
        return space->heap_break;      /* also keeps PAGE_ROUND_UP below from wrapping to 0 */
    uint32_t new_end = PAGE_ROUND_UP(new_break);
    if (new_end > heap->end) {                   /* grow: check the room and the page budget */
        /* the new pages must fit the process's budget beside those it has:
         * malloc, which touches what it takes at once, then gets ENOMEM
         * instead of a SIGSEGV at its first touch past the budget */
        if (new_end >= USER_MMAP_TOP ||
            (new_end - heap->start) / PAGE_SIZE > PROCESS_MAX_PAGES ||
            space->resident_pages + (new_end - heap->end) / PAGE_SIZE > PROCESS_MAX_PAGES)
            return space->heap_break;
        for (int i = 0; i < space->region_count; i++)
            if (&space->regions[i] != heap && space->regions[i].start < new_end &&
                heap->end < space->regions[i].end)
                return space->heap_break;        /* would run into another region */
    } else if (new_end < heap->end) {            /* shrink: give pages back */
        if (new_end < heap->start) {             /* below pieces mprotect split off the heap's foot */
            if (address_space_unmap(space, new_end, heap->start) < 0)
                return space->heap_break;        /* no slot to split a piece: nothing changed */
            heap = heap_region(space);           /* the unmap moved regions along the array */
            heap->start = new_end;               /* the heap grows again from the new break */
        }
        address_space_for_each_page(space->page_directory, new_end, heap->end, release_page, space);
    }
    heap->end = new_end > heap->start ? new_end : heap->start;
    space->heap_break = new_break;
    return new_break;
}

int address_space_map(struct address_space *space, uint32_t start, uint32_t length, uint32_t flags,
                      struct memory_object *object, uint32_t first_page)
{
    uint32_t end = start + PAGE_ROUND_UP(length);
    int status = address_space_add_region(space, start, end, flags);
    if (status < 0)
        return status;
    struct region *region = &space->regions[space->region_count - 1];
    region->object = object;
    region->object_first_page = first_page;
    if (object)
        memory_object_get(object);
    return 0;
}

uint32_t address_space_find_free(struct address_space *space, uint32_t length)
{
    length = PAGE_ROUND_UP(length);
    uint32_t candidate = USER_MMAP_TOP;
    for (;;) {                                   /* top down: below every region in the way */
        if (candidate < length || candidate - length < space->heap_break + (1u << 20))
            return 0;                            /* keep 1 MiB for the heap to grow */
        uint32_t start = candidate - length;
        struct region *blocking = 0;
        for (int i = 0; i < space->region_count; i++)
            if (space->regions[i].start < candidate && start < space->regions[i].end &&
                !(space->regions[i].flags & REGION_STACK))
                if (!blocking || space->regions[i].start < blocking->start)
                    blocking = &space->regions[i];
        if (!blocking)
            return start;
        candidate = blocking->start;
    }
}

/* The regions the table holds once [start, end) is unmapped, or -1 if the
 * range reaches into the heap or the stack, which unmap leaves alone. */
static int regions_after_unmap(const struct address_space *space, uint32_t start, uint32_t end)
{
    int count = space->region_count;
    for (int i = 0; i < space->region_count; i++) {
        const struct region *region = &space->regions[i];
        if (end <= region->start || region->end <= start)
            continue;
        if (region->flags & (REGION_HEAP | REGION_STACK))
            return -1;
        if (start > region->start && end < region->end)
            count++;                             /* a hole in the middle: one more */
        else if (start <= region->start && region->end <= end)
            count--;                             /* all of it */
    }
    return count;
}

int address_space_may_map_fixed(const struct address_space *space, uint32_t start, uint32_t end)
{
    int count = regions_after_unmap(space, start, end);
    if (count < 0)
        return -EINVAL;
    return count + 1 > ADDRESS_SPACE_MAX_REGIONS ? -ENOMEM : 0;
}

int address_space_unmap(struct address_space *space, uint32_t start, uint32_t end)
{
    /* all or nothing: no room to split fails before anything is cut */
    if (regions_after_unmap(space, start, end) > ADDRESS_SPACE_MAX_REGIONS)
        return -ENOMEM;
    for (int i = 0; i < space->region_count; i++) {
        struct region *region = &space->regions[i];
        if (region->flags & (REGION_HEAP | REGION_STACK) || end <= region->start || region->end <= start)
            continue;
        uint32_t cut_start = start > region->start ? start : region->start;
        uint32_t cut_end = end < region->end ? end : region->end;
        if (cut_start > region->start && cut_end < region->end) {
            /* a hole in the middle: the region becomes two */
            if (space->region_count == ADDRESS_SPACE_MAX_REGIONS)
                return -ENOMEM;
            struct region *tail = &space->regions[space->region_count++];
            *tail = *region;
            tail->start = cut_end;
            tail->object_first_page += (cut_end - region->start) / PAGE_SIZE;
            region_references(tail, +1);
            region->end = cut_start;
        } else if (cut_start > region->start) {
            region->end = cut_start;             /* the tail goes */
        } else if (cut_end < region->end) {
            region->object_first_page += (cut_end - region->start) / PAGE_SIZE;
            region->start = cut_end;             /* the head goes */
        } else {
            region->start = region->end;         /* all of it: removed below */
        }
        address_space_for_each_page(space->page_directory, cut_start, cut_end, release_page, space);
        if (region->start == region->end) {
            region_references(region, -1);
            *region = space->regions[--space->region_count];
            i--;
        }
    }
    return 0;
}
