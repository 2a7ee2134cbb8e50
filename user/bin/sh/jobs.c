/* user/bin/sh/jobs.c - the job table: every pipeline the shell started and has
 * not yet seen end, with the state of each of its processes.
 *
 *   table[0] -> job %1 "sleep 5 &"        sleep: RUNNING
 *   table[1] -> job %2 "cat | wc" (fg)    cat: DONE, wc: RUNNING
 *   table[2] -> NULL
 *
 * One waitpid(-1, ..., WUNTRACED) serves every job: whichever child changed,
 * its process is found in the table and its state recorded. Waiting for the
 * foreground job loops on it until that job has ended or stopped; a
 * background job that ends meanwhile is recorded too and reported as
 * "[N] Done" before the next prompt. A stopped job (Ctrl-Z, once signals
 * exist) stays in the table until fg or bg continues it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

static struct job *table[MAX_JOBS];   /* job number N lives in table[N - 1] */

/* Takes the lowest free slot for a job running `text`. */
struct job *job_create(const char *text, bool background)
{
    for (int i = 0; i < MAX_JOBS; i++) {
        if (table[i])
            continue;
        struct job *job = calloc(1, sizeof *job);
        if (!job)
            break;
        job->number = i + 1;
        job->process_group = shell.job_control ? 0 : shell.process_group;
        job->text = strdup(text);
        job->background = background;
        table[i] = job;
        return job;
    }
    fprintf(stderr, SHELL_NAME ": too many jobs\n");
    return NULL;
}

/* Adds a started process; with job control the first one leads the group. */
void job_add_process(struct job *job, pid_t pid)
{
    struct job_process *grown = realloc(job->processes, (job->process_count + 1) * sizeof *grown);
    if (!grown) {
        fprintf(stderr, SHELL_NAME ": out of memory\n");
        exit(STATUS_USAGE);
    }
    job->processes = grown;
    job->processes[job->process_count++] = (struct job_process){ .pid = pid, .state = PROCESS_RUNNING };
    if (shell.job_control && job->process_group == 0)
        job->process_group = pid;
}

/* Takes `job` out of the table and frees it. */
static void job_remove(struct job *job)
{
    table[job->number - 1] = NULL;
    free(job->processes);
    free(job->text);
    free(job);
}

/* Done: every process of the job has ended. */
static bool job_is_done(const struct job *job)
{
    for (int i = 0; i < job->process_count; i++)
        if (job->processes[i].state != PROCESS_DONE)
            return false;
    return true;
}

/* Stopped: not done, and none of its processes is running. */
static bool job_is_stopped(const struct job *job)
{
    bool any_stopped = false;
    for (int i = 0; i < job->process_count; i++) {
        if (job->processes[i].state == PROCESS_RUNNING)
            return false;
        any_stopped |= job->processes[i].state == PROCESS_STOPPED;
    }
    return any_stopped;
}

/* The job's status: its last process's, or 128+signal of one that stopped. */
static int job_status(const struct job *job)
{
    for (int i = 0; i < job->process_count; i++)
        if (job->processes[i].state == PROCESS_STOPPED)
            return status_from_wait(job->processes[i].wait_status);
    if (job->process_count == 0)
        return 1;                          /* nothing could be started */
    return status_from_wait(job->processes[job->process_count - 1].wait_status);
}

/* Records what waitpid said about `pid`, in whichever job it belongs to. */
static void record_status(pid_t pid, int wait_status)
{
    for (int j = 0; j < MAX_JOBS; j++) {
        struct job *job = table[j];
        for (int i = 0; job && i < job->process_count; i++) {
            if (job->processes[i].pid != pid)
                continue;
            job->processes[i].wait_status = wait_status;
            if (WIFSTOPPED(wait_status)) {
                job->processes[i].state = PROCESS_STOPPED;
                job->reported_stopped = false;
            } else {
                job->processes[i].state = PROCESS_DONE;
            }
            return;
        }
    }
}

/* How a process ended, in words: NULL for a normal exit with status 0.
 * A signal is named by its description (strsignal: "Terminated", "Quit",
 * "Segmentation fault"), the same words whether the job ran in the
 * foreground or the background, as bash names them. */
