/* libc/stdio/seek.c - the position of a stream: where its next read or
 * write happens, counting what still sits in its buffer. */
#include <unistd.h>

#include "stream.h"

/* fseek's work, under the stream's lock. */
static int seek_locked(FILE *stream, long offset, int whence)
{
    if (stream_flush_writes(stream) == EOF)
        return -1;
    if (whence == SEEK_CUR)
        offset -= (long)stream_unread_count(stream);   /* the descriptor is ahead of us */
    if (stream_seek_to(stream, offset, whence) == -1)
        return -1;
    stream->read_next = stream->read_end = 0;
    stream->pushed_back = EOF;
    stream->direction = STREAM_IDLE;
    stream->at_end_of_file = 0;
    return 0;
}

/* Moves to `offset` from SEEK_SET, SEEK_CUR or SEEK_END; writes out pending
 * output and forgets buffered input. Returns 0, or -1 with errno. */
int fseek(FILE *stream, long offset, int whence)
{
    flockfile(stream);
    int result = seek_locked(stream, offset, whence);
    funlockfile(stream);
    return result;
}

/* Returns the stream's position, or -1 with errno (ESPIPE on a pipe). */
long ftell(FILE *stream)
{
    flockfile(stream);
    long position = stream_seek_to(stream, 0, SEEK_CUR);
    if (position != -1) {
        if (stream->direction == STREAM_WRITING)
            position += (long)stream->write_count;
        else
            position -= (long)stream_unread_count(stream);
    }
    funlockfile(stream);
    return position;
}

/* Goes back to the start and clears the error and end-of-file flags. */
void rewind(FILE *stream)
{
    flockfile(stream);
    seek_locked(stream, 0, SEEK_SET);
    clearerr(stream);
    funlockfile(stream);
}
