/* kernel/drivers/line_discipline.c - editing typed input as a terminal's
 * settings say (the ring and its two parts are pictured in
 * line_discipline.h). The flags it honours: c_iflag ISTRIP INLCR IGNCR
 * ICRNL; c_lflag ISIG ICANON ECHO ECHOE ECHOK ECHONL ECHOCTL ECHOKE NOFLSH;
 * c_cc VINTR VQUIT VSUSP VERASE VKILL VEOF VEOL VEOL2 VMIN VTIME (the
 * last two in tty.c's read). Every other flag is kept and read back. */
#include "line_discipline.h"

#define CONTROL(letter)   ((letter) & 0x1f)    /* the code Ctrl+letter types */
#define DELETE            0x7f                 /* what a terminal's Backspace sends */

enum line_mark {
    LINE_MARK_DATA = 0,        /* an ordinary byte */
    LINE_MARK_LINE_END,        /* '\n', VEOL or VEOL2 that completed a line: read, then the line ends */
    LINE_MARK_END_OF_FILE,     /* VEOF that completed a line: ends it, never read */
};

/* Index in the ring of the byte `offset` bytes after the oldest. */
static unsigned ring_index(const struct line_discipline *discipline, unsigned offset)
{
    return (discipline->head + offset) % LINE_DISCIPLINE_QUEUE_SIZE;
}

static int local_flag(const struct line_discipline *discipline, tcflag_t flag)
{
    return (discipline->settings.c_lflag & flag) != 0;
}

static int input_flag(const struct line_discipline *discipline, tcflag_t flag)
{
    return (discipline->settings.c_iflag & flag) != 0;
}

/* True when `c` is the special character at c_cc[index] (not disabled). */
static int is_special(const struct line_discipline *discipline, int index, char c)
{
    cc_t special = discipline->settings.c_cc[index];
    return special != _POSIX_VDISABLE && (cc_t)c == special;
}

/* Sends `length` bytes of `text` to the terminal's screen, if it has one. */
static void echo(struct line_discipline *discipline, const char *text, unsigned length)
{
    if (discipline->echo)
        discipline->echo(discipline->echo_context, text, length);
}

/* Under ECHOCTL, control characters other than Tab and Newline are echoed
 * as ^X (two columns). */
static int echoes_as_caret(const struct line_discipline *discipline, char c)
{
    return local_flag(discipline, ECHOCTL) &&
           (((unsigned char)c < ' ' && c != '\t' && c != '\n') || c == DELETE);
}

/* Echoes one character as the user should see it. */
static void echo_character(struct line_discipline *discipline, char c)
{
    if (echoes_as_caret(discipline, c)) {
        char caret[2] = { '^', (char)(c ^ 0x40) };
        echo(discipline, caret, 2);
    } else {
        echo(discipline, &c, 1);
    }
}

void line_discipline_default_settings(struct termios *settings)
{
    static const cc_t defaults[NCCS] = {
        [VINTR] = CONTROL('c'), [VQUIT] = CONTROL('\\'), [VERASE] = DELETE,
        [VKILL] = CONTROL('u'), [VEOF] = CONTROL('d'), [VTIME] = 0, [VMIN] = 1,
        [VSTART] = CONTROL('q'), [VSTOP] = CONTROL('s'), [VSUSP] = CONTROL('z'),
        [VREPRINT] = CONTROL('r'), [VDISCARD] = CONTROL('o'), [VWERASE] = CONTROL('w'),
        [VLNEXT] = CONTROL('v'),
    };
    settings->c_iflag = ICRNL | IXON;
    settings->c_oflag = OPOST | ONLCR;
    settings->c_cflag = B38400 | CS8 | CREAD | HUPCL;
    settings->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    settings->c_line = 0;
    for (int i = 0; i < NCCS; i++)
        settings->c_cc[i] = defaults[i];
    settings->c_ispeed = B38400;
    settings->c_ospeed = B38400;
}

void line_discipline_init(struct line_discipline *discipline, line_echo_function *echo_function,
                          void *echo_context)
{
    line_discipline_flush_input(discipline);
    line_discipline_default_settings(&discipline->settings);
    discipline->echo = echo_function;
    discipline->echo_context = echo_context;
}

