/* arch/x86/local_apic.c - the local APIC's registers, memory-mapped at
 * 0xFEE00000 on every CPU (each CPU reaches its own there), one 32-bit
 * register every 16 bytes.
 *
 * A CPU sends another a message ("inter-processor interrupt") by writing
 * the interrupt command register: first the high half (the target's APIC
 * ID in bits 24-31), then the low half, whose write sends it; bit 12
 * stays set until the message is delivered.
 *
 * The kernel still takes its interrupts from the 8259 PIC (pic.c) on the
 * first CPU; it does not enable its local APIC's own interrupts, which a
 * CPU need not do to send INIT and STARTUP. */
#include "local_apic.h"

#include "mm/device_map.h"
#include "pit.h"

enum {
    REGISTER_ID = 0x020,               /* bits 24-31: this CPU's APIC ID */
    REGISTER_COMMAND_LOW = 0x300,      /* writing it sends the message */
    REGISTER_COMMAND_HIGH = 0x310,     /* bits 24-31: the target's APIC ID */
    REGISTER_SPACE = 0x400,
    COMMAND_INIT = 0x500,              /* delivery mode 101 */
    COMMAND_STARTUP = 0x600,           /* delivery mode 110, the vector is the start page */
    COMMAND_LEVEL_ASSERT = 0x4000,
    COMMAND_PENDING = 0x1000,          /* delivery status: not yet accepted */
    DELIVERY_WAIT_STEPS = 1000,        /* 10 us each: 10 ms at most */
};

static volatile uint32_t *registers;

int local_apic_map(uint32_t physical)
{
    registers = (volatile uint32_t *)device_map(physical, REGISTER_SPACE);
    return registers ? 0 : -1;
}

static uint32_t read_register(uint32_t offset)
{
    return registers[offset / 4];
}

static void write_register(uint32_t offset, uint32_t value)
{
    registers[offset / 4] = value;
}

uint8_t local_apic_id(void)
{
    return (uint8_t)(read_register(REGISTER_ID) >> 24);
}

static int send(uint8_t apic_id, uint32_t command)
{
    write_register(REGISTER_COMMAND_HIGH, (uint32_t)apic_id << 24);
    write_register(REGISTER_COMMAND_LOW, command);
    for (int step = 0; step < DELIVERY_WAIT_STEPS; step++) {
        if (!(read_register(REGISTER_COMMAND_LOW) & COMMAND_PENDING))
            return 0;
        pit_delay_us(10);
    }
    return -1;
}

int local_apic_send_init(uint8_t apic_id)
{
    return send(apic_id, COMMAND_INIT | COMMAND_LEVEL_ASSERT);
}

int local_apic_send_startup(uint8_t apic_id, uint32_t page)
{
    return send(apic_id, COMMAND_STARTUP | COMMAND_LEVEL_ASSERT | (page >> 12));
}
