/* user/bin/kill.c - sending signals.
 *   kill [-SIGNAL] PID...   sends SIGNAL (default TERM) to each PID; a
 *   kill -s SIGNAL PID...   negative PID names a process group
 *                           (kill -- -5, kill -TERM -5)
 *   kill -l                 lists the signal names and numbers
 * SIGNAL is a name (INT, SIGINT), or a number (-2). */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signal_argument.h"

/* Prints how to call kill; returns the status for wrong usage. */
static int usage(void)
{
    fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID...   or   kill -l\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "-l") == 0) {
        list_signals();
        return 0;
    }
    int signal_number = SIGTERM;
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0) {
        i++;
    } else if (i + 1 < argc && strcmp(argv[i], "-s") == 0) {
        signal_number = signal_argument(argv[i + 1]);   /* -s INT, POSIX's form */
        if (signal_number < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[i + 1]);
            return 2;
        }
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && !isdigit((unsigned char)argv[i][1])) {
        signal_number = signal_argument(argv[i] + 1);   /* -INT, -SIGINT */
        if (signal_number < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[i] + 1);
            return 2;
        }
        i++;
    } else if (i < argc && argv[i][0] == '-' && i + 1 < argc) {
        signal_number = signal_argument(argv[i] + 1);   /* -9 followed by a pid */
        if (signal_number < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[i] + 1);
            return 2;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return usage();
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (argv[i][0] == '\0' || *end != '\0') {
            fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, signal_number) < 0) {
            fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