enum line_event line_discipline_set_settings(struct line_discipline *discipline,
                                             const struct termios *settings)
{
    discipline->settings = *settings;
    if (!local_flag(discipline, ICANON) && discipline->count > discipline->completed) {
        discipline->completed = discipline->count;   /* the edited part is now input */
        return LINE_EVENT_INPUT_READY;
    }
    return LINE_EVENT_NONE;
}

/* Appends `c` with `mark` to the line being edited. Caller checked there is room. */
static void store(struct line_discipline *discipline, char c, enum line_mark mark)
{
    unsigned index = ring_index(discipline, discipline->count);
    discipline->queue[index] = c;
    discipline->marks[index] = (unsigned char)mark;
    discipline->count++;
}

/* Removes the last character of the line being edited and, under ECHO,
 * rubs it out on the screen (ECHOE) or shows the erase character. Completed
 * lines cannot be edited any more. A Tab is rubbed out as one column: the
 * screen's column is not known here. */
static void erase_last_character(struct line_discipline *discipline, char erase_character)
{
    if (discipline->count == discipline->completed)
        return;
    discipline->count--;
    char erased = discipline->queue[ring_index(discipline, discipline->count)];
    if (!local_flag(discipline, ECHO))
        return;
    if (!local_flag(discipline, ECHOE)) {
        echo_character(discipline, erase_character);
        return;
    }
    unsigned columns = echoes_as_caret(discipline, erased) ? 2 : 1;
    for (unsigned i = 0; i < columns; i++)
        echo(discipline, "\b \b", 3);
}

/* VKILL: erases the whole line being edited; rubbed out one character at
 * a time under ECHOKE and ECHOE, else the kill character is shown, then a
 * newline under ECHOK. */
static void kill_line(struct line_discipline *discipline, char kill_character)
{
    int rub_out = local_flag(discipline, ECHOKE) && local_flag(discipline, ECHOE);
    if (rub_out) {
        while (discipline->count > discipline->completed)
            erase_last_character(discipline, kill_character);
        return;
    }
    discipline->count = discipline->completed;
    if (local_flag(discipline, ECHO)) {
        echo_character(discipline, kill_character);
        if (local_flag(discipline, ECHOK))
            echo(discipline, "\n", 1);
    }
}

/* Ends the line being edited with `line_end` marked `mark`, which makes it
 * readable. The last byte of the ring is kept for this, so a line can
 * always be completed, unless a completed line already fills the ring. */
static enum line_event complete_line(struct line_discipline *discipline, char line_end,
                                     enum line_mark mark)
{
    if (discipline->count == LINE_DISCIPLINE_QUEUE_SIZE)
        return LINE_EVENT_NONE;
    if (mark == LINE_MARK_LINE_END) {
        if (line_end == '\n' && (local_flag(discipline, ECHO) || local_flag(discipline, ECHONL)))
            echo(discipline, "\n", 1);
        else if (line_end != '\n' && local_flag(discipline, ECHO))
            echo_character(discipline, line_end);
    }
    store(discipline, line_end, mark);
    discipline->completed = discipline->count;
    return LINE_EVENT_INPUT_READY;
}

/* A signal character under ISIG: unless NOFLSH, every queued byte is thrown
 * away (as on Linux); under ECHO it shows as e.g. "^C" and a newline. The
 * event goes on: the terminal signals its foreground group. */
static enum line_event signal_character(struct line_discipline *discipline, char c,
                                        enum line_event event)
{
    if (!local_flag(discipline, NOFLSH))
        line_discipline_flush_input(discipline);
    if (local_flag(discipline, ECHO)) {
        echo_character(discipline, c);
        echo(discipline, "\n", 1);
    }
    return event;
}

