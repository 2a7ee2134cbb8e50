/* arch/x86/io.h - port input and output. */
#ifndef ARCH_X86_IO_H
#define ARCH_X86_IO_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" :: "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
    __asm__ volatile("outw %0, %1" :: "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
    __asm__ volatile("outl %0, %1" :: "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t value;
    __asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

/* Reads `count` 16-bit words from `port` into `buffer`, one after the
 * other (`rep insw`): a disk's data register hands over a sector so. The
 * direction flag is clear, as the C calling convention guarantees, so
 * the buffer fills upwards. */
static inline void insw(uint16_t port, void *buffer, uint32_t count)
{
    __asm__ volatile("rep insw" : "+D"(buffer), "+c"(count) : "d"(port) : "memory");
}

/* Writes `count` 16-bit words from `buffer` to `port` (`rep outsw`). */
static inline void outsw(uint16_t port, const void *buffer, uint32_t count)
{
    __asm__ volatile("rep outsw" : "+S"(buffer), "+c"(count) : "d"(port) : "memory");
}

#endif
