/* tests/boot/boot_wait.h - helpers of the boot tests whose processes wait
 * for each other: what ps shows about a process (kinfo(KINFO_PROCESSES)),
 * waiting until a child is blocked for a given reason, how children ended,
 * what ps and ipcs print, signal handlers that count or cut a wait short,
 * and the small message helpers of the msg_ and mbox_ tests.
 * Everything here is static inline: a test uses what it needs. */
#ifndef TESTS_BOOT_BOOT_WAIT_H
#define TESTS_BOOT_BOOT_WAIT_H

#include <ipc.h>
#include <signal.h>

#include "boot_test.h"

/* ---- what ps shows about a process -------------------------------------- */

/* What the kernel shows about `pid` (as ps does) in *out, all zero when
 * there is no such process; 1 if there is. */
static inline int process_info(pid_t pid, struct kinfo_process *out)
{
    static struct kinfo_process table[64];
    memset(out, 0, sizeof *out);
    int count = kinfo(KINFO_PROCESSES, table, sizeof table) / (int)sizeof table[0];
    for (int i = 0; i < count; i++)
        if (table[i].pid == pid) {
            *out = table[i];
            out->wait_reason[sizeof out->wait_reason - 1] = 0;
            return 1;
        }
    return 0;
}

/* How a wait reason must match the one a test names: all of it ("pipe
 * read"), its start ("msg_recv" for "msg_recv from 7"), or a part of it
 * ("futex"). */
enum reason_match { REASON_IS, REASON_STARTS_WITH, REASON_CONTAINS };

/* Is `pid` blocked (state 'B') with a wait reason that matches `reason`? */
static inline int is_blocked_matching(pid_t pid, const char *reason, enum reason_match match)
{
    struct kinfo_process info;
    if (!process_info(pid, &info) || info.state != 'B')
        return 0;
    switch (match) {
    case REASON_IS: return !strcmp(info.wait_reason, reason);
    case REASON_STARTS_WITH: return !strncmp(info.wait_reason, reason, strlen(reason));
    case REASON_CONTAINS: return strstr(info.wait_reason, reason) != NULL;
    }
    return 0;
}

/* Asks is_blocked_matching up to `tries` times, `step_us` apart, until it
 * holds; 0 if it never did. */
static inline int wait_until_blocked_matching(pid_t pid, const char *reason, enum reason_match match, int tries,
                                              unsigned step_us)
{
    for (int attempt = 0; attempt < tries; attempt++) {
        if (is_blocked_matching(pid, reason, match))
            return 1;
        usleep(step_us);
    }
    return 0;
}

/* Is `pid` blocked for exactly `reason` ("pipe read", "msgrcv")? */
static inline int is_blocked(pid_t pid, const char *reason)
{
    return is_blocked_matching(pid, reason, REASON_IS);
}

/* Waits (up to 2 s) until `pid` is blocked for exactly `reason`. */
static inline int wait_until_blocked(pid_t pid, const char *reason)
{
    return wait_until_blocked_matching(pid, reason, REASON_IS, 2000, 1000);
}

/* Is `pid` blocked with a wait reason that starts with `prefix` (the
 * message calls add who they wait for: "msg_recv from 7")? */
static inline int is_blocked_with_prefix(pid_t pid, const char *prefix)
{
    return is_blocked_matching(pid, prefix, REASON_STARTS_WITH);
}

/* Waits (up to 2 s) until `pid` is blocked with a wait reason that starts
 * with `prefix`. */
static inline int wait_until_blocked_with_prefix(pid_t pid, const char *prefix)
{
    return wait_until_blocked_matching(pid, prefix, REASON_STARTS_WITH, 2000, 1000);
}

/* Is `pid` blocked in the kernel on a futex (a POSIX semaphore's wait)? */
static inline int is_blocked_on_a_futex(pid_t pid)
{
    return is_blocked_matching(pid, "futex", REASON_CONTAINS);
}

/* Waits up to a second (every 2 ms) until `pid` is blocked on a futex. */
static inline int wait_until_blocked_on_a_futex(pid_t pid)
{
    return wait_until_blocked_matching(pid, "futex", REASON_CONTAINS, 500, 2000);
}

