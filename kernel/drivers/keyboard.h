/* kernel/drivers/keyboard.h - the PS/2 keyboard (IRQ 1, port 0x60), US
 * layout, scancode set 1 (what the PC's keyboard controller delivers by
 * default, and what QEMU gives). Each key press becomes a character for the
 * console on display, or a request to show another console (Alt-F1..F4). */
#ifndef KERNEL_DRIVERS_KEYBOARD_H
#define KERNEL_DRIVERS_KEYBOARD_H

#include <stdint.h>

/* What the modifier keys are doing, between scancodes. */
struct keyboard_state {
    int left_shift, right_shift;   /* held down */
    int control, alt;              /* held down (left or right) */
    int caps_lock;                 /* toggled by each press of Caps Lock */
    int extended;                  /* the last byte was the 0xE0 prefix */
    int bytes_to_skip;             /* rest of the Pause key's 0xE1 sequence */
};

/* What one scancode means. */
struct key_event {
    enum {
        KEY_NONE,                  /* a release, a modifier, a key we do not map */
        KEY_CHARACTER,             /* `value` is the character typed */
        KEY_SWITCH_CONSOLE,        /* Alt-F1..F4: `value` is the console, 0..3 */
    } kind;
    char value;
};

/* Turns one scancode into what it means, updating `state` (pure: for the
 * interrupt handler and the tests). Shift and Caps Lock choose upper case,
 * Ctrl turns '@'..'_' and letters into control codes (Ctrl-C is 3). */
struct key_event keyboard_translate(struct keyboard_state *state, uint8_t scancode);

/* Installs the IRQ 1 handler, which hands keys to the console. */
void keyboard_init(void);

#endif
