/* arch/x86/smp_boot.h - starting the machine's other CPUs (docs/smp.md).
 *
 * The CPU the loader started (the boot CPU) finds the others in ACPI's
 * MADT (acpi_madt.c) and starts each with INIT and two STARTUP messages
 * (local_apic.c) at the real-mode code of ap_trampoline.asm. Each one
 * comes up in the kernel half on a stack of its own, loads the kernel's
 * GDT and IDT, says it has started, and parks: interrupts off, halted.
 * It runs no task yet: the scheduler, its lock ("interrupts off") and
 * every test still see one CPU. */
#ifndef ARCH_X86_SMP_BOOT_H
#define ARCH_X86_SMP_BOOT_H

#include <stdint.h>

#define AP_TRAMPOLINE_PHYSICAL 0x7000u    /* ap_trampoline.asm; in the reserved first MiB */

/* Finds the other CPUs and starts them, one after another, waiting up to
 * 100 ms for each to say it runs. Prints what it found and started.
 * Context: boot, after memory_init and before the first process
 * (device_map); interrupts off. */
void smp_start_other_cpus(void);

/* How many CPUs the firmware lists (1 without an MADT), and how many of
 * them run kernel code: the boot CPU and each one that started. */
int smp_cpus_found(void);
int smp_cpus_started(void);

#endif
