/* tests/net/net_pattern.h - the byte stream the network tests send: a
 * seeded xorshift32, one byte per step, so that the sender and the checker
 * (a guest program, or tests/net/net_host.py's pattern()) make the same
 * bytes without passing them around. */
#ifndef TESTS_NET_NET_PATTERN_H
#define TESTS_NET_NET_PATTERN_H

#include <stdint.h>

struct pattern {
    uint32_t state;
};

/* Starts the stream of `seed` (0 counts as 1: xorshift never leaves 0). */
static inline void pattern_start(struct pattern *pattern, uint32_t seed)
{
    pattern->state = seed ? seed : 1;
}

/* The next byte of the stream. */
static inline unsigned char pattern_next(struct pattern *pattern)
{
    uint32_t x = pattern->state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    pattern->state = x;
    return (unsigned char)x;
}

#endif
