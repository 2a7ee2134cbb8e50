/* kernel/drivers/vga.c - text mode at physical 0xB8000: 80x25 cells of
 * (character, colour) pairs, scrolled by moving every row up one. */
#include "vga.h"

#include <stdint.h>

#include "arch/x86/io.h"
#include "mm/memory_layout.h"
#include "lib/string.h"

enum { COLUMNS = 80, ROWS = 25, COLOUR_LIGHT_GREY_ON_BLACK = 0x07 };
#define VGA_TEXT_PHYSICAL 0xB8000

static uint16_t *screen;
static int row, column;

static void move_cursor(void)
{
    uint16_t position = (uint16_t)(row * COLUMNS + column);
    outb(0x3D4, 0x0F);
    outb(0x3D5, position & 0xFF);
    outb(0x3D4, 0x0E);
    outb(0x3D5, position >> 8);
}

void vga_clear(void)
{
    for (int i = 0; i < COLUMNS * ROWS; i++)
        screen[i] = (COLOUR_LIGHT_GREY_ON_BLACK << 8) | ' ';
    row = column = 0;
    move_cursor();
}

void vga_init(void)
{
    screen = (uint16_t *)physical_to_virtual(VGA_TEXT_PHYSICAL);
    vga_clear();
}

static void scroll_if_needed(void)
{
    if (row < ROWS)
        return;
    memmove(screen, screen + COLUMNS, (ROWS - 1) * COLUMNS * 2);
    for (int i = 0; i < COLUMNS; i++)
        screen[(ROWS - 1) * COLUMNS + i] = (COLOUR_LIGHT_GREY_ON_BLACK << 8) | ' ';
    row = ROWS - 1;
}

void vga_write_char(char c)
{
    if (!screen)
        return;
    if (c == '\n') {
        column = 0;
        row++;
    } else if (c == '\r') {
        column = 0;
    } else if (c == '\b') {
        if (column > 0)
            column--;
    } else if (c == '\t') {
        column = (column + 8) & ~7;
    } else {
        screen[row * COLUMNS + column] = (uint16_t)((COLOUR_LIGHT_GREY_ON_BLACK << 8) | (uint8_t)c);
        column++;
    }
    if (column >= COLUMNS) {
        column = 0;
        row++;
    }
    scroll_if_needed();
    move_cursor();
}
