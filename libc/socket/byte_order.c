/* libc/socket/byte_order.c - host to network byte order and back. The
 * network's order is big-endian (the most significant byte first); the
 * x86 is little-endian, so each conversion reverses the bytes, and the
 * conversion back is the same reversal. */
#include <netinet/in.h>

uint32_t htonl(uint32_t host)
{
    return __builtin_bswap32(host);
}

uint16_t htons(uint16_t host)
{
    return __builtin_bswap16(host);
}

uint32_t ntohl(uint32_t network)
{
    return __builtin_bswap32(network);
}

uint16_t ntohs(uint16_t network)
{
    return __builtin_bswap16(network);
}
