/* libc_err_and_warn_print_the_program_name_and_errno: <err.h> as glibc
 * has it: warn gives "prog: message: errno's text", warnx "prog:
 * message", a NULL format leaves the message out, the v- forms take a
 * va_list, and err/errx exit with their status after the same line. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot_test.h"

static const char *program;

/* Runs `action` in a child whose standard error is a pipe; returns what
 * it wrote there and stores its exit status in *status. */
static const char *stderr_of(void (*action)(void), int *status)
{
    static char text[512];
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        action();
        _exit(0);
    }
    close(fds[1]);
    int length = read_fully(fds[0], text, sizeof text - 1);
    text[length > 0 ? length : 0] = '\0';
    close(fds[0]);
    waitpid(child, status, 0);
    return text;
}

static void do_warn(void) { errno = ENOENT; warn("open %s", "x"); warn(NULL); }
static void do_warnx(void) { errno = ENOENT; warnx("plain %d", 7); warnx(NULL); }
static void do_err(void) { errno = EACCES; err(3, "cannot %s", "write"); }
static void do_errx(void) { errx(4, "bad usage"); }

static void v_helper(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    errno = EPIPE;
    vwarn(format, args);
    va_end(args);
    va_start(args, format);
    vwarnx(format, args);
    va_end(args);
    va_start(args, format);
    verrx(9, format, args);
}
static void do_v_forms(void) { v_helper("n=%d", 42); }

static void check(void (*action)(void), const char *expected_format, int expected_status, const char *what)
{
    char expected[512];
    snprintf(expected, sizeof expected, expected_format, program, program, program);
    int status = -1;
    const char *got = stderr_of(action, &status);
    CHECK(strcmp(expected, got) == 0, "%s: expected \"%s\", got \"%s\"", what, expected, got);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == expected_status, "%s: status %#x", what, status);
}

int main(int argc, char **argv)
{
    (void)argc;
    program = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    check(do_warn, "%s: open x: No such file or directory\n%s: No such file or directory\n", 0, "warn");
    check(do_warnx, "%s: plain 7\n%s: \n", 0, "warnx");
    check(do_err, "%s: cannot write: Permission denied\n", 3, "err");
    check(do_errx, "%s: bad usage\n", 4, "errx");
    check(do_v_forms, "%s: n=42: Broken pipe\n%s: n=42\n%s: n=42\n", 9, "vwarn, vwarnx, verrx");
    return test_finish("libc_err_and_warn_print_the_program_name_and_errno");
}
