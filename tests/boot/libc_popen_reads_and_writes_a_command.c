/* libc_popen_reads_and_writes_a_command: popen runs "/bin/sh -c command"
 * with a pipe to its standard output ("r") or input ("w"); pclose closes
 * the stream, waits for the command and returns its wait status (exit
 * status, 127 for a command not found); a command's child does not hold
 * the pipe of an earlier popen (POSIX), so closing that one ends its
 * command; a bad mode is EINVAL; nothing is left behind. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot_test.h"

#define OUTPUT_FILE "/tmp/libc_popen_output"

static void check_reading(void)
{
    FILE *command = popen("echo hello; echo world; exit 3", "r");
    CHECK(command != NULL, "popen \"r\": %s", strerror(errno));
    if (!command)
        return;
    char line[64];
    CHECK(fgets(line, sizeof line, command) && strcmp(line, "hello\n") == 0, "first line");
    CHECK(fgets(line, sizeof line, command) && strcmp(line, "world\n") == 0, "second line");
    CHECK(fgets(line, sizeof line, command) == NULL && feof(command), "then end of file");
    int status = pclose(command);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "pclose gives the exit status 3: %#x", status);
}

static void check_writing(void)
{
    unlink(OUTPUT_FILE);
    FILE *command = popen("cat > " OUTPUT_FILE, "w");
    CHECK(command != NULL, "popen \"w\": %s", strerror(errno));
    if (!command)
        return;
    CHECK(fprintf(command, "line %d\n", 1) > 0, "writing to the command");
    fputs("line 2\n", command);
    int status = pclose(command);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "cat exits 0: %#x", status);
    FILE *file = fopen(OUTPUT_FILE, "r");
    char text[64] = { 0 };
    CHECK(file && fread(text, 1, sizeof text - 1, file) == 14 && strcmp(text, "line 1\nline 2\n") == 0,
          "the command got what was written: \"%s\"", text);
    if (file)
        fclose(file);
    unlink(OUTPUT_FILE);
}

static void check_status_and_errors(void)
{
    FILE *missing = popen("/no/such/program 2>/dev/null", "r");
    CHECK(missing != NULL, "popen of a missing program still runs the shell");
    if (missing) {
        int status = pclose(missing);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127, "status 127: %#x", status);
    }
    FILE *killed = popen("kill -9 $$", "r");
    if (killed) {
        int status = pclose(killed);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 9, "a command killed by SIGKILL: %#x", status);
    }
    errno = 0;
    CHECK(popen("true", "x") == NULL && errno == EINVAL, "mode \"x\": EINVAL");
    errno = 0;
    CHECK(popen("true", "rw") == NULL && errno == EINVAL, "mode \"rw\": EINVAL");
}

/* Two commands at once: the second one's shell must not hold the first's
 * pipe, or the first's cat would never see end of file. */
static void check_earlier_pipes_are_not_inherited(void)
{
    FILE *first = popen("cat > /dev/null", "w");
    FILE *second = popen("cat > /dev/null", "w");
    CHECK(first && second, "two popens at once");
    if (!first || !second)
        return;
    fputs("data\n", first);
    int status = pclose(first);                  /* hangs if second's child holds first's pipe */
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first command ends: %#x", status);
    status = pclose(second);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "then the second: %#x", status);
}

static void cases(void)
{
    check_reading();
    check_writing();
    check_status_and_errors();
    check_earlier_pipes_are_not_inherited();
}

int main(void)
{
    run_cases_checking_leaks(cases);     /* in a child: its own pages go with it */
    return test_finish("libc_popen_reads_and_writes_a_command");
}
