/* kernel/mm/memory_object.h - pages that several address spaces can map.
 *
 * A memory object is an array of frames indexed by page number. It backs
 * what must be the SAME memory wherever it appears: a file's contents (read,
 * write and every MAP_SHARED mapping of it see one set of frames), a System
 * V shared segment, a MAP_SHARED|MAP_ANONYMOUS area after fork. The object
 * holds one reference on each of its frames, and each page-table entry that
 * maps one holds another, so a frame lives while anyone can reach it. */
#ifndef KERNEL_MM_MEMORY_OBJECT_H
#define KERNEL_MM_MEMORY_OBJECT_H

#include <stdint.h>

struct inode;

struct memory_object {
    unsigned references;      /* owners: an inode, a segment, each mapping region */
    uint32_t page_count;      /* slots in `frames` */
    uint32_t *frames;         /* physical addresses; 0 = not yet needed (reads as zeros) */
    uint32_t page_limit;      /* a file's pages (its size rounded up): a mapping's touch of a
                                 page from here on is SIGBUS; MEMORY_OBJECT_UNBOUNDED otherwise */
    struct inode *file;       /* the file whose bytes these are, while it exists (file_content.c):
                                 a write through a mapping moves its times; NULL otherwise */
};

#define MEMORY_OBJECT_UNBOUNDED 0xFFFFFFFFu

/* A new empty object with one reference, or NULL when memory is short. */
struct memory_object *memory_object_create(void);
void memory_object_get(struct memory_object *object);
void memory_object_put(struct memory_object *object);   /* the last put frees every frame */

/* The frame for page `index`; with `allocate`, a zeroed frame is made if
 * there is none. 0 when absent (or memory is short). */
uint32_t memory_object_frame(struct memory_object *object, uint32_t index, int allocate);

/* Lets go of every page from `first_page` on (a file was truncated). */
void memory_object_truncate(struct memory_object *object, uint32_t first_page);

unsigned memory_object_count(void);

#endif
