/* user/bin/sh/signals.c - the signals an interactive shell must not die of.
 *
 * With job control the terminal sends Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT)
 * and Ctrl-Z (SIGTSTP) to its foreground process group. While a job runs
 * that group is the job's, but at the prompt it is the shell's own: the
 * shell ignores them so that a stray Ctrl-C does not end it. It also
 * ignores SIGTTOU and SIGTTIN, which a terminal sends to a background
 * group that writes its settings or reads it: the shell calls tcsetpgrp
 * to take the terminal back after a job, at a moment when the job's group,
 * not the shell's, is the terminal's foreground.
 *
 * An ignored signal stays ignored across exec, so every child puts the
 * defaults back before it runs a program: `sleep 10` must die of Ctrl-C.
 *
 * Without job control (a script, sh -c) a command started with & shares
 * the shell's process group, which may be the terminal's foreground: POSIX
 * has it ignore SIGINT and SIGQUIT so that Ctrl-C, meant for the command
 * in the foreground, does not kill it too. */
#include <signal.h>

#include "sh.h"

static const int job_control_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

#define JOB_CONTROL_SIGNAL_COUNT ((int)(sizeof job_control_signals / sizeof job_control_signals[0]))

/* Called once by an interactive shell: ignores the job-control signals. */
void signals_ignore_job_control(void)
{
    for (int i = 0; i < JOB_CONTROL_SIGNAL_COUNT; i++)
        signal(job_control_signals[i], SIG_IGN);
}

/* Called in each child before it runs a command: default actions again. */
void signals_restore_defaults(void)
{
    for (int i = 0; i < JOB_CONTROL_SIGNAL_COUNT; i++)
        signal(job_control_signals[i], SIG_DFL);
}

/* In a child started with & by a shell without job control: ignores
 * SIGINT and SIGQUIT (inherited by the program it runs). */
void signals_ignore_in_background(void)
{
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
}
