/* kernel/ktest/tty_tests.c - terminals: the line discipline on its own
 * (editing, completed lines, end of file, the signal keys, a full queue),
 * the terminal around it (the signal hook, a sleeping reader, ioctl, stat),
 * the keyboard's scancode translation and the virtual consoles' screens.
 * Run alone with `ktest=tty*`. */
#include "drivers/console.h"
#include "drivers/keyboard.h"
#include "drivers/line_discipline.h"
#include "drivers/tty.h"
#include "drivers/vga.h"
#include "fs/file.h"
#include "ktest.h"
#include "lib/string.h"
#include "mm/memory_layout.h"
#include "sched/clock.h"
#include "sched/mutex.h"
#include "sched/sleep.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "uapi/stat.h"

#define CONTROL(letter) ((letter) & 0x1f)
#define QUEUE_SIZE      LINE_DISCIPLINE_QUEUE_SIZE
#define HIDDEN_TTY      3              /* tty4: never on display during the tests */

/* ---- the line discipline, fed by hand, its echo recorded ------------- */

static struct line_discipline discipline;
static char echoed[2 * QUEUE_SIZE];
static unsigned echoed_length;
static char line[QUEUE_SIZE + 1];

static void record_echo(void *context, const char *text, unsigned length)
{
    (void)context;
    for (unsigned i = 0; i < length && echoed_length + 1 < sizeof echoed; i++)
        echoed[echoed_length++] = text[i];
    echoed[echoed_length] = 0;
}

/* A fresh line discipline with nothing echoed yet. */
static void start(void)
{
    line_discipline_init(&discipline, record_echo, 0);
    echoed_length = 0;
    echoed[0] = 0;
}

/* Types every character of `text`; returns the event of the last one. */
static enum line_event type(const char *text)
{
    enum line_event event = LINE_EVENT_NONE;
    for (; *text; text++)
        event = line_discipline_input(&discipline, *text);
    return event;
}

/* Reads as read(size) would, into `line` (NUL-terminated); returns the count. */
static unsigned read_line(unsigned size)
{
    int finished;
    unsigned count = line_discipline_read(&discipline, line, size, &finished);
    line[count] = 0;
    return count;
}

/* `text` with control characters spelled out, for failure messages. */
static const char *spelled(const char *text, int which)
{
    static char buffers[2][128];
    char *out = buffers[which];
    unsigned used = 0;
    for (; *text && used + 5 < sizeof buffers[0]; text++) {
        unsigned char c = (unsigned char)*text;
        if (c >= ' ' && c < 0x7f) {
            out[used++] = (char)c;
        } else {
            const char *hex = "0123456789abcdef";
            out[used++] = '\\'; out[used++] = 'x';
            out[used++] = hex[c >> 4]; out[used++] = hex[c & 15];
        }
    }
    out[used] = 0;
    return out;
}

#define EXPECT_TEXT(expected, actual, what)                                                \
    KTEST_EXPECT(!strcmp((expected), (actual)), "%s: expected \"%s\", got \"%s\"", what,   \
                 spelled(expected, 0), spelled(actual, 1))

KTEST(tty_typed_characters_are_echoed_and_backspace_erases)
{
    start();
    type("\x7f");
    EXPECT_TEXT("", echoed, "echo of Backspace (DEL, VERASE) on an empty line");
    type("abc\x7f" "d\n");
    EXPECT_TEXT("abc\b \bd\n", echoed, "echo");
    read_line(100);
    EXPECT_TEXT("abd\n", line, "line read");
    type("xy\b\n");                /* '\b' is not VERASE: an ordinary character */
    read_line(100);
    EXPECT_TEXT("xy\b\n", line, "line with a '\\b' in it");
}

KTEST(tty_control_u_erases_the_whole_line)
{
    start();
    type("hi\x15" "ok\n");
    EXPECT_TEXT("hi\b \b\b \bok\n", echoed, "echo");
    read_line(100);
    EXPECT_TEXT("ok\n", line, "line read");
}

