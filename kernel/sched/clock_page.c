/* kernel/sched/clock_page.c - the clock page (uapi/clock_page.h): one page
 * of memory, made at boot, that the clock (clock.c) writes at every tick
 * and every program maps read-only, so that clock_gettime reads
 * CLOCK_MONOTONIC and CLOCK_REALTIME without a system call
 * (docs/timers.md, "Reading the clock without the kernel").
 *
 * The page is a memory object of one frame (kernel/mm/memory_object.h),
 * as a System V segment is, which the clock writes through the kernel's
 * direct map and each program maps as a shared region its writes cannot
 * reach: not even mprotect may make it writable (REGION_WRITE_DENIED).
 * fork shares it as it shares any shared region; exec maps it again in
 * the new image; munmap may take it away, and the libc then asks the
 * kernel. */
#include "ipc/timers_for_core.h"

#include "kernel/panic.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/memory_object.h"
#include "sched/clock.h"
#include "uapi/clock_page.h"

static struct memory_object *clock_page_object;   /* holds the frame for ever */
volatile struct clock_page *clock_page_kernel;    /* timers_for_core.h */

/* Makes the page and fills it. Context: boot (timers_start), after the
 * clock started. */
void clock_page_start(void)
{
    _Static_assert(sizeof(struct clock_page) <= PAGE_SIZE, "the clock page is one page");
    clock_page_object = memory_object_create("clock page");
    uint32_t frame = clock_page_object ? memory_object_frame(clock_page_object, 0, 1) : 0;
    if (!frame)
        panic("clock page: no memory for it at boot");
    clock_page_kernel = physical_to_virtual(frame);
    clock_publish();
}

/* Where the page goes in a new program's `space`: the page just below the
 * program's lowest segment (0x08047000 for the usual 0x08048000), which
 * shares that segment's page table, so the page costs no page table of
 * its own; else the highest free page below the stack. */
static uint32_t clock_page_place(struct address_space *space)
{
    uint32_t lowest = USER_END;
    for (int i = 0; i < space->region_count; i++)
        if (space->regions[i].start < lowest)
            lowest = space->regions[i].start;
    if (lowest != USER_END && lowest >= USER_START + PAGE_SIZE)
        return lowest - PAGE_SIZE;
    return address_space_find_free(space, PAGE_SIZE);
}

uint32_t clock_page_map(struct address_space *space)
{
    if (!clock_page_kernel)
        return 0;
    uint32_t address = clock_page_place(space);
    if (!address || address_space_map(space, address, PAGE_SIZE, REGION_READ | REGION_SHARED | REGION_WRITE_DENIED,
                                      clock_page_object, 0) < 0)
        return 0;
    /* present from the start, as the program's own pages: its first read
     * takes no fault, and a process's resident pages do not move when it
     * first reads the clock (if memory is short now, that read maps it) */
    address_space_handle_fault(space, address, 0);
    return address;
}
