/* kernel/lib/siphash.h - SipHash-2-4 (Aumasson and Bernstein, 2012): a
 * keyed hash of a short message, 64 bits, that nobody without the 128-bit
 * key can predict or steer. TCP's initial sequence numbers use it
 * (kernel/net/tcp_connection.c, RFC 6528), as Linux's do. Pure code: it
 * runs in tests/unit on the host as well (test_siphash.c, the reference
 * vectors). */
#ifndef KERNEL_LIB_SIPHASH_H
#define KERNEL_LIB_SIPHASH_H

#include <stdint.h>

/* The hash of `length` bytes at `data` under `key` (its 16 bytes read as
 * two little-endian words, key[0] first). */
uint64_t siphash_2_4(const uint64_t key[2], const void *data, uint32_t length);

#endif
