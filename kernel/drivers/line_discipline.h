/* kernel/drivers/line_discipline.h - the editing a terminal does before a
 * program sees its input (what POSIX calls canonical mode).
 *
 * Typed characters are echoed and collect in the line being edited;
 * Backspace and Ctrl-U edit it; Enter or Ctrl-D completes it, and only
 * completed lines can be read. Ctrl-C, Ctrl-\ and Ctrl-Z throw the line
 * away and are reported to the caller, which turns them into signals.
 *
 * One ring of LINE_DISCIPLINE_QUEUE_SIZE bytes holds both parts:
 *
 *      head            head+completed          head+count
 *       |  completed lines  |  line being edited  |   free   |
 *       +-------------------+---------------------+----------+
 *          read() takes        Backspace and
 *          from here           Ctrl-U erase here
 *
 * Every line in the completed part ends with '\n' or with an end-of-file
 * mark (Ctrl-D, which is stored but never handed to a program). Neither
 * byte can be typed in any other way, so they need no separate record.
 *
 * Pure code: no hardware, no locks. The caller (tty.c) serialises calls. */
#ifndef KERNEL_DRIVERS_LINE_DISCIPLINE_H
#define KERNEL_DRIVERS_LINE_DISCIPLINE_H

#include "uapi/limits.h"

#define LINE_DISCIPLINE_QUEUE_SIZE KERNEL_MAX_CANON   /* bytes queued per terminal, completed and edited: 1024 */

/* What a typed character asks of the terminal, beyond the editing. */
enum line_event {
    LINE_EVENT_NONE,          /* edited, echoed, or dropped: nothing to do */
    LINE_EVENT_INPUT_READY,   /* a line was completed: wake the readers */
    LINE_EVENT_INTERRUPT,     /* Ctrl-C: the foreground group gets SIGINT */
    LINE_EVENT_QUIT,          /* Ctrl-\: SIGQUIT */
    LINE_EVENT_SUSPEND,       /* Ctrl-Z: SIGTSTP */
};

/* Where the echo goes: `length` bytes of `text` for the terminal's screen. */
typedef void line_echo_function(void *context, const char *text, unsigned length);

struct line_discipline {
    char queue[LINE_DISCIPLINE_QUEUE_SIZE];   /* the ring pictured above */
    unsigned head;                 /* index of the oldest byte */
    unsigned completed;            /* bytes from head that are completed lines */
    unsigned count;                /* bytes in use: completed + being edited */
    line_echo_function *echo;
    void *echo_context;
};

/* Empties `discipline` and sets where its echo goes. */
void line_discipline_init(struct line_discipline *discipline, line_echo_function *echo,
                          void *echo_context);

/* Edits with one typed character (echoing it) and says what else to do.
 * A character that does not fit in the queue is dropped without echo. */
enum line_event line_discipline_input(struct line_discipline *discipline, char c);

/* True when a read would not wait: a completed line (or end of file) is queued. */
int line_discipline_has_input(const struct line_discipline *discipline);

/* Moves up to `size` bytes of the oldest completed line to `buffer`, never
 * past its end. Returns the count; 0 means end of file (Ctrl-D on an empty
 * line). Sets *line_finished when the line has been read to its end.
 * Caller has checked line_discipline_has_input. */
unsigned line_discipline_read(struct line_discipline *discipline, char *buffer, unsigned size,
                              int *line_finished);

/* Bytes in the line being edited (for tests and ps-like tools). */
unsigned line_discipline_editing_length(const struct line_discipline *discipline);

#endif
