/* kernel/mm/address_space.h - a process's user half: its page directory and
 * the regions it may touch.
 *
 * Regions say what may be mapped (program segments, the heap, the stack);
 * pages are mapped when first touched, except the program's own pages, which
 * exec fills at once. After fork, parent and child share every page
 * read-only with PTE_COPY_ON_WRITE, and the first write copies it. */
#ifndef KERNEL_MM_ADDRESS_SPACE_H
#define KERNEL_MM_ADDRESS_SPACE_H

#include <stdint.h>

#define REGION_READ   0x1
#define REGION_WRITE  0x2
#define REGION_HEAP   0x4      /* grows with brk */
#define REGION_STACK  0x8
#define REGION_SHARED 0x10     /* pages come from `object` and are shared, never copied */
#define REGION_WRITE_DENIED 0x20   /* MAP_SHARED of a descriptor opened without write access
                                      (or SHM_RDONLY): mprotect may never add PROT_WRITE */
#define REGION_LOCKED 0x40     /* mlock: every page is present (nothing is paged out) (lock.c) */
#define REGION_EXEC   0x80     /* PROT_EXEC was asked (or an ELF segment is executable): what
                                  /proc/PID/maps shows as 'x'; this CPU, without an NX bit,
                                  runs any page it may read */

/* program segments, heap, stack, mappings and their pieces: a thread's
 * memory takes two (its guard page is one), so about 250 threads fit */
#define ADDRESS_SPACE_MAX_REGIONS 512
#define PROCESS_MAX_PAGES 8192  /* 32 MiB of memory per process */

struct memory_object;

struct region {
    uint32_t start, end;        /* page-aligned, end exclusive */
    uint32_t flags;
    struct memory_object *object;   /* where pages come from (mmap of a file, shared memory), or NULL */
    uint32_t object_first_page;     /* the object's page that `start` shows */
    void *attachment;               /* a System V segment attached here (kernel/ipc/sysv_shm.c), or NULL */
};

struct address_space {
    uint32_t page_directory;    /* physical */
    int users;                  /* processes on it: 1, or 2 while a vfork child borrows it */
    int region_count;
    uint32_t heap_start;        /* where brk began (just above the program) */
    uint32_t heap_break;        /* the current break: may be mid-page */
    uint32_t resident_pages;    /* pages mapped now, against PROCESS_MAX_PAGES */
    uint32_t peak_resident_pages; /* the most resident_pages ever was (getrusage's ru_maxrss) */
    uint32_t lock_future;       /* mlockall's MCL_FUTURE (| MCL_ONFAULT): new mappings come
                                   locked; 0 after fork and exec (lock.c) */
    uint32_t arguments_start;   /* exec's argument strings, NUL after each, up to */
    uint32_t arguments_end;     /* ... here (/proc/PID/cmdline); fork keeps them */
    /* the first region_count are in use, in no order; the rest are
     * never read, so a new address space zeroes only what is above: 12
     * KiB zeroed at every fork would be 3,072 stores for nothing (which
     * make bench would not show: it counts a `rep stosd` as one) */
    struct region regions[ADDRESS_SPACE_MAX_REGIONS];
};

/* resident_pages grew: keeps its peak. */
static inline void address_space_note_peak(struct address_space *space)
{
    if (space->resident_pages > space->peak_resident_pages)
        space->peak_resident_pages = space->resident_pages;
}

/* An empty address space (kernel half only), or NULL when out of memory. */
struct address_space *address_space_create(void);

/* One user fewer (a process's exit or exec, a failed fork); the last
 * releases every page, page table and the directory. If it is the loaded
 * one, the caller must have switched to another directory first. */
void address_space_release(struct address_space *space);

/* One user more: a vfork child borrows its parent's (kernel/proc/fork.c). */
static inline struct address_space *address_space_share(struct address_space *space)
{
    space->users++;
    return space;
}

/* Declares [start, end) usable with `flags`. 0, -EINVAL (overlap, outside
 * the user half) or -ENOMEM. */
int address_space_add_region(struct address_space *space, uint32_t start, uint32_t end, uint32_t flags);

