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

/* Pushes frames first .. last-1, the highest first, but those that touch
 * one of the `reserved` ranges: the first range that touches the span
 * cuts it in two, each pushed on its own (the range before it touched
 * neither), the upper part first. So the loop that pushes does nothing
 * else: checking each frame against every range cost the boot 2 million
 * instructions (docs/boot.md). */
static void push_free_frames(uint32_t first, uint32_t last, const struct physical_range *reserved, int count)
{
    for (int i = 0; i < count; i++) {
        /* the frames it touches: start .. end-1 */
        uint32_t start = reserved[i].start >> FRAME_SHIFT;
        uint32_t end = (reserved[i].end >> FRAME_SHIFT) + ((reserved[i].end & (FRAME_SIZE - 1)) != 0);
        if (start < last && first < end) {
            if (end < last)
                push_free_frames(end, last, reserved + i + 1, count - i - 1);
            if (first < start)
                push_free_frames(first, start, reserved + i + 1, count - i - 1);
            return;
        }
    }
    for (uint32_t frame = last; frame-- > first;)
        if (frame != 0) {
            free_stack[free_top++] = frame;
            total_usable++;
        }
}

void frame_add_usable_range(struct physical_range usable,
                            const struct physical_range *reserved, int reserved_count)
{
    uint32_t first = (usable.start >> FRAME_SHIFT) + ((usable.start & (FRAME_SIZE - 1)) != 0);
    uint32_t last = usable.end >> FRAME_SHIFT;          /* exclusive */
    if (last > frame_limit)
        last = frame_limit;
    /* in descending order, so that low frames are handed out first */
    if (first < last)
        push_free_frames(first, last, reserved, reserved_count);
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
