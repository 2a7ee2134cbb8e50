/* user/bin/sh/sh.h - the shell's pieces and how they meet.
 *
 *   a line of text --lexer.c--> tokens --parser.c--> struct command_line
 *        --execute.c--> processes, pipes, redirections (redirect.c)
 *        --jobs.c-----> waiting, the job table, the terminal's foreground
 *
 * Words keep their quotes until a command is about to run, so that
 * `false; echo $?` sees the status of `false`, not of whatever ran before
 * the line was read. expand.c then removes them, replaces $? and $NAME,
 * splits what unquoted expansions gave at blanks, and has glob.c replace a
 * pattern (*.c) by the paths it matches. docs/shell.md draws the
 * structures and the processes. */
#ifndef USER_SH_SH_H
#define USER_SH_SH_H

#include <stdbool.h>
#include <sys/types.h>

#define SHELL_NAME          "sh"
#define STATUS_NOT_FOUND    127   /* the command does not exist */
#define STATUS_CANNOT_RUN   126   /* it exists but could not be executed */
#define STATUS_SIGNAL_BASE  128   /* a command killed by signal N has status 128+N */
#define STATUS_USAGE        2     /* a builtin used wrongly, a syntax error */
#define MAX_JOBS            32    /* jobs the table holds (running, stopped, finishing) */
#define MAX_WORDS           1024  /* arguments one command may expand to (splitting, globbing) */

/* ------------------------------------------------------------ shell state */

struct shell_state {
    int last_status;          /* $?: the status of the last pipeline */
    pid_t last_background;    /* $!: the last process started with & */
    bool interactive;         /* reading commands from a terminal: prompt, job reports */
    bool job_control;         /* each job gets a process group and the terminal */
    pid_t process_group;      /* the shell's own group, given the terminal back after a job */
    char **positional;        /* $0, $1, ...: the script's name and arguments */
    int positional_count;
};

extern struct shell_state shell;

/* --------------------------------------------------------------- tokens */

enum token_kind {
    TOKEN_WORD,               /* text, quotes still in it */
    TOKEN_PIPE,               /* | */
    TOKEN_AND_IF,             /* && */
    TOKEN_OR_IF,              /* || */
    TOKEN_BACKGROUND,         /* & */
    TOKEN_SEPARATOR,          /* ; or a newline */
    TOKEN_REDIRECT,           /* < > >> >& with an optional descriptor digit before */
    TOKEN_END,                /* the end of the line */
};

enum redirection_kind {
    REDIRECT_INPUT,           /* N<file    N defaults to 0 */
    REDIRECT_OUTPUT,          /* N>file    N defaults to 1; creates or truncates */
    REDIRECT_APPEND,          /* N>>file   creates, or appends */
    REDIRECT_DUPLICATE,       /* N>&M      N becomes a copy of descriptor M */
};

struct token {
    enum token_kind kind;
    char *word;                        /* TOKEN_WORD: the raw text, malloc'd */
    enum redirection_kind redirection; /* TOKEN_REDIRECT */
    int fd;                            /* TOKEN_REDIRECT: the descriptor it sets up */
    int start, end;                    /* where in the line: [start, end) */
};

struct token_list {
    struct token *tokens;
    int count;
};

/* Splits `line` into tokens ending with TOKEN_END. Returns 0, or -1 after
 * printing a syntax error (an unterminated quote). A `#` starting a word
 * begins a comment. */
int lex_line(const char *line, struct token_list *out);
void token_list_free(struct token_list *list);

/* -------------------------------------------------- the parsed structure */

struct redirection {
    enum redirection_kind kind;
    int fd;                   /* the descriptor the command will see changed */
    char *target;             /* raw word: a file name, or M of N>&M */
};

struct command {              /* one program and its arguments: ls -l > f */
    char **words;             /* raw words, NULL-terminated */
    int word_count;
    struct redirection *redirections;
    int redirection_count;
};

enum run_condition {
    RUN_ALWAYS,               /* the first pipeline of an and-or list */
    RUN_IF_SUCCESS,           /* after &&: only if the previous status is 0 */
    RUN_IF_FAILURE,           /* after ||: only if the previous status is not 0 */
};

struct pipeline {             /* a | b | c: commands joined by pipes */
    struct command *commands;
    int command_count;
    enum run_condition condition;
    char *text;               /* its source text, for job reports */
};

struct and_or_list {          /* p1 && p2 || p3, possibly run in the background */
    struct pipeline *pipelines;
    int pipeline_count;
    bool background;          /* ended by & */
    char *text;
};

struct command_line {         /* everything on one line: lists separated by ; or & */
    struct and_or_list *lists;
    int list_count;
};

/* Builds the structure of `line` from its tokens. Returns 0, or -1 after
 * printing "sh: syntax error near ..." (nothing then runs). */
int parse_tokens(const char *line, const struct token_list *tokens, struct command_line *out);
void command_line_free(struct command_line *line);

/* ------------------------------------------------------------ expansion */

/* A growing argv: `count` malloc'd strings, then NULL. */
struct word_list {
    char **words;
    int count;
    int capacity;             /* pointers `words` has room for, the NULL included */
};

/* Appends a copy of `word`. Returns false, adding nothing, when the list
 * already holds MAX_WORDS words. */
bool word_list_add(struct word_list *list, const char *word);

