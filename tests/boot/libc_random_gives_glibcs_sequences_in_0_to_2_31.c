/* libc_random_gives_glibcs_sequences_in_0_to_2_31: random, srandom,
 * initstate and setstate give the numbers glibc gives for the same seeds
 * and state sizes (so a program's "random" run is the one it has on
 * Linux), every number lies in 0 .. 2^31-1 and the high half comes up,
 * setstate goes on where a state stood, and a state under 8 bytes is
 * EINVAL. */
#include <errno.h>
#include <stdlib.h>

#include "boot_test.h"

static void expect_next(const long *expected, int count, const char *what)
{
    for (int i = 0; i < count; i++) {
        long got = random();
        CHECK(got == expected[i], "%s, number %d: expected %ld, got %ld", what, i, expected[i], got);
    }
}

int main(void)
{
    static const long unseeded[] = { 1804289383, 846930886, 1681692777 };
    expect_next(unseeded, 3, "without srandom: the sequence of seed 1");
    srandom(1);
    expect_next(unseeded, 3, "srandom(1)");
    static const long seed_42[] = { 71876166, 708592740, 1483128881 };
    srandom(42);
    expect_next(seed_42, 3, "srandom(42)");
    srandom(0);
    expect_next(unseeded, 1, "srandom(0) is srandom(1)");

    static char small[8], medium[32], large[256];
    char *default_state = initstate(7, small, sizeof small);
    CHECK(default_state != NULL, "initstate returns the previous state");
    static const long lcg_7[] = { 1282168116, 642666333, 712265938 };
    expect_next(lcg_7, 3, "an 8-byte state");
    initstate(7, medium, sizeof medium);
    static const long degree_7[] = { 1380991591, 1769076016 };
    expect_next(degree_7, 2, "a 32-byte state");
    initstate(9, large, sizeof large);
    static const long degree_63[] = { 92791753, 1944034729 };
    expect_next(degree_63, 2, "a 256-byte state");

    CHECK(setstate(default_state) == large, "setstate returns the state it leaves");
    static const long resumed[] = { 846930886 };
    expect_next(resumed, 1, "the default state goes on where it stood");
    setstate(medium);
    static const long medium_next[] = { 21842418 };
    expect_next(medium_next, 1, "so does the 32-byte one");
    setstate(large);
    static const long large_next[] = { 1582780461 };
    expect_next(large_next, 1, "and the 256-byte one");

    char tiny[7];
    errno = 0;
    CHECK(initstate(1, tiny, sizeof tiny) == NULL && errno == EINVAL, "a 7-byte state: EINVAL");

    setstate(default_state);
    srandom(12345);
    long highest = 0, lowest = 0x7fffffff;
    int out_of_range = 0;
    for (int i = 0; i < 100000; i++) {
        long value = random();
        if (value < 0 || value > 0x7fffffffL)
            out_of_range++;
        if (value > highest)
            highest = value;
        if (value < lowest)
            lowest = value;
    }
    CHECK_EQ(0, out_of_range, "numbers outside 0 .. 2^31-1");
    CHECK(highest > 0x7ff00000L && lowest < 0x100000L, "the whole range is reached: %ld .. %ld", lowest, highest);
    return test_finish("libc_random_gives_glibcs_sequences_in_0_to_2_31");
}
