/* fmemopen(3) and open_memstream(3): stdio streams over memory, as
 * glibc's:
 *  - fmemopen "w" starts empty, and what is written shows in the buffer
 *    at a flush, a NUL after it; a write past the end is cut one byte
 *    short (fclose then fails), "r" reads the whole buffer, SEEK_END
 *    counts from its end, "a" writes after the first NUL, "w+" reads
 *    back what it wrote, a size of 0 is a stream at its end (glibc
 *    since 2.22), and fileno is -1;
 *  - open_memstream grows: after a flush *ptr holds everything written,
 *    NUL-terminated, and *size its length; a seek back shortens what
 *    *size says, with a NUL there; the caller frees *ptr.
 * Passes on Linux 6.1 too. */
#include "boot_test.h"

static void fmemopen_over_a_fixed_buffer(void)
{
    char buffer[16];
    memset(buffer, 'x', sizeof buffer);
    FILE *stream = fmemopen(buffer, sizeof buffer, "w");
    CHECK(stream != NULL, "fmemopen w: %s", strerror(errno));
    fprintf(stream, "hello %d", 42);
    fflush(stream);
    CHECK(!strcmp(buffer, "hello 42"), "after the flush: \"%s\"", buffer);
    CHECK_EQ(8, ftell(stream), "ftell");
    fprintf(stream, " and a long tail past the end");
    CHECK_EQ(EOF, fclose(stream), "fclose of a stream that did not fit");
    CHECK(!strcmp(buffer, "hello 42 and a "), "cut one byte short for the NUL: \"%s\"", buffer);

    char line[32];
    stream = fmemopen(buffer, sizeof buffer, "r");
    CHECK(fgets(line, sizeof line, stream) && !strcmp(line, "hello 42 and a "), "read: \"%s\"", line);
    CHECK_EQ(0, fseek(stream, -4, SEEK_END), "fseek from the end");
    CHECK(fgets(line, sizeof line, stream) && !strcmp(line, " a "), "the last 4 bytes: \"%s\"", line);
    CHECK(fgets(line, sizeof line, stream) == NULL && feof(stream), "then the end");
    CHECK_EQ(-1, fileno(stream), "fileno of a stream in memory");
    fclose(stream);

    char text[32] = "abc";
    stream = fmemopen(text, sizeof text, "a+");
    fputs("def", stream);
    fflush(stream);
    CHECK(!strcmp(text, "abcdef"), "\"a\" after the first NUL: \"%s\"", text);
    rewind(stream);
    CHECK(fgets(line, sizeof line, stream) && !strcmp(line, "abcdef"), "read back: \"%s\"", line);
    fclose(stream);

    stream = fmemopen(NULL, 64, "w+");
    CHECK(stream != NULL, "fmemopen(NULL, 64, \"w+\"): %s", strerror(errno));
    fputs("own buffer\n", stream);
    rewind(stream);
    CHECK(fgets(line, sizeof line, stream) && !strcmp(line, "own buffer\n"), "its own buffer: \"%s\"", line);
    fclose(stream);
    stream = fmemopen(buffer, 0, "r");
    CHECK(stream && fgetc(stream) == EOF && feof(stream), "size 0: a stream at its end");
    if (stream)
        fclose(stream);
}

static void open_memstream_grows(void)
{
    char *text = NULL;
    size_t size = 1;
    FILE *stream = open_memstream(&text, &size);
    CHECK(stream != NULL, "open_memstream: %s", strerror(errno));
    long expected = 0;
    for (int i = 0; i < 1000; i++)
        expected += fprintf(stream, "%d,", i);
    fflush(stream);
    CHECK(text && (long)size == expected && strlen(text) == size, "after a flush: %zu bytes, %ld written", size,
          expected);
    CHECK(text && !strncmp(text, "0,1,2,", 6) && !strcmp(text + size - 4, "999,"), "the contents");
    fseek(stream, 2, SEEK_SET);
    fflush(stream);
    CHECK_EQ(2, size, "*size after a seek back");
    CHECK_EQ(0, fclose(stream), "fclose");
    CHECK(text && !strcmp(text, "0,"), "NUL at *size: \"%s\"", text ? text : "(null)");
    free(text);
}

int main(void)
{
    fmemopen_over_a_fixed_buffer();
    open_memstream_grows();
    return test_finish("libc_fmemopen_and_open_memstream_are_streams_in_memory");
}