/* Maps a fresh zeroed page at `address` (inside a region) now and returns
 * its kernel-visible address, for exec to fill; NULL when out of memory. */
void *address_space_populate_page(struct address_space *space, uint32_t address);

/* Makes the page at `address` read-only if its region is (after exec filled it). */
void address_space_protect_page(struct address_space *space, uint32_t address);

/* The page fault at `address`: maps a page on first touch, copies a shared
 * page on write. 0 when resolved, -EFAULT when the access is not allowed
 * (SIGSEGV), -ENXIO for a page wholly past the end of a mapped file
 * (SIGBUS), -ENOMEM when memory ran out. */
int address_space_handle_fault(struct address_space *space, uint32_t address, int write);

/* A copy-on-write copy for fork, or NULL when out of memory. */
struct address_space *address_space_clone(struct address_space *parent);

/* Maps [start, start+length) with `flags`, its pages taken from `object`
 * from page `first_page` on (NULL: zero-filled private pages). The region
 * takes a reference on the object. 0, -EINVAL (overlap) or -ENOMEM. */
int address_space_map(struct address_space *space, uint32_t start, uint32_t length, uint32_t flags,
                      struct memory_object *object, uint32_t first_page);

/* Removes every mapping in [start, end) (splitting regions as needed) and
 * frees what only they held: 0, or -ENOMEM with nothing changed (no room
 * to split). The heap and the stack are left alone. */
int address_space_unmap(struct address_space *space, uint32_t start, uint32_t end);

/* A mapped file was cut to `first_page` pages (file_content_truncate):
 * in every process, the pages of each mapping of its `object` from there
 * on leave the page tables, private copies too, so that the next touch is
 * SIGBUS (the fault handler's page_limit), as Linux's truncate_pagecache
 * unmaps them. Done before the object lets its frames go. Context: big
 * kernel lock held (other processes' page tables; paging_flush asks the
 * other CPUs to forget them); never sleeps (mmap.c). */
void address_space_drop_file_tail_everywhere(const struct memory_object *object, uint32_t first_page);

/* Whether mmap's MAP_FIXED may replace [start, end): 0; -EINVAL if the
 * range reaches into the heap or the stack (which address_space_unmap
 * leaves), -ENOMEM if the regions would not fit the table. Asked before
 * anything is unmapped, so that a refusal leaves every mapping there. */
int address_space_may_map_fixed(const struct address_space *space, uint32_t start, uint32_t end);

/* A free, page-aligned range of `length` bytes, the highest below the
 * stack; 0 when there is none. */
uint32_t address_space_find_free(struct address_space *space, uint32_t length);

/* The region flags (REGION_READ, REGION_WRITE, REGION_EXEC) for PROT_* bits: PROT_WRITE
 * and PROT_EXEC imply reading, as on x86 Linux. */
uint32_t address_space_protection_flags(int protection);

/* mprotect: gives every page of [start, end) the protection `flags`
 * (REGION_READ, REGION_WRITE), splitting regions at the ends of the range
 * and merging neighbours that became alike. 0, -ENOMEM (a page of the
 * range not mapped, or no free region slot for a split) or -EACCES
 * (REGION_WRITE on a REGION_WRITE_DENIED region). Nothing changes on an
 * error. [start, end) must be page-aligned, inside the user half. */
int address_space_protect(struct address_space *space, uint32_t start, uint32_t end, uint32_t flags);

/* Whether every page of [start, end) lies in some region (msync, madvise,
 * mprotect: ENOMEM otherwise). */
int address_space_is_mapped(struct address_space *space, uint32_t start, uint32_t end);

/* madvise(MADV_DONTNEED): lets go of the pages of [start, end) now; the
 * next touch maps them afresh (zeros, or the object's page). */
void address_space_discard(struct address_space *space, uint32_t start, uint32_t end);

/* Moves the break (brk): returns the new break, or the old one unchanged
 * when `new_break` is out of range, or the new pages would not fit the
 * process's budget (PROCESS_MAX_PAGES) beside the pages it has now. */
uint32_t address_space_set_break(struct address_space *space, uint32_t new_break);

#endif
