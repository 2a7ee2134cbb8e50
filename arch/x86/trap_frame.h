/* arch/x86/trap_frame.h - the registers saved on entry to the kernel.
 *
 * Every interrupt, exception and system call builds this frame on the
 * task's kernel stack (arch/x86/trap_entry.asm). From a user-mode entry the
 * CPU starts at the top of the kernel stack (the TSS's esp0), so a task's
 * user frame is always the last thing on its stack:
 *
 *     kernel stack top -> +-------------+
 *                         | user_ss     |  pushed by the CPU
 *                         | user_esp    |  (only when coming from ring 3)
 *                         | eflags      |
 *                         | cs          |
 *                         | eip         |
 *                         | error_code  |  pushed by the CPU or the stub (0)
 *                         | trap_number |  pushed by the stub
 *                         | gs fs es ds |
 *                         | eax         |  system call number / result
 *                         | ecx edx ebx |  pushed by one `pusha`, in its
 *                         | esp         |  order (esp: a copy, never
 *                         | ebp esi edi |  restored)  <- struct trap_frame *
 *                         +-------------+
 *
 * A system call's arguments 1..6 are ebx, ecx, edx, esi, edi, ebp.
 */
#ifndef ARCH_X86_TRAP_FRAME_H
#define ARCH_X86_TRAP_FRAME_H

#include <stdint.h>

struct trap_frame {
    uint32_t edi, esi, ebp;
    uint32_t pusha_esp;                      /* pusha's copy of esp; popa skips it */
    uint32_t ebx, edx, ecx, eax;
    uint32_t ds, es, fs, gs;
    uint32_t trap_number;
    uint32_t error_code;
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss;              /* valid only from ring 3 */
};

/* The layout trap_entry.asm builds (pusha, then the segment registers),
 * and the offsets it names (FRAME_EAX: a system call's result; the rest
 * for sysenter_entry, which writes the user's eip, esp and ebp). */
_Static_assert(__builtin_offsetof(struct trap_frame, eax) == 28, "FRAME_EAX in trap_entry.asm");
_Static_assert(__builtin_offsetof(struct trap_frame, ecx) == 24, "FRAME_ECX in trap_entry.asm");
_Static_assert(__builtin_offsetof(struct trap_frame, edx) == 20, "FRAME_EDX in trap_entry.asm");
_Static_assert(__builtin_offsetof(struct trap_frame, trap_number) == 48, "the stubs push the trap number here");
_Static_assert(__builtin_offsetof(struct trap_frame, eip) == 56, "FRAME_EIP in trap_entry.asm");
_Static_assert(__builtin_offsetof(struct trap_frame, ebp) == 8, "FRAME_EBP in trap_entry.asm");
_Static_assert(__builtin_offsetof(struct trap_frame, user_esp) == 68, "FRAME_USER_ESP in trap_entry.asm");

static inline int trap_frame_from_user(const struct trap_frame *frame)
{
    return (frame->cs & 3) == 3;
}

#endif