/* Returns a new argv (malloc'd, NULL-terminated) with each raw word's
 * quotes removed and $?, $$, $!, $#, $0..$9, $NAME, ${NAME} and a leading ~
 * replaced. What an unquoted expansion gives is split into words at blanks,
 * and one to nothing gives no word. A word with an unquoted * ? or [ is
 * replaced by the paths it matches (glob.c), if any. Returns NULL after a
 * message when that makes more than MAX_WORDS words. Free it with
 * words_free. */
char **expand_words(char *const raw_words[]);

/* Expands one raw word into a malloc'd string (for redirection targets):
 * no splitting, no globbing, so `> $FILE` names one file. */
char *expand_word(const char *raw_word);

void words_free(char **words);

/* ------------------------------------------------------------- globbing */

/* Adds the paths matching `pattern` to `list`, sorted; a `\` in the pattern
 * makes the next character literal. Returns how many it added (0: the
 * caller keeps the word as it is), or -1 when the list became full. */
int glob_expand(const char *pattern, struct word_list *list);

/* ------------------------------------------------------------ execution */

/* Parses and runs one line of input; returns the new $?. */
int run_line(const char *line);

/* Runs every list of `line` in order; returns the last status. */
int execute_command_line(const struct command_line *line);

/* The status a shell reports for a wait status: the exit code, or 128+N
 * when signal N killed the process. */
int status_from_wait(int wait_status);

/* ---------------------------------------------------------- redirections */

/* Descriptors a builtin's redirections replaced, to put back afterwards. */
struct saved_descriptors {
    int count;
    int fd[16];               /* the descriptor that was redirected */
    int copy[16];             /* a dup of what it named before, or -1 if it was closed */
};

/* Applies `command`'s redirections in this process, in order. With `saved`
 * (for a builtin running inside the shell), what they replace is kept so
 * redirections_restore can put it back. Returns 0, or -1 after printing
 * "sh: file: reason". */
int redirections_apply(const struct command *command, struct saved_descriptors *saved);
void redirections_restore(struct saved_descriptors *saved);

/* ------------------------------------------------------------- builtins */

typedef int (*builtin_function)(int argc, char **argv);

/* The function of builtin `name` (cd, exit, jobs, ...), or NULL. */
builtin_function builtin_find(const char *name);

/* Prints one line per builtin, how to call it and what it does (for help). */
void builtins_print_usage(void);

/* help [TOPIC]: the builtins, the syntax, and the programs in /bin by
 * group (help.c). */
int builtin_help(int argc, char **argv);

/* ----------------------------------------------------------------- jobs */

enum process_state { PROCESS_RUNNING, PROCESS_STOPPED, PROCESS_DONE };

struct job_process {
    pid_t pid;
    enum process_state state;
    int wait_status;          /* the last status waitpid gave for it */
};

struct job {
    int number;               /* %1, %2 ...: the slot in the table plus one */
    pid_t process_group;      /* with job control; else the shell's group */
    struct job_process *processes;
    int process_count;
    char *text;               /* the command as typed */
    bool background;          /* started with & (or put there with bg) */
    bool reported_stopped;    /* "Stopped" already said for this stop */
};

/* Takes a free slot for a new job running `text`; NULL (with a message)
 * when the table is full. */
struct job *job_create(const char *text, bool background);

/* Adds a started process to `job`; the first one names the group. */
void job_add_process(struct job *job, pid_t pid);

/* Gives `job` the terminal (with job control), waits until every process
 * of it has ended or one has stopped, and takes the terminal back. Returns
 * the job's status: its last process's, as status_from_wait gives it, or
 * 128+signal if it stopped. A job that ended is removed from the table. */
int job_wait_in_foreground(struct job *job);

/* Collects every child that changed state without waiting. */
void jobs_poll(void);

/* Prints "[N] Done  text" (or Exit N / Stopped) for background jobs that
 * changed since last time, and removes those that ended. */
void jobs_report_changes(void);

/* Prints the table as the jobs builtin shows it. */
void jobs_list(void);

/* The job named by `spec`: "%N" or "N"; "%%", "%+" or NULL for the most
 * recent background job; "%TEXT" for the one whose command starts with
 * TEXT. NULL if there is none. */
struct job *job_find(const char *spec);

/* kill on a job: sends `signal` to every process of `job` (its group,
 * with job control), and continues a stopped job after SIGTERM or SIGHUP
 * so that it can die of them. Returns 0, or -1 with errno as kill sets it. */
int job_kill(struct job *job, int signal);

/* Continues a stopped job (SIGCONT to its group) in the background. */
void job_continue_in_background(struct job *job);

/* Continues `job` in the foreground and waits for it; returns its status. */
int job_continue_in_foreground(struct job *job);

/* Waits for every background job to end or stop (wait without arguments). */
void jobs_wait_all(void);

/* Waits until `job` has ended or stopped; returns its status (wait %N). */
int job_wait(struct job *job);

/* Waits until process `pid` of some job has ended or stopped; returns its
 * status, or -1 when no job has that process (wait PID). */
int job_wait_for_process(pid_t pid);

/* Whether any job is stopped (exit warns about them). */
bool jobs_any_stopped(void);

/* -------------------------------------------------------------- signals */

/* An interactive shell ignores SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU. */
void signals_ignore_job_control(void);

/* In a child before exec: those signals get their default actions back. */
void signals_restore_defaults(void);

/* In a child of `cmd &` without job control: SIGINT and SIGQUIT ignored. */
void signals_ignore_in_background(void);

/* ---------------------------------------------------------------- input */

/* Reads one line from `fd` without its newline, into a malloc'd string.
 * Reads a byte at a time, so that what follows stays in the descriptor for
 * the commands the shell runs. Returns NULL at end of input. */
char *read_line(int fd);

#endif
