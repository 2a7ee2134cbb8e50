/* kernel/mm/frame.c - the physical frame allocator. Pure bookkeeping: it
 * never touches the frames themselves, so tests/unit can run it on the host. */
#include "frame.h"

#define FRAME_SHIFT 12
#define FRAME_SIZE  (1u << FRAME_SHIFT)

static uint32_t *free_stack;        /* frame numbers; free_top entries in use */
static uint32_t free_top;
static uint16_t *reference_counts;  /* 0 for a free or unusable frame */
static uint32_t frame_limit;        /* frames 0 .. frame_limit-1 are known */
static uint32_t total_usable;

void frame_allocator_init(uint32_t *stack, uint16_t *counts, uint32_t frame_count)
{
    free_stack = stack;
    reference_counts = counts;
    frame_limit = frame_count;
    free_top = 0;
    total_usable = 0;
    for (uint32_t i = 0; i < frame_count; i++)
        counts[i] = 0;
}

static int overlaps_reserved(uint32_t frame_start, const struct physical_range *reserved, int count)
{
    uint32_t frame_end = frame_start + FRAME_SIZE;
    for (int i = 0; i < count; i++)
        if (frame_start < reserved[i].end && reserved[i].start < frame_end)
            return 1;
    return 0;
}

void frame_add_usable_range(struct physical_range usable,
                            const struct physical_range *reserved, int reserved_count)
{
    uint32_t first = (usable.start >> FRAME_SHIFT) + ((usable.start & (FRAME_SIZE - 1)) != 0);
    uint32_t last = usable.end >> FRAME_SHIFT;          /* exclusive */
    if (last > frame_limit)
        last = frame_limit;
    /* push in descending order so that low frames are handed out first */
    for (uint32_t frame = last; frame-- > first;) {
        if (frame == 0 || overlaps_reserved(frame << FRAME_SHIFT, reserved, reserved_count))
            continue;
        free_stack[free_top++] = frame;
        total_usable++;
    }
}

uint32_t frame_alloc(void)
{
    if (free_top == 0)
        return 0;
    uint32_t frame = free_stack[--free_top];
    reference_counts[frame] = 1;
    return frame << FRAME_SHIFT;
}

void frame_add_reference(uint32_t physical)
{
    reference_counts[physical >> FRAME_SHIFT]++;
}

void frame_release(uint32_t physical)
{
    uint32_t frame = physical >> FRAME_SHIFT;
    if (--reference_counts[frame] == 0)
        free_stack[free_top++] = frame;
}

unsigned frame_reference_count(uint32_t physical)
{
    return reference_counts[physical >> FRAME_SHIFT];
}

unsigned frame_free_count(void)
{
    return free_top;
}

unsigned frame_total_count(void)
{
    return total_usable;
}
