/* kernel/drivers/console.h - the console terminal: output to the serial
 * line and the VGA screen, input from the serial line (and the keyboard)
 * through a line discipline: characters are echoed, backspace edits the
 * line, and a read returns only whole lines (Enter), or end of file for
 * Ctrl-D on an empty line. */
#ifndef KERNEL_DRIVERS_CONSOLE_H
#define KERNEL_DRIVERS_CONSOLE_H

#include <stdint.h>

struct file;

/* `serial_newline_as_crlf`: send "\r\n" for "\n" on the serial line (a
 * terminal wants it; tests and tools/run-prog read raw output and boot with
 * `serial=raw`). */
void console_init(int serial_newline_as_crlf);

/* A new open file on the console (the descriptors of pid 1). */
struct file *console_open(uint32_t flags);

/* One character typed (from the serial or keyboard interrupt). */
void console_input(char c);

/* Writes program output to the screen and the serial line. */
void console_write(const char *text, uint32_t length);

#endif
