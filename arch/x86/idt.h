/* arch/x86/idt.h - the interrupt descriptor table. */
#ifndef ARCH_X86_IDT_H
#define ARCH_X86_IDT_H

#define IRQ_BASE_VECTOR 32   /* the PIC's IRQ 0-15 arrive as vectors 32-47 */
#define IRQ_COUNT       16

/* Fills the IDT: exceptions 0-31 and IRQs 32-47 reachable only from the
 * kernel, int 0x80 callable from ring 3. All are interrupt gates, so
 * interrupts are off on entry; the kernel does not take interrupts while it
 * runs a system call (see docs/scheduler.md, "Where interrupts are on"). */
void idt_init(void);

/* Several CPUs run tasks from now on: int 0x80 goes to the way in that
 * takes the big kernel lock (trap_entry.asm; one CPU's skips it). Before
 * the first system call (smp_run_other_cpus). */
void idt_use_the_big_kernel_lock(void);

/* Loads the same table on another CPU, as it starts (smp_boot.c). */
void idt_load_on_this_cpu(void);

#endif
