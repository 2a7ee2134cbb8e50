/* kernel/drivers/tty_ioctl.c - ioctl(2) on a terminal: its settings
 * (struct termios), window size, foreground group and queues, with Linux's
 * request numbers (kernel/uapi/termios.h). What each setting does to input
 * is line_discipline.c's; to output, tty_output_processed's. */
#include "arch/x86/cpu.h"
#include "fs/file.h"
#include "mm/uaccess.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "serial.h"
#include "tty.h"
#include "tty_internal.h"
#include "tty_job_control.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define BREAK_NS 250000000ull   /* tcsendbreak(fd, 0): a quarter of a second, as on Linux */

/* TCGETS: the first TERMIOS_KERNEL_SIZE bytes of the settings. */
static int get_settings(struct tty *tty, uint32_t argument)
{
    struct termios settings = tty->discipline.settings;
    return copy_to_user((void *)argument, &settings, TERMIOS_KERNEL_SIZE) < 0 ? -EFAULT : 0;
}

/* TCSETS, TCSETSW, TCSETSF: new settings, taking effect at once. Output is
 * never queued (a write is on the screen or the line when it returns), so
 * "once output has drained" is now. TCSETSF also discards unread input. */
static int set_settings(struct tty *tty, uint32_t request, uint32_t argument)
{
    struct termios settings = tty->discipline.settings;   /* keeps the speeds after c_cc */
    if (copy_from_user(&settings, (const void *)argument, TERMIOS_KERNEL_SIZE) < 0)
        return -EFAULT;
    lock_stuff();
    if (request == TCSETSF) {
        line_discipline_flush_input(&tty->discipline);
        wait_queue_wake_all(&tty->input_room);   /* a pseudoterminal master's writes go on */
    }
    if (line_discipline_set_settings(&tty->discipline, &settings) == LINE_EVENT_INPUT_READY)
        wait_queue_wake_all(&tty->readers);
    unlock_stuff();
    return 0;
}

/* TIOCSWINSZ: a new window size; the foreground group gets SIGWINCH when
 * it differs from the old one. */
static int set_window_size(struct tty *tty, uint32_t argument)
{
    struct winsize window;
    if (copy_from_user(&window, (const void *)argument, sizeof window) < 0)
        return -EFAULT;
    lock_stuff();
    int changed = window.ws_row != tty->window.ws_row || window.ws_col != tty->window.ws_col ||
                  window.ws_xpixel != tty->window.ws_xpixel || window.ws_ypixel != tty->window.ws_ypixel;
    tty->window = window;
    if (changed)
        tty_signal_foreground(tty, SIGWINCH);
    unlock_stuff();
    return 0;
}

/* TCFLSH: discards unread input; output is never queued, so there is none
 * to discard. */
static int flush_queues(struct tty *tty, uint32_t selector)
{
    if (selector != TCIFLUSH && selector != TCOFLUSH && selector != TCIOFLUSH)
        return -EINVAL;
    if (selector != TCOFLUSH) {
        lock_stuff();
        line_discipline_flush_input(&tty->discipline);
        wait_queue_wake_all(&tty->input_room);   /* a pseudoterminal master's writes go on */
        unlock_stuff();
    }
    return 0;
}

/* TCXONC: TCOOFF holds programs' writes until TCOON; TCIOFF and TCION send
 * the VSTOP and VSTART characters, asking the other end to stop or resume
 * sending. */
static int flow_control(struct tty *tty, uint32_t action)
{
    cc_t c;
    switch (action) {
    case TCOOFF:
        tty->output_stopped = 1;
        return 0;
    case TCOON:
        lock_stuff();
        tty->output_stopped = 0;
        wait_queue_wake_all(&tty->writers);
        unlock_stuff();
        return 0;
    case TCIOFF:
    case TCION:
        c = tty->discipline.settings.c_cc[action == TCIOFF ? VSTOP : VSTART];
        if (c != _POSIX_VDISABLE)
            tty_write(tty->index, (const char *)&c, 1);
        return 0;
    default:
        return -EINVAL;
    }
}

