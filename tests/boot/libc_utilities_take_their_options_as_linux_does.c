/* libc_utilities_take_their_options_as_linux_does: the utilities of /bin
 * read their options with getopt(3), so they take them as GNU's do:
 * head -N (the old form), -n N, -nN, -c N, clustered flags (wc -lw, ls
 * -la), "--" before an operand that starts with '-', nice -N and nice -n
 * N, and a wrong option gives the usage status; date +FORMAT prints the
 * time now through strftime, -u in UTC, and hostname the machine's name.
 * The same commands give the same output on Linux. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_test.h"

#define INPUT "/tmp/libc_utilities_input"

/* Runs argv with standard output (and error, to /dev/null) captured;
 * returns the output and stores the exit status. */
static const char *output_of(char *const argv[], int *status)
{
    static char text[512];
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        dup2(fds[1], STDOUT_FILENO);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    int length = read_fully(fds[0], text, sizeof text - 1);
    text[length > 0 ? length : 0] = '\0';
    close(fds[0]);
    waitpid(child, status, 0);
    return text;
}

static void expect(char *const argv[], const char *expected, int expected_status, const char *what)
{
    int status = -1;
    const char *got = output_of(argv, &status);
    if (expected)
        CHECK(strcmp(got, expected) == 0, "%s: expected \"%s\", got \"%s\"", what, expected, got);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == expected_status, "%s: expected status %d, got %#x",
          what, expected_status, status);
}

int main(void)
{
    FILE *input = fopen(INPUT, "w");
    fputs("one\ntwo words\nthree\nfour\n", input);
    fclose(input);

    expect((char *[]){ "/bin/head", "-2", INPUT, 0 }, "one\ntwo words\n", 0, "head -2 FILE");
    expect((char *[]){ "/bin/head", "-n", "1", INPUT, 0 }, "one\n", 0, "head -n 1 FILE");
    expect((char *[]){ "/bin/head", "-n3", INPUT, 0 }, "one\ntwo words\nthree\n", 0, "head -n3 FILE");
    expect((char *[]){ "/bin/head", "-c", "6", INPUT, 0 }, "one\ntw", 0, "head -c 6 FILE");
    expect((char *[]){ "/bin/head", "-qn1", INPUT, INPUT, 0 }, "one\none\n", 0, "head -qn1 FILE FILE");
    expect((char *[]){ "/bin/head", "-vn1", INPUT, 0 }, "==> " INPUT " <==\none\n", 0, "head -vn1 FILE");
    expect((char *[]){ "/bin/head", "-n", "x", INPUT, 0 }, "", 1, "head -n x: an invalid number");
    expect((char *[]){ "/bin/head", "-Z", INPUT, 0 }, "", 1, "head -Z: an unknown option");
    expect((char *[]){ "/bin/wc", "-lw", INPUT, 0 }, " 4  5 " INPUT "\n", 0, "wc -lw: a cluster");
    expect((char *[]){ "/bin/wc", "-l", "-w", INPUT, 0 }, " 4  5 " INPUT "\n", 0, "wc -l -w");
    expect((char *[]){ "/bin/grep", "-c", "--", "-x", INPUT, 0 }, "0\n", 1, "grep -- before a pattern with a dash");
    expect((char *[]){ "/bin/grep", "-in", "TWO", INPUT, 0 }, "2:two words\n", 0, "grep -in");
    expect((char *[]){ "/bin/nice", "-n", "5", "/bin/nice", 0 }, "5\n", 0, "nice -n 5");
    expect((char *[]){ "/bin/nice", "-7", "/bin/nice", 0 }, "7\n", 0, "nice -7: the old form");
    expect((char *[]){ "/bin/nice", "-n3", "/bin/nice", 0 }, "3\n", 0, "nice -n3");

    time_t before = time(NULL);
    int status = -1;
    long printed = atol(output_of((char *[]){ "/bin/date", "+%s", 0 }, &status));
    CHECK(printed >= before && printed <= time(NULL), "date +%%s: %ld, the time %ld", printed, (long)before);
    char today[32];
    struct tm now;
    time_t seconds = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d\n", gmtime_r(&seconds, &now));
    expect((char *[]){ "/bin/date", "-u", "+%Y-%m-%d", 0 }, today, 0, "date -u +%Y-%m-%d");
    expect((char *[]){ "/bin/date", "-u", "+%Z", 0 }, "UTC\n", 0, "date -u +%Z");
    expect((char *[]){ "/bin/date", "-Q", 0 }, "", 1, "date -Q: an unknown option");
    char name[80];
    gethostname(name, sizeof name - 1);
    strcat(name, "\n");
    expect((char *[]){ "/bin/hostname", 0 }, name, 0, "hostname");
    unlink(INPUT);
    return test_finish("libc_utilities_take_their_options_as_linux_does");
}
