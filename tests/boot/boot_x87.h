/* tests/boot/boot_x87.h - the eight x87 registers filled with known
 * values and read back, for the tests that check a program's registers
 * survive what the kernel does meanwhile (a switch, a system call). Each
 * is one asm statement, so that the test can place a raw `int 0x80`
 * right between the two with no C code of its own using the FPU. */
#ifndef TESTS_BOOT_BOOT_X87_H
#define TESTS_BOOT_BOOT_X87_H

#include <stdint.h>

/* An empty FPU (fninit), then values[0..7] pushed: values[7] in st(0). */
static inline void x87_load_eight(const int32_t values[8])
{
    __asm__ volatile("fninit\n\t"
                     "fildl 0(%0)\n\tfildl 4(%0)\n\tfildl 8(%0)\n\tfildl 12(%0)\n\t"
                     "fildl 16(%0)\n\tfildl 20(%0)\n\tfildl 24(%0)\n\tfildl 28(%0)\n\t"
                     :: "r"(values) : "memory");
}

/* Pops the eight back (the last pushed first): how many differ from
 * `values`. */
static inline int x87_changed_of_eight(const int32_t values[8])
{
    int32_t back[8];
    __asm__ volatile("fistpl 28(%0)\n\tfistpl 24(%0)\n\tfistpl 20(%0)\n\tfistpl 16(%0)\n\t"
                     "fistpl 12(%0)\n\tfistpl 8(%0)\n\tfistpl 4(%0)\n\tfistpl 0(%0)\n\t"
                     :: "r"(back) : "memory");
    int changed = 0;
    for (int i = 0; i < 8; i++)
        changed += back[i] != values[i];
    return changed;
}

#endif
