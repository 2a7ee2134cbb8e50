/* kernel/net/checksum.c - the Internet checksum (RFC 1071): add the data
 * as 16-bit big-endian words in a 32-bit sum, fold the carries back into
 * the low 16 bits, and complement. Because the sum is the same in any
 * order, a header's checksum can be computed over pieces (the
 * pseudo-header, then the segment), and a receiver that sums a header
 * with its checksum field in it gets 0xffff, whose complement is 0. */
#include "checksum.h"

uint32_t checksum_add(uint32_t sum, const void *data, uint32_t length)
{
    const uint8_t *bytes = data;
    /* A 32-bit sum of 16-bit words cannot overflow before 65536 words
     * (128 KiB), more than any packet holds. */
    while (length >= 2) {
        sum += (uint32_t)(bytes[0] << 8 | bytes[1]);
        bytes += 2;
        length -= 2;
    }
    if (length)
        sum += (uint32_t)(bytes[0] << 8);   /* the odd last byte, padded with a zero */
    return sum;
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
