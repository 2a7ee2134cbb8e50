/* arch/x86/pic.c - the 8259A programmable interrupt controllers. */
#include "pic.h"

#include "idt.h"
#include "io.h"

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
