/* kernel/drivers/tty.c - the five terminals and their open files.
 *
 *   keyboard / serial IRQ --> tty_input --> line being edited  (echo)
 *                                                | Enter / Ctrl-D
 *                                                v
 *   read() <--- wait queue "tty read" <---- completed lines
 *
 *   Ctrl-C / Ctrl-\ / Ctrl-Z --> signal hook (foreground group, signal)
 *   write() --> tty_write --> VGA screen or COM1
 *
 * Every field of a terminal is changed with interrupts off: input arrives
 * in interrupt handlers, and readers check and sleep under the scheduler
 * lock, so a line completed between the check and the sleep still wakes them. */
#include "tty.h"

#include "arch/x86/cpu.h"
#include "fs/file.h"
#include "fs/poll_table.h"
#include "ipc/signal.h"
#include "keyboard.h"
#include "line_discipline.h"
#include "mm/uaccess.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "serial.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "vga.h"

#define COPY_CHUNK      256        /* bytes moved between user memory and a terminal at a time */
#define TTY_FILE_MODE   (S_IFCHR | 0620)   /* crw--w---- as on Linux */

struct tty {
    const char *name;
    int index;
    struct line_discipline discipline;
    struct wait_queue readers;     /* tasks in read() waiting for a completed line */
    int foreground_group;          /* gets Ctrl-C's SIGINT; 0: none yet */
    void (*output_char)(struct tty *tty, char c);
};

static int newline_as_crlf;
static tty_signal_hook_function *signal_hook;

/* Output of tty1..tty4: their own VGA screen. */
static void screen_output_char(struct tty *tty, char c)
{
    vga_screen_write_char(tty->index, c);
}

/* Output of ttyS0: COM1, with "\r\n" for "\n" unless booted with serial=raw. */
static void serial_output_char(struct tty *tty, char c)
{
    (void)tty;
    if (c == '\n' && newline_as_crlf)
        serial_write_char('\r');
    serial_write_char(c);
}

/* The line discipline's echo: shown like program output. */
static void echo_to_terminal(void *context, const char *text, unsigned length)
{
    struct tty *tty = context;
    for (unsigned i = 0; i < length; i++)
        tty->output_char(tty, text[i]);
}

#define TERMINAL(i, terminal_name, output)                                         \
    [i] = { .name = terminal_name, .index = i, .output_char = output,               \
            .readers = WAIT_QUEUE_INITIALIZER,                                      \
            .discipline = { .echo = echo_to_terminal, .echo_context = &terminals[i] } }

/* Ready to write to from the first kprintf on; input starts with tty_init. */
static struct tty terminals[TTY_COUNT] = {
    TERMINAL(0, "tty1", screen_output_char),
    TERMINAL(1, "tty2", screen_output_char),
    TERMINAL(2, "tty3", screen_output_char),
    TERMINAL(3, "tty4", screen_output_char),
    TERMINAL(TTY_SERIAL, "ttyS0", serial_output_char),
};

/* Terminal `index`, or NULL when there is none. */
static struct tty *terminal(int index)
{
    return index >= 0 && index < TTY_COUNT ? &terminals[index] : 0;
}

/* A byte from COM1 (serial interrupt): typed on ttyS0. */
static void serial_received(char c)
{
    tty_input(TTY_SERIAL, c);
}

void tty_init(int serial_newline_as_crlf)
{
    newline_as_crlf = serial_newline_as_crlf;
    serial_set_receive_handler(serial_received);
    serial_enable_receive_interrupt();
    keyboard_init();
}

const char *tty_name(int index)
{
    struct tty *tty = terminal(index);
    return tty ? tty->name : 0;
}

tty_signal_hook_function *tty_set_signal_hook(tty_signal_hook_function *hook)
{
    tty_signal_hook_function *previous = signal_hook;
    signal_hook = hook;
    return previous;
}

int tty_foreground_group(int index)
{
    struct tty *tty = terminal(index);
    return tty ? tty->foreground_group : 0;
}

void tty_set_foreground_group(int index, int process_group)
{
    struct tty *tty = terminal(index);
    if (tty)
        tty->foreground_group = process_group;
}

/* The signal a line event asks for, or 0. */
static int signal_for(enum line_event event)
{
    switch (event) {
    case LINE_EVENT_INTERRUPT: return SIGINT;
    case LINE_EVENT_QUIT:      return SIGQUIT;
    case LINE_EVENT_SUSPEND:   return SIGTSTP;
    default:                   return 0;
    }
}

