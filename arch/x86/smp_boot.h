/* arch/x86/smp_boot.h - starting the machine's other CPUs (docs/smp.md).
 *
 * The CPU the loader started (the boot CPU) finds the others in ACPI's
 * MADT (acpi_madt.c) and starts each with INIT and two STARTUP messages
 * (local_apic.c) at the real-mode code of ap_trampoline.asm. Each one
 * comes up in the kernel half on a stack of its own, loads its GDT and
 * the IDT, says it has started, and waits with interrupts off. Once the
 * boot CPU has made the first tasks, smp_run_other_cpus lets them go:
 * each takes the big kernel lock (big_kernel_lock.c), becomes its idle
 * task and from then on runs tasks, each from its own run queue. */
#ifndef ARCH_X86_SMP_BOOT_H
#define ARCH_X86_SMP_BOOT_H

#include <stdint.h>

#define AP_TRAMPOLINE_PHYSICAL 0x7000u    /* ap_trampoline.asm; in the reserved first MiB */

/* Finds the other CPUs and starts them, one after another, waiting up to
 * 100 ms for each to say it runs. Prints what it found and started. If
 * any did, the I/O APIC takes the devices' interrupts over from the PIC.
 * Context: boot, after memory_init and before the first process
 * (device_map); interrupts off. */
void smp_start_other_cpus(void);

/* How many CPUs the firmware lists (1 without an MADT), and how many of
 * them run kernel code: the boot CPU and each one that started. */
int smp_cpus_found(void);
int smp_cpus_started(void);

/* The started CPUs run tasks from here on: each gets an idle task and
 * its timer, and the big kernel lock is in use, held by the caller.
 * Context: boot, the first CPU, interrupts off, after the scheduler's
 * first tasks; the caller turns interrupts on next (which gives the lock
 * back). */
void smp_run_other_cpus(void);

#endif
