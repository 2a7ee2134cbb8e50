/* tests/disk/programs/disk_program.h - what the guest programs of the disk
 * checks share with each other and with the host side (tests/disk/
 * disk_image.py computes the same pattern and checksum in Python, so both
 * sides agree on a file's bytes without sending them). */
#ifndef TESTS_DISK_PROGRAMS_DISK_PROGRAM_H
#define TESTS_DISK_PROGRAMS_DISK_PROGRAM_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>

#define HOME "/home"
#define CHECKSUM_START 2166136261u     /* FNV-1a, 32 bits: its offset basis */
#define CHECKSUM_PRIME 16777619u       /* and its prime */

/* Byte `offset` of a test file made from `seed`: a hash of both, so that
 * a block written at the wrong place or twice shows as wrong bytes. */
static inline unsigned char pattern_byte(uint32_t offset, uint32_t seed)
{
    uint32_t x = offset ^ (seed * 0x9E3779B9u);
    x ^= x >> 13;
    x *= 0x5BD1E995u;
    x ^= x >> 15;
    return (unsigned char)x;
}

/* Fills `buffer` with the pattern's bytes from `offset` on. */
static inline void pattern_fill(unsigned char *buffer, size_t length, uint32_t offset, uint32_t seed)
{
    for (size_t i = 0; i < length; i++)
        buffer[i] = pattern_byte(offset + (uint32_t)i, seed);
}

/* The running checksum `sum` (start with CHECKSUM_START) over `length` more bytes. */
static inline uint32_t checksum_add(uint32_t sum, const unsigned char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        sum = (sum ^ bytes[i]) * CHECKSUM_PRIME;
    return sum;
}

/* 1 if /home is the ext2 disk; otherwise says why not on stdout and gives 0
 * (the kernel boots without it when the disk cannot be mounted). */
static inline int home_is_on_the_disk(const char *program)
{
    struct statfs about;
    if (statfs(HOME, &about) != 0) {
        printf("%s: statfs " HOME ": %s\n", program, strerror(errno));
        return 0;
    }
    if (about.f_type != EXT2_SUPER_MAGIC) {
        printf("%s: " HOME " is not the ext2 disk (f_type %#x, expected %#x)\n", program, about.f_type,
               EXT2_SUPER_MAGIC);
        return 0;
    }
    return 1;
}

#endif
