/* kernel/drivers/power.h - ending the machine (and with it the QEMU run). */
#ifndef KERNEL_DRIVERS_POWER_H
#define KERNEL_DRIVERS_POWER_H

/* Ends the machine with `status` (0-255). An exit code has room for only 7
 * bits of it, so it goes out twice: as the text "exit-status N" on the
 * second serial port (COM2, which the test tools connect to a file), and to
 * QEMU's isa-debug-exit device (port 0xf4), which ends QEMU with exit code
 * status*2+1 (statuses above 127 appear there as 127). Where that device is
 * missing, powers off through ACPI, and halts if even that fails. */
void power_off(int status) __attribute__((noreturn));

#endif
