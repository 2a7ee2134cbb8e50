/* kernel/drivers/keyboard.c - from PS/2 scancodes to characters.
 *
 * Each key sends one byte when pressed (its "make" code) and the same byte
 * plus 0x80 when released. Keys added after the original PC keyboard
 * (right Ctrl, right Alt, the arrows, keypad Enter ...) send 0xE0 first.
 * Only the modifiers care about releases; every other key acts on press. */
#include "keyboard.h"

#include "arch/x86/io.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "console.h"

#define KEYBOARD_IRQ          1
#define KEYBOARD_DATA_PORT    0x60
#define KEYBOARD_STATUS_PORT  0x64
#define STATUS_OUTPUT_FULL    0x01     /* a byte waits in the data port */

enum scancode {
    RELEASED = 0x80,                   /* added to a key's code on release */
    EXTENDED_PREFIX = 0xE0,            /* a newer key's code follows */
    PAUSE_PREFIX = 0xE1,               /* Pause: 0xE1 and two more bytes */
    KEY_ENTER = 0x1C,
    KEY_CONTROL = 0x1D,
    KEY_LEFT_SHIFT = 0x2A,
    KEY_SLASH = 0x35,
    KEY_RIGHT_SHIFT = 0x36,
    KEY_ALT = 0x38,
    KEY_CAPS_LOCK = 0x3A,
    KEY_F1 = 0x3B,                     /* F2..F4 follow */
};

/* US layout, indexed by make code, without and with Shift; 0 = no character. */
static const char plain_characters[] =
    "\0\x1b" "1234567890-=" "\x7f\t" "qwertyuiop[]" "\n\0" "asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shifted_characters[] =
    "\0\x1b" "!@#$%^&*()_+" "\x7f\t" "QWERTYUIOP{}" "\n\0" "ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";
#define MAPPED_KEYS (sizeof plain_characters - 1)   /* codes 0x00..0x39 */
_Static_assert(sizeof plain_characters == sizeof shifted_characters, "layout tables differ");
_Static_assert(MAPPED_KEYS == 0x3A, "the tables end at the space bar");

static int is_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

/* The character key `key` types with the modifiers of `state`, or 0. */
static char character_for(const struct keyboard_state *state, uint8_t key)
{
    if (key >= MAPPED_KEYS)
        return 0;
    char plain = plain_characters[key];
    if (state->control) {
        /* Ctrl clears bits 5-6: 'c' -> 3, '\\' -> 28, 'z' -> 26 */
        char upper = is_letter(plain) ? (char)(plain - 'a' + 'A') : plain;
        return upper >= '@' && upper <= '_' ? (char)(upper & 0x1f) : plain;
    }
    int shift = state->left_shift || state->right_shift;
    if (is_letter(plain) && state->caps_lock)
        shift = !shift;                /* Caps Lock turns letters only; Shift turns them back */
    return shift ? shifted_characters[key] : plain;
}

struct key_event keyboard_translate(struct keyboard_state *state, uint8_t scancode)
{
    struct key_event nothing = { KEY_NONE, 0 };
    if (state->bytes_to_skip > 0) {
        state->bytes_to_skip--;
        return nothing;
    }
    if (scancode == EXTENDED_PREFIX) {
        state->extended = 1;
        return nothing;
    }
    if (scancode == PAUSE_PREFIX) {
        state->bytes_to_skip = 2;
        return nothing;
    }
    int extended = state->extended;
    state->extended = 0;
    int pressed = !(scancode & RELEASED);
    uint8_t key = scancode & (uint8_t)~RELEASED;

    switch (key) {
    case KEY_LEFT_SHIFT:               /* 0xE0 0x2A: a "fake shift" some keys send; ignored */
        if (!extended)
            state->left_shift = pressed;
        return nothing;
    case KEY_RIGHT_SHIFT:
        if (!extended)
            state->right_shift = pressed;
        return nothing;
    case KEY_CONTROL:                  /* left, or right after 0xE0 */
        state->control = pressed;
        return nothing;
    case KEY_ALT:                      /* left, or right after 0xE0 */
        state->alt = pressed;
        return nothing;
    }
    if (!pressed)
        return nothing;
    if (key == KEY_CAPS_LOCK) {
        state->caps_lock = !state->caps_lock;
        return nothing;
    }
    if (key >= KEY_F1 && key < KEY_F1 + CONSOLE_COUNT) {
        if (!state->alt)
            return nothing;
        struct key_event switch_console = { KEY_SWITCH_CONSOLE, (char)(key - KEY_F1) };
        return switch_console;
    }
    if (extended && key != KEY_ENTER && key != KEY_SLASH)
        return nothing;                /* arrows, Home, Print Screen ...: not mapped */
    char c = character_for(state, key);
    if (c == 0)
        return nothing;
    struct key_event typed = { KEY_CHARACTER, c };
    return typed;
}

static struct keyboard_state keyboard_state;

/* IRQ 1: a byte arrived from the keyboard. Interrupts are off. */
static void keyboard_interrupt(struct trap_frame *frame)
{
    (void)frame;
    while (inb(KEYBOARD_STATUS_PORT) & STATUS_OUTPUT_FULL) {
        struct key_event event = keyboard_translate(&keyboard_state, inb(KEYBOARD_DATA_PORT));
        if (event.kind == KEY_CHARACTER)
            console_key_typed(event.value);
        else if (event.kind == KEY_SWITCH_CONSOLE)
            console_switch(event.value);
    }
}

void keyboard_init(void)
{
    while (inb(KEYBOARD_STATUS_PORT) & STATUS_OUTPUT_FULL)
        (void)inb(KEYBOARD_DATA_PORT);  /* keys pressed during boot */
    irq_set_handler(KEYBOARD_IRQ, keyboard_interrupt);
    pic_unmask(KEYBOARD_IRQ);
}
