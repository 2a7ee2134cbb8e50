/* arch/x86/gdt.h - segments and the task state segment. */
#ifndef ARCH_X86_GDT_H
#define ARCH_X86_GDT_H

#include <stdint.h>

/* Selectors: index * 8 | requested privilege level */
#define KERNEL_CODE_SELECTOR 0x08
#define KERNEL_DATA_SELECTOR 0x10
#define USER_CODE_SELECTOR   0x1B
#define USER_DATA_SELECTOR   0x23
#define TSS_SELECTOR         0x28

/* Thread-local storage: a descriptor per thread, GDT entries
 * GDT_TLS_FIRST .. GDT_TLS_FIRST + GDT_TLS_ENTRIES - 1, one for each slot of
 * the thread table (kernel/proc/thread.h). A thread's %gs holds the
 * selector of its own entry, saved and restored with its other registers
 * in its trap frame, so a task switch has nothing to do for it. */
#define GDT_TLS_FIRST        6
#define GDT_TLS_ENTRIES      256
static inline uint16_t gdt_tls_selector(unsigned slot)
{
    return (uint16_t)((GDT_TLS_FIRST + slot) << 3 | 3);
}
static inline int gdt_is_tls_selector(uint32_t selector)
{
    return (selector & 7) == 3 && selector >> 3 >= GDT_TLS_FIRST &&
           selector >> 3 < GDT_TLS_FIRST + GDT_TLS_ENTRIES;
}

/* Loads the GDT (flat 4 GiB segments for ring 0 and ring 3) and the TSS. */
void gdt_init(void);

/* Loads the same GDT and the kernel's segments on another CPU, as it
 * starts (smp_boot.c), without the TSS: the TSS is the first CPU's (a CPU
 * that loads it marks it busy), and another CPU needs one only to run
 * programs, which it does not yet. */
void gdt_load_on_this_cpu(void);

/* The stack the CPU switches to when an interrupt arrives in ring 3. */
void tss_set_kernel_stack(uint32_t stack_top);

/* Sets thread slot `slot`'s TLS descriptor to the whole 4 GiB from `base`. */
void gdt_set_tls(unsigned slot, uint32_t base);

#endif
