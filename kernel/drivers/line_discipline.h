/* kernel/drivers/line_discipline.h - what a terminal does with typed input
 * before a program reads it, as its settings (struct termios) say.
 *
 * In canonical mode (ICANON) typed characters collect in the line being
 * edited; VERASE and VKILL edit it; Enter, VEOL, VEOL2 or VEOF complete it,
 * and only completed lines can be read. In non-canonical mode every byte
 * is readable as soon as it is typed. With ISIG, VINTR, VQUIT and VSUSP
 * are reported to the caller, which turns them into signals. ECHO and its
 * companions decide what the screen shows.
 *
 * One ring of LINE_DISCIPLINE_QUEUE_SIZE bytes holds both parts:
 *
 *      head            head+completed          head+count
 *       |  readable bytes   |  line being edited  |   free   |
 *       +-------------------+---------------------+----------+
 *          read() takes        VERASE and
 *          from here           VKILL erase here
 *
 * A parallel array marks each byte: data, the end of a line (delivered:
 * '\n', VEOL, VEOL2) or an end-of-file mark (VEOF, never delivered), so any
 * byte value can be data.
 *
 * Pure code: no hardware, no locks. The caller (tty.c) serialises calls. */
#ifndef KERNEL_DRIVERS_LINE_DISCIPLINE_H
#define KERNEL_DRIVERS_LINE_DISCIPLINE_H

#include "uapi/limits.h"
#include "uapi/termios.h"

#define LINE_DISCIPLINE_QUEUE_SIZE KERNEL_MAX_CANON   /* bytes queued per terminal, completed and edited: 1024 */

/* What a typed character asks of the terminal, beyond the editing. */
enum line_event {
    LINE_EVENT_NONE,          /* edited, echoed, or dropped: nothing to do */
    LINE_EVENT_INPUT_READY,   /* bytes became readable: wake the readers */
    LINE_EVENT_INTERRUPT,     /* VINTR (Ctrl-C) under ISIG: the foreground group gets SIGINT */
    LINE_EVENT_QUIT,          /* VQUIT (Ctrl-\): SIGQUIT */
    LINE_EVENT_SUSPEND,       /* VSUSP (Ctrl-Z): SIGTSTP */
};

/* Where the echo goes: `length` bytes of `text` for the terminal's screen. */
typedef void line_echo_function(void *context, const char *text, unsigned length);

struct line_discipline {
    char queue[LINE_DISCIPLINE_QUEUE_SIZE];            /* the ring pictured above */
    unsigned char marks[LINE_DISCIPLINE_QUEUE_SIZE];   /* LINE_MARK_* of each byte of the ring */
    unsigned head;                 /* index of the oldest byte */
    unsigned completed;            /* bytes from head that are readable */
    unsigned count;                /* bytes in use: readable + being edited */
    struct termios settings;       /* c_iflag, c_lflag and c_cc rule the input */
    line_echo_function *echo;
    void *echo_context;
};

/* Empties `discipline`, gives it Linux's default settings (canonical, echo,
 * signals) and sets where its echo goes. */
void line_discipline_init(struct line_discipline *discipline, line_echo_function *echo,
                          void *echo_context);

/* Linux's settings of a fresh terminal: ICRNL IXON; OPOST ONLCR; B38400 CS8
 * CREAD HUPCL; ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN; ^C ^\ DEL
 * ^U ^D, VMIN 1, VTIME 0, ^Q ^S ^Z ^R ^O ^W ^V. */
void line_discipline_default_settings(struct termios *settings);

/* Takes new settings. Leaving canonical mode makes the line being edited
 * readable; entering it leaves the readable bytes as one line. Returns
 * LINE_EVENT_INPUT_READY when bytes became readable. */
enum line_event line_discipline_set_settings(struct line_discipline *discipline,
                                             const struct termios *settings);

/* Edits with one typed character (echoing it) and says what else to do.
 * A character that does not fit in the queue is dropped without echo. */
enum line_event line_discipline_input(struct line_discipline *discipline, char c);

/* True when a read would not wait: readable bytes (or end of file) are queued. */
int line_discipline_has_input(const struct line_discipline *discipline);

/* Bytes a read could take now (end-of-file marks not counted): FIONREAD. */
unsigned line_discipline_readable_bytes(const struct line_discipline *discipline);

/* Canonical mode: moves up to `size` bytes of the oldest completed line to
 * `buffer`, never past its end, and sets *line_finished when the line has
 * been read to its end; 0 means end of file (VEOF on an empty line).
 * Non-canonical mode: moves up to `size` readable bytes, lines or not.
 * Caller has checked line_discipline_has_input. */
unsigned line_discipline_read(struct line_discipline *discipline, char *buffer, unsigned size,
                              int *line_finished);

/* Throws away every queued byte, readable or being edited (TCIFLUSH). */
void line_discipline_flush_input(struct line_discipline *discipline);

/* Bytes in the line being edited (for tests and ps-like tools). */
unsigned line_discipline_editing_length(const struct line_discipline *discipline);

#endif
