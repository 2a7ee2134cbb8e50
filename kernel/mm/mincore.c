/* kernel/mm/mincore.c - mincore(2): which pages of a range are in memory
 * now, one byte per page (bit 0), as Linux answers it (mm/mincore.c's
 * rules; docs/mmap.md).
 *
 *   mapped here (its page table entry present, or hidden by PROT_NONE
 *   with its frame kept)                                     -> 1
 *   not mapped here, but a shared mapping whose object (a file's
 *   content, a shared memory segment) holds the page                -> 1
 *   anything else: never touched, or a private page of a file not
 *   yet read in                                                     -> 0
 *
 * The range must be mapped throughout: a hole is ENOMEM, as Linux's, and
 * the bytes of the pages before it are written all the same. A start
 * that is not page-aligned is EINVAL; a range that leaves the user half
 * ENOMEM; a vector that cannot be written EFAULT. Nothing is paged out
 * in this kernel, so a page once in memory stays until unmapped; the
 * answer is still the lesson's: pages come when touched, not when
 * mapped. Context: a system call; never sleeps (reads page tables). */
#include "address_space.h"
#include "address_space_internal.h"
#include "memory_layout.h"
#include "memory_object.h"

#include "arch/x86/paging.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "subsystems/mlock_calls.h"

#define CHUNK_PAGES 256                /* vector bytes written at a time */

/* 1 if the page at `address` of `region` is in memory, else 0. */
static uint8_t page_in_memory(struct address_space *space, const struct region *region, uint32_t address)
{
    uint32_t *entry = page_table_entry(space->page_directory, address, 0);
    if (entry && (*entry & (PTE_PRESENT | PTE_HIDDEN)))
        return 1;
    if ((region->flags & REGION_SHARED) && region->object) {
        uint32_t index = region->object_first_page + (address - region->start) / PAGE_SIZE;
        return memory_object_frame(region->object, index, 0) != 0;
    }
    return 0;
}

int sys_mincore(uint32_t address, uint32_t length, uint8_t *user_vector)
{
    if (address & (PAGE_SIZE - 1))
        return -EINVAL;
    if (address < USER_START || address > USER_END || length > USER_END - address)
        return -ENOMEM;
    uint32_t pages = length / PAGE_SIZE + (length % PAGE_SIZE != 0);
    if ((uint32_t)user_vector >= USER_END || pages > USER_END - (uint32_t)user_vector)
        return -EFAULT;                   /* a vector outside the user half, before any walk */
    struct address_space *space = current_task->process->address_space;
    uint8_t chunk[CHUNK_PAGES];
    for (uint32_t done = 0; done < pages;) {
        uint32_t count = pages - done < CHUNK_PAGES ? pages - done : CHUNK_PAGES;
        uint32_t filled = 0;
        for (; filled < count; filled++) {
            uint32_t page = address + (done + filled) * PAGE_SIZE;
            struct region *region = address_space_find_region(space, page);
            if (!region)
                break;
            chunk[filled] = page_in_memory(space, region, page);
        }
        if (filled && copy_to_user(user_vector + done, chunk, filled) < 0)
            return -EFAULT;
        if (filled < count)
            return -ENOMEM;               /* a hole: the pages before it are told */
        done += count;
    }
    return 0;
}
