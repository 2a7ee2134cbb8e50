/* libc_getline_grows_its_buffer_and_reads_any_delimiter: getline and
 * getdelim as POSIX and glibc have them: a NULL buffer is allocated, a
 * line longer than the buffer grows it (the size too), the count includes
 * the delimiter, a last line without one still comes, null bytes are
 * read like others, the end gives -1, and bad arguments give EINVAL
 * (a write-only stream EBADF). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot_test.h"

#define FILE_PATH "/tmp/libc_getline_input"
#define LONG_LINE 5000

static FILE *file_with(const char *text, size_t length)
{
    FILE *out = fopen(FILE_PATH, "w");
    fwrite(text, 1, length, out);
    fclose(out);
    return fopen(FILE_PATH, "r");
}

static void check_lines(void)
{
    char *text = malloc(LONG_LINE + 32);
    strcpy(text, "short\n");
    memset(text + 6, 'x', LONG_LINE);
    strcpy(text + 6 + LONG_LINE, "\n\nlast");
    FILE *in = file_with(text, strlen(text));
    char *line = NULL;
    size_t size = 0;
    CHECK_EQ(6, getline(&line, &size, in), "the first line, newline counted");
    CHECK(line && strcmp(line, "short\n") == 0, "its text");
    CHECK(size >= 7, "the buffer allocated: %zu bytes", size);
    size_t first_size = size;
    CHECK_EQ(LONG_LINE + 1, getline(&line, &size, in), "a line longer than the buffer");
    CHECK(size > first_size && size >= LONG_LINE + 2, "the buffer grew: %zu", size);
    CHECK(line[0] == 'x' && line[LONG_LINE - 1] == 'x' && line[LONG_LINE] == '\n' && line[LONG_LINE + 1] == '\0',
          "the long line whole and terminated");
    CHECK_EQ(1, getline(&line, &size, in), "an empty line is its newline");
    CHECK_EQ(4, getline(&line, &size, in), "the last line without a newline");
    CHECK(strcmp(line, "last") == 0, "its text: %s", line);
    CHECK_EQ(-1, getline(&line, &size, in), "then the end");
    CHECK(feof(in), "at end of file");
    CHECK_EQ(-1, getline(&line, &size, in), "and it stays there");
    fclose(in);
    free(line);
    free(text);
}

static void check_delimiters_and_null_bytes(void)
{
    FILE *in = file_with("a:bb:\0c:tail", 12);
    char *field = malloc(2);                       /* a buffer of the caller's, too small */
    size_t size = 2;
    CHECK_EQ(2, getdelim(&field, &size, ':', in), "first field");
    CHECK(strcmp(field, "a:") == 0, "ends with the delimiter");
    CHECK_EQ(3, getdelim(&field, &size, ':', in), "second field");
    CHECK(size >= 4, "the caller's buffer grew: %zu", size);
    CHECK_EQ(3, getdelim(&field, &size, ':', in), "a field holding a null byte");
    CHECK(field[0] == '\0' && field[1] == 'c' && field[2] == ':', "the null byte read like any other");
    CHECK_EQ(4, getdelim(&field, &size, ':', in), "the last field");
    CHECK_EQ(-1, getdelim(&field, &size, ':', in), "the end");
    fclose(in);

    in = file_with("", 0);
    char *line = NULL;
    size = 0;
    CHECK_EQ(-1, getline(&line, &size, in), "an empty file gives -1 at once");
    free(line);
    fclose(in);

    in = file_with("line\n", 5);
    line = NULL;
    CHECK_ERROR(getline(NULL, &size, in), EINVAL);
    CHECK_ERROR(getline(&line, NULL, in), EINVAL);
    fclose(in);
    FILE *out = fopen(FILE_PATH, "w");
    size = 0;
    CHECK_ERROR(getline(&line, &size, out), EBADF);
    CHECK(ferror(out), "and the stream's error flag is set");
    fclose(out);
    free(line);
    free(field);
    unlink(FILE_PATH);
}

int main(void)
{
    check_lines();
    check_delimiters_and_null_bytes();
    return test_finish("libc_getline_grows_its_buffer_and_reads_any_delimiter");
}