/* TCSBRK: 0 holds ttyS0's line in a break for 0.25 s (the VGA consoles have
 * no line: nothing happens, as on Linux for a terminal without breaks);
 * any other value is tcdrain(3), done at once. May sleep. */
static int send_break(struct tty *tty, uint32_t argument)
{
    if (argument == 0 && tty->index == TTY_SERIAL) {
        serial_set_break(1);
        nano_sleep(BREAK_NS);
        serial_set_break(0);
    }
    return 0;
}

/* TIOCGSID: the session the terminal belongs to (tty_job_control.c);
 * ENOTTY when none (no group chosen yet, or no process of it lives). */
static int get_session(struct tty *tty, uint32_t argument)
{
    int session = tty_session(tty);
    if (session <= 0)
        return -ENOTTY;
    return copy_to_user((void *)argument, &session, sizeof session) < 0 ? -EFAULT : 0;
}

/* The requests that change the terminal: a background job makes one only
 * after SIGTTOU (tty_job_control.c), as Linux's tty_check_change. */
static int changes_the_terminal(uint32_t request)
{
    switch (request) {
    case TCSETS: case TCSETSW: case TCSETSF: case TCSBRK: case TCXONC: case TCFLSH: case TIOCSPGRP:
        return 1;
    default:
        return 0;
    }
}

/* TIOCSPGRP: chooses the terminal's foreground group (tty_job_control.c
 * says who may). */
static int set_foreground_group(struct tty *tty, uint32_t argument)
{
    int group;
    if (copy_from_user(&group, (const void *)argument, sizeof group) < 0)
        return -EFAULT;
    return tty_choose_foreground_group(tty, group);
}

/* TIOCSTI: `argument` points to a byte, typed as if on the terminal's
 * keyboard or line; for the terminal's session or root only. */
static int type_byte(struct tty *tty, uint32_t argument)
{
    char typed;
    if (copy_from_user(&typed, (const void *)argument, 1) < 0)
        return -EFAULT;
    int status = tty_may_control(tty);
    if (status == 0)
        tty_input(tty->index, typed);
    return status;
}

/* Copies one int to the user's `argument`. */
static int put_int(uint32_t argument, int value)
{
    return copy_to_user((void *)argument, &value, sizeof value) < 0 ? -EFAULT : 0;
}

int tty_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    struct tty *tty = file->object;
    int status;
    if (changes_the_terminal(request) && (status = tty_job_control_check(tty, SIGTTOU)) < 0)
        return status;                            /* a background job: SIGTTOU first */
    if ((request == TIOCGPGRP || request == TIOCGSID) && (status = tty_is_callers(tty)) < 0)
        return status;                            /* not the caller's terminal (a master's asks apart) */
    return tty_terminal_ioctl(tty, request, argument);
}

int tty_terminal_ioctl(struct tty *tty, uint32_t request, uint32_t argument)
{
    int value;
    switch (request) {
    case TCGETS:
        return get_settings(tty, argument);
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        return set_settings(tty, request, argument);
    case TCSBRK:
        return send_break(tty, argument);
    case TCXONC:
        return flow_control(tty, argument);
    case TCFLSH:
        return flush_queues(tty, argument);
    case TIOCGPGRP:
        return put_int(argument, tty->foreground_group);
    case TIOCSPGRP:
        return set_foreground_group(tty, argument);
    case TIOCOUTQ:
        return put_int(argument, 0);              /* output is never queued */
    case TIOCSTI:
        return type_byte(tty, argument);
    case TIOCGWINSZ:
        return copy_to_user((void *)argument, &tty->window, sizeof tty->window) < 0 ? -EFAULT : 0;
    case TIOCSWINSZ:
        return set_window_size(tty, argument);
    case FIONREAD:
        lock_stuff();
        value = (int)line_discipline_readable_bytes(&tty->discipline);
        unlock_stuff();
        return put_int(argument, value);
    case TIOCGSID:
        return get_session(tty, argument);
    case TIOCSCTTY:
        return tty_take_for_session(tty, argument == 1);
    default:
        return -ENOTTY;                           /* as Linux answers an unknown request */
    }
}
