/* user/bin/sh/execute.c - running what the parser built: one process per
 * command, pipes between them, one process group per job.
 *
 * `a | b | c` with job control (an interactive shell):
 *
 *        shell (its own group, owns the terminal between jobs)
 *          | fork x3, setpgid(child, first child's pid) in both processes
 *          v
 *   [ a ] --pipe 1--> [ b ] --pipe 2--> [ c ]     group = pid of a
 *   stdin: terminal   0: pipe 1 read    0: pipe 2 read
 *   1: pipe 1 write   1: pipe 2 write   1: terminal
 *
 * The shell gives the terminal to the group (tcsetpgrp), waits for the job
 * (jobs.c), and takes the terminal back. Each process sets its own group
 * too, because either the parent or the child may run first and the group
 * must exist before the child execs or the parent hands it the terminal.
 *
 * A builtin alone in the foreground (cd, exit) runs inside the shell: it
 * must change the shell itself. In a pipeline or with & it runs in a child
 * like any command. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define NULL_DEVICE "/dev/null"   /* stdin of background jobs without job control */
#define SHELL_PATH  "/bin/sh"     /* runs files that are not programs (scripts) */

/* The status of a finished process as $? shows it. */
int status_from_wait(int wait_status)
{
    if (WIFSIGNALED(wait_status))
        return STATUS_SIGNAL_BASE + WTERMSIG(wait_status);
    if (WIFSTOPPED(wait_status))
        return STATUS_SIGNAL_BASE + WSTOPSIG(wait_status);
    return WEXITSTATUS(wait_status);
}

/* In a new child: joins the job's group (a new one led by itself when
 * `process_group` is 0), for a foreground job takes the terminal, and puts
 * back the signal actions the interactive shell changed (signals.c). */
static void child_join_group(pid_t process_group, bool background)
{
    if (!shell.job_control)
        return;
    pid_t self = getpid();
    setpgid(0, process_group ? process_group : self);
    if (!background)
        tcsetpgrp(STDIN_FILENO, process_group ? process_group : self);   /* may fail: fine */
    signals_restore_defaults();            /* after tcsetpgrp, which SIGTTOU could stop */
}

/* A file that is not a program is a script, says POSIX: run it with
 * `/bin/sh FILE ARGS`. Returns only if the shell cannot be run. */
static void run_as_script(char **words)
{
    int count = 0;
    while (words[count])
        count++;
    char **argv = malloc((count + 2) * sizeof *argv);
    if (!argv)
        return;
    argv[0] = SHELL_NAME;
    memcpy(argv + 1, words, (count + 1) * sizeof *argv);
    execv(SHELL_PATH, argv);
    errno = ENOEXEC;                       /* report the script's problem, not ours */
}

/* In a new child: stdin from the previous pipe (or, for & without job
 * control, from /dev/null), stdout into the next pipe unless `next_pipe` is
 * NULL (the last command); every other pipe end closed. */
static void child_connect(int previous_read_end, const int *next_pipe, bool background)
{
    if (previous_read_end >= 0) {
        dup2(previous_read_end, STDIN_FILENO);
        close(previous_read_end);
    }
    if (background && !shell.job_control) {
        signals_ignore_in_background();
        int null = previous_read_end < 0 ? open(NULL_DEVICE, O_RDONLY) : -1;
        if (null >= 0 && null != STDIN_FILENO) {
            dup2(null, STDIN_FILENO);
            close(null);
        }
    }
    if (next_pipe) {
        close(next_pipe[0]);
        dup2(next_pipe[1], STDOUT_FILENO);
        close(next_pipe[1]);
    }
}

/* In a new child: runs the command (never returns). Pipe ends are already
 * on 0 and 1; here come the redirections, then the builtin or the program. */
static void child_run(const struct command *command, char **words)
{
    if (!words)
        _exit(1);                          /* too many words: the shell said so */
    if (redirections_apply(command, NULL) < 0)
        _exit(1);
    if (!words[0])
        _exit(0);                          /* only redirections: `> file` */
    builtin_function builtin = builtin_find(words[0]);
    if (builtin) {
        int count = 0;
        while (words[count])
            count++;
        int status = builtin(count, words);
        fflush(NULL);
        _exit(status);
    }
    execvp(words[0], words);
    if (errno == ENOEXEC && strchr(words[0], '/'))
        run_as_script(words);
    if (errno == ENOENT || errno == ENOTDIR) {
        if (strchr(words[0], '/'))
            fprintf(stderr, SHELL_NAME ": %s: No such file or directory\n", words[0]);
        else
            fprintf(stderr, SHELL_NAME ": %s: command not found\n", words[0]);
        _exit(STATUS_NOT_FOUND);
    }
    fprintf(stderr, SHELL_NAME ": %s: %s\n", words[0], strerror(errno));
    _exit(STATUS_CANNOT_RUN);
}

/* Runs a builtin inside the shell with its redirections; returns its status. */
static int run_builtin_here(builtin_function builtin, const struct command *command, char **words)
{
    struct saved_descriptors saved;
    fflush(NULL);
    int status = 1;
    if (redirections_apply(command, &saved) == 0) {
        int count = 0;
        while (words[count])
            count++;
        status = builtin(count, words);
    }
    redirections_restore(&saved);
    return status;
}

/* Forks the processes of `pipeline` into a new job, wiring the pipes.
 * Returns the job, or NULL if nothing could be started. */
