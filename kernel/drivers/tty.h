/* kernel/drivers/tty.h - terminals. A terminal is a line discipline (the
 * editing of typed input, line_discipline.h), an output (a VGA screen or
 * the serial line) and a foreground process group (the one Ctrl-C
 * interrupts). There are five:
 *
 *   index  name    output              input
 *   0..3   tty1-4  VGA screen 0..3     the keyboard, while on display
 *   4      ttyS0   COM1                COM1
 *
 * Programs reach them as open files (tty_open): read returns one completed
 * line at most (canonical mode) or the bytes typed (non-canonical), write
 * shows the text, ioctl reads and sets the settings (struct termios), the
 * window size and the foreground group. docs/terminals.md follows a key
 * from the keyboard to read(). */
#ifndef KERNEL_DRIVERS_TTY_H
#define KERNEL_DRIVERS_TTY_H

#include <stdint.h>

#define TTY_COUNT   5       /* terminals: tty1..tty4 (the consoles), then ttyS0 */
#define TTY_SERIAL  4       /* the index of ttyS0, the serial line */

/* The ioctl requests a terminal answers (TCGETS, TCSETS, TIOCGWINSZ, ...)
 * are Linux's, in uapi/termios.h; tty_ioctl.c answers them. */
#include "uapi/termios.h"

struct file;

/* Starts input: the serial receive interrupt and the keyboard. Output
 * works before this. `serial_newline_as_crlf`: ttyS0 sends "\r\n" for "\n"
 * (off with the `serial=raw` boot option: tests compare bytes). */
void tty_init(int serial_newline_as_crlf);

/* A new open file on terminal `index`, or NULL (bad index, no memory). */
struct file *tty_open(int index, uint32_t flags);

/* "tty1".."tty4", "ttyS0"; NULL for an index out of range. */
const char *tty_name(int index);

/* Terminal `index`'s device number, Linux's: tty1..tty4 are (4, 1..4),
 * ttyS0 (4, 64), as (major << 8) | minor (stat's st_rdev). */
unsigned tty_device_number(int index);

/* One character typed on terminal `index`: edited, echoed, and possibly a
 * completed line (readers wake) or a signal for the foreground group.
 * Context: anywhere (the keyboard and serial interrupts call it). */
void tty_input(int index, char c);

/* Shows `length` bytes of program output on terminal `index`. Context:
 * anywhere; does not sleep. */
void tty_write(int index, const char *text, uint32_t length);

/* Called when Ctrl-C, Ctrl-\ or Ctrl-Z is typed on a terminal whose
 * foreground group is not 0, with that group and SIGINT, SIGQUIT or
 * SIGTSTP. Runs in the interrupt handler, interrupts off and task switches
 * postponed (lock_stuff): it must not sleep. Returns the hook it replaces
 * (NULL: none, the signals are lost). */
typedef void tty_signal_hook_function(int process_group, int signal);
tty_signal_hook_function *tty_set_signal_hook(tty_signal_hook_function *hook);

/* The terminal that session `session` has (tty_job_control.c: the one
 * TIOCSPGRP or TIOCSCTTY gave it, while a process of it lives): its
 * index, or -1. /dev/tty opens it. Context: a system call. */
int tty_of_session(int session);

/* The leader of session `session` has ended: every terminal of the
 * session belongs to none now, and its foreground group gets SIGHUP.
 * Context: kernel lock held (tty_job_control.c, at an exit). */
void tty_session_leader_exited(int session);

/* POSIX's two hang-ups at a process's end (_exit), which exit.c asks for
 * in two steps. First, before its children are handed on: the process
 * groups `leaving` keeps from being orphaned, into `groups` (room for
 * MAX_PROCESSES), and how many: its own, when its parent is in another
 * group of its session; its children's in other groups of its session.
 * Then, once it is a zombie:
 *  - each of those groups that is orphaned now and has a stopped member
 *    gets SIGHUP, then SIGCONT: nobody is left to continue it;
 *  - a session leader's end releases the terminals of its session, and
 *    their foreground groups get SIGHUP (tty_session_leader_exited), as
 *    Linux's controlling process's end does.
 * Context: the ending process's last thread. */
struct process;
int job_control_groups_held(const struct process *leaving, int *groups);
void job_control_process_ended(const struct process *ended, const int *groups, int count);

/* The foreground process group of terminal `index` (0: none yet). The
 * same as TIOCGPGRP / TIOCSPGRP, for kernel code. */
int tty_foreground_group(int index);
void tty_set_foreground_group(int index, int process_group);

#endif