/* Waits (up to 2 s) until `pid` blocks in a read of the terminal, and
 * stores the kernel's name for that wait in `reason` ("console read" or
 * "tty read", depending on the terminal driver). */
static inline int wait_until_reading_terminal(pid_t pid, char reason[32])
{
    struct kinfo_process info;
    for (int attempt = 0; attempt < 2000; attempt++) {
        if (process_info(pid, &info) && info.state == 'B' && strstr(info.wait_reason, "read")) {
            snprintf(reason, 32, "%s", info.wait_reason);
            return 1;
        }
        usleep(1000);
    }
    return 0;
}

/* Stops `child`, which waits for exactly `reason`, and continues it:
 * waitpid must report the stop, and afterwards the child must wait for
 * `reason` again (a stop and a continue run no handler). */
static inline void stop_and_continue_waiter(pid_t child, const char *reason)
{
    kill(child, SIGSTOP);
    int stop_status;
    CHECK_EQ(child, waitpid(child, &stop_status, WUNTRACED), "waitpid WUNTRACED");
    CHECK(WIFSTOPPED(stop_status), "the child did not stop: status 0x%x", stop_status);
    kill(child, SIGCONT);
    CHECK(wait_until_blocked(child, reason), "after SIGCONT the child does not wait in %s again", reason);
}

/* Polls `condition` for up to 2 s; true once it holds. */
#define WAIT_UNTIL(condition)                                              \
    ({                                                                     \
        int held_ = 0;                                                     \
        for (int try_ = 0; try_ < 2000 && !(held_ = (condition)); try_++) \
            usleep(1000);                                                  \
        held_;                                                             \
    })

/* ---- how children ended ------------------------------------------------- */

