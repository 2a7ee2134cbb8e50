/* kernel/drivers/vga.c - text mode at physical 0xB8000: 80x25 cells of
 * (character, colour) pairs, and four virtual screens that take turns on it.
 *
 *   screens[0] ... screens[3]      each: cells + cursor, always up to date
 *        |
 *        | the visible one is mirrored, cell by cell as it is written,
 *        v and as a whole when it is shown (Alt-F1..F4) or scrolls
 *   display (0xB8000) + the hardware cursor
 *
 * A screen also understands the few ANSI escape sequences that clear it
 * and move its cursor (ESC [ 2 J, ESC [ H, ...), so `clear` works on a
 * console as on the serial terminal.
 */
#include "vga.h"

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "lib/string.h"
#include "mm/memory_layout.h"

enum { COLUMNS = 80, ROWS = 25, COLOUR_LIGHT_GREY_ON_BLACK = 0x07 };
#define VGA_TEXT_PHYSICAL   0xB8000
#define CRT_INDEX_PORT      0x3D4     /* CRT controller: register number ... */
#define CRT_DATA_PORT       0x3D5     /* ... and its value */
#define CRT_CURSOR_HIGH     0x0E
#define CRT_CURSOR_LOW      0x0F
#define BLANK_CELL          ((uint16_t)((COLOUR_LIGHT_GREY_ON_BLACK << 8) | ' '))

#define ESCAPE              0x1b      /* starts an ANSI escape sequence */
#define MAX_PARAMETERS      2         /* numbers in a sequence we act on: ESC [ row ; column H */

/* Where a screen is in reading an escape sequence (ESC [ numbers letter). */
enum escape_state { TEXT, AFTER_ESCAPE, IN_SEQUENCE };

struct screen {
    uint16_t cells[ROWS * COLUMNS];
    int row, column;                  /* the cursor */
    enum escape_state escape_state;
    int parameters[MAX_PARAMETERS];   /* the numbers of the sequence read so far */
    int parameter_count;
};

static struct screen screens[VGA_SCREEN_COUNT];
static uint16_t *display;             /* NULL until vga_init */
static int visible;

/* Puts the blinking hardware cursor where the visible screen's cursor is. */
static void move_hardware_cursor(void)
{
    uint16_t position = (uint16_t)(screens[visible].row * COLUMNS + screens[visible].column);
    outb(CRT_INDEX_PORT, CRT_CURSOR_LOW);
    outb(CRT_DATA_PORT, position & 0xFF);
    outb(CRT_INDEX_PORT, CRT_CURSOR_HIGH);
    outb(CRT_DATA_PORT, position >> 8);
}

/* Copies the visible screen to the display. Caller masked interrupts. */
static void redraw(void)
{
    memcpy(display, screens[visible].cells, sizeof screens[visible].cells);
    move_hardware_cursor();
}

/* Blanks `screen` and homes its cursor. Caller masked interrupts. */
static void clear_screen(struct screen *screen)
{
    for (int i = 0; i < ROWS * COLUMNS; i++)
        screen->cells[i] = BLANK_CELL;
    screen->row = screen->column = 0;
}

void vga_init(void)
{
    uint32_t saved = cpu_save_and_disable_interrupts();
    display = (uint16_t *)physical_to_virtual(VGA_TEXT_PHYSICAL);
    for (int i = 0; i < VGA_SCREEN_COUNT; i++)
        clear_screen(&screens[i]);
    visible = 0;
    redraw();
    cpu_restore_interrupts(saved);
}

/* Moves every row of `screen` up one when the cursor fell off the bottom.
 * Returns 1 if it scrolled. */
static int scroll_if_needed(struct screen *screen)
{
    if (screen->row < ROWS)
        return 0;
    memmove(screen->cells, screen->cells + COLUMNS, (ROWS - 1) * COLUMNS * sizeof screen->cells[0]);
    for (int i = 0; i < COLUMNS; i++)
        screen->cells[(ROWS - 1) * COLUMNS + i] = BLANK_CELL;
    screen->row = ROWS - 1;
    return 1;
}

/* Applies `c` to the cells and cursor of `screen`; returns the index of
 * the cell it drew, or -1 if it only moved the cursor. */
