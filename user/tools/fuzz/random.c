/* user/tools/fuzz/random.c - the fuzzer's own generator (PCG32): the same seed
 * gives the same numbers on every machine and every libc. */
#include "fuzz.h"

static uint64_t state, increment;

void rng_seed(uint32_t a, uint32_t b, uint32_t c)
{
    state = 0;
    increment = ((uint64_t)b << 33) | ((uint64_t)c << 1) | 1u;
    rng();
    state += ((uint64_t)a << 32) ^ 0x853c49e6748fea9bull ^ c;
    rng();
}

uint32_t rng(void)
{
    uint64_t old = state;
    state = old * 6364136223846793005ull + increment;
    uint32_t shifted = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rotation = (uint32_t)(old >> 59);
    return (shifted >> rotation) | (shifted << ((-rotation) & 31));
}

uint32_t below(uint32_t n)
{
    return n ? rng() % n : 0;
}

int chance(unsigned percent)
{
    return below(100) < percent;
}

uint32_t pick(const uint32_t *values, unsigned count)
{
    return values[below(count)];
}

/* Sizes where the bugs live: nothing, one, around a page, around the
 * limits of the kernel's buffers, huge, and "negative". */
uint32_t any_size(void)
{
    switch (below(12)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return below(64);
    case 3: return below(512);
    case 4: return PICK(4095, 4096, 4097, 8191, 8192, 8193);
    case 5: return PICK(16, 240, 241, 255, 256, 257, 4099, 16384, 16385);
    case 6: return below(70000);
    case 7: return PICK(0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x7ffff000);
    case 8: return 1u << below(32);
    case 9: return rng();
    default: return below(4096);
    }
}

/* Flags: usually a combination of the valid bits, sometimes one stray bit,
 * sometimes every bit. */
uint32_t any_flags(uint32_t valid)
{
    switch (below(10)) {
    case 0: return 0;
    case 1: return 1u << below(32);
    case 2: return rng();
    case 3: return 0xffffffff;
    default: return rng() & valid;
    }
}
