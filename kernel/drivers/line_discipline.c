/* kernel/drivers/line_discipline.c - editing typed input into lines (the
 * ring and its two parts are pictured in line_discipline.h). */
#include "line_discipline.h"

#define CONTROL(letter)   ((letter) & 0x1f)    /* the code Ctrl+letter types */
#define DELETE            0x7f                 /* what most terminals send for Backspace */
#define END_OF_FILE_MARK  CONTROL('d')         /* stored for Ctrl-D: ends a line, never read */

/* Index in the ring of the byte `offset` bytes after the oldest. */
static unsigned ring_index(const struct line_discipline *discipline, unsigned offset)
{
    return (discipline->head + offset) % LINE_DISCIPLINE_QUEUE_SIZE;
}

/* Sends `length` bytes of `text` to the terminal's screen, if it has one. */
static void echo(struct line_discipline *discipline, const char *text, unsigned length)
{
    if (discipline->echo)
        discipline->echo(discipline->echo_context, text, length);
}

/* Control characters other than Tab and Newline are echoed as ^X (two columns). */
static int echoes_as_caret(char c)
{
    return ((unsigned char)c < ' ' && c != '\t' && c != '\n') || c == DELETE;
}

/* Echoes one stored character as the user should see it. */
static void echo_character(struct line_discipline *discipline, char c)
{
    if (echoes_as_caret(c)) {
        char caret[2] = { '^', (char)(c ^ 0x40) };
        echo(discipline, caret, 2);
    } else {
        echo(discipline, &c, 1);
    }
}

void line_discipline_init(struct line_discipline *discipline, line_echo_function *echo_function,
                          void *echo_context)
{
    discipline->head = 0;
    discipline->completed = 0;
    discipline->count = 0;
    discipline->echo = echo_function;
    discipline->echo_context = echo_context;
}

/* Appends `c` to the line being edited. Caller checked there is room. */
static void store(struct line_discipline *discipline, char c)
{
    discipline->queue[ring_index(discipline, discipline->count)] = c;
    discipline->count++;
}

/* Removes the last character of the line being edited and rubs it out on
 * the screen (Backspace). Completed lines cannot be edited any more. A Tab
 * is rubbed out as one column: the screen's column is not known here. */
static void erase_last_character(struct line_discipline *discipline)
{
    if (discipline->count == discipline->completed)
        return;
    discipline->count--;
    char erased = discipline->queue[ring_index(discipline, discipline->count)];
    unsigned columns = echoes_as_caret(erased) ? 2 : 1;
    for (unsigned i = 0; i < columns; i++)
        echo(discipline, "\b \b", 3);
}

/* Ends the line being edited with `line_end` ('\n' or the end-of-file
 * mark), which makes it readable. The last byte of the ring is kept for
 * this, so a line can always be completed, unless a completed line already
 * fills the whole ring. */
static enum line_event complete_line(struct line_discipline *discipline, char line_end)
{
    if (discipline->count == LINE_DISCIPLINE_QUEUE_SIZE)
        return LINE_EVENT_NONE;
    if (line_end == '\n')
        echo(discipline, "\n", 1);
    store(discipline, line_end);
    discipline->completed = discipline->count;
    return LINE_EVENT_INPUT_READY;
}

/* Throws the line being edited away, echoing `shown` (e.g. "^C\n"), and
 * passes `event` on: the terminal signals its foreground group. */
static enum line_event discard_line(struct line_discipline *discipline, const char *shown,
                                    enum line_event event)
{
    discipline->count = discipline->completed;
    echo(discipline, shown, 3);
    return event;
}

enum line_event line_discipline_input(struct line_discipline *discipline, char c)
{
    switch (c) {
    case '\r':                          /* a terminal's Enter key sends '\r' */
    case '\n':
        return complete_line(discipline, '\n');
    case CONTROL('d'):                  /* end of file, or "send the line as it is" */
        return complete_line(discipline, END_OF_FILE_MARK);
    case '\b':
    case DELETE:
        erase_last_character(discipline);
        return LINE_EVENT_NONE;
    case CONTROL('u'):                  /* erase the whole line */
        while (discipline->count > discipline->completed)
            erase_last_character(discipline);
        return LINE_EVENT_NONE;
    case CONTROL('c'):
        return discard_line(discipline, "^C\n", LINE_EVENT_INTERRUPT);
    case CONTROL('\\'):
        return discard_line(discipline, "^\\\n", LINE_EVENT_QUIT);
    case CONTROL('z'):
        return discard_line(discipline, "^Z\n", LINE_EVENT_SUSPEND);
    default:
        if (discipline->count >= LINE_DISCIPLINE_QUEUE_SIZE - 1)
            return LINE_EVENT_NONE;     /* full: dropped, not echoed */
        store(discipline, c);
        echo_character(discipline, c);
        return LINE_EVENT_NONE;
    }
}

int line_discipline_has_input(const struct line_discipline *discipline)
{
    return discipline->completed > 0;
}

/* Removes the oldest byte, which belongs to a completed line. */
static char take_oldest(struct line_discipline *discipline)
{
    char c = discipline->queue[discipline->head];
    discipline->head = ring_index(discipline, 1);
    discipline->completed--;
    discipline->count--;
    return c;
}

unsigned line_discipline_read(struct line_discipline *discipline, char *buffer, unsigned size,
                              int *line_finished)
{
    unsigned copied = 0;
    *line_finished = 0;
    while (discipline->completed > 0) {
        char c = discipline->queue[discipline->head];
        if (c == END_OF_FILE_MARK) {    /* checked before the size: a full buffer still ends the line */
            take_oldest(discipline);
            *line_finished = 1;
            break;
        }
        if (copied == size)
            break;
        buffer[copied++] = take_oldest(discipline);
        if (c == '\n') {
            *line_finished = 1;
            break;
        }
    }
    return copied;
}

unsigned line_discipline_editing_length(const struct line_discipline *discipline)
{
    return discipline->count - discipline->completed;
}
