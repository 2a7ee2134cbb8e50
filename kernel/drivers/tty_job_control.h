/* kernel/drivers/tty_job_control.h - who may use a terminal shared by a
 * shell's jobs (tty_job_control.c says the rules). Context for each: a
 * system call; each takes the kernel lock itself; none sleeps. */
#ifndef KERNEL_DRIVERS_TTY_JOB_CONTROL_H
#define KERNEL_DRIVERS_TTY_JOB_CONTROL_H

#include "tty_internal.h"

/* The session the terminal belongs to (the one TIOCSPGRP chose its
 * foreground group in), or 0: none yet, or no process of it lives. */
int tty_session(const struct tty *tty);

/* May the running process type into `tty` (TIOCSTI) or choose its
 * foreground group: 0 (root, the terminal's session, or a terminal of no
 * session), or -EPERM. */
int tty_may_control(const struct tty *tty);

/* Is `tty` the running process's terminal, what Linux calls its
 * controlling terminal: the terminal belongs to the caller's session.
 * 0, or -ENOTTY (another session's, or none's), Linux's answer to
 * TIOCGPGRP and TIOCGSID on a terminal that is not the caller's. */
int tty_is_callers(const struct tty *tty);

/* TIOCSPGRP: makes `group` the foreground group of `tty`. 0, -EINVAL (not
 * above 0), -ENOTTY (tty_may_control refuses), -ESRCH (no such group) or
 * -EPERM (a group of another session). */
int tty_choose_foreground_group(struct tty *tty, int group);

/* TIOCSCTTY: the caller, the leader of its session, takes the terminal
 * for that session, its own group in the foreground: what Linux calls
 * making it the controlling terminal (pty_fork does it after setsid).
 * EPERM for a process that leads no session, or while a live session
 * other than the caller's has the terminal, unless `steal` and root
 * (Linux's TIOCSCTTY 1 with CAP_SYS_ADMIN). */
int tty_take_for_session(struct tty *tty, int steal);

/* Before a read (`signal` SIGTTIN) or a write under TOSTOP or a change of
 * the terminal (SIGTTOU) by the running process: 0 to go on; -EIO; or
 * -ERESTARTSYS once `signal` is sent to the caller's group, a background
 * job of the terminal's session. */
int tty_job_control_check(const struct tty *tty, int signal);

#endif
