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
#define USER_TLS_SELECTOR    0x33     /* %gs of a thread with thread-local storage */

/* Loads the GDT (flat 4 GiB segments for ring 0 and ring 3) and the TSS. */
void gdt_init(void);

/* The stack the CPU switches to when an interrupt arrives in ring 3. */
void tss_set_kernel_stack(uint32_t stack_top);

/* Thread-local storage: one descriptor (USER_TLS_SELECTOR), whose base is
 * the running thread's (struct task's tls_base). A switch to a thread with
 * another base rewrites it; the thread's %gs picks it up when the way back
 * to user mode reloads %gs from its trap frame. */
extern uint32_t gdt_tls_base;
void gdt_set_tls_base(uint32_t base);

#endif
