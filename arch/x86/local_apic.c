/* arch/x86/local_apic.c - the local APIC's registers, memory-mapped at
 * 0xFEE00000 on every CPU (each CPU reaches its own there), one 32-bit
 * register every 16 bytes.
 *
 * A CPU sends another a message ("inter-processor interrupt") by writing
 * the interrupt command register: first the high half (the target's APIC
 * ID in bits 24-31), then the low half, whose write sends it; bit 12
 * stays set until the message is delivered.
 *
 * The devices' interrupts come through the I/O APIC (io_apic.c) to the
 * first CPU. Each CPU's local APIC brings it its own: the messages of
 * the other CPUs (reschedule, TLB shootdown, the stop of a panic) and
 * its timer's interrupt (calibrated against the PIT, which then falls
 * silent; local_apic_timer.c sets it). */
#include "local_apic.h"

#include "mm/device_map.h"
#include "cpu.h"
#include "pit.h"
#include "trap.h"

enum {
    REGISTER_ID = 0x020,               /* bits 24-31: this CPU's APIC ID */
    REGISTER_TASK_PRIORITY = 0x080,    /* 0: every vector is let through */
    REGISTER_END_OF_INTERRUPT = 0x0B0,
    REGISTER_SPURIOUS = 0x0F0,         /* bit 8 enables the APIC; bits 0-7 its vector */
    REGISTER_TIMER = 0x320,            /* the timer's entry: vector, mask, mode */
    REGISTER_LINT0 = 0x350,
    REGISTER_LINT1 = 0x360,
    REGISTER_TIMER_INITIAL = 0x380,
    REGISTER_TIMER_CURRENT = 0x390,
    REGISTER_TIMER_DIVIDE = 0x3E0,
    SPURIOUS_ENABLE = 0x100,
    ENTRY_MASKED = 0x10000,
    TIMER_PERIODIC = 0x20000,
    TIMER_DIVIDE_BY_16 = 0x3,
    LINE_EXTINT = 0x700,               /* a local line's delivery mode 111: the PIC gives the vector */
    LINE_NMI = 0x400,                  /* delivery mode 100 */
    COMMAND_FIXED = 0x000,             /* delivery mode 000: the vector */
    COMMAND_NMI = 0x400,               /* delivery mode 100 */
    COMMAND_ALL_BUT_SELF = 0xC0000,    /* destination shorthand 11 */
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

/* The first CPU's LINT0 brings the PIC's interrupts until the I/O APIC
 * takes over, if it does ("virtual wire mode"), and LINT1 the NMI: set
 * here, not left as the firmware set them (pic.c's
 * pic_open_the_cpus_line says why). The other CPUs take no line. */
void local_apic_enable_this_cpu(int first_cpu)
{
    write_register(REGISTER_LINT0, first_cpu ? LINE_EXTINT : ENTRY_MASKED);
    write_register(REGISTER_LINT1, first_cpu ? LINE_NMI : ENTRY_MASKED);
    write_register(REGISTER_TASK_PRIORITY, 0);
    write_register(REGISTER_SPURIOUS, SPURIOUS_ENABLE | SPURIOUS_VECTOR);
    write_register(REGISTER_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);   /* the timer's rate, once for all its modes */
}

void local_apic_end_of_interrupt(void)
{
    write_register(REGISTER_END_OF_INTERRUPT, 0);
}

/* The interrupt command register is this CPU's own: nobody else writes
 * it. It is free again once delivery status clears; on QEMU at once. */
static void send_without_wait(uint8_t apic_id, uint32_t command)
{
    for (int step = 0; step < 1000000 && (read_register(REGISTER_COMMAND_LOW) & COMMAND_PENDING); step++)
        __asm__ volatile("pause");
    write_register(REGISTER_COMMAND_HIGH, (uint32_t)apic_id << 24);
    write_register(REGISTER_COMMAND_LOW, command);
}

void local_apic_send_interrupt(uint8_t apic_id, uint8_t vector)
{
    send_without_wait(apic_id, COMMAND_FIXED | COMMAND_LEVEL_ASSERT | vector);
}

void local_apic_send_nmi_to_others(void)
{
    send_without_wait(0, COMMAND_NMI | COMMAND_LEVEL_ASSERT | COMMAND_ALL_BUT_SELF);
}

uint32_t local_apic_timer_count_while(uint64_t *timestamps)
{
    write_register(REGISTER_TIMER, ENTRY_MASKED);
    uint64_t began = cpu_read_timestamp(), until = began + *timestamps;
    write_register(REGISTER_TIMER_INITIAL, 0xFFFFFFFFu);
    /* Turns of an empty loop between reads of the counter, not `pause`:
     * under QEMU each read, and each pause, leaves the translated code
     * (a wait of a tick spent 0.4 s of the host's time in pauses). How far
     * the wait overshoots does not matter: the counts are read after it. */
    while (cpu_read_timestamp() < until)
        for (uint32_t turn = 0; turn < 1000; turn++)
            __asm__ volatile("" ::: "memory");
    uint32_t counts = 0xFFFFFFFFu - read_register(REGISTER_TIMER_CURRENT);
    *timestamps = cpu_read_timestamp() - began;
    write_register(REGISTER_TIMER_INITIAL, 0);
    return counts;
}

/* The count first, the mode after: periodic with the count a one-shot
 * deadline left (as little as 1), the timer would run out every 32 ns
 * until the new count came, and QEMU, firing it again for each period
 * already past, never got to the next write (a hang, found by the
 * fuzzer's periodic timers on two CPUs). */
void local_apic_timer_periodic(uint32_t counts)
{
    write_register(REGISTER_TIMER_INITIAL, counts ? counts : 1);   /* one-shot, a tick away */
    write_register(REGISTER_TIMER, TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
}

void local_apic_timer_one_shot(void)
{
    write_register(REGISTER_TIMER, LOCAL_TIMER_VECTOR);   /* one-shot: mode bits 00 */
}

void local_apic_timer_fire_in(uint32_t counts)
{
    write_register(REGISTER_TIMER_INITIAL, counts ? counts : 1);
}

int local_apic_send_init(uint8_t apic_id)
{
    return send(apic_id, COMMAND_INIT | COMMAND_LEVEL_ASSERT);
}

int local_apic_send_startup(uint8_t apic_id, uint32_t page)
{
    return send(apic_id, COMMAND_STARTUP | COMMAND_LEVEL_ASSERT | (page >> 12));
}
