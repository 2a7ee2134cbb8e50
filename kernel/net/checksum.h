/* kernel/net/checksum.h - the Internet checksum (the ones' complement of
 * the ones' complement sum of 16-bit words) that IPv4, ICMP, UDP and TCP
 * headers carry. */
#ifndef KERNEL_NET_CHECKSUM_H
#define KERNEL_NET_CHECKSUM_H

#include <stdint.h>

/* Adds `length` bytes at `data` (big-endian words; an odd last byte is
 * padded with zero) to the running sum `sum`, not yet folded. */
uint32_t checksum_add(uint32_t sum, const void *data, uint32_t length);

/* Folds a running sum to 16 bits and complements it: the field's value
 * (host order; store with put_be16). A packet that includes its checksum
 * field sums to 0 when it is intact. */
uint16_t checksum_finish(uint32_t sum);

/* The running sum of the pseudo-header UDP and TCP checksums cover:
 * source, destination, protocol and the segment's length. */
uint32_t checksum_pseudo_header(uint32_t source, uint32_t destination, uint8_t protocol, uint32_t length);

#endif