/* Canonical mode: edits the line with `c`. */
static enum line_event edit_line(struct line_discipline *discipline, char c)
{
    if (c == '\n')
        return complete_line(discipline, c, LINE_MARK_LINE_END);
    if (is_special(discipline, VEOF, c))
        return complete_line(discipline, c, LINE_MARK_END_OF_FILE);
    if (is_special(discipline, VEOL, c) || is_special(discipline, VEOL2, c))
        return complete_line(discipline, c, LINE_MARK_LINE_END);
    if (is_special(discipline, VERASE, c)) {
        erase_last_character(discipline, c);
        return LINE_EVENT_NONE;
    }
    if (is_special(discipline, VKILL, c)) {
        kill_line(discipline, c);
        return LINE_EVENT_NONE;
    }
    if (discipline->count >= LINE_DISCIPLINE_QUEUE_SIZE - 1)
        return LINE_EVENT_NONE;         /* full: dropped, not echoed */
    store(discipline, c, LINE_MARK_DATA);
    if (local_flag(discipline, ECHO))
        echo_character(discipline, c);
    return LINE_EVENT_NONE;
}

enum line_event line_discipline_input(struct line_discipline *discipline, char c)
{
    if (input_flag(discipline, ISTRIP))
        c &= 0x7f;
    if (local_flag(discipline, ISIG)) {
        if (is_special(discipline, VINTR, c))
            return signal_character(discipline, c, LINE_EVENT_INTERRUPT);
        if (is_special(discipline, VQUIT, c))
            return signal_character(discipline, c, LINE_EVENT_QUIT);
        if (is_special(discipline, VSUSP, c))
            return signal_character(discipline, c, LINE_EVENT_SUSPEND);
    }
    if (c == '\r') {
        if (input_flag(discipline, IGNCR))
            return LINE_EVENT_NONE;
        if (input_flag(discipline, ICRNL))
            c = '\n';
    } else if (c == '\n' && input_flag(discipline, INLCR)) {
        c = '\r';
    }
    if (local_flag(discipline, ICANON))
        return edit_line(discipline, c);
    if (discipline->count >= LINE_DISCIPLINE_QUEUE_SIZE)
        return LINE_EVENT_NONE;         /* full: dropped, not echoed */
    store(discipline, c, LINE_MARK_DATA);
    discipline->completed = discipline->count;
    if (local_flag(discipline, ECHO))
        echo_character(discipline, c);
    else if (c == '\n' && local_flag(discipline, ECHONL))
        echo(discipline, "\n", 1);
    return LINE_EVENT_INPUT_READY;
}

int line_discipline_has_input(const struct line_discipline *discipline)
{
    return discipline->completed > 0;
}

unsigned line_discipline_readable_bytes(const struct line_discipline *discipline)
{
    unsigned bytes = 0;
    for (unsigned i = 0; i < discipline->completed; i++)
        if (discipline->marks[ring_index(discipline, i)] != LINE_MARK_END_OF_FILE)
            bytes++;
    return bytes;
}

/* Removes the oldest byte, which is readable; returns its mark. */
static enum line_mark take_oldest(struct line_discipline *discipline, char *c)
{
    *c = discipline->queue[discipline->head];
    enum line_mark mark = discipline->marks[discipline->head];
    discipline->head = ring_index(discipline, 1);
    discipline->completed--;
    discipline->count--;
    return mark;
}

unsigned line_discipline_read(struct line_discipline *discipline, char *buffer, unsigned size,
                              int *line_finished)
{
    int canonical = local_flag(discipline, ICANON);
    unsigned copied = 0;
    *line_finished = 0;
    while (discipline->completed > 0) {
        char c;
        if (discipline->marks[discipline->head] == LINE_MARK_END_OF_FILE) {
            take_oldest(discipline, &c);   /* before the size check: a full buffer still ends the line */
            if (canonical) {
                *line_finished = 1;
                break;
            }
            continue;                      /* left over from canonical mode: not data */
        }
        if (copied == size)
            break;
        enum line_mark mark = take_oldest(discipline, &c);
        buffer[copied++] = c;
        if (canonical && mark == LINE_MARK_LINE_END) {
            *line_finished = 1;
            break;
        }
    }
    return copied;
}

void line_discipline_flush_input(struct line_discipline *discipline)
{
    discipline->head = 0;
    discipline->completed = 0;
    discipline->count = 0;
}

unsigned line_discipline_editing_length(const struct line_discipline *discipline)
{
    return discipline->count - discipline->completed;
}