KTEST(tty_control_characters_echo_as_caret_and_erase_as_two_columns)
{
    start();
    type("a\x01");
    EXPECT_TEXT("a^A", echoed, "echo of Ctrl-A");
    type("\x7f");
    EXPECT_TEXT("a^A\b \b\b \b", echoed, "echo after erasing it");
    KTEST_EXPECT_EQ(1, line_discipline_editing_length(&discipline), "characters left in the line");
}

KTEST(tty_a_line_is_readable_only_after_enter)
{
    start();
    KTEST_EXPECT_EQ(LINE_EVENT_NONE, type("abc"), "event of ordinary characters");
    KTEST_EXPECT(!line_discipline_has_input(&discipline), "a line without Enter is readable");
    KTEST_EXPECT_EQ(3, line_discipline_editing_length(&discipline), "characters being edited");
    KTEST_EXPECT_EQ(LINE_EVENT_INPUT_READY, type("\n"), "event of Enter");
    KTEST_EXPECT(line_discipline_has_input(&discipline), "the completed line is not readable");
    type("ok\r");                    /* a terminal's Enter */
    read_line(100);
    read_line(100);
    EXPECT_TEXT("ok\n", line, "a line ended by '\\r'");
}

KTEST(tty_read_returns_one_line_at_most_and_keeps_the_rest)
{
    start();
    type("one\ntwo\nabcdef\n");
    read_line(100);
    EXPECT_TEXT("one\n", line, "first read");
    read_line(100);
    EXPECT_TEXT("two\n", line, "second read");
    read_line(4);
    EXPECT_TEXT("abcd", line, "read of 4 bytes");
    read_line(100);
    EXPECT_TEXT("ef\n", line, "the rest of the line");
    KTEST_EXPECT(!line_discipline_has_input(&discipline), "input left after reading everything");
}

KTEST(tty_control_d_on_an_empty_line_is_end_of_file)
{
    start();
    KTEST_EXPECT_EQ(LINE_EVENT_INPUT_READY, type("\x04"), "event of Ctrl-D");
    KTEST_EXPECT(line_discipline_has_input(&discipline), "end of file does not wake a reader");
    KTEST_EXPECT_EQ(0, read_line(100), "read at end of file");
    KTEST_EXPECT(!line_discipline_has_input(&discipline), "end of file read twice");
    EXPECT_TEXT("", echoed, "echo of Ctrl-D");
}

KTEST(tty_control_d_after_text_completes_the_line_without_newline)
{
    start();
    type("abc\x04" "def\n");
    KTEST_EXPECT_EQ(3, read_line(100), "bytes of the line ended by Ctrl-D");
    EXPECT_TEXT("abc", line, "line ended by Ctrl-D");
    read_line(100);
    EXPECT_TEXT("def\n", line, "the next line");
    type("xyz\x04");
    KTEST_EXPECT_EQ(3, read_line(3), "read that exactly fits the line");
    KTEST_EXPECT(!line_discipline_has_input(&discipline), "a stray end of file after the line");
}

KTEST(tty_control_c_discards_all_queued_input_as_on_linux)
{
    start();
    type("gone\nabc");
    KTEST_EXPECT_EQ(LINE_EVENT_INTERRUPT, type("\x03"), "event of Ctrl-C");
    EXPECT_TEXT("gone\nabc^C\n", echoed, "echo");
    KTEST_EXPECT_EQ(0, line_discipline_editing_length(&discipline), "characters left being edited");
    KTEST_EXPECT(!line_discipline_has_input(&discipline), "a completed line survived Ctrl-C");
    type("x\n");
    read_line(100);
    EXPECT_TEXT("x\n", line, "the line after Ctrl-C");
    start();
    KTEST_EXPECT_EQ(LINE_EVENT_QUIT, type("a\x1c"), "event of Ctrl-\\");
    KTEST_EXPECT_EQ(LINE_EVENT_SUSPEND, type("b\x1a"), "event of Ctrl-Z");
    EXPECT_TEXT("a^\\\nb^Z\n", echoed, "echo of Ctrl-\\ and Ctrl-Z");
}

