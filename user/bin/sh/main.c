/* user/bin/sh/main.c - the shell's main loop: where commands come from.
 *
 *   sh                        reads commands from stdin; on a terminal it
 *                             prompts with "$ " and controls jobs
 *   sh -c 'LINE' [NAME ARGS]  runs LINE ($0 = NAME, $1... = ARGS) and exits
 *   sh FILE [ARGS]            runs FILE line by line ($0 = FILE)
 *
 * Each line is read whole, then lexed, parsed and run (execute.c) before
 * the next one is read. The exit status is that of the last command. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define PROMPT              "$ "
#define FIRST_LINE_CAPACITY 128

struct shell_state shell;

/* Reads one line a byte at a time (see sh.h); NULL at end of input. */
char *read_line(int fd)
{
    size_t length = 0, capacity = FIRST_LINE_CAPACITY;
    char *line = malloc(capacity);
    if (!line)
        return NULL;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;                      /* a signal came while we waited: read on */
        if (got <= 0) {
            if (length == 0) {
                free(line);
                return NULL;
            }
            break;                         /* a last line without a newline */
        }
        if (c == '\n')
            break;
        if (length + 1 == capacity) {
            char *grown = realloc(line, capacity * 2);
            if (!grown)
                break;
            line = grown;
            capacity *= 2;
        }
        line[length++] = c;
    }
    line[length] = '\0';
    return line;
}

/* Runs every line read from `fd`; with `prompt`, reports jobs and prompts
 * before each. Returns the last status. */
static int run_lines_from(int fd, bool prompt)
{
    for (;;) {
        if (prompt) {
            jobs_poll();
            jobs_report_changes();
            fputs(PROMPT, stderr);
        }
        char *line = read_line(fd);
        if (!line)
            break;
        run_line(line);
        free(line);
    }
    if (prompt)
        fputs("\n", stderr);               /* Ctrl-D left the cursor after the prompt */
    return shell.last_status;
}

/* An interactive shell leads its own process group and owns the terminal;
 * each job gets a group of its own (execute.c). */
static void start_job_control(void)
{
    if (shell.job_control) {
        signals_ignore_job_control();
        setpgid(0, 0);
        tcsetpgrp(STDIN_FILENO, getpgrp());   /* fails harmlessly until the kernel has it */
    }
    shell.process_group = getpgrp();
}

/* sh FILE [ARGS]: runs the script; 127 if it cannot be opened. */
static int run_script(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, SHELL_NAME ": %s: %s\n", path, strerror(errno));
        return STATUS_NOT_FOUND;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);        /* the commands it runs need not see it */
    int status = run_lines_from(fd, false);
    close(fd);
    return status;
}

/* Prints how to call the shell and exits with status 2. */
static void usage(void)
{
    fprintf(stderr, "usage: " SHELL_NAME " [-c COMMANDS [NAME [ARG...]]] [FILE [ARG...]]\n");
    exit(STATUS_USAGE);
}

int main(int argc, char **argv)
{
    shell.positional = argv;
    shell.positional_count = argc > 0 ? 1 : 0;
    if (argc > 1 && strcmp(argv[1], "-c") == 0) {
        if (argc < 3)
            usage();
        shell.positional = argv + 3;       /* $0 is NAME if given */
        shell.positional_count = argc - 3;
        if (shell.positional_count == 0) {
            shell.positional = argv;
            shell.positional_count = 1;
        }
        start_job_control();
        run_line(argv[2]);
        fflush(NULL);
        return shell.last_status;
    }
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
        usage();
    if (argc > 1) {
        shell.positional = argv + 1;
        shell.positional_count = argc - 1;
        start_job_control();
        int status = run_script(argv[1]);
        fflush(NULL);
        return status;
    }
    shell.interactive = isatty(STDIN_FILENO);
    shell.job_control = shell.interactive;
    start_job_control();
    return run_lines_from(STDIN_FILENO, shell.interactive);
}