static struct job *start_pipeline(const struct pipeline *pipeline, const char *text, bool background)
{
    struct job *job = job_create(text, background);
    if (!job)
        return NULL;
    int previous_read_end = -1;            /* where the next command's stdin comes from */
    for (int i = 0; i < pipeline->command_count; i++) {
        bool last = i == pipeline->command_count - 1;
        int pipe_ends[2] = { -1, -1 };
        if (!last && pipe(pipe_ends) < 0) {
            fprintf(stderr, SHELL_NAME ": pipe: %s\n", strerror(errno));
            break;
        }
        char **words = expand_words(pipeline->commands[i].words);
        fflush(NULL);                      /* or the child would write our buffered output again */
        pid_t pid = fork();
        if (pid == 0) {
            child_join_group(job->process_group, background);
            child_connect(previous_read_end, last ? NULL : pipe_ends, background);
            child_run(&pipeline->commands[i], words);
        }
        words_free(words);
        if (pid < 0) {
            fprintf(stderr, SHELL_NAME ": fork: %s\n", strerror(errno));
            if (!last) {
                close(pipe_ends[0]);
                close(pipe_ends[1]);
            }
            break;
        }
        job_add_process(job, pid);
        if (shell.job_control)
            setpgid(pid, job->process_group);   /* the same call as the child's: whoever is first */
        if (previous_read_end >= 0)
            close(previous_read_end);
        previous_read_end = last ? -1 : pipe_ends[0];
        if (!last)
            close(pipe_ends[1]);
    }
    if (previous_read_end >= 0)
        close(previous_read_end);
    return job;
}

/* Runs one pipeline; returns its status (0 for one sent to the background). */
static int run_pipeline(const struct pipeline *pipeline, const char *text, bool background)
{
    const struct command *first = &pipeline->commands[0];
    if (pipeline->command_count == 1 && !background && first->word_count > 0) {
        char **words = expand_words(first->words);
        if (!words)
            return 1;                      /* too many words: the message is out, nothing runs */
        builtin_function builtin = words[0] ? builtin_find(words[0]) : NULL;
        int status = 0;
        if (builtin)
            status = run_builtin_here(builtin, first, words);
        words_free(words);
        if (builtin)
            return status;
    }
    struct job *job = start_pipeline(pipeline, text, background);
    if (!job)
        return 1;
    if (job->process_count == 0) {          /* nothing started: fork failed at once */
        job_wait_in_foreground(job);
        return 1;
    }
    if (background) {
        shell.last_background = job->processes[job->process_count - 1].pid;
        if (shell.interactive)            /* bash's habit: the pid of the last process */
            fprintf(stderr, "[%d] %d\n", job->number, shell.last_background);
        return 0;
    }
    return job_wait_in_foreground(job);
}

/* Runs the pipelines of `list` in order, each as its && or || allows. */
static int run_and_or_list(const struct and_or_list *list)
{
    for (int i = 0; i < list->pipeline_count; i++) {
        const struct pipeline *pipeline = &list->pipelines[i];
        if (pipeline->condition == RUN_IF_SUCCESS && shell.last_status != 0)
            continue;                      /* skipping keeps $? as it is, as POSIX says */
        if (pipeline->condition == RUN_IF_FAILURE && shell.last_status == 0)
            continue;
        shell.last_status = run_pipeline(pipeline, pipeline->text, false);
    }
    return shell.last_status;
}

/* `a && b &`: the whole list runs in the background, in a copy of the
 * shell (a subshell) that is one job of one process. */
static int run_list_in_background(const struct and_or_list *list)
{
    if (list->pipeline_count == 1)
        return run_pipeline(&list->pipelines[0], list->text, true);
    struct job *job = job_create(list->text, true);
    if (!job)
        return 1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        child_join_group(0, true);
        if (!shell.job_control)
            child_connect(-1, NULL, true);  /* /dev/null, SIGINT ignored: as for `cmd &` */
        shell.interactive = false;         /* the subshell neither prompts nor controls jobs */
        shell.job_control = false;
        run_and_or_list(list);
        fflush(NULL);
        _exit(shell.last_status);
    }
    if (pid < 0) {
        fprintf(stderr, SHELL_NAME ": fork: %s\n", strerror(errno));
        job_wait_in_foreground(job);        /* removes the empty job */
        return 1;
    }
    job_add_process(job, pid);
    shell.last_background = pid;
    if (shell.job_control)
        setpgid(pid, pid);
    if (shell.interactive)
        fprintf(stderr, "[%d] %d\n", job->number, pid);
    return 0;
}

/* Runs every list of the line in order. */
int execute_command_line(const struct command_line *line)
{
    for (int i = 0; i < line->list_count; i++) {
        const struct and_or_list *list = &line->lists[i];
        if (list->background)
            shell.last_status = run_list_in_background(list);
        else
            run_and_or_list(list);
    }
    return shell.last_status;
}

/* Lexes, parses and runs one line; a syntax error sets $? to 2. */
int run_line(const char *line)
{
    struct token_list tokens;
    if (lex_line(line, &tokens) < 0)
        return shell.last_status = STATUS_USAGE;
    struct command_line parsed;
    int result = parse_tokens(line, &tokens, &parsed);
    token_list_free(&tokens);
    if (result < 0)
        return shell.last_status = STATUS_USAGE;
    execute_command_line(&parsed);
    command_line_free(&parsed);
    return shell.last_status;
}
