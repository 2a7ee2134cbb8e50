/* arch/x86/gdt.c - the global descriptor table and the TSS.
 * Segmentation is flat: every segment covers 0-4 GiB; protection comes from
 * paging. The TSS is used only for one field: esp0, the kernel stack the CPU
 * loads when an interrupt or system call arrives from user mode. The
 * scheduler's switch_to_task writes it for every task it switches to. */
#include "gdt.h"

struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t  base_middle;
    uint8_t  access;          /* present, privilege, type */
    uint8_t  flags_limit_high;/* granularity, size, limit bits 16-19 */
    uint8_t  base_high;
} __attribute__((packed));

struct gdt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

struct tss {
    uint32_t previous_task, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, io_map_base;
} __attribute__((packed));

enum {
    ACCESS_KERNEL_CODE = 0x9A,   /* present, ring 0, code, readable */
    ACCESS_KERNEL_DATA = 0x92,   /* present, ring 0, data, writable */
    ACCESS_USER_CODE   = 0xFA,   /* present, ring 3, code, readable */
    ACCESS_USER_DATA   = 0xF2,   /* present, ring 3, data, writable */
    ACCESS_TSS         = 0x89,   /* present, ring 0, 32-bit available TSS */
    FLAGS_4K_32BIT     = 0xC0,   /* limit in pages, 32-bit segment */
};

/* What the assembly names for these (switch_to_task.asm, trap_entry.asm). */
_Static_assert(__builtin_offsetof(struct tss, esp0) == 4, "TSS_ESP0 in switch_to_task.asm");
_Static_assert(KERNEL_DATA_SELECTOR == 0x10, "the selector in trap_entry.asm");

static struct gdt_entry gdt[GDT_TLS_FIRST + GDT_TLS_ENTRIES];
/* Read by switch_to_task (arch/x86/switch_to_task.asm) to update esp0. */
struct tss kernel_tss __attribute__((aligned(16)));

static void set_entry(int index, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[index] = (struct gdt_entry){
        .limit_low = limit & 0xFFFF,
        .base_low = base & 0xFFFF,
        .base_middle = (base >> 16) & 0xFF,
        .access = access,
        .flags_limit_high = (uint8_t)(flags | ((limit >> 16) & 0x0F)),
        .base_high = (base >> 24) & 0xFF,
    };
}

extern void gdt_load(const struct gdt_pointer *pointer);   /* trap_entry.asm */

void gdt_init(void)
{
    set_entry(0, 0, 0, 0, 0);
    set_entry(1, 0, 0xFFFFF, ACCESS_KERNEL_CODE, FLAGS_4K_32BIT);
    set_entry(2, 0, 0xFFFFF, ACCESS_KERNEL_DATA, FLAGS_4K_32BIT);
    set_entry(3, 0, 0xFFFFF, ACCESS_USER_CODE, FLAGS_4K_32BIT);
    set_entry(4, 0, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);
    set_entry(5, (uint32_t)&kernel_tss, sizeof kernel_tss - 1, ACCESS_TSS, 0);
    for (unsigned slot = 0; slot < GDT_TLS_ENTRIES; slot++)    /* thread-local storage */
        set_entry(GDT_TLS_FIRST + slot, 0, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);

    kernel_tss.ss0 = KERNEL_DATA_SELECTOR;
    kernel_tss.io_map_base = sizeof kernel_tss;   /* no I/O permission bitmap */

    gdt_load_on_this_cpu();
    __asm__ volatile("ltr %w0" : : "r"(TSS_SELECTOR));   /* the task register: the first CPU's TSS */
}

void gdt_load_on_this_cpu(void)
{
    static struct gdt_pointer pointer;
    pointer.limit = sizeof gdt - 1;
    pointer.base = (uint32_t)gdt;
    gdt_load(&pointer);
}

/* The whole 4 GiB from `base`, so that both %gs:0 (the thread pointer)
 * and the negative offsets below it (the TLS variables, i386's "variant
 * II" layout) reach the thread's block. */
void gdt_set_tls(unsigned slot, uint32_t base)
{
    set_entry(GDT_TLS_FIRST + slot % GDT_TLS_ENTRIES, base, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);
}

void tss_set_kernel_stack(uint32_t stack_top)
{
    kernel_tss.esp0 = stack_top;
}