KTEST(tty_full_input_queue_drops_characters_without_echo)
{
    start();
    for (int i = 0; i < QUEUE_SIZE + 100; i++)
        line_discipline_input(&discipline, 'x');
    KTEST_EXPECT_EQ(QUEUE_SIZE - 1, echoed_length, "characters echoed (one byte kept for Enter)");
    KTEST_EXPECT_EQ(LINE_EVENT_INPUT_READY, type("\n"), "Enter on a full queue");
    unsigned before = echoed_length;
    KTEST_EXPECT_EQ(LINE_EVENT_NONE, type("y\n"), "input once the queue is full");
    KTEST_EXPECT_EQ(before, echoed_length, "echo once the queue is full");
    unsigned total = 0, count;
    while ((count = read_line(100)) > 0 && line[count - 1] != '\n')
        total += count;
    total += count;
    KTEST_EXPECT_EQ(QUEUE_SIZE, total, "bytes in the full line, Enter included");
    type("z\n");
    read_line(100);
    EXPECT_TEXT("z\n", line, "a line after the queue drained");
}

/* ---- the terminal: signal hook, readers, ioctl, stat ---------------- */

static int signal_groups[8], signal_numbers[8], signal_calls;

static void record_signal(int process_group, int signal)
{
    if (signal_calls < 8) {
        signal_groups[signal_calls] = process_group;
        signal_numbers[signal_calls] = signal;
    }
    signal_calls++;
}

/* Types `text` on the hidden console with foreground group `group` and the
 * recording hook, restoring both afterwards. */
static void type_on_terminal_with_group(const char *text, int group)
{
    tty_signal_hook_function *previous_hook = tty_set_signal_hook(record_signal);
    int previous_group = tty_foreground_group(HIDDEN_TTY);
    tty_set_foreground_group(HIDDEN_TTY, group);
    signal_calls = 0;
    for (; *text; text++)
        tty_input(HIDDEN_TTY, *text);
    tty_set_foreground_group(HIDDEN_TTY, previous_group);
    tty_set_signal_hook(previous_hook);
}

KTEST(tty_control_c_backslash_z_signal_the_foreground_group)
{
    type_on_terminal_with_group("abc\x03" "\x1c" "\x1a", 42);
    KTEST_EXPECT_EQ(3, signal_calls, "hook calls");
    KTEST_EXPECT_EQ(42, signal_groups[0], "group of Ctrl-C");
    KTEST_EXPECT_EQ(SIGINT, signal_numbers[0], "signal of Ctrl-C");
    KTEST_EXPECT_EQ(42, signal_groups[1], "group of Ctrl-\\");
    KTEST_EXPECT_EQ(SIGQUIT, signal_numbers[1], "signal of Ctrl-\\");
    KTEST_EXPECT_EQ(SIGTSTP, signal_numbers[2], "signal of Ctrl-Z");
}

KTEST(tty_no_signal_when_the_foreground_group_is_0)
{
    type_on_terminal_with_group("\x03\x1c\x1a", 0);
    KTEST_EXPECT_EQ(0, signal_calls, "hook calls with foreground group 0");
}

static struct file *reader_file;
static volatile int reader_result, reader_returned;
static struct kernel_semaphore reader_finished;

/* A task in read(): the kernel buffer makes the copy fail with EFAULT, but
 * only after the wait, which is what the test watches. */
static void read_from_terminal(void *argument)
{
    (void)argument;
    static char kernel_buffer[16];
    reader_result = reader_file->operations->read(reader_file, kernel_buffer, sizeof kernel_buffer);
    reader_returned = 1;
    semaphore_release(&reader_finished);
}

