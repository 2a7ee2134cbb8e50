/* kernel/drivers/power.c - isa-debug-exit and ACPI power-off. */
#include "power.h"

#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "lib/kprintf.h"
#include "serial.h"

enum {
    DEBUG_EXIT_PORT = 0xF4,       /* -device isa-debug-exit,iobase=0xf4,iosize=0x04 */
    QEMU_ACPI_PM1A_CONTROL = 0x604,
    BOCHS_ACPI_PM1A_CONTROL = 0xB004,
    ACPI_SLEEP_ENABLE_S5 = 0x2000,
};

#define DEBUG_EXIT_STATUS_MAX 127

void power_off(int status)
{
    cpu_disable_interrupts();
    char line[24];
    int length = ksnprintf(line, sizeof line, "exit-status %d\n", status);
    for (int i = 0; i < length; i++)
        serial_status_port_write_char(line[i]);
    outl(DEBUG_EXIT_PORT, (uint32_t)(status > DEBUG_EXIT_STATUS_MAX ? DEBUG_EXIT_STATUS_MAX : status));
    outw(QEMU_ACPI_PM1A_CONTROL, ACPI_SLEEP_ENABLE_S5);
    outw(BOCHS_ACPI_PM1A_CONTROL, ACPI_SLEEP_ENABLE_S5);
    for (;;)
        cpu_halt();
}
