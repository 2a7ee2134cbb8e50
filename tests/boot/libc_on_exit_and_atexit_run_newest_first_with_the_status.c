/* libc_on_exit_and_atexit_run_newest_first_with_the_status:
 * atexit and on_exit handlers share one list, as in glibc: at exit they
 * run in the reverse of the order they were registered in, whichever
 * call registered each; an on_exit handler gets the status given to exit
 * (or returned by main) and its own argument; a handler registered while
 * the handlers run runs next; the process then ends with that status.
 * _exit runs none of them. */
#include "boot_test.h"

static int log_fd = -1;      /* where the handlers write what they were given */

static void log_text(const char *text)
{
    write(log_fd, text, strlen(text));
}

static void plain_a(void) { log_text("a "); }
static void plain_c(void) { log_text("c "); }
static void plain_late(void) { log_text("late "); }

static void with_status(int status, void *argument)
{
    char text[32];
    snprintf(text, sizeof text, "%s:%d ", (const char *)argument, status);
    log_text(text);
}

/* Registers another handler while the handlers run. */
static void registering(int status, void *argument)
{
    with_status(status, argument);
    atexit(plain_late);
}

/* Runs `body` in a child writing into a pipe; returns what the handlers
 * wrote, and the child's exit status in *status. */
static const char *run_child(void (*body)(void), int *status)
{
    static char text[256];
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        log_fd = fds[1];
        body();
        _exit(100);
    }
    close(fds[1]);
    int length = read_fully(fds[0], text, sizeof text - 1);
    close(fds[0]);
    text[length > 0 ? length : 0] = '\0';
    *status = -1;
    waitpid(child, status, 0);
    return text;
}

static void interleaved(void)
{
    CHECK_EQ(0, atexit(plain_a), "atexit");
    CHECK_EQ(0, on_exit(with_status, "B"), "on_exit");
    CHECK_EQ(0, atexit(plain_c), "atexit");
    CHECK_EQ(0, on_exit(with_status, "D"), "on_exit");
    exit(7);
}

static void registered_while_exiting(void)
{
    atexit(plain_a);
    on_exit(registering, "R");
    on_exit(with_status, "S");
    exit(3);
}

static void ended_by_underscore_exit(void)
{
    atexit(plain_a);
    on_exit(with_status, "B");
    _exit(5);
}

/* The run program's side: registers, then returns 9 from main. */
static int returning_mode(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[1], "--return-from-main"))
        return -1;
    log_fd = atoi(argv[2]);
    atexit(plain_a);
    on_exit(with_status, "M");
    return 9;
}

static char **test_argv;

static void returning_from_main(void)
{
    char fd[12];
    snprintf(fd, sizeof fd, "%d", log_fd);
    execl(test_argv[0], test_argv[0], "--return-from-main", fd, (char *)NULL);
}

int main(int argc, char **argv)
{
    int returned = returning_mode(argc, argv);
    if (returned >= 0)
        return returned;
    test_argv = argv;

    int status;
    const char *text = run_child(interleaved, &status);
    CHECK(!strcmp(text, "D:7 c B:7 a "), "interleaved: \"%s\", expected \"D:7 c B:7 a \"", text);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "exit status 0x%x, expected 7", status);

    text = run_child(registered_while_exiting, &status);
    CHECK(!strcmp(text, "S:3 R:3 late a "), "registered while exiting: \"%s\", expected \"S:3 R:3 late a \"",
          text);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "exit status 0x%x, expected 3", status);

    text = run_child(returning_from_main, &status);
    CHECK(!strcmp(text, "M:9 a "), "returned from main: \"%s\", expected \"M:9 a \"", text);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "exit status 0x%x, expected 9", status);

    text = run_child(ended_by_underscore_exit, &status);
    CHECK(!strcmp(text, ""), "_exit ran handlers: \"%s\"", text);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "exit status 0x%x, expected 5", status);
    return test_finish("libc_on_exit_and_atexit_run_newest_first_with_the_status");
}