KTEST(tty_read_sleeps_until_a_line_is_completed)
{
    reader_file = tty_open(HIDDEN_TTY, O_RDWR);
    KTEST_EXPECT(reader_file != 0, "tty_open(%d) failed", HIDDEN_TTY);
    semaphore_init(&reader_finished, 0);
    reader_returned = 0;
    create_kernel_task("tty reader", read_from_terminal, 0);
    nano_sleep(3 * NS_PER_CLOCK_TICK);
    int returned_before_input = reader_returned;
    tty_input(HIDDEN_TTY, 'h');
    tty_input(HIDDEN_TTY, 'i');
    nano_sleep(3 * NS_PER_CLOCK_TICK);
    int returned_before_enter = reader_returned;
    tty_input(HIDDEN_TTY, '\n');
    semaphore_acquire(&reader_finished);
    file_put(reader_file);
    KTEST_EXPECT(!returned_before_input, "read returned with no input (result %d)", reader_result);
    KTEST_EXPECT(!returned_before_enter, "read returned before Enter (result %d)", reader_result);
    KTEST_EXPECT_EQ(-EFAULT, reader_result, "read into a kernel buffer after Enter");
}

KTEST(tty_nonblocking_read_without_a_line_gets_eagain)
{
    struct file *file = tty_open(HIDDEN_TTY, O_RDWR | O_NONBLOCK);
    KTEST_EXPECT(file != 0, "tty_open(%d) failed", HIDDEN_TTY);
    char buffer[4];
    int result = file->operations->read(file, buffer, sizeof buffer);
    file_put(file);
    KTEST_EXPECT_EQ(-EAGAIN, result, "read with O_NONBLOCK and nothing typed");
}

KTEST(tty_file_answers_tcgets_and_stat_as_a_character_device)
{
    struct file *file = console_open(O_RDWR);
    KTEST_EXPECT(file != 0, "console_open failed");
    int group;
    int tcgets = file->operations->ioctl(file, TCGETS, 0);   /* address 0: not the caller's memory */
    int unknown = file->operations->ioctl(file, 0x1234, 0);
    int get_to_kernel = file->operations->ioctl(file, FIONREAD, (uint32_t)&group);   /* (TIOCGPGRP: the
                                                                                         boot task has no session, ENOTTY) */
    int set_from_kernel = file->operations->ioctl(file, TIOCSPGRP, (uint32_t)&group);
    struct stat st;
    memset(&st, 0, sizeof st);
    int stat_result = file->operations->stat(file, &st);
    file_put(file);
    KTEST_EXPECT_EQ(-EFAULT, tcgets, "TCGETS to address 0");
    KTEST_EXPECT_EQ(-ENOTTY, unknown, "an unknown request");
    KTEST_EXPECT_EQ(-EFAULT, get_to_kernel, "FIONREAD to a kernel pointer");
    KTEST_EXPECT_EQ(-EFAULT, set_from_kernel, "TIOCSPGRP from a kernel pointer");
    KTEST_EXPECT_EQ(0, stat_result, "stat");
    KTEST_EXPECT_EQ(S_IFCHR | 0620, st.st_mode, "st_mode");
}

KTEST(tty_names_are_tty1_to_tty4_and_ttyS0)
{
    static const char *const expected[TTY_COUNT] = { "tty1", "tty2", "tty3", "tty4", "ttyS0" };
    for (int i = 0; i < TTY_COUNT; i++)
        EXPECT_TEXT(expected[i], tty_name(i), "tty_name");
    KTEST_EXPECT(tty_name(TTY_COUNT) == 0 && tty_name(-1) == 0, "a name for a missing terminal");
    KTEST_EXPECT(tty_open(TTY_COUNT, O_RDWR) == 0, "tty_open of a missing terminal");
}

/* ---- the keyboard ---------------------------------------------------- */

enum {
    SCAN_1 = 0x02, SCAN_BACKSLASH = 0x2B, SCAN_QUOTE = 0x28, SCAN_A = 0x1E, SCAN_C = 0x2E,
    SCAN_D = 0x20, SCAN_Z = 0x2C, SCAN_ENTER = 0x1C, SCAN_SPACE = 0x39, SCAN_CONTROL = 0x1D,
    SCAN_LEFT_SHIFT = 0x2A, SCAN_RIGHT_SHIFT = 0x36, SCAN_ALT = 0x38, SCAN_CAPS_LOCK = 0x3A,
    SCAN_F1 = 0x3B, SCAN_F2 = 0x3C, SCAN_F4 = 0x3E, SCAN_F5 = 0x3F, SCAN_UP = 0x48,
    RELEASE = 0x80, EXTENDED = 0xE0,
};

