/* libc/stdio/dprintf.c - dprintf and vdprintf (POSIX 2008): printf
 * straight to a descriptor, with no stream and no buffer kept between
 * calls. The characters gather in a chunk on the stack and go out in
 * write(2)s of up to a chunk each, so a short message is one write. */
#include <errno.h>
#include <lib/format.h>
#include <stdio.h>
#include <unistd.h>

#define DPRINTF_CHUNK 256

struct descriptor_output {
    int fd;
    int error;               /* the errno of the first failed write, or 0 */
    size_t used;
    char chunk[DPRINTF_CHUNK];
};

/* Writes the gathered characters, as many writes as it takes; notes the
 * first failure (nothing more is written after it). */
static void write_chunk(struct descriptor_output *out)
{
    size_t done = 0;
    while (!out->error && done < out->used) {
        ssize_t written = write(out->fd, out->chunk + done, out->used - done);
        if (written < 0 && errno != EINTR)
            out->error = errno;
        else if (written > 0)
            done += (size_t)written;
    }
    out->used = 0;
}

/* format() callback: adds one character, writing the chunk when full. */
static void emit_to_descriptor(void *context, char c)
{
    struct descriptor_output *out = context;
    if (out->used == sizeof out->chunk)
        write_chunk(out);
    out->chunk[out->used++] = c;
}

/* Formats as vprintf does and writes the text to descriptor `fd`.
 * Returns the bytes written, or -1 with the errno of write (EBADF, EPIPE,
 * ...). */
int vdprintf(int fd, const char *format_string, va_list args)
{
    struct descriptor_output out = { .fd = fd, .error = 0, .used = 0 };
    int count = format(emit_to_descriptor, &out, format_string, args);
    write_chunk(&out);
    if (out.error) {
        errno = out.error;
        return -1;
    }
    return count;
}

/* vdprintf with its arguments listed. */
int dprintf(int fd, const char *format_string, ...)
{
    va_list args;
    va_start(args, format_string);
    int count = vdprintf(fd, format_string, args);
    va_end(args);
    return count;
}
