/* kernel/mm/frame.h - physical page frames: who is free, who is shared.
 *
 * Free frames are kept on a stack of frame numbers (allocation and release
 * are O(1)); every frame has a reference count, so that a frame mapped by
 * several address spaces (copy-on-write after fork, shared memory) is freed
 * only when the last mapping goes. The free count is what leak tests read. */
#ifndef KERNEL_MM_FRAME_H
#define KERNEL_MM_FRAME_H

#include <stdint.h>

struct physical_range {
    uint32_t start;   /* first byte */
    uint32_t end;     /* one past the last byte */
};

/* Prepares an allocator for frames 0 .. frame_count-1 with no frame free.
 * `free_stack` holds frame_count entries, `reference_counts` too. */
void frame_allocator_init(uint32_t *free_stack, uint16_t *reference_counts, uint32_t frame_count);

/* Makes every whole frame inside `usable` free, except those touching any
 * of the `reserved` ranges. */
void frame_add_usable_range(struct physical_range usable,
                            const struct physical_range *reserved, int reserved_count);

/* A free frame's physical address with a reference count of 1, or 0 when
 * memory is exhausted (frame 0 is never handed out). Contents are stale. */
uint32_t frame_alloc(void);

/* One more / one less user of the frame at `physical`; the last release
 * returns it to the free stack. */
void frame_add_reference(uint32_t physical);
void frame_release(uint32_t physical);
unsigned frame_reference_count(uint32_t physical);

unsigned frame_free_count(void);
unsigned frame_total_count(void);   /* frames that were ever made free */

#endif
