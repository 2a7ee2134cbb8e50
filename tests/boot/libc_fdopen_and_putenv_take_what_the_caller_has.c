/* libc_fdopen_and_putenv_take_what_the_caller_has: fdopen makes a stream
 * over a descriptor the caller opened (a pipe's ends here; fileno gives it
 * back, fclose closes it), "a" sets O_APPEND, a mode the descriptor does
 * not allow is EINVAL, a closed descriptor EBADF; putenv puts the
 * caller's own string in the environment (changing it changes the
 * variable), replaces a value, and without '=' removes the name. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot_test.h"

static void check_fdopen(void)
{
    int ends[2];
    pipe(ends);
    FILE *writer = fdopen(ends[1], "w");
    FILE *reader = fdopen(ends[0], "r");
    CHECK(writer && reader, "fdopen on both ends of a pipe");
    if (!writer || !reader)
        return;
    CHECK_EQ(ends[1], fileno(writer), "fileno gives the descriptor back");
    fprintf(writer, "through the pipe %d\n", 42);
    fclose(writer);
    char line[64] = { 0 };
    CHECK(fgets(line, sizeof line, reader) && strcmp(line, "through the pipe 42\n") == 0, "read: %s", line);
    CHECK(fgets(line, sizeof line, reader) == NULL && feof(reader), "end of file once the writer closed");
    fclose(reader);
    CHECK_ERROR(fcntl(ends[0], F_GETFL), EBADF);          /* fclose closed the descriptor */

    int fd = open("/tmp/libc_fdopen_file", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    errno = 0;
    CHECK(fdopen(fd, "r") == NULL && errno == EINVAL, "reading a write-only descriptor: EINVAL");
    errno = 0;
    CHECK(fdopen(fd, "r+") == NULL && errno == EINVAL, "\"r+\" on a write-only descriptor: EINVAL");
    errno = 0;
    CHECK(fdopen(fd, "q") == NULL && errno == EINVAL, "an unknown mode: EINVAL");
    FILE *appender = fdopen(fd, "a");
    CHECK(appender && (fcntl(fd, F_GETFL) & O_APPEND), "\"a\" sets O_APPEND on the descriptor");
    if (appender)
        fclose(appender);
    unlink("/tmp/libc_fdopen_file");
    errno = 0;
    CHECK(fdopen(fd, "w") == NULL && errno == EBADF, "a closed descriptor: EBADF");
    errno = 0;
    CHECK(fdopen(-1, "r") == NULL && errno == EBADF, "descriptor -1: EBADF");
}

static void check_putenv(void)
{
    static char entry[] = "LIBC_PUTENV=first";
    CHECK_EQ(0, putenv(entry), "putenv");
    CHECK(getenv("LIBC_PUTENV") && strcmp(getenv("LIBC_PUTENV"), "first") == 0, "getenv sees it");
    memcpy(entry + 12, "again", 5);
    CHECK(strcmp(getenv("LIBC_PUTENV"), "again") == 0, "the string itself is in the environment");
    static char replacement[] = "LIBC_PUTENV=second";
    CHECK_EQ(0, putenv(replacement), "putenv replacing");
    CHECK(strcmp(getenv("LIBC_PUTENV"), "second") == 0, "the new value");
    int found = 0;
    for (char **e = environ; *e; e++)
        found += strncmp(*e, "LIBC_PUTENV=", 12) == 0;
    CHECK_EQ(1, found, "the name is in environ once");
    static char removal[] = "LIBC_PUTENV";
    CHECK_EQ(0, putenv(removal), "putenv without '='");
    CHECK(getenv("LIBC_PUTENV") == NULL, "removes the name");
    CHECK_EQ(0, setenv("LIBC_SETENV", "x", 0), "setenv");
    CHECK_EQ(0, setenv("LIBC_SETENV", "y", 0), "setenv without overwrite");
    CHECK(strcmp(getenv("LIBC_SETENV"), "x") == 0, "keeps the old value");
    CHECK_ERROR(setenv("BAD=NAME", "x", 1), EINVAL);
    CHECK_ERROR(setenv("", "x", 1), EINVAL);
    CHECK_ERROR(unsetenv("A=B"), EINVAL);
}

int main(void)
{
    check_fdopen();
    check_putenv();
    return test_finish("libc_fdopen_and_putenv_take_what_the_caller_has");
}