static struct keyboard_state keys;

/* The character that pressing and releasing `scancode` types, or -1 if none. */
static int press(uint8_t scancode)
{
    struct key_event down = keyboard_translate(&keys, scancode);
    struct key_event up = keyboard_translate(&keys, scancode | RELEASE);
    if (up.kind != KEY_NONE)
        return -2;                   /* a release must never type */
    return down.kind == KEY_CHARACTER ? (unsigned char)down.value : -1;
}

/* Presses and releases a modifier key (Caps Lock), or holds/lets go (others). */
static void key(uint8_t scancode)
{
    keyboard_translate(&keys, scancode);
}

KTEST(tty_keyboard_translates_with_shift)
{
    memset(&keys, 0, sizeof keys);
    KTEST_EXPECT_EQ('a', press(SCAN_A), "a");
    KTEST_EXPECT_EQ('1', press(SCAN_1), "1");
    KTEST_EXPECT_EQ('\\', press(SCAN_BACKSLASH), "backslash");
    KTEST_EXPECT_EQ('\n', press(SCAN_ENTER), "Enter");
    KTEST_EXPECT_EQ(' ', press(SCAN_SPACE), "space");
    key(SCAN_LEFT_SHIFT);
    KTEST_EXPECT_EQ('A', press(SCAN_A), "Shift-a");
    KTEST_EXPECT_EQ('!', press(SCAN_1), "Shift-1");
    KTEST_EXPECT_EQ('"', press(SCAN_QUOTE), "Shift-'");
    key(SCAN_LEFT_SHIFT | RELEASE);
    KTEST_EXPECT_EQ('a', press(SCAN_A), "a after Shift was released");
    key(SCAN_RIGHT_SHIFT);
    KTEST_EXPECT_EQ('|', press(SCAN_BACKSLASH), "right Shift-backslash");
    key(SCAN_RIGHT_SHIFT | RELEASE);
}

KTEST(tty_keyboard_caps_lock_turns_letters_only)
{
    memset(&keys, 0, sizeof keys);
    KTEST_EXPECT_EQ(-1, press(SCAN_CAPS_LOCK), "Caps Lock itself");
    KTEST_EXPECT_EQ('A', press(SCAN_A), "a with Caps Lock");
    KTEST_EXPECT_EQ('1', press(SCAN_1), "1 with Caps Lock");
    key(SCAN_LEFT_SHIFT);
    KTEST_EXPECT_EQ('a', press(SCAN_A), "Shift-a with Caps Lock");
    key(SCAN_LEFT_SHIFT | RELEASE);
    press(SCAN_CAPS_LOCK);
    KTEST_EXPECT_EQ('a', press(SCAN_A), "a after Caps Lock was pressed again");
}

KTEST(tty_keyboard_control_makes_control_codes)
{
    memset(&keys, 0, sizeof keys);
    key(SCAN_CONTROL);
    KTEST_EXPECT_EQ(CONTROL('c'), press(SCAN_C), "Ctrl-C");
    KTEST_EXPECT_EQ(CONTROL('d'), press(SCAN_D), "Ctrl-D");
    KTEST_EXPECT_EQ(CONTROL('z'), press(SCAN_Z), "Ctrl-Z");
    KTEST_EXPECT_EQ(28, press(SCAN_BACKSLASH), "Ctrl-\\");
    key(SCAN_LEFT_SHIFT);
    KTEST_EXPECT_EQ(CONTROL('c'), press(SCAN_C), "Ctrl-Shift-C");
    key(SCAN_LEFT_SHIFT | RELEASE);
    key(SCAN_CONTROL | RELEASE);
    KTEST_EXPECT_EQ('c', press(SCAN_C), "c after Ctrl was released");
    key(EXTENDED);
    key(SCAN_CONTROL);                   /* right Ctrl */
    KTEST_EXPECT_EQ(CONTROL('c'), press(SCAN_C), "right Ctrl-C");
    key(EXTENDED);
    key(SCAN_CONTROL | RELEASE);
}

