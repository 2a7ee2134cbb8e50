/* kernel/drivers/vga.h - the 80x25 VGA text screen. */
#ifndef KERNEL_DRIVERS_VGA_H
#define KERNEL_DRIVERS_VGA_H

void vga_init(void);
void vga_write_char(char c);
void vga_clear(void);

#endif
