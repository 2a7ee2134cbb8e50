/* arch/x86/pic.c - the 8259A programmable interrupt controllers. */
#include "pic.h"

#include "cpu.h"
#include "idt.h"
#include "io.h"
#include "trap.h"
#include "mm/device_map.h"

enum {
    PIC1_COMMAND = 0x20, PIC1_DATA = 0x21,
    PIC2_COMMAND = 0xA0, PIC2_DATA = 0xA1,
    ICW1_INIT_WITH_ICW4 = 0x11,
    ICW4_8086_MODE = 0x01,
    COMMAND_END_OF_INTERRUPT = 0x20,
    COMMAND_READ_IN_SERVICE = 0x0B,
    CASCADE_IRQ = 2,
};

void pic_init(void)
{
    outb(PIC1_COMMAND, ICW1_INIT_WITH_ICW4);
    outb(PIC2_COMMAND, ICW1_INIT_WITH_ICW4);
    outb(PIC1_DATA, IRQ_BASE_VECTOR);          /* ICW2: first vector */
    outb(PIC2_DATA, IRQ_BASE_VECTOR + 8);
    outb(PIC1_DATA, 1 << CASCADE_IRQ);         /* ICW3: the slave is on IRQ 2 */
    outb(PIC2_DATA, CASCADE_IRQ);
    outb(PIC1_DATA, ICW4_8086_MODE);
    outb(PIC2_DATA, ICW4_8086_MODE);
    outb(PIC1_DATA, 0xFF & ~(1 << CASCADE_IRQ)); /* all masked but the cascade */
    outb(PIC2_DATA, 0xFF);
}

/* The PIC's output reaches the CPU through its local APIC (every x86
 * since the Pentium Pro): the APIC must be on, with its LINT0 line in
 * delivery mode ExtINT, which takes the vector from the PIC. The firmware
 * may leave it so: SeaBIOS does, but qboot (the tools' firmware,
 * tools/qemu_boot.py) leaves LINT0 masked, as reset does, and no tick,
 * key or byte would come in. So the kernel sets it, and LINT1 to bring
 * the NMI. The APIC's own interrupts stay off: its timer is masked since
 * reset, and nobody sends it another CPU's. */
enum {
    MSR_APIC_BASE = 0x1B,
    MSR_APIC_BASE_ENABLE = 0x800,          /* the APIC is there and on (hardware) */
    APIC_BASE_ADDRESS_MASK = 0xFFFFF000,
    CPUID_1_EDX_APIC = 1 << 9,
    APIC_SPURIOUS = 0x0F0,                 /* bit 8: on (software); bits 0-7: its vector */
    APIC_SPURIOUS_ENABLE = 0x100,
    APIC_LINT0 = 0x350,
    APIC_LINT1 = 0x360,
    APIC_LINE_EXTINT = 0x700,              /* delivery mode 111, unmasked */
    APIC_LINE_NMI = 0x400,                 /* delivery mode 100, unmasked */
};

void pic_open_the_cpus_line(void)
{
    uint32_t eax = 1, ebx, ecx = 0, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    if (!(edx & CPUID_1_EDX_APIC))
        return;                            /* no local APIC: the PIC's wire goes straight in */
    uint32_t base = cpu_read_msr(MSR_APIC_BASE);
    if (!(base & MSR_APIC_BASE_ENABLE))
        return;                            /* turned off: likewise */
    volatile uint32_t *apic = device_map(base & APIC_BASE_ADDRESS_MASK, 4096);
    if (!apic)
        return;
    apic[APIC_SPURIOUS / 4] = APIC_SPURIOUS_ENABLE | SPURIOUS_VECTOR;
    apic[APIC_LINT0 / 4] = APIC_LINE_EXTINT;
    apic[APIC_LINT1 / 4] = APIC_LINE_NMI;
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1 << (irq & 7)));
}

void pic_mask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) | (1 << (irq & 7)));
}

void pic_mask_all(void)
{
    outb(PIC1_DATA, 0xFF);
    outb(PIC2_DATA, 0xFF);
}

void pic_end_of_interrupt(int irq)
{
    if (irq >= 8)
        outb(PIC2_COMMAND, COMMAND_END_OF_INTERRUPT);
    outb(PIC1_COMMAND, COMMAND_END_OF_INTERRUPT);
}

int pic_is_spurious(int irq)
{
    uint16_t command = irq == 7 ? PIC1_COMMAND : PIC2_COMMAND;
    if (irq != 7 && irq != 15)
        return 0;
    outb(command, COMMAND_READ_IN_SERVICE);
    if (inb(command) & 0x80)
        return 0;                              /* really in service */
    if (irq == 15)                             /* the master saw IRQ 2 for real */
        outb(PIC1_COMMAND, COMMAND_END_OF_INTERRUPT);
    return 1;
}
