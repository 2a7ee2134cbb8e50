/* kernel/drivers/power.h - ending the machine (and with it the QEMU run). */
#ifndef KERNEL_DRIVERS_POWER_H
#define KERNEL_DRIVERS_POWER_H

/* Writes `status` to QEMU's isa-debug-exit device (port 0xf4), which ends
 * QEMU with exit code status*2+1; where that device is missing, powers the
 * machine off through ACPI, and halts if even that fails. */
void power_off(int status) __attribute__((noreturn));

#endif
