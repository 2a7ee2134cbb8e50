/* arch/x86/idt.c - the interrupt descriptor table. */
#include "idt.h"

#include <stdint.h>

#include "gdt.h"
#include "sysenter.h"
#include "trap.h"
#include "uapi/syscall.h"

struct idt_entry {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t  zero;
    uint8_t  type_attributes;
    uint16_t offset_high;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

enum {
    GATE_INTERRUPT_RING0 = 0x8E,   /* present, ring 0, 32-bit interrupt gate */
    GATE_INTERRUPT_RING3 = 0xEE,   /* the same, but `int n` allowed from ring 3 */
};

static struct idt_entry idt[256];

#define STUB_TABLE_SIZE 50               /* exceptions, the PIC's IRQs, the local APIC's 48 and 49 */
extern const uint32_t trap_stub_table[STUB_TABLE_SIZE];  /* trap_entry.asm */
extern void syscall_entry(void), trap_stub_spurious(void), trap_stub_device_not_available(void);
#ifdef SUBSYSTEM_SMP
extern void syscall_entry_locking(void), trap_stub_without_lock_2(void), trap_stub_without_lock_50(void);
#endif
extern void idt_load(const struct idt_pointer *pointer);

static void set_gate(int vector, uint32_t handler, uint8_t type)
{
    idt[vector] = (struct idt_entry){
        .offset_low = handler & 0xFFFF,
        .selector = KERNEL_CODE_SELECTOR,
        .zero = 0,
        .type_attributes = type,
        .offset_high = handler >> 16,
    };
}

void idt_init(void)
{
    for (int vector = 0; vector < STUB_TABLE_SIZE; vector++)
        set_gate(vector, trap_stub_table[vector], GATE_INTERRUPT_RING0);
#ifdef SUBSYSTEM_SMP
    /* answered without the big kernel lock (trap_entry.asm, smp_ipi.c) */
    set_gate(NMI_VECTOR, (uint32_t)trap_stub_without_lock_2, GATE_INTERRUPT_RING0);
    set_gate(SHOOTDOWN_VECTOR, (uint32_t)trap_stub_without_lock_50, GATE_INTERRUPT_RING0);
#endif
    set_gate(SPURIOUS_VECTOR, (uint32_t)trap_stub_spurious, GATE_INTERRUPT_RING0);
    /* a task's x87 registers, loaded at its first x87 instruction, without
     * a lock (kernel/sched/x87_lazy.h) */
    set_gate(TRAP_DEVICE_NOT_AVAILABLE, (uint32_t)trap_stub_device_not_available, GATE_INTERRUPT_RING0);
    set_gate(SYSCALL_VECTOR, (uint32_t)syscall_entry, GATE_INTERRUPT_RING3);
    /* int3 and into may be used by programs (debuggers, overflow checks):
     * they raise SIGTRAP / SIGSEGV instead of a general protection fault */
    set_gate(3, trap_stub_table[3], GATE_INTERRUPT_RING3);
    set_gate(4, trap_stub_table[4], GATE_INTERRUPT_RING3);

    idt_load_on_this_cpu();
}

#ifdef SUBSYSTEM_SMP
void idt_use_the_big_kernel_lock(void)
{
    set_gate(SYSCALL_VECTOR, (uint32_t)syscall_entry_locking, GATE_INTERRUPT_RING3);
}
#endif

void idt_load_on_this_cpu(void)
{
    static struct idt_pointer pointer;
    pointer.limit = sizeof idt - 1;
    pointer.base = (uint32_t)idt;
    idt_load(&pointer);
    sysenter_start_on_this_cpu();    /* the other way into a system call */
}