/* A child's exit code, or -1 when it did not exit (a signal ended it). */
static inline int exit_code(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Waits for `child` and checks that it exited 0 (a child exits with the
 * count of its failed checks, or a code that says what went wrong). */
static inline void expect_child_success(pid_t child, const char *what)
{
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected the child to exit 0, got status 0x%x (exit %d)", what, status, exit_code(status));
}

/* Like expect_child_success, and checks that waitpid returned `child`. */
static inline void expect_child_ok(pid_t child, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected the child to exit 0, got status 0x%x (exit %d)", what, status, exit_code(status));
}

/* Waits for `count` children, whichever ends first, and checks that each
 * exited 0; `who` names them in a failure ("child", "waiter"). */
static inline void expect_children_ok(int count, const char *who)
{
    for (int i = 0; i < count; i++) {
        int status = 0;
        pid_t done = wait(&status);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %d ended with 0x%x", who, done, status);
    }
}

/* ---- what ps and ipcs print --------------------------------------------- */

/* Starts argv[0] with `argv`, its output into a new pipe; returns the
 * pipe's read end, and the child in *child. */
static inline int start_capturing(char *const argv[], pid_t *child)
{
    int fds[2];
    pipe(fds);
    fflush(stdout);
    *child = fork();
    if (*child == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    return fds[0];
}

/* Reads what a program start_capturing started wrote, from `fd` until end
 * of file, into `buffer` (NUL-terminated), then reaps `child`; returns its
 * wait status. */
static inline int finish_capturing(int fd, pid_t child, char *buffer, int size)
{
    int used = 0, n;
    while (used < size - 1 && (n = read(fd, buffer + used, size - 1 - used)) > 0)
        used += n;
    buffer[used] = 0;
    close(fd);
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

/* Runs argv[0] with `argv`, its output into `buffer` (NUL-terminated);
 * returns its wait status. */
static inline int run_capturing(char *const argv[], char *buffer, int size)
{
    pid_t child;
    int fd = start_capturing(argv, &child);
    return finish_capturing(fd, child, buffer, size);
}

/* Runs `program` (no arguments) with its output into `buffer`. */
static inline void capture(const char *program, char *buffer, int size)
{
    char *argv[] = { (char *)program, NULL };
    run_capturing(argv, buffer, size);
}

/* The line of `output` whose first field is `first`, and whose second is
 * `second` unless that is NULL; "" if there is none. */
static inline const char *line_with(const char *output, const char *first, const char *second)
{
    static char line[256];
    char a[64], b[64];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        int fields = sscanf(line, "%63s %63s", a, b);
        if (fields >= 1 && !strcmp(a, first) && (!second || (fields == 2 && !strcmp(b, second))))
            return line;
        p = end ? end + 1 : p + length;
    }
    return "";
}

/* The line of `output` whose first field is `first`. */
static inline const char *line_starting(const char *output, const char *first)
{
    return line_with(output, first, NULL);
}

/* The line of ps `output` about process `pid`. */
static inline const char *ps_line_of(const char *output, pid_t pid)
{
    char pid_text[16];
    snprintf(pid_text, sizeof pid_text, "%d", pid);
    return line_starting(output, pid_text);
}

/* The numbers of an ipcs line after its kind and name. */
struct ipcs_numbers {
    int owner, count;
    char capacity[16];
    int senders_waiting, receivers_waiting;
};

/* Reads an ipcs `line` into *numbers; 1 if it had them all. */
static inline int ipcs_numbers_of(const char *line, struct ipcs_numbers *numbers)
{
    return sscanf(line, "%*s %*s %d %d %15s %d %d", &numbers->owner, &numbers->count, numbers->capacity,
                  &numbers->senders_waiting, &numbers->receivers_waiting) == 5;
}

/* ---- signal handlers ---------------------------------------------------- */

/* How many times a counting handler (count_signal, or a test's own) ran. */
static volatile sig_atomic_t handled __attribute__((unused));

/* A handler that only counts the signals it gets, in `handled`. */
static inline void count_signal(int signal)
{
    (void)signal;
    handled++;
}

/* Installs `handler` for `signal` by sigaction with `flags` (0,
 * SA_RESTART, ...) and an empty mask; returns what sigaction returned. */
static inline int install_handler(int signal, void (*handler)(int), int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    return sigaction(signal, &action, NULL);
}

/* Counts SIGUSR1 in `handled`, installed with `flags`: 0 or SA_RESTART. */
static inline void count_sigusr1(int flags)
{
    install_handler(SIGUSR1, count_signal, flags);
}

/* Counts SIGUSR1 in `handled`, under SA_RESTART either way: installed by
 * signal() (BSD semantics) if `by_signal_function`, else by sigaction. */
static inline void count_sigusr1_restarting(int by_signal_function)
{
    if (by_signal_function)
        signal(SIGUSR1, count_signal);
    else
        count_sigusr1(SA_RESTART);
}

/* In a child: the interrupted call's `result` must be -1 with EINTR, after
 * exactly one handler ran. */
static inline void check_eintr_after_one_handler(int result, const char *what)
{
    int error = errno;
    CHECK_EQ(1, handled, "handlers that ran");
    CHECK(result == -1 && error == EINTR, "%s: expected -1 with EINTR, got %d (%s)", what, result,
          result == -1 ? strerror(error) : "no error");
}

/* A SIGALRM handler that does nothing: the wait it interrupts ends with EINTR. */
static inline void on_alarm(int signal)
{
    (void)signal;
}

/* Any call still waiting after `seconds` fails with EINTR. */
static inline void guard(unsigned seconds)
{
    install_handler(SIGALRM, on_alarm, 0);
    alarm(seconds);
}

/* ---- messages and mailboxes --------------------------------------------- */

/* `m` cleared, with `type` and the text (its NUL included) as its body. */
static inline void set_text(struct message *m, int type, const char *text)
{
    memset(m, 0, sizeof *m);
    m->type = type;
    m->len = strlen(text) + 1;
    memcpy(m->body, text, m->len);
}

/* The mailbox's numbers now; every one is 99, which no test expects, if
 * mbox_stat fails. */
static inline struct mbox_stat mbox_numbers(int fd)
{
    struct mbox_stat st = { 99, 99, 99, 99 };
    mbox_stat(fd, &st);
    return st;
}

#endif
