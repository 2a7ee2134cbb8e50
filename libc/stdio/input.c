/* libc/stdio/input.c - reading characters, lines and blocks from streams.
 * Each call holds the stream's lock (flockfile) while it reads; the
 * _unlocked forms leave locking to the caller. */
#include <string.h>

#include "stream.h"

/* Returns the next byte as an unsigned char, or EOF at the end of the file
 * or on an error (feof and ferror tell which). Once at the end, it stays
 * there until clearerr or fseek. */
int getc_unlocked(FILE *stream)
{
    if (stream->at_end_of_file || stream_start_reading(stream) == EOF)
        return EOF;
    if (stream->pushed_back != EOF) {
        int c = stream->pushed_back;
        stream->pushed_back = EOF;
        return c;
    }
    if (stream->read_next == stream->read_end && stream_refill(stream) == 0)
        return EOF;
    return stream->buffer[stream->read_next++];
}

/* getc_unlocked under the stream's lock. */
int fgetc(FILE *stream)
{
    flockfile(stream);
    int c = getc_unlocked(stream);
    funlockfile(stream);
    return c;
}

/* fgetc under its other name. */
int getc(FILE *stream)
{
    return fgetc(stream);
}

/* Reads the next character from stdin (writing out stdout first). */
int getchar(void)
{
    return fgetc(stdin);
}

/* getchar for a caller that holds stdin's lock. */
int getchar_unlocked(void)
{
    return getc_unlocked(stdin);
}

/* Gives `c` back so the next read returns it; one character can wait at a
 * time. Returns `c`, or EOF if it cannot be pushed back. */
int ungetc(int c, FILE *stream)
{
    flockfile(stream);
    int result = EOF;
    if (c != EOF && stream_start_reading(stream) != EOF && stream->pushed_back == EOF) {
        stream->pushed_back = (unsigned char)c;
        stream->at_end_of_file = 0;
        result = (unsigned char)c;
    }
    funlockfile(stream);
    return result;
}

/* Reads one line, its newline included, of at most size-1 characters into
 * `line` and terminates it. Returns `line`, or NULL if nothing was read
 * before the end of the file or an error. */
char *fgets(char *line, int size, FILE *stream)
{
    if (size <= 0)
        return NULL;
    int length = 0;
    int c = 0;
    flockfile(stream);
    while (length < size - 1) {
        c = getc_unlocked(stream);
        if (c == EOF)
            break;
        line[length++] = (char)c;
        if (c == '\n')
            break;
    }
    int failed = length == 0 || (c == EOF && stream->has_error);
    funlockfile(stream);
    if (failed)
        return NULL;
    line[length] = '\0';
    return line;
}

/* fread's work, under the stream's lock. */
static size_t read_locked(void *data, size_t size, size_t count, FILE *stream)
{
    if (size == 0 || count == 0 || stream->at_end_of_file ||
        stream_start_reading(stream) == EOF)
        return 0;
    unsigned char *out = data;
    size_t wanted = size * count;
    size_t done = 0;
    if (stream->pushed_back != EOF) {
        out[done++] = (unsigned char)stream->pushed_back;
        stream->pushed_back = EOF;
    }
    while (done < wanted) {
        size_t buffered = stream->read_end - stream->read_next;
        if (buffered > 0) {
            size_t chunk = wanted - done < buffered ? wanted - done : buffered;
            memcpy(out + done, stream->buffer + stream->read_next, chunk);
            stream->read_next += chunk;
            done += chunk;
        } else if (stream_refill(stream) == 0) {
            break;
        }
    }
    return done / size;
}

/* Reads up to `count` items of `size` bytes; returns the number of whole
 * items read (fewer at the end of the file or on an error). */
size_t fread(void *data, size_t size, size_t count, FILE *stream)
{
    flockfile(stream);
    size_t items = read_locked(data, size, count, stream);
    funlockfile(stream);
    return items;
}
