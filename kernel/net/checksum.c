/* kernel/net/checksum.c - the Internet checksum (RFC 1071): add the data
 * as 16-bit big-endian words in a 32-bit sum, fold the carries back into
 * the low 16 bits, and complement. Because the sum is the same in any
 * order, a header's checksum can be computed over pieces (the
 * pseudo-header, then the segment), and a receiver that sums a header
 * with its checksum field in it gets 0xffff, whose complement is 0.
 *
 * Speed: checksum_add reads four bytes at a time as the CPU's own
 * (little-endian) 32-bit words, not byte by byte, and swaps the bytes once
 * at the end. Two facts of ones' complement arithmetic (RFC 1071 section
 * 2) make that the same sum:
 *  - (B) byte order: adding byte-swapped 16-bit words gives the
 *    byte-swapped sum, since a carry out of either byte is carried into
 *    the other either way. So the sum of little-endian words, swapped
 *    once, is the sum of the big-endian words.
 *  - (C) parallel summation: a 32-bit word is two 16-bit words, and
 *    2^16 = 1 in ones' complement arithmetic (modulo 0xffff), so adding
 *    32-bit words in a wide sum and folding its carries back down to 16
 *    bits gives the sum of the 16-bit words.
 * The x86 reads a word at any address, so odd alignment costs nothing. */
#include "checksum.h"

#include "packet.h"

#define CHECKSUM_UNROLLED_BYTES 16   /* four words a loop turn: fewer turns to pay for */

/* The 32-bit little-endian word at `bytes`, at any alignment. */
static inline uint32_t load_word(const uint8_t *bytes)
{
    uint32_t word;
    __builtin_memcpy(&word, bytes, sizeof word);
    return word;
}

/* Folds a 64-bit sum of words to a 16-bit ones' complement sum (not 0
 * unless the sum is). */
static uint32_t fold_to_16_bits(uint64_t wide)
{
    uint32_t low = (uint32_t)wide;
    uint32_t sum = low + (uint32_t)(wide >> 32);
    if (sum < low)
        sum++;                        /* the end-around carry */
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return sum;
}

uint32_t checksum_add(uint32_t sum, const void *data, uint32_t length)
{
    const uint8_t *bytes = data;
    /* 64 bits cannot overflow: a packet is far fewer than 2^32 words. */
    uint64_t wide = 0;
    while (length >= CHECKSUM_UNROLLED_BYTES) {
        wide += load_word(bytes);
        wide += load_word(bytes + 4);
        wide += load_word(bytes + 8);
        wide += load_word(bytes + 12);
        bytes += CHECKSUM_UNROLLED_BYTES;
        length -= CHECKSUM_UNROLLED_BYTES;
    }
    while (length >= sizeof(uint32_t)) {
        wide += load_word(bytes);
        bytes += sizeof(uint32_t);
        length -= sizeof(uint32_t);
    }
    if (length >= sizeof(uint16_t)) {
        wide += (uint32_t)(bytes[0] | bytes[1] << 8);
        bytes += sizeof(uint16_t);
        length -= sizeof(uint16_t);
    }
    if (length)
        wide += bytes[0];             /* the odd last byte, padded with a zero (the high byte here) */
    /* The little-endian sum swapped is the big-endian one (B above); it is
     * at most 0xffff, so the running sum of a packet's pieces cannot overflow. */
    return sum + net_order16((uint16_t)fold_to_16_bits(wide));
}

uint16_t checksum_finish(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

uint32_t checksum_pseudo_header(uint32_t source, uint32_t destination, uint8_t protocol, uint32_t length)
{
    uint32_t sum = 0;
    sum += source >> 16;
    sum += source & 0xffff;
    sum += destination >> 16;
    sum += destination & 0xffff;
    sum += protocol;
    sum += length;
    return sum;
}
