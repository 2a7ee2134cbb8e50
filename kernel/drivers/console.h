/* kernel/drivers/console.h - the PC's own console: the screen and the
 * keyboard, shared by four virtual consoles (tty1..tty4). The one on
 * display gets the keys; Alt-F1..Alt-F4 chooses which is on display.
 *
 * It also keeps the names the boot code has always used: console_init
 * starts every terminal, console_open opens the one pid 1 talks to. */
#ifndef KERNEL_DRIVERS_CONSOLE_H
#define KERNEL_DRIVERS_CONSOLE_H

#include <stdint.h>

#define CONSOLE_COUNT 4     /* virtual consoles on the screen: tty1..tty4 (terminals 0..3) */

struct file;

/* Starts the terminals (tty_init). `serial_newline_as_crlf`: send "\r\n"
 * for "\n" on the serial line (a terminal wants it; tests and
 * tools/run-prog read raw output and boot with `serial=raw`). */
void console_init(int serial_newline_as_crlf);

/* A new open file on the serial terminal ttyS0: pid 1's descriptors (the
 * tests and tools/run-prog talk to programs over the serial line). */
struct file *console_open(uint32_t flags);

/* A key typed on the keyboard: goes to the console on display. From the
 * keyboard interrupt. */
void console_key_typed(char c);

/* Puts virtual console `index` (0..CONSOLE_COUNT-1) on display (Alt-F1..F4). */
void console_switch(int index);

/* The console on display (0..CONSOLE_COUNT-1). */
int console_visible(void);

#endif
