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

/* The per-CPU segment (per_cpu.h), after the TLS entries: the kernel
 * keeps it in %fs. */
#define PER_CPU_SELECTOR     ((GDT_TLS_FIRST + GDT_TLS_ENTRIES) << 3)

/* Builds every CPU's GDT (flat 4 GiB segments for ring 0 and ring 3, its
 * TSS, its per-CPU segment) and loads the first CPU's. */
void gdt_init(void);

/* Loads CPU `cpu`'s GDT, the kernel's segments and its TSS, on that CPU
 * as it starts (smp_boot.c). */
void gdt_load_on_this_cpu(int cpu);

/* Sets thread slot `slot`'s TLS descriptor to the whole 4 GiB from `base`. */
void gdt_set_tls(unsigned slot, uint32_t base);

#endif
