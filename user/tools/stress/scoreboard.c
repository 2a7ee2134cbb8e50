/* user/tools/stress/scoreboard.c - records and the shared scoreboard: what a
 * record must contain, and marking each one as taken, exactly once. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stress.h"

volatile uint32_t signals_taken;
static uint32_t run_seed = 1;

uint32_t stress_seed(void)
{
    return run_seed;
}

void stress_set_seed(uint32_t seed);
void stress_set_seed(uint32_t seed)
{
    run_seed = seed;
}

static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352d;
    x ^= x >> 15;
    x *= 0x846ca68b;
    x ^= x >> 16;
    return x;
}

static uint32_t checksum_of(const struct record *record)
{
    uint32_t hash = 2166136261u;
    const uint8_t *bytes = (const uint8_t *)record;
    for (unsigned i = 0; i < 12; i++)
        hash = (hash ^ bytes[i]) * 16777619u;
    for (unsigned i = 0; i < record->length && i < PAYLOAD_MAX; i++)
        hash = (hash ^ record->payload[i]) * 16777619u;
    return hash;
}

/* The one record producer `sender` sends as number `sequence`: its length
 * and every byte follow from the two and the run's seed. */
void record_fill(struct record *record, unsigned sender, unsigned sequence, uint32_t seed)
{
    uint32_t state = mix(seed * 0x9e3779b9u ^ sender * 0x85ebca6bu ^ sequence);
    record->sender = sender;
    record->sequence = sequence;
    record->length = 4 + state % (PAYLOAD_MAX - 4);
    for (unsigned i = 0; i < record->length; i++) {
        state = mix(state + i);
        record->payload[i] = (uint8_t)state;
    }
    record->checksum = checksum_of(record);
}

unsigned record_size(const struct record *record)
{
    return RECORD_HEADER + record->length;
}

static int test_and_set(volatile uint8_t *bytes, unsigned bit)
{
    unsigned char old;
    __asm__ volatile("lock btsl %2, %1\n\tsetc %0" : "=q"(old), "+m"(*(volatile uint32_t *)(bytes + (bit / 32) * 4))
                     : "r"(bit % 32) : "memory", "cc");
    return old;
}

static void add(volatile uint32_t *word, uint32_t value)
{
    __asm__ volatile("lock addl %1, %0" : "+m"(*word) : "r"(value) : "memory");
}

void note_progress(struct run *run)
{
    add(&run->board->progress, 1);
}

int interrupted(struct run *run)
{
    if (errno != EINTR)
        return 0;
    add(&run->board->interrupted, 1);
    return 1;
}

void note_error(struct run *run, const char *where, int error)
{
    add(&run->board->errors, 1);
    run->board->last_error = error;
    strncpy((char *)run->board->last_error_where, where, sizeof run->board->last_error_where - 1);
}

/* A consumer got `record` (`size` bytes of it): is it whole, is it new, did
 * it come in its sender's order? */
void record_take(struct run *run, const struct record *record, unsigned size, int ordered_here)
{
    struct scoreboard *board = run->board;
    note_progress(run);
    if (size < RECORD_HEADER || record->sender >= run->producers || record->sequence >= run->per_producer ||
        record->length > PAYLOAD_MAX || size != record_size(record) || record->checksum != checksum_of(record)) {
        add(&board->corrupt, 1);
        return;
    }
    struct record expected;
    record_fill(&expected, record->sender, record->sequence, stress_seed());
    if (memcmp(&expected, record, record_size(record))) {
        add(&board->corrupt, 1);
        return;
    }
    if (test_and_set(board->seen[record->sender], record->sequence)) {
        add(&board->duplicates, 1);
        return;
    }
    add(&board->received, 1);
    if (ordered_here) {
        if ((int32_t)record->sequence != board->next_expected[record->sender])
            add(&board->out_of_order, 1);
        board->next_expected[record->sender] = (int32_t)record->sequence + 1;
    }
}
