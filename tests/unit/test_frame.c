/* tests/unit/test_frame.c - the physical frame allocator (kernel/mm/frame.c).
 *
 * The allocator only keeps books, so a 64-frame "machine" (256 KiB) made of
 * two arrays is enough; no frame is ever touched. */
// unit-sources: kernel/mm/frame.c
#include "kernel/mm/frame.h"

#include "unit.h"

#define FRAME_SIZE   4096u
#define FRAME_COUNT  64u
#define MACHINE_END  (FRAME_COUNT * FRAME_SIZE)

static uint32_t free_stack[FRAME_COUNT];
static uint16_t reference_counts[FRAME_COUNT];

/* A fresh allocator knowing FRAME_COUNT frames, none of them free yet. */
static void fresh_allocator(void)
{
    frame_allocator_init(free_stack, reference_counts, FRAME_COUNT);
}

static void add_range(uint32_t start, uint32_t end)
{
    frame_add_usable_range((struct physical_range){ start, end }, NULL, 0);
}

/* Allocates until exhausted; marks taken[frame]; returns how many came. */
static unsigned take_all(int taken[FRAME_COUNT])
{
    unsigned count = 0;
    for (uint32_t address; (address = frame_alloc()) != 0; count++) {
        REQUIRE(address % FRAME_SIZE == 0, "expected a frame-aligned address, got 0x%x", address);
        REQUIRE(address < MACHINE_END, "expected an address below 0x%x, got 0x%x", MACHINE_END, address);
        REQUIRE(!taken[address / FRAME_SIZE], "expected each frame once, got 0x%x twice", address);
        taken[address / FRAME_SIZE] = 1;
    }
    return count;
}

UNIT_TEST(new_allocator_has_no_free_frames)
{
    fresh_allocator();
    EXPECT_EQ_INT(0, frame_free_count());
    EXPECT_EQ_INT(0, frame_total_count());
    EXPECT_EQ_INT(0, frame_alloc());
}

UNIT_TEST(frame_zero_is_never_handed_out)
{
    fresh_allocator();
    add_range(0, MACHINE_END);
    EXPECT_EQ_INT(FRAME_COUNT - 1, frame_free_count());
    EXPECT_EQ_INT(FRAME_COUNT - 1, frame_total_count());
    int taken[FRAME_COUNT] = { 0 };
    EXPECT_EQ_INT(FRAME_COUNT - 1, take_all(taken));
    EXPECT(!taken[0], "expected frame 0 never to be handed out");
}

UNIT_TEST(low_frames_are_handed_out_first)
{
    fresh_allocator();
    add_range(0x10000, 0x20000);             /* frames 16..31 */
    for (uint32_t frame = 16; frame < 32; frame++) {
        uint32_t address = frame_alloc();
        EXPECT(address == frame * FRAME_SIZE, "expected 0x%x, got 0x%x", frame * FRAME_SIZE, address);
    }
}

UNIT_TEST(partial_frames_at_range_edges_are_excluded)
{
    fresh_allocator();
    add_range(0x1800, 0x5800);               /* whole frames: 2, 3 and 4 */
    EXPECT_EQ_INT(3, frame_free_count());
    EXPECT_EQ_INT(0x2000, frame_alloc());
    EXPECT_EQ_INT(0x3000, frame_alloc());
    EXPECT_EQ_INT(0x4000, frame_alloc());
    EXPECT_EQ_INT(0, frame_alloc());

    fresh_allocator();
    add_range(0x7001, 0x7fff);               /* inside one frame: no whole frame */
    EXPECT_EQ_INT(0, frame_free_count());
}

UNIT_TEST(reserved_ranges_are_never_handed_out)
{
    const struct physical_range reserved[] = {
        { 0x5000, 0x7000 },                  /* frames 5 and 6 exactly */
        { 0x9800, 0x9900 },                  /* a piece of frame 9 reserves all of it */
        { 0xbfff, 0xc001 },                  /* straddles frames 11 and 12 */
    };
    fresh_allocator();
    frame_add_usable_range((struct physical_range){ 0, 0x10000 }, reserved, 3);
    int taken[FRAME_COUNT] = { 0 };
    unsigned count = take_all(taken);
    static const int reserved_frames[] = { 0, 5, 6, 9, 11, 12 };
    for (size_t i = 0; i < sizeof reserved_frames / sizeof reserved_frames[0]; i++)
        EXPECT(!taken[reserved_frames[i]], "expected reserved frame %d never handed out, got it",
               reserved_frames[i]);
    EXPECT_EQ_INT(16 - 6, count);            /* every other frame of the range came */
    EXPECT(taken[4] && taken[7] && taken[10] && taken[13],
           "expected the frames next to reserved ranges to be usable");
}

