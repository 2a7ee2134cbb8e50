/* user/tools/fuzz/oracle.c - the fuzzer's scratch memory, and the oracle that
 * watches it: every piece of scratch memory handed out for a call is
 * noted; the rest is copied before the call and compared after. A byte
 * that changed outside every buffer the call was given is the kernel
 * writing past the end of a buffer (or somewhere else entirely). */
#include <string.h>

#include "fuzz.h"

#define SCRATCH_SIZE (32 * 1024)

static uint8_t scratch[SCRATCH_SIZE] __attribute__((aligned(4096)));

void scratch_fill(void)
{
    for (unsigned i = 0; i < sizeof scratch; i++)
        scratch[i] = (uint8_t)rng();
}

uint32_t scratch_size(void)
{
    return SCRATCH_SIZE;
}

#define NOTED_MAX 16
static struct { uint32_t start, size; } noted[NOTED_MAX];
static unsigned noted_count;
static uint8_t scratch_before[SCRATCH_SIZE];

void scratch_begin_call(void)
{
    noted_count = 0;
}

void scratch_snapshot(void)
{
    memcpy(scratch_before, scratch, SCRATCH_SIZE);
}

static int noted_covers(uint32_t offset)
{
    uint32_t address = (uint32_t)scratch + offset;
    for (unsigned i = 0; i < noted_count; i++)
        if (address - noted[i].start < noted[i].size)
            return 1;
    return noted_count == NOTED_MAX;        /* too many to tell: trust the call */
}

/* The offset of the first byte changed outside the noted buffers, or -1;
 * *changed counts them all. */
long scratch_changed_outside(uint32_t *changed, uint32_t *nearest_buffer)
{
    long first = -1;
    *changed = 0;
    for (uint32_t offset = 0; offset < SCRATCH_SIZE; offset += 4) {
        if (*(uint32_t *)(scratch + offset) == *(uint32_t *)(scratch_before + offset))
            continue;
        for (uint32_t byte = offset; byte < offset + 4; byte++) {
            if (scratch[byte] == scratch_before[byte] || noted_covers(byte))
                continue;
            if (first < 0)
                first = (long)byte;
            (*changed)++;
        }
    }
    *nearest_buffer = 0;
    for (unsigned i = 0; first >= 0 && i < noted_count; i++)
        if (noted[i].start <= (uint32_t)scratch + (uint32_t)first &&
            (!*nearest_buffer || noted[i].start > *nearest_buffer))
            *nearest_buffer = noted[i].start;
    return first;
}

void scratch_note_to_end(uint32_t address)
{
    if (!in_scratch(address, 1) || noted_count == NOTED_MAX)
        return;
    noted[noted_count].start = address;
    noted[noted_count].size = (uint32_t)scratch + SCRATCH_SIZE - address;
    noted_count++;
}

int in_scratch(uint32_t address, uint32_t size)
{
    return address >= (uint32_t)scratch && address - (uint32_t)scratch + size <= SCRATCH_SIZE;
}

uint32_t scratch_address(long offset)
{
    return (uint32_t)scratch + (uint32_t)offset;
}

uint32_t safe_buffer(uint32_t size)
{
    if (size > SCRATCH_SIZE)
        size = SCRATCH_SIZE;
    uint32_t buffer = (uint32_t)scratch + below(SCRATCH_SIZE - size + 1);
    if (noted_count < NOTED_MAX) {
        noted[noted_count].start = buffer;
        noted[noted_count].size = size;
    }
    noted_count += noted_count < NOTED_MAX;
    return buffer;
}
