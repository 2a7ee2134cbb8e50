/* tests/unit/test_siphash.c - SipHash-2-4 (kernel/lib/siphash.c), the
 * keyed hash behind TCP's initial sequence numbers.
 *
 * The rule: the reference vectors of SipHash's authors, the hash under
 * the key 00 01 ... 0f of the messages "", 00, 00 01, ... 00 01 ... 16
 * (every length of leftover bytes, with 0, 1 and 2 whole words before
 * them); and a key that differs in one bit gives another hash. */
// unit-sources: kernel/lib/siphash.c
#include "kernel/lib/siphash.h"

#include <stdint.h>

#include "unit.h"

static const uint64_t reference_key[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };

/* The hashes of 00 01 ... (length - 1) under reference_key, for length 0 to 23. */
static const uint64_t reference_hashes[] = {
    0x726fdb47dd0e0e31ull, 0x74f839c593dc67fdull, 0x0d6c8009d9a94f5aull, 0x85676696d7fb7e2dull,
    0xcf2794e0277187b7ull, 0x18765564cd99a68dull, 0xcbc9466e58fee3ceull, 0xab0200f58b01d137ull,
    0x93f5f5799a932462ull, 0x9e0082df0ba9e4b0ull, 0x7a5dbbc594ddb9f3ull, 0xf4b32f46226bada7ull,
    0x751e8fbc860ee5fbull, 0x14ea5627c0843d90ull, 0xf723ca908e7af2eeull, 0xa129ca6149be45e5ull,
    0x3f2acc7f57c29bdbull, 0x699ae9f52cbe4794ull, 0x4bc1b3f0968dd39cull, 0xbb6dc91da77961bdull,
    0xbed65cf21aa2ee98ull, 0xd0f2cbb02e3b67c7ull, 0x93536795e3a33e88ull, 0xa80c038ccd5ccec8ull,
};
#define REFERENCE_COUNT (sizeof reference_hashes / sizeof reference_hashes[0])

UNIT_TEST(the_reference_vectors_of_every_length_to_23_bytes)
{
    uint8_t message[REFERENCE_COUNT];
    for (unsigned i = 0; i < REFERENCE_COUNT; i++)
        message[i] = (uint8_t)i;
    for (unsigned length = 0; length < REFERENCE_COUNT; length++) {
        uint64_t hash = siphash_2_4(reference_key, message, length);
        EXPECT(hash == reference_hashes[length], "length %u: expected %016llx, got %016llx", length,
               (unsigned long long)reference_hashes[length], (unsigned long long)hash);
    }
}

UNIT_TEST(a_key_one_bit_apart_gives_another_hash)
{
    uint8_t message[12] = { 10, 0, 0, 1, 10, 0, 0, 2, 0x1f, 0x90, 0x9c, 0x40 };   /* a TCP connection's two ends */
    uint64_t hash = siphash_2_4(reference_key, message, sizeof message);
    for (unsigned bit = 0; bit < 128; bit++) {
        uint64_t key[2] = { reference_key[0], reference_key[1] };
        key[bit / 64] ^= 1ull << (bit % 64);
        EXPECT(siphash_2_4(key, message, sizeof message) != hash, "key bit %u flipped: the same hash", bit);
    }
}
