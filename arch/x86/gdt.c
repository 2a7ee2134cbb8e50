/* arch/x86/gdt.c - the global descriptor tables and the TSSs.
 * Segmentation is flat: every segment covers 0-4 GiB; protection comes from
 * paging. The TSS is used only for one field: esp0, the kernel stack the CPU
 * loads when an interrupt or system call arrives from user mode. The
 * scheduler's switch_to_task writes it for every task it switches to.
 *
 * Each CPU has its own table (docs/smp.md): the same entries, but its own
 * TSS (a TSS that is loaded is marked busy, and holds one CPU's esp0) and
 * its own per-CPU segment, whose base is its struct cpu (per_cpu.h). The
 * threads' TLS entries are written into the table of every CPU that runs tasks. */
#include "gdt.h"

#include "cache_line.h"
#include "per_cpu.h"

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

enum {
    ACCESS_KERNEL_CODE = 0x9A,   /* present, ring 0, code, readable */
    ACCESS_KERNEL_DATA = 0x92,   /* present, ring 0, data, writable */
    ACCESS_USER_CODE   = 0xFA,   /* present, ring 3, code, readable */
    ACCESS_USER_DATA   = 0xF2,   /* present, ring 3, data, writable */
    ACCESS_TSS         = 0x89,   /* present, ring 0, 32-bit available TSS */
    FLAGS_4K_32BIT     = 0xC0,   /* limit in pages, 32-bit segment */
};

/* What the assembly names for these (switch_to_task.asm, trap_entry.asm). */
_Static_assert(KERNEL_DATA_SELECTOR == 0x10, "the selector in trap_entry.asm");
_Static_assert(PER_CPU_SELECTOR == 0x830, "the selector in trap_entry.asm");

#define GDT_ENTRIES (PER_CPU_SELECTOR / 8 + 1)
static struct gdt_entry gdt[CPU_MAX][GDT_ENTRIES];

struct cpu cpus[CPU_MAX];              /* per_cpu.h; the others' filled as they start (smp_boot.c) */
READ_MOSTLY int cpu_count = 1;

static void set_entry_of(int cpu, int index, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[cpu][index] = (struct gdt_entry){
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
    for (int cpu = 0; cpu < CPU_MAX; cpu++) {
        struct cpu *area = &cpus[cpu];
        area->self = area;
        area->index = (uint32_t)cpu;
        area->tss.ss0 = KERNEL_DATA_SELECTOR;
        area->tss.io_map_base = sizeof area->tss;   /* no I/O permission bitmap */
        set_entry_of(cpu, 0, 0, 0, 0, 0);
        set_entry_of(cpu, 1, 0, 0xFFFFF, ACCESS_KERNEL_CODE, FLAGS_4K_32BIT);
        set_entry_of(cpu, 2, 0, 0xFFFFF, ACCESS_KERNEL_DATA, FLAGS_4K_32BIT);
        set_entry_of(cpu, 3, 0, 0xFFFFF, ACCESS_USER_CODE, FLAGS_4K_32BIT);
        set_entry_of(cpu, 4, 0, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);
        set_entry_of(cpu, 5, (uint32_t)&area->tss, sizeof area->tss - 1, ACCESS_TSS, 0);
        for (unsigned slot = 0; slot < GDT_TLS_ENTRIES; slot++)    /* thread-local storage */
            set_entry_of(cpu, GDT_TLS_FIRST + slot, 0, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);
        set_entry_of(cpu, PER_CPU_SELECTOR / 8, (uint32_t)area, sizeof *area - 1, ACCESS_KERNEL_DATA, 0);
    }
    gdt_load_on_this_cpu(0);
}

void gdt_load_on_this_cpu(int cpu)
{
    static struct gdt_pointer pointers[CPU_MAX];
    pointers[cpu].limit = sizeof gdt[cpu] - 1;
    pointers[cpu].base = (uint32_t)gdt[cpu];
    gdt_load(&pointers[cpu]);
    __asm__ volatile("ltr %w0" : : "r"(TSS_SELECTOR));   /* the task register: this CPU's TSS */
}

/* The whole 4 GiB from `base`, so that both %gs:0 (the thread pointer)
 * and the negative offsets below it (the TLS variables, i386's "variant
 * II" layout) reach the thread's block. Only the tables of the CPUs that
 * run tasks: cpu_count has its last value before the first user thread
 * (smp_run_other_cpus, before init), and the others never load a
 * thread's %gs. */
void gdt_set_tls(unsigned slot, uint32_t base)
{
    for (int cpu = 0; cpu < cpu_count; cpu++)   /* the thread may run on any that runs tasks */
        set_entry_of(cpu, GDT_TLS_FIRST + slot % GDT_TLS_ENTRIES, base, 0xFFFFF, ACCESS_USER_DATA, FLAGS_4K_32BIT);
}
