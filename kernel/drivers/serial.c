/* kernel/drivers/serial.c - a 16550 UART at COM1, 115200 baud, 8N1.
 * Output polls the "transmitter empty" bit; input arrives by interrupt. */
#include "serial.h"

#include "arch/x86/io.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "tty.h"

enum {
    COM1 = 0x3F8,
    COM2 = 0x2F8,
    REG_DATA = 0, REG_INTERRUPT_ENABLE = 1, REG_FIFO_CONTROL = 2,
    REG_LINE_CONTROL = 3, REG_MODEM_CONTROL = 4, REG_LINE_STATUS = 5,
    LINE_CONTROL_8N1 = 0x03,                 /* 8 bits, no parity, 1 stop */
    LINE_CONTROL_BREAK = 0x40,               /* hold the line at 0: a break */
    LINE_STATUS_DATA_READY = 0x01,
    LINE_STATUS_TRANSMIT_EMPTY = 0x20,
    COM1_IRQ = 4,
};

static void port_init(uint16_t port)
{
    outb(port + REG_INTERRUPT_ENABLE, 0x00);
    outb(port + REG_LINE_CONTROL, 0x80);      /* divisor latch access */
    outb(port + REG_DATA, 0x01);              /* divisor 1: 115200 baud */
    outb(port + REG_INTERRUPT_ENABLE, 0x00);
    outb(port + REG_LINE_CONTROL, LINE_CONTROL_8N1);
    /* FIFOs on, interrupt at every received byte; not cleared: a key typed
     * while the machine boots is not lost */
    outb(port + REG_FIFO_CONTROL, 0x01);
    outb(port + REG_MODEM_CONTROL, 0x0B);     /* DTR, RTS, OUT2 (IRQs reach the PIC) */
}

void serial_init(void)
{
    port_init(COM1);
    port_init(COM2);
}

static void port_write_char(uint16_t port, char c)
{
    for (int tries = 0; tries < 100000; tries++)   /* a missing port never gets ready */
        if (inb(port + REG_LINE_STATUS) & LINE_STATUS_TRANSMIT_EMPTY)
            break;
    outb(port + REG_DATA, (uint8_t)c);
}

void serial_write_char(char c)
{
    port_write_char(COM1, c);
}

void serial_set_break(int on)
{
    outb(COM1 + REG_LINE_CONTROL, LINE_CONTROL_8N1 | (on ? LINE_CONTROL_BREAK : 0));
}

void serial_status_port_write_char(char c)
{
    port_write_char(COM2, c);
}

static void serial_interrupt(struct trap_frame *frame)
{
    (void)frame;
    while (inb(COM1 + REG_LINE_STATUS) & LINE_STATUS_DATA_READY) {
        char c = (char)inb(COM1 + REG_DATA);
        tty_input(TTY_SERIAL, c);            /* the terminal ttyS0 */
    }
}

void serial_enable_receive_interrupt(void)
{
    irq_set_handler(COM1_IRQ, serial_interrupt);
    outb(COM1 + REG_INTERRUPT_ENABLE, 0x01);  /* data available */
    pic_unmask(COM1_IRQ);
}
