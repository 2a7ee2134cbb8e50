/* kernel/drivers/serial.h - the COM1 serial port: the kernel's log and one
 * of the consoles (the terminal QEMU was started from). */
#ifndef KERNEL_DRIVERS_SERIAL_H
#define KERNEL_DRIVERS_SERIAL_H

void serial_init(void);
void serial_write_char(char c);

/* Holds COM1's line in the break condition (on != 0: the line stays at 0,
 * the other end sees a break) or releases it. tcsendbreak(3) on ttyS0. */
void serial_set_break(int on);

/* COM2: a second line, used only to report the final status (power.c). */
void serial_status_port_write_char(char c);

/* Enables the receive interrupt (IRQ 4), whose bytes go to the terminal
 * ttyS0 (tty_input); tty_init calls it once the terminals are set up. */
void serial_enable_receive_interrupt(void);

#endif