static const char *describe_end(int wait_status, char *buffer, size_t size)
{
    if (WIFSTOPPED(wait_status))
        return "Stopped";
    if (WIFSIGNALED(wait_status))
        return strsignal(WTERMSIG(wait_status));
    if (WEXITSTATUS(wait_status) != 0) {
        snprintf(buffer, size, "Exit %d", WEXITSTATUS(wait_status));
        return buffer;
    }
    return NULL;
}

/* The state word the jobs builtin and the reports show for `job`. */
static const char *job_state_text(const struct job *job, char *buffer, size_t size)
{
    if (job_is_stopped(job))
        return "Stopped";
    if (!job_is_done(job))
        return "Running";
    const char *end = job->process_count > 0
        ? describe_end(job->processes[job->process_count - 1].wait_status, buffer, size) : NULL;
    return end ? end : "Done";
}

/* Prints "[N] State  text" on `stream`. */
static void print_job(FILE *stream, const struct job *job)
{
    char buffer[32];
    fprintf(stream, "[%d] %s  %s%s\n", job->number, job_state_text(job, buffer, sizeof buffer),
            job->text, job->background && !job_is_done(job) && !job_is_stopped(job) ? " &" : "");
    fflush(stream);
}

/* Waits until some child changes (ends, or stops) and records it. When
 * waitpid says there are no children left, every job is marked as ended:
 * they are gone without a word, and nobody must wait for them forever. A
 * signal that interrupts the wait just ends this step. */
static void wait_for_a_change(void)
{
    int wait_status;
    pid_t pid = waitpid(-1, &wait_status, WUNTRACED);
    if (pid > 0) {
        record_status(pid, wait_status);
    } else if (errno == ECHILD) {
        for (int j = 0; j < MAX_JOBS; j++)
            for (int i = 0; table[j] && i < table[j]->process_count; i++)
                table[j]->processes[i].state = PROCESS_DONE;
    }
}

/* Waits for the foreground job to end or stop; see sh.h. */
int job_wait_in_foreground(struct job *job)
{
    if (shell.job_control && job->process_group > 0)
        tcsetpgrp(STDIN_FILENO, job->process_group);   /* fails harmlessly until it exists */
    while (!job_is_done(job) && !job_is_stopped(job))
        wait_for_a_change();
    if (shell.job_control)
        tcsetpgrp(STDIN_FILENO, shell.process_group);
    int status = job_status(job);
    if (job_is_stopped(job)) {
        job->background = true;            /* it is no longer the foreground */
        job->reported_stopped = true;
        fprintf(stderr, "\n");
        print_job(stderr, job);
        return status;
    }
    if (job->process_count > 0) {
        int last = job->processes[job->process_count - 1].wait_status;
        char buffer[32];
        if (WIFSIGNALED(last) && WTERMSIG(last) != SIGINT && WTERMSIG(last) != SIGPIPE)
            fprintf(stderr, "%s\n", describe_end(last, buffer, sizeof buffer));
    }
    job_remove(job);
    return status;
}

/* Records every child that changed state, without waiting. */
void jobs_poll(void)
{
    int wait_status;
    pid_t pid;
    while ((pid = waitpid(-1, &wait_status, WNOHANG | WUNTRACED)) > 0)
        record_status(pid, wait_status);
}

/* Reports background jobs that ended or stopped since last time. */
void jobs_report_changes(void)
{
    for (int j = 0; j < MAX_JOBS; j++) {
        struct job *job = table[j];
        if (!job)
            continue;
        if (job_is_done(job)) {
            if (shell.interactive)
                print_job(stderr, job);
            job_remove(job);
        } else if (job_is_stopped(job) && !job->reported_stopped) {
            job->reported_stopped = true;
            print_job(stderr, job);
        }
    }
}

/* The jobs builtin: every job, and forgets those it reported as done. */
void jobs_list(void)
{
    jobs_poll();
    for (int j = 0; j < MAX_JOBS; j++) {
        struct job *job = table[j];
        if (!job || !job->background)
            continue;
        print_job(stdout, job);
        if (job_is_done(job))
            job_remove(job);
        else if (job_is_stopped(job))
            job->reported_stopped = true;
    }
}

/* The job a job spec names, as bash reads them: "%N" (or "N") job N;
 * "%%", "%+" or NULL the most recent background job; "%TEXT" the one job
 * whose command starts with TEXT. NULL when there is none (or TEXT fits
 * several). */
