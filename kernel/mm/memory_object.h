/* kernel/mm/memory_object.h - pages that several address spaces can map.
 *
 * A memory object is a set of frames, each for one page number. It backs
 * what must be the SAME memory wherever it appears: a file's contents (read,
 * write and every MAP_SHARED mapping of it see one set of frames), a System
 * V shared segment, a MAP_SHARED|MAP_ANONYMOUS area after fork. The object
 * holds one reference on each of its frames, and each page-table entry that
 * maps one holds another, so a frame lives while anyone can reach it.
 *
 * Only the pages that have a frame are written down, as (page, frame)
 * pairs sorted by page number; a page that is not there reads as zeros:
 *
 *   pages:  [ 0: 0x3a2000 | 2: 0x41c000 | 655359: 0x51f000 | (room) ]
 *   count 3, capacity 4               page 1 is a hole: zeros
 *
 * So the kernel heap an object takes grows with the frames it holds (8
 * bytes each; with the room the array keeps, never more than 32), never
 * with how far apart they are: one byte written at the end of a 2.5 GiB
 * shared mapping costs one pair, not an array of 655360 slots (nor a 4 KiB
 * leaf of slots, as a two-level table would take for a lone page). A
 * lookup is a binary search; a new page moves the pairs after it along. */
#ifndef KERNEL_MM_MEMORY_OBJECT_H
#define KERNEL_MM_MEMORY_OBJECT_H

#include <stdint.h>

#include "lib/list.h"

struct inode;

/* One page the object has a frame for. */
struct memory_object_page {
    uint32_t index;           /* the page number in the object (its offset / 4096) */
    uint32_t frame;           /* its physical address, never 0 */
};

struct memory_object {
    unsigned references;      /* owners: an inode, a segment, each mapping region */
    uint32_t page_count;      /* pairs in use in `pages` */
    uint32_t capacity;        /* pairs `pages` has room for */
    struct memory_object_page *pages;   /* sorted by index, each index once */
    uint32_t page_limit;      /* a file's pages (its size rounded up): a mapping's touch of a
                                 page from here on is SIGBUS; MEMORY_OBJECT_UNBOUNDED otherwise */
    struct inode *file;       /* the file whose bytes these are, while it exists (file_content.c):
                                 a write through a mapping moves its times; NULL otherwise */
    /* Who made it, for kinfo(KINFO_MEMORY_OBJECTS)'s list of live objects: */
    const char *origin;       /* what made it: "mmap", "shmget", "file" */
    int creator_pid;          /* the process whose call made it, 0 if none */
    unsigned serial;          /* made as the serial-th object since boot */
    struct list_node live_node;   /* in the list of every live object, newest first */
};

#define MEMORY_OBJECT_UNBOUNDED 0xFFFFFFFFu

/* A new empty object with one reference, or NULL when memory is short.
 * `origin` (a string that lives for ever) says what made it. */
struct memory_object *memory_object_create(const char *origin);
void memory_object_get(struct memory_object *object);
void memory_object_put(struct memory_object *object);   /* the last put frees every frame */

/* The frame for page `index`; with `allocate`, a zeroed frame is made if
 * there is none. 0 when absent, when memory is short, or when the objects
 * together hold half of the frames already (memory_object.c). */
uint32_t memory_object_frame(struct memory_object *object, uint32_t index, int allocate);

/* The frames all objects hold together, and the most they may (statfs
 * of the memory file system shows both; a write past it is ENOSPC). */
unsigned memory_object_frames_held(void);
unsigned memory_object_frames_budget(void);

/* Calls `emit` with each live object, newest first (kinfo.c). Context:
 * the kernel lock held. */
struct kinfo_memory_object;
void memory_object_list(void (*emit)(const struct kinfo_memory_object *object, void *context), void *context);

/* Lets go of every page from `first_page` on (a file was truncated; its
 * mappings let go of those pages first: address_space.h); a frame someone
 * still holds stays the object's, zeroed. */
void memory_object_truncate(struct memory_object *object, uint32_t first_page);

unsigned memory_object_count(void);

#endif
