/* kernel/drivers/tty_internal.h - a terminal's record, shared by tty.c
 * (input, output, read and write) and tty_ioctl.c (its settings). Nothing
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
};

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