struct job *job_find(const char *spec)
{
    if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0) {
        for (int j = MAX_JOBS - 1; j >= 0; j--)
            if (table[j] && table[j]->background)
                return table[j];
        return NULL;
    }
    bool percent = spec[0] == '%';
    if (percent)
        spec++;
    char *end;
    long number = strtol(spec, &end, 10);
    if (*spec != '\0' && *end == '\0')
        return number >= 1 && number <= MAX_JOBS ? table[number - 1] : NULL;
    struct job *found = NULL;
    for (int j = 0; j < MAX_JOBS && percent && *spec; j++) {
        if (!table[j] || strncmp(table[j]->text, spec, strlen(spec)) != 0)
            continue;
        if (found)
            return NULL;                   /* ambiguous */
        found = table[j];
    }
    return found;
}

/* Sends `signal` to the job: to its process group with job control, else
 * (its processes share the shell's group) to each process still running. */
static int job_signal(struct job *job, int signal)
{
    if (shell.job_control && job->process_group > 0)
        return kill(-job->process_group, signal);
    int result = 0;
    for (int i = 0; i < job->process_count; i++)
        if (job->processes[i].state != PROCESS_DONE && kill(job->processes[i].pid, signal) < 0)
            result = -1;
    return result;
}

/* Sends SIGCONT to the job and marks its stopped processes running. */
static void job_send_continue(struct job *job)
{
    job_signal(job, SIGCONT);
    for (int i = 0; i < job->process_count; i++)
        if (job->processes[i].state == PROCESS_STOPPED)
            job->processes[i].state = PROCESS_RUNNING;
    job->reported_stopped = false;
}

/* kill on a job: sends `signal`; a stopped job is continued after SIGTERM
 * or SIGHUP, which it would otherwise only get once continued (bash does
 * the same). */
int job_kill(struct job *job, int signal)
{
    if (job_signal(job, signal) < 0)
        return -1;
    if (job_is_stopped(job) && (signal == SIGTERM || signal == SIGHUP))
        job_send_continue(job);
    return 0;
}

/* bg: continues a stopped job in the background. */
void job_continue_in_background(struct job *job)
{
    job->background = true;
    job_send_continue(job);
    printf("[%d] %s &\n", job->number, job->text);
    fflush(stdout);
}

/* fg: gives the job the terminal, continues it, and waits for it. */
int job_continue_in_foreground(struct job *job)
{
    printf("%s\n", job->text);
    fflush(stdout);
    job->background = false;
    if (shell.job_control && job->process_group > 0)
        tcsetpgrp(STDIN_FILENO, job->process_group);   /* the terminal first, then SIGCONT */
    job_send_continue(job);
    return job_wait_in_foreground(job);
}

/* The wait builtin without arguments: waits until every background job
 * has ended (or stopped). */
void jobs_wait_all(void)
{
    for (;;) {
        bool any_running = false;
        for (int j = 0; j < MAX_JOBS; j++)
            if (table[j] && !job_is_done(table[j]) && !job_is_stopped(table[j]))
                any_running = true;
        if (!any_running)
            return;
        wait_for_a_change();
    }
}

/* wait %N: waits until `job` has ended or stopped; returns its status. It
 * stays in the table, to be reported as done before the next prompt. */
int job_wait(struct job *job)
{
    while (!job_is_done(job) && !job_is_stopped(job))
        wait_for_a_change();
    return job_status(job);
}

/* wait PID: waits until the process `pid` of some job has ended or
 * stopped; returns its status, or -1 if no job has it. */
int job_wait_for_process(pid_t pid)
{
    for (int j = 0; j < MAX_JOBS; j++) {
        for (int i = 0; table[j] && i < table[j]->process_count; i++) {
            struct job_process *process = &table[j]->processes[i];
            if (process->pid != pid)
                continue;
            while (process->state == PROCESS_RUNNING)
                wait_for_a_change();
            return status_from_wait(process->wait_status);
        }
    }
    return -1;
}

/* Whether some job is stopped. */
bool jobs_any_stopped(void)
{
    for (int j = 0; j < MAX_JOBS; j++)
        if (table[j] && job_is_stopped(table[j]))
            return true;
    return false;
}
