/* arch/x86/copy_inline.h - memcpy, inline, for the one copy where a call
 * shows: message passing's fast path copies a message body straight from
 * one process's page into another's (kernel/ipc/msg_internal.h). The
 * same two string instructions as memcpy in memory.asm: four bytes a step
 * (rep movsd), then the 0-3 left (rep movsb). Without the call, its
 * argument pushes and its saved registers, a msg_call round trip is about
 * 20 instructions shorter. Context: anywhere; both ranges must be mapped. */
#ifndef ARCH_X86_COPY_INLINE_H
#define ARCH_X86_COPY_INLINE_H

#include <stdint.h>

static inline void memcpy_inline(void *destination, const void *source, uint32_t size)
{
    uint32_t words = size / 4, bytes = size % 4;
    __asm__ volatile("rep movsl\n\tmov %3, %%ecx\n\trep movsb"
                     : "+D"(destination), "+S"(source), "+c"(words) : "r"(bytes) : "memory");
}

#endif