void tty_input(int index, char c)
{
    struct tty *tty = terminal(index);
    if (!tty)
        return;
    /* lock_stuff, not just the lock: a reader woken here must not run
     * until every reader is woken. Were it to run at once (the CPU was
     * idle), it could take the line and queue up again before
     * wait_queue_wake_all has finished, which would then wake it again,
     * and again, for ever. */
    lock_stuff();
    enum line_event event = line_discipline_input(&tty->discipline, c);
    if (event == LINE_EVENT_INPUT_READY)
        wait_queue_wake_all(&tty->readers);
    int signal = signal_for(event);
    if (signal && tty->foreground_group > 0 && signal_hook)
        signal_hook(tty->foreground_group, signal);
    unlock_stuff();              /* the switch to a woken task, if any, happens here */
}

void tty_write(int index, const char *text, uint32_t length)
{
    struct tty *tty = terminal(index);
    if (!tty)
        return;
    uint32_t saved = cpu_save_and_disable_interrupts();   /* no echo in the middle */
    for (uint32_t i = 0; i < length; i++)
        tty->output_char(tty, text[i]);
    cpu_restore_interrupts(saved);
}

/* read(): waits for a completed line, then returns as much of it as fits
 * (never more than one line), or 0 for end of file. May sleep; a signal
 * ends the wait with -ERESTARTSYS (signal.c makes it a restart or EINTR). */
static int tty_file_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct tty *tty = file->object;
    if (size == 0)
        return 0;
    lock_scheduler();
    while (!line_discipline_has_input(&tty->discipline)) {
        if (file->flags & O_NONBLOCK) {
            unlock_scheduler();
            return -EAGAIN;
        }
        if (wait_queue_sleep(&tty->readers, "tty read", 0, WAIT_INTERRUPTIBLE) != WAKE_NORMAL) {
            unlock_scheduler();
            return -ERESTARTSYS;       /* a signal: restarted under SA_RESTART, else EINTR */
        }
    }
    /* The line moves through a kernel buffer, because user memory may only
     * be touched without the lock (copy_to_user may handle a page fault). */
    char chunk[COPY_CHUNK];
    uint32_t done = 0;
    int line_finished = 0;
    while (!line_finished && done < size && line_discipline_has_input(&tty->discipline)) {
        uint32_t wanted = size - done < sizeof chunk ? size - done : sizeof chunk;
        unsigned count = line_discipline_read(&tty->discipline, chunk, wanted, &line_finished);
        unlock_scheduler();
        if (copy_to_user((char *)user_buffer + done, chunk, count) < 0)
            return done ? (int)done : -EFAULT;
        done += count;
        lock_scheduler();
    }
    unlock_scheduler();
    return (int)done;
}

/* write(): shows the bytes; never waits. */
static int tty_file_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct tty *tty = file->object;
    char chunk[COPY_CHUNK];
    uint32_t done = 0;
    while (done < size) {
        uint32_t count = size - done < sizeof chunk ? size - done : sizeof chunk;
        if (copy_from_user(chunk, (const char *)user_buffer + done, count) < 0)
            return done ? (int)done : -EFAULT;
        tty_write(tty->index, chunk, count);
        done += count;
    }
    return (int)done;
}

/* ioctl(): TCGETS says "a terminal"; TIOCGPGRP / TIOCSPGRP get and set the
 * foreground group through a user pointer to an int. */
static int tty_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    struct tty *tty = file->object;
    int group;
    switch (request) {
    case TCGETS:
        return 0;
    case TIOCGPGRP:
        group = tty->foreground_group;
        return copy_to_user((void *)argument, &group, sizeof group) < 0 ? -EFAULT : 0;
    case TIOCSPGRP:
        if (copy_from_user(&group, (const void *)argument, sizeof group) < 0)
            return -EFAULT;
        if (group <= 0)
            return -EINVAL;
        tty->foreground_group = group;
        return 0;
    default:
        return -EINVAL;
    }
}

/* fstat(): a character device. */
static int tty_stat(struct file *file, struct stat *st)
{
    (void)file;
    st->st_mode = TTY_FILE_MODE;
    return 0;
}

/* poll(2): readable when a read would not wait (a completed line, or end
 * of file, as line_discipline_has_input says); writable always, as a
 * write never waits. Watched: the readers' queue, which input wakes. */
static unsigned tty_poll(struct file *file, struct poll_table *table)
{
    struct tty *tty = file->object;
    poll_table_watch(table, &tty->readers);
    unsigned events = POLLOUT | POLLWRNORM;
    if (line_discipline_has_input(&tty->discipline))
        events |= POLLIN | POLLRDNORM;
    return events;
}

static const struct file_operations tty_operations = {
    .poll = tty_poll,
    .read = tty_file_read,
    .write = tty_file_write,
    .ioctl = tty_ioctl,
    .stat = tty_stat,
};

struct file *tty_open(int index, uint32_t flags)
{
    struct tty *tty = terminal(index);
    return tty ? file_create(&tty_operations, tty, flags) : 0;
}
