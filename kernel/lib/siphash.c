/* kernel/lib/siphash.c - SipHash-2-4 (siphash.h).
 *
 * Four 64-bit words of state, started from the key and four constants.
 * Each 8 bytes of the message (little-endian) are added in with two
 * rounds; the last word holds the bytes left over and the length's low
 * byte at the top. Four more rounds, then the four words are folded into
 * one:
 *
 *   v3 ^= m;  round; round;  v0 ^= m       for each word m
 *   v2 ^= 0xff;  round x4;  v0 ^ v1 ^ v2 ^ v3
 *
 * A round is additions, rotations and exclusive ors only (an ARX design):
 * no table to leak through the cache, and no multiplication. */
#include "siphash.h"

#include "string.h"

static inline uint64_t rotate_left(uint64_t word, unsigned bits)
{
    return word << bits | word >> (64 - bits);
}

static void sip_round(uint64_t v[4])
{
    v[0] += v[1];
    v[1] = rotate_left(v[1], 13) ^ v[0];
    v[0] = rotate_left(v[0], 32);
    v[2] += v[3];
    v[3] = rotate_left(v[3], 16) ^ v[2];
    v[0] += v[3];
    v[3] = rotate_left(v[3], 21) ^ v[0];
    v[2] += v[1];
    v[1] = rotate_left(v[1], 17) ^ v[2];
    v[2] = rotate_left(v[2], 32);
}

/* One message word: v3 takes it before the two rounds, v0 after. */
static void sip_compress(uint64_t v[4], uint64_t word)
{
    v[3] ^= word;
    sip_round(v);
    sip_round(v);
    v[0] ^= word;
}

uint64_t siphash_2_4(const uint64_t key[2], const void *data, uint32_t length)
{
    uint64_t v[4] = {
        key[0] ^ 0x736f6d6570736575ull,   /* "somepseudorandomlygeneratedbytes" */
        key[1] ^ 0x646f72616e646f6dull,
        key[0] ^ 0x6c7967656e657261ull,
        key[1] ^ 0x7465646279746573ull,
    };
    const uint8_t *bytes = data;
    uint32_t whole = length & ~7u;
    for (uint32_t i = 0; i < whole; i += 8) {
        uint64_t word;
        memcpy(&word, bytes + i, sizeof word);   /* x86 is little-endian, as SipHash reads */
        sip_compress(v, word);
    }
    uint64_t last = (uint64_t)(length & 0xff) << 56;
    for (uint32_t i = 0; i < (length & 7); i++)
        last |= (uint64_t)bytes[whole + i] << (8 * i);
    sip_compress(v, last);
    v[2] ^= 0xff;
    for (int i = 0; i < 4; i++)
        sip_round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}
