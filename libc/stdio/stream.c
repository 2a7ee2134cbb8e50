/* libc/stdio/stream.c - the standard streams, the list of open streams, and
 * moving bytes between a stream's buffer and its descriptor. */
#include <errno.h>
#include <unistd.h>

#include <pthread.h>

#include "../thread/thread_internal.h"
#include "stream.h"

static FILE standard_error = {
    .fd = STDERR_FILENO, .access = STREAM_WRITE, .buffer_mode = _IONBF,
    .buffer = &standard_error.one_byte, .buffer_size = 1,
    .pushed_back = EOF, .is_standard = 1, .next_open = NULL,
};
static FILE standard_output = {
    .fd = STDOUT_FILENO, .access = STREAM_WRITE, .buffer_mode = STREAM_MODE_UNDECIDED,
    .buffer = standard_output.own_buffer, .buffer_size = BUFSIZ,
    .pushed_back = EOF, .is_standard = 1, .next_open = &standard_error,
};
static FILE standard_input = {
    .fd = STDIN_FILENO, .access = STREAM_READ, .buffer_mode = _IOFBF,
    .buffer = standard_input.own_buffer, .buffer_size = BUFSIZ,
    .pushed_back = EOF, .is_standard = 1, .next_open = &standard_output,
};

FILE *stdin = &standard_input;
FILE *stdout = &standard_output;
FILE *stderr = &standard_error;
FILE *stream_list = &standard_input;
volatile int stream_list_lock;

/* Picks stdout's buffering on first use: by lines on a terminal, so a
 * person sees each line at once; in full blocks into a file or pipe. */
static void decide_buffer_mode(FILE *stream)
{
    int saved_errno = errno;   /* isatty's ENOTTY is no error of the caller's */
    stream->buffer_mode = isatty(stream->fd) ? _IOLBF : _IOFBF;
    errno = saved_errno;
}

ssize_t stream_read_bytes(FILE *stream, void *data, size_t size)
{
    return stream->memory ? memory_file_read(stream->memory, data, size) : read(stream->fd, data, size);
}

ssize_t stream_write_bytes(FILE *stream, const void *data, size_t size)
{
    return stream->memory ? memory_file_write(stream->memory, data, size) : write(stream->fd, data, size);
}

off_t stream_seek_to(FILE *stream, off_t offset, int whence)
{
    return stream->memory ? memory_file_seek(stream->memory, offset, whence) : lseek(stream->fd, offset, whence);
}

/* Bytes read from the descriptor that the program has not consumed yet. */
size_t stream_unread_count(const FILE *stream)
{
    if (stream->direction != STREAM_READING)
        return 0;
    return stream->read_end - stream->read_next + (stream->pushed_back != EOF);
}

/* Forgets buffered input, seeking back over it; -1 if the seek failed. */
int stream_drop_reads(FILE *stream)
{
    size_t unread = stream_unread_count(stream);
    int result = 0;
    if (unread > 0 && stream_seek_to(stream, -(off_t)unread, SEEK_CUR) == -1)
        result = -1;
    stream->read_next = stream->read_end = 0;
    stream->pushed_back = EOF;
    stream->direction = STREAM_IDLE;
    return result;
}

/* Switches `stream` to writing; EOF if it was not opened for writing. */
int stream_start_writing(FILE *stream)
{
    if (!(stream->access & STREAM_WRITE)) {
        stream->has_error = 1;
        errno = EBADF;
        return EOF;
    }
    if (stream->buffer_mode == STREAM_MODE_UNDECIDED)
        decide_buffer_mode(stream);
    if (stream->direction == STREAM_READING)
        stream_drop_reads(stream);
    stream->direction = STREAM_WRITING;
    return 0;
}

/* Switches `stream` to reading; EOF if it cannot read or flush. */
int stream_start_reading(FILE *stream)
{
    if (!(stream->access & STREAM_READ)) {
        stream->has_error = 1;
        errno = EBADF;
        return EOF;
    }
    if (stream->direction == STREAM_WRITING && stream_flush_writes(stream) == EOF)
        return EOF;
    stream->direction = STREAM_READING;
    return 0;
}

/* Writes all of `data` to the descriptor; EOF (error flag set) on failure. */
int stream_write_through(FILE *stream, const void *data, size_t size)
{
    const char *bytes = data;
    while (size > 0) {
        ssize_t written = stream_write_bytes(stream, bytes, size);
        if (written <= 0) {
            stream->has_error = 1;
            return EOF;
        }
        bytes += written;
        size -= (size_t)written;
    }
    return 0;
}

/* Writes out the bytes waiting in the buffer; returns 0 or EOF. */
int stream_flush_writes(FILE *stream)
{
    if (stream->direction != STREAM_WRITING || stream->write_count == 0)
        return 0;
    size_t count = stream->write_count;
    stream->write_count = 0;    /* on failure the bytes are lost, as the error flag says */
    return stream_write_through(stream, stream->buffer, count);
}

/* Reads the next batch into the buffer; 0 at end of file or on an error. */
size_t stream_refill(FILE *stream)
{
    if (stream == stdin)
        fflush(stdout);         /* a prompt written without a newline shows first */
    stream->read_next = stream->read_end = 0;
    ssize_t got = stream_read_bytes(stream, stream->buffer, stream->buffer_size);
    if (got < 0) {
        stream->has_error = 1;
        return 0;
    }
    if (got == 0) {
        stream->at_end_of_file = 1;
        return 0;
    }
    stream->read_end = (size_t)got;
    return (size_t)got;
}

int stream_settle(FILE *stream)
{
    if (stream->direction == STREAM_READING) {
        stream_drop_reads(stream);   /* a shared descriptor's position: after what we used */
        return 0;
    }
    return stream_flush_writes(stream);
}

/* Writes out what `stream` holds for writing (every open stream's when it
 * is NULL); an input stream drops its unread bytes, seeking back over them
 * where the descriptor can seek.
 * Returns 0, or EOF if some output could not be written. */
int fflush(FILE *stream)
{
    if (!stream) {
        int result = 0;
        __libc_lock(&stream_list_lock);
        for (FILE *s = stream_list; s; s = s->next_open) {
            flockfile(s);
            if (s->direction == STREAM_WRITING && stream_flush_writes(s) == EOF)
                result = EOF;
            funlockfile(s);
        }
        __libc_unlock(&stream_list_lock);
        return result;
    }
    flockfile(stream);
    int result = stream_settle(stream);
    funlockfile(stream);
    return result;
}

/* fork's child (libc/unistd/process.c): of the parent's threads only the
 * caller lives on here, so a stream lock another thread held at the fork
 * would never be given back. Free those; what such a stream's buffer holds
 * is as far as that thread got. */
void __stdio_forked_child(void)
{
    void *self = pthread_self();
    if (stream_list_lock)             /* written only if set: a write copies the page */
        stream_list_lock = 0;
    for (FILE *s = stream_list; s; s = s->next_open) {
        if (s->lock_word && s->lock_owner != self) {
            s->lock_word = 0;
            s->lock_owner = 0;
            s->lock_depth = 0;
        }
    }
}