KTEST(tty_keyboard_alt_f1_to_f4_switch_consoles_and_extended_keys_are_skipped)
{
    memset(&keys, 0, sizeof keys);
    KTEST_EXPECT_EQ(-1, press(SCAN_F2), "F2 without Alt");
    key(SCAN_ALT);
    struct key_event f1 = keyboard_translate(&keys, SCAN_F1);
    struct key_event f4 = keyboard_translate(&keys, SCAN_F4);
    struct key_event f5 = keyboard_translate(&keys, SCAN_F5);
    key(SCAN_ALT | RELEASE);
    KTEST_EXPECT(f1.kind == KEY_SWITCH_CONSOLE && f1.value == 0, "Alt-F1: kind %d value %d", f1.kind, f1.value);
    KTEST_EXPECT(f4.kind == KEY_SWITCH_CONSOLE && f4.value == 3, "Alt-F4: kind %d value %d", f4.kind, f4.value);
    KTEST_EXPECT_EQ(KEY_NONE, f5.kind, "Alt-F5 (no fifth console)");
    key(EXTENDED);
    KTEST_EXPECT_EQ(-1, press(SCAN_UP), "the Up arrow");
    key(EXTENDED);
    key(SCAN_LEFT_SHIFT);                /* a "fake shift" */
    KTEST_EXPECT_EQ('a', press(SCAN_A), "a after 0xE0 0x2A");
    key(EXTENDED);
    KTEST_EXPECT_EQ('\n', press(SCAN_ENTER), "keypad Enter");
}

/* ---- the virtual consoles' screens --------------------------------- */

/* True if `text` appears in the VGA display memory (the visible screen). */
static int display_shows(const char *text)
{
    const uint16_t *display = physical_to_virtual(0xB8000);
    unsigned length = strlen(text);
    for (unsigned start_cell = 0; start_cell + length <= 80 * 25; start_cell++) {
        unsigned i = 0;
        while (i < length && (char)(display[start_cell + i] & 0xFF) == text[i])
            i++;
        if (i == length)
            return 1;
    }
    return 0;
}

KTEST(tty_hidden_console_output_appears_when_switched_to)
{
    int before = console_visible();
    tty_write(2, "\nwritten-on-tty3\n", 17);
    int shown_while_hidden = display_shows("written-on-tty3");
    console_switch(2);
    int shown_on_switch = display_shows("written-on-tty3");
    for (const char *p = "logged-on-tty3"; *p; p++)
        vga_write_char(*p);          /* the kernel log goes to the console on display */
    int log_on_tty3 = display_shows("logged-on-tty3");
    console_switch(before);
    int shown_after_switching_back = display_shows("written-on-tty3");
    KTEST_EXPECT(!shown_while_hidden, "output to hidden tty3 reached the display");
    KTEST_EXPECT(shown_on_switch, "switching to tty3 did not show its output");
    KTEST_EXPECT(log_on_tty3, "the kernel log did not appear on the console on display");
    KTEST_EXPECT(!shown_after_switching_back, "tty3's output stayed after switching back");
}

KTEST(tty_console_understands_clear_screen_and_cursor_home)
{
    int before = console_visible();
    console_switch(2);
    tty_write(2, "left-over-text\n", 15);
    tty_write(2, "\033[2J\033[Hat-top-left", 19);
    const uint16_t *display = physical_to_virtual(0xB8000);
    char first_cells[12];
    for (int i = 0; i < 11; i++)
        first_cells[i] = (char)(display[i] & 0xFF);
    first_cells[11] = 0;
    int left_over_shown = display_shows("left-over-text");
    console_switch(before);
    EXPECT_TEXT("at-top-left", first_cells, "the first cells after ESC[2J ESC[H");
    KTEST_EXPECT(!left_over_shown, "ESC[2J did not erase the screen");
}
