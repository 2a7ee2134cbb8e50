/* kernel/drivers/tty_internal.h - a terminal's record, shared by tty.c
 * (input, output, read and write), tty_ioctl.c (its settings),
 * tty_job_control.c and pty.c (the pseudoterminals' slaves). Nothing
 * else includes it: the rest of the kernel uses tty.h. */
#ifndef KERNEL_DRIVERS_TTY_INTERNAL_H
#define KERNEL_DRIVERS_TTY_INTERNAL_H

#include "line_discipline.h"
#include "sched/wait_queue.h"
#include "uapi/termios.h"

struct tty {
    const char *name;
    int index;
    struct line_discipline discipline;   /* holds the settings (struct termios) too */
    struct wait_queue readers;     /* tasks in read() waiting for input */
    struct wait_queue writers;     /* tasks in write() waiting while output is stopped (TCOOFF) */
    int output_stopped;            /* tcflow(TCOOFF) until TCOON: programs' writes wait */
    int foreground_group;          /* gets Ctrl-C's SIGINT; 0: none yet */
    int session;                   /* the session TIOCSPGRP chose the group in: whose the
                                    * terminal is while a process of it lives (tty_job_control.c) */
    struct winsize window;         /* TIOCGWINSZ / TIOCSWINSZ */
    void (*output_char)(struct tty *tty, char c);   /* the device: no processing */
    /* A pseudoterminal's slave only (pty.c; index TTY_COUNT and up): */
    struct wait_queue input_room;  /* master writers waiting for a reader to drain the queue */
    int opens;                     /* open files on it */
    int hung_up;                   /* the master closed: reads see end of file, writes EIO */
};

/* Sets up a terminal that is not one of the five fixed ones (a
 * pseudoterminal's slave): `name` ("pts/3"), `index`, its output, Linux's
 * default settings, a window of 0 x 0. */
void tty_init_terminal(struct tty *tty, const char *name, int index, void (*output_char)(struct tty *, char));

/* ioctl(2) on terminal `tty` itself, without the job-control check that
 * a call on its own file makes first: a pseudoterminal's master passes
 * its slave's settings and window through here. */
int tty_terminal_ioctl(struct tty *tty, uint32_t request, uint32_t argument);

/* Shows one byte on `tty`, after output processing (OPOST: ONLCR, OCRNL).
 * Context: anywhere; does not sleep. */
void tty_output_processed(struct tty *tty, char c);

/* Hands `signal` to the foreground group of `tty` through the signal hook,
 * if there is a group. Context: interrupts off (lock_stuff held). */
void tty_signal_foreground(struct tty *tty, int signal);

/* ioctl(2) on a terminal's open file (tty_ioctl.c). */
struct file;
int tty_ioctl(struct file *file, uint32_t request, uint32_t argument);

#endif
