/* kernel/drivers/vga.h - the 80x25 VGA text screen, shared by four virtual
 * screens (the consoles tty1..tty4). Each screen has its own buffer of
 * cells and its own cursor; the visible one is also in the display memory
 * at physical 0xB8000, and showing another copies its buffer there.
 *
 * Every function may be called from anywhere (it masks interrupts itself). */
#ifndef KERNEL_DRIVERS_VGA_H
#define KERNEL_DRIVERS_VGA_H

#define VGA_SCREEN_COUNT 4      /* virtual screens: tty1..tty4 */

/* Clears every screen and shows screen 0. */
void vga_init(void);

/* Writes one character at the cursor of `screen` ('\n', '\r', '\b', '\t'
 * move the cursor), scrolling when the cursor passes the last row. The
 * ANSI sequences ESC[2J, ESC[J, ESC[K (erase) and ESC[H, ESC[r;cH (move
 * the cursor) are carried out, other escape sequences swallowed. */
void vga_screen_write_char(int screen, char c);

/* Makes `screen` the one on display and draws it. */
void vga_show_screen(int screen);

/* The screen on display (0 .. VGA_SCREEN_COUNT-1). */
int vga_visible_screen(void);

/* The kernel log's output: writes on the screen on display. */
void vga_write_char(char c);

/* Clears the screen on display. */
void vga_clear(void);

#endif
