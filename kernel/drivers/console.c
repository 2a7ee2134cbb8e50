/* kernel/drivers/console.c - the screen and the keyboard as four virtual
 * consoles. Each console is a terminal (tty.c) whose output is one of the
 * VGA screens (vga.c); which one is on display decides where keys go:
 *
 *   keyboard IRQ --> console_key_typed --> tty_input(console on display)
 *   Alt-F2       --> console_switch(1) --> vga_show_screen(1)
 */
#include "console.h"

#include "tty.h"
#include "vga.h"

_Static_assert(CONSOLE_COUNT == VGA_SCREEN_COUNT, "one VGA screen per console");
_Static_assert(CONSOLE_COUNT == TTY_SERIAL, "terminals 0..3 are the consoles, then the serial line");

void console_init(int serial_newline_as_crlf)
{
    tty_init(serial_newline_as_crlf);
}

struct file *console_open(uint32_t flags)
{
    return tty_open(TTY_SERIAL, flags);
}

void console_key_typed(char c)
{
    tty_input(vga_visible_screen(), c);
}

void console_switch(int index)
{
    if (index >= 0 && index < CONSOLE_COUNT)
        vga_show_screen(index);
}

int console_visible(void)
{
    return vga_visible_screen();
}
