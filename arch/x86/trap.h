/* arch/x86/trap.h - what happens after the entry stubs: exceptions,
 * hardware interrupts (IRQs) and their handlers. */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

#include "trap_frame.h"

enum {
    TRAP_DIVIDE_ERROR = 0,
    TRAP_DEBUG = 1,
    TRAP_BREAKPOINT = 3,
    TRAP_INVALID_OPCODE = 6,
    TRAP_DEVICE_NOT_AVAILABLE = 7,     /* an x87 instruction with CR0.TS set (kernel/sched/x87_lazy.h) */
    TRAP_DOUBLE_FAULT = 8,
    TRAP_GENERAL_PROTECTION = 13,
    TRAP_PAGE_FAULT = 14,
};

/* The local APIC's vectors (several CPUs, docs/smp.md), after the PIC's
 * 32-47. The first two take the big kernel lock as every vector does;
 * the shootdown and the NMI are answered without it (smp_ipi.c). */
enum {
    NMI_VECTOR = 2,                   /* a panic stops the other CPUs with it */
    LOCAL_TIMER_VECTOR = 48,          /* each CPU's own tick, with several CPUs */
    RESCHEDULE_VECTOR = 49,           /* "look at the ready lists" */
    SHOOTDOWN_VECTOR = 50,            /* "forget this page's translation" */
    SPURIOUS_VECTOR = 255,
};

/* Page-fault error code bits. */
#define PAGE_FAULT_PRESENT 0x1   /* 0: page not present; 1: protection violation */
#define PAGE_FAULT_WRITE   0x2
#define PAGE_FAULT_USER    0x4

typedef void (*irq_handler)(struct trap_frame *frame);

/* Installs the handler for IRQ `irq` (0-15). Handlers run with interrupts
 * off, after the end-of-interrupt has been sent, and may switch tasks. */
void irq_set_handler(int irq, irq_handler handler);

/* Stops IRQ `irq` at its controller (the PIT's, once each CPU's local
 * APIC timer ticks instead). Context: interrupts off. */
void irq_mask(int irq);

/* Called by trap_entry.asm for every exception and IRQ. */
void trap_dispatch(struct trap_frame *frame);

/* Called on the way back to user mode when current_task->user_work_pending
 * is not 0 (by trap_dispatch, and by trap_entry.asm after a system call):
 * preemption by a task of a higher level, then signals. */
void return_to_user_work(struct trap_frame *frame);

/* The name of exception `vector` ("page fault", ...). */
const char *trap_name(uint32_t vector);

#endif