UNIT_TEST(range_beyond_the_known_frames_is_cut_at_the_last_frame)
{
    fresh_allocator();
    add_range(MACHINE_END - 2 * FRAME_SIZE, MACHINE_END + 100 * FRAME_SIZE);
    EXPECT_EQ_INT(2, frame_free_count());
    int taken[FRAME_COUNT] = { 0 };
    EXPECT_EQ_INT(2, take_all(taken));
}

/* Rounding the start up must not wrap past 4 GiB to frame 0. */
UNIT_TEST(range_at_the_top_of_the_address_space_adds_only_its_own_frames)
{
    fresh_allocator();
    add_range(0xfffff800u, 0xffffffffu);     /* part of the last frame: none whole */
    EXPECT(frame_free_count() == 0, "expected no frame free, got %u (frames from 0 up)",
           frame_free_count());
}

UNIT_TEST(exhausted_allocator_returns_zero_until_a_release)
{
    fresh_allocator();
    add_range(0x1000, 0x3000);               /* frames 1 and 2 */
    uint32_t first = frame_alloc(), second = frame_alloc();
    EXPECT(first && second, "expected two frames, got 0x%x and 0x%x", first, second);
    EXPECT_EQ_INT(0, frame_alloc());
    EXPECT_EQ_INT(0, frame_alloc());
    EXPECT_EQ_INT(0, frame_free_count());
    frame_release(first);
    EXPECT_EQ_INT(first, frame_alloc());
}

UNIT_TEST(releasing_every_frame_restores_the_free_count)
{
    fresh_allocator();
    add_range(0, MACHINE_END);
    unsigned start = frame_free_count();
    uint32_t addresses[FRAME_COUNT];
    unsigned count = 0;
    while ((addresses[count] = frame_alloc()) != 0)
        count++;
    EXPECT_EQ_INT(start, count);
    EXPECT_EQ_INT(0, frame_free_count());
    for (unsigned i = 0; i < count; i += 2)  /* release in a scrambled order */
        frame_release(addresses[i]);
    for (unsigned i = 1; i < count; i += 2)
        frame_release(addresses[i]);
    EXPECT_EQ_INT(start, frame_free_count());
    EXPECT_EQ_INT(start, frame_total_count());
    int taken[FRAME_COUNT] = { 0 };
    EXPECT_EQ_INT(start, take_all(taken));   /* and every one can be had again */
}

UNIT_TEST(new_frame_has_one_reference)
{
    fresh_allocator();
    add_range(0x1000, 0x3000);
    uint32_t frame = frame_alloc();
    EXPECT_EQ_INT(1, frame_reference_count(frame));
    frame_release(frame);
    EXPECT_EQ_INT(0, frame_reference_count(frame));
}

UNIT_TEST(frame_with_two_references_survives_one_release)
{
    fresh_allocator();
    add_range(0x1000, 0x5000);               /* frames 1..4 */
    uint32_t shared = frame_alloc();
    frame_add_reference(shared);
    EXPECT_EQ_INT(2, frame_reference_count(shared));
    unsigned free_before = frame_free_count();

    frame_release(shared);
    EXPECT_EQ_INT(1, frame_reference_count(shared));
    EXPECT_EQ_INT(free_before, frame_free_count());
    int taken[FRAME_COUNT] = { 0 };
    take_all(taken);
    EXPECT(!taken[shared / FRAME_SIZE], "expected frame 0x%x, still referenced, not to be handed out", shared);

    frame_release(shared);                   /* the last reference */
    EXPECT_EQ_INT(0, frame_reference_count(shared));
    EXPECT_EQ_INT(1, frame_free_count());
    EXPECT_EQ_INT(shared, frame_alloc());
}