static int draw_character(struct screen *screen, char c)
{
    int drawn = -1;
    if (c == '\n') {
        screen->column = 0;
        screen->row++;
    } else if (c == '\r') {
        screen->column = 0;
    } else if (c == '\b') {
        if (screen->column > 0)
            screen->column--;
    } else if (c == '\t') {
        screen->column = (screen->column + 8) & ~7;
    } else {
        drawn = screen->row * COLUMNS + screen->column;
        screen->cells[drawn] = (uint16_t)((COLOUR_LIGHT_GREY_ON_BLACK << 8) | (uint8_t)c);
        screen->column++;
    }
    if (screen->column >= COLUMNS) {
        screen->column = 0;
        screen->row++;
    }
    return drawn;
}

/* Blanks the cells from index `from` up to, not including, `to`. */
static void erase_cells(struct screen *screen, int from, int to)
{
    for (int i = from; i < to; i++)
        screen->cells[i] = BLANK_CELL;
}

/* Carries out the escape sequence that `final` ends: ESC[2J erases the
 * screen, ESC[J below the cursor, ESC[K the rest of the line; ESC[H and
 * ESC[row;columnH move the cursor (counting from 1). Others are ignored. */
static void run_escape_sequence(struct screen *screen, char final)
{
    int first = screen->parameters[0], second = screen->parameters[1];
    int cursor = screen->row * COLUMNS + screen->column;
    switch (final) {
    case 'J':
        if (first == 2)
            erase_cells(screen, 0, ROWS * COLUMNS);
        else if (first == 0)
            erase_cells(screen, cursor, ROWS * COLUMNS);
        break;
    case 'K':
        erase_cells(screen, cursor, (screen->row + 1) * COLUMNS);
        break;
    case 'H':
    case 'f':
        screen->row = first < 1 ? 0 : first > ROWS ? ROWS - 1 : first - 1;
        screen->column = second < 1 ? 0 : second > COLUMNS ? COLUMNS - 1 : second - 1;
        break;
    }
}

/* Reads `c` as part of an escape sequence if it is one (what user/bin/clear
 * writes). Returns 1 if it was; the screen may then have changed anywhere. */
static int read_escape_sequence(struct screen *screen, char c)
{
    switch (screen->escape_state) {
    case TEXT:
        if (c != ESCAPE)
            return 0;
        screen->escape_state = AFTER_ESCAPE;
        return 1;
    case AFTER_ESCAPE:                /* only ESC [ is understood; ESC x drops both */
        screen->escape_state = c == '[' ? IN_SEQUENCE : TEXT;
        screen->parameters[0] = screen->parameters[1] = 0;
        screen->parameter_count = 1;
        return 1;
    case IN_SEQUENCE:
        if (c >= '0' && c <= '9') {
            if (screen->parameter_count <= MAX_PARAMETERS) {   /* numbers past those: ignored */
                int *number = &screen->parameters[screen->parameter_count - 1];
                if (*number < 1000)
                    *number = *number * 10 + (c - '0');
            }
        } else if (c == ';') {
            if (screen->parameter_count <= MAX_PARAMETERS)
                screen->parameter_count++;
        } else if (c >= '@' && c <= '~') {   /* the final byte */
            run_escape_sequence(screen, c);
            screen->escape_state = TEXT;
        }
        return 1;
    }
    return 0;
}

void vga_screen_write_char(int screen_number, char c)
{
    if (!display || screen_number < 0 || screen_number >= VGA_SCREEN_COUNT)
        return;
    uint32_t saved = cpu_save_and_disable_interrupts();
    struct screen *screen = &screens[screen_number];
    if (read_escape_sequence(screen, c)) {
        if (screen_number == visible)
            redraw();
        cpu_restore_interrupts(saved);
        return;
    }
    int drawn = draw_character(screen, c);
    int scrolled = scroll_if_needed(screen);
    if (screen_number == visible) {
        if (scrolled)
            redraw();
        else if (drawn >= 0)
            display[drawn] = screen->cells[drawn];
        move_hardware_cursor();
    }
    cpu_restore_interrupts(saved);
}

void vga_show_screen(int screen_number)
{
    if (!display || screen_number < 0 || screen_number >= VGA_SCREEN_COUNT)
        return;
    uint32_t saved = cpu_save_and_disable_interrupts();
    visible = screen_number;
    redraw();
    cpu_restore_interrupts(saved);
}

int vga_visible_screen(void)
{
    return visible;
}

void vga_write_char(char c)
{
    vga_screen_write_char(visible, c);
}

void vga_clear(void)
{
    if (!display)
        return;
    uint32_t saved = cpu_save_and_disable_interrupts();
    clear_screen(&screens[visible]);
    redraw();
    cpu_restore_interrupts(saved);
}
