/* kernel/ktest/tty_termios_tests.c - the line discipline under settings
 * other than the defaults (what boot tests cannot see: the echo), output
 * processing, and the terminal ioctls that only kernel code can watch
 * from inside (bad pointers, unknown requests). Run alone with `ktest=tty_termios*`. */
#include "drivers/line_discipline.h"
#include "drivers/tty.h"
#include "fs/file.h"
#include "ktest.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

#define HIDDEN_TTY 3   /* tty4: never on display during the tests */

static struct line_discipline discipline;
static char echoed[256];
static unsigned echoed_length;
static char line[128];

static void record_echo(void *context, const char *text, unsigned length)
{
    (void)context;
    for (unsigned i = 0; i < length && echoed_length + 1 < sizeof echoed; i++)
        echoed[echoed_length++] = text[i];
    echoed[echoed_length] = 0;
}

/* A fresh line discipline with the default settings changed: local flags
 * `lflag_off` cleared and `lflag_on` set. */
static void start_with(tcflag_t lflag_off, tcflag_t lflag_on)
{
    line_discipline_init(&discipline, record_echo, 0);
    struct termios settings = discipline.settings;
    settings.c_lflag = (settings.c_lflag & ~lflag_off) | lflag_on;
    line_discipline_set_settings(&discipline, &settings);
    echoed_length = 0;
    echoed[0] = 0;
}

static enum line_event type(const char *text)
{
    enum line_event event = LINE_EVENT_NONE;
    for (; *text; text++)
        event = line_discipline_input(&discipline, *text);
    return event;
}

static unsigned read_line(unsigned size)
{
    int finished;
    unsigned count = line_discipline_read(&discipline, line, size, &finished);
    line[count] = 0;
    return count;
}

#define EXPECT_TEXT(expected, actual, what)                                              \
    KTEST_EXPECT(!strcmp((expected), (actual)), "%s: expected \"%s\", got \"%s\"", what, \
                 expected, actual)

KTEST(tty_termios_without_echo_nothing_is_shown_but_echonl_shows_newlines)
{
    start_with(ECHO, 0);
    type("secret\x7fT\n");
    EXPECT_TEXT("", echoed, "echo with ECHO off");
    read_line(100);
    EXPECT_TEXT("secreT\n", line, "the line is still edited");
    start_with(ECHO, ECHONL);
    type("pw\n");
    EXPECT_TEXT("\n", echoed, "echo with ECHO off and ECHONL on");
}

KTEST(tty_termios_without_echoe_erase_shows_the_erase_character)
{
    start_with(ECHOE, 0);
    type("ab\x7f");
    EXPECT_TEXT("ab^?", echoed, "VERASE echoed without ECHOE");
    start_with(ECHOE | ECHOCTL, 0);
    type("ab\x7f");
    EXPECT_TEXT("ab\x7f", echoed, "VERASE echoed without ECHOE and ECHOCTL");
}

KTEST(tty_termios_echok_without_echoke_shows_kill_and_a_newline)
{
    start_with(ECHOKE, 0);
    type("xy\x15");
    EXPECT_TEXT("xy^U\n", echoed, "VKILL under ECHOK without ECHOKE");
    start_with(ECHOKE | ECHOK, 0);
    type("xy\x15");
    EXPECT_TEXT("xy^U", echoed, "VKILL without ECHOK and ECHOKE");
    KTEST_EXPECT_EQ(0, line_discipline_editing_length(&discipline), "characters left after VKILL");
}

KTEST(tty_termios_isig_off_makes_ctrl_c_an_ordinary_character)
{
    start_with(ISIG, 0);
    KTEST_EXPECT_EQ(LINE_EVENT_NONE, type("\x03"), "event of Ctrl-C without ISIG");
    type("\x1a\n");
    KTEST_EXPECT_EQ(3, read_line(100), "bytes of the line");
    KTEST_EXPECT(line[0] == 0x03 && line[1] == 0x1a, "the line holds Ctrl-C and Ctrl-Z");
}

KTEST(tty_termios_signal_characters_come_from_c_cc_and_noflsh_keeps_input)
{
    start_with(0, NOFLSH);
    struct termios settings = discipline.settings;
    settings.c_cc[VINTR] = '%';
    settings.c_cc[VSUSP] = _POSIX_VDISABLE;
    line_discipline_set_settings(&discipline, &settings);
    type("keep\nab");
    KTEST_EXPECT_EQ(LINE_EVENT_INTERRUPT, type("%"), "event of '%' as VINTR");
    KTEST_EXPECT_EQ(LINE_EVENT_NONE, type("\x03"), "event of Ctrl-C, no longer VINTR");
    KTEST_EXPECT_EQ(LINE_EVENT_NONE, type("\x1a"), "event of Ctrl-Z with VSUSP disabled");
    read_line(100);
    EXPECT_TEXT("keep\n", line, "the line completed before VINTR, kept by NOFLSH");
    type("\n");
    read_line(100);
    EXPECT_TEXT("ab\x03\x1a\n", line, "the edited line, kept by NOFLSH");
}

KTEST(tty_termios_noncanonical_bytes_are_readable_at_once)
{
    start_with(ICANON | ECHO, 0);
    KTEST_EXPECT_EQ(LINE_EVENT_INPUT_READY, type("a"), "event of one byte");
    KTEST_EXPECT_EQ(1, line_discipline_readable_bytes(&discipline), "readable bytes");
    type("\n\x04z");
    KTEST_EXPECT_EQ(4, read_line(100), "bytes read, '\\n' and Ctrl-D included");
    EXPECT_TEXT("a\n\x04z", line, "bytes");
    EXPECT_TEXT("", echoed, "echo without ECHO");
}

static int hook_calls;

static void record_signal(int process_group, int signal)
{
    (void)process_group, (void)signal;
    hook_calls++;
}

/* A kernel pointer is not the caller's memory: TIOCSWINSZ fails with
 * EFAULT and signals nothing (the signal itself is a boot test's:
 * tty_tiocswinsz_change_signals_sigwinch_to_the_foreground_group). */
KTEST(tty_termios_tiocswinsz_from_a_bad_pointer_is_efault_and_signals_nothing)
{
    struct file *file = tty_open(HIDDEN_TTY, O_RDWR);
    KTEST_EXPECT(file != 0, "tty_open(%d) failed", HIDDEN_TTY);
    tty_signal_hook_function *previous_hook = tty_set_signal_hook(record_signal);
    int previous_group = tty_foreground_group(HIDDEN_TTY);
    tty_set_foreground_group(HIDDEN_TTY, 77);
    hook_calls = 0;
    int from_kernel = file->operations->ioctl(file, TIOCSWINSZ, (uint32_t)&hook_calls);
    int unknown = file->operations->ioctl(file, 0x54ff, 0);
    tty_set_foreground_group(HIDDEN_TTY, previous_group);
    tty_set_signal_hook(previous_hook);
    file_put(file);
    KTEST_EXPECT_EQ(-EFAULT, from_kernel, "TIOCSWINSZ from a kernel pointer");
    KTEST_EXPECT_EQ(0, hook_calls, "signals after a failed TIOCSWINSZ");
    KTEST_EXPECT_EQ(-ENOTTY, unknown, "an unknown request");
}
