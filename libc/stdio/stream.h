/* libc/stdio/stream.h - what a FILE is inside (internal to libc/stdio/).
 *
 * A stream is a descriptor plus one buffer, used in one direction at a time:
 *
 *   reading:  buffer: [ consumed | unread ......... | empty ]
 *                                 ^read_next        ^read_end
 *   writing:  buffer: [ waiting to be written | free ...... ]
 *                                             ^write_count
 *
 * Switching from writing to reading writes the waiting bytes out first;
 * switching from reading to writing seeks the descriptor back over the
 * unread bytes and drops them, so the file position is where the program
 * believes it is. An unbuffered stream writes straight through and reads
 * through a one-byte buffer.
 *
 * What is behind the buffer is a descriptor, or for fmemopen and
 * open_memstream a block of memory (memory_stream.c): the buffer moves
 * bytes through stream_read_bytes, stream_write_bytes and
 * stream_seek_to, which ask the one or the other. */
#ifndef LIBC_STDIO_STREAM_H
#define LIBC_STDIO_STREAM_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define STREAM_READ  1   /* access bits */
#define STREAM_WRITE 2

#define STREAM_MODE_UNDECIDED (-1)   /* stdout: line or full buffering, chosen at first use */

enum stream_direction { STREAM_IDLE, STREAM_READING, STREAM_WRITING };

struct memory_file;

struct __stdio_file {
    int fd;                      /* -1 for a stream in memory */
    struct memory_file *memory;  /* fmemopen's, open_memstream's, or NULL */
    int access;                  /* STREAM_READ | STREAM_WRITE */
    int buffer_mode;             /* _IOFBF, _IOLBF, _IONBF or STREAM_MODE_UNDECIDED */
    enum stream_direction direction;
    unsigned char *buffer;       /* own_buffer, one_byte, or the program's (setvbuf) */
    size_t buffer_size;
    size_t read_next;            /* reading: next unread byte */
    size_t read_end;             /* reading: end of the bytes read */
    size_t write_count;          /* writing: bytes waiting in the buffer */
    int pushed_back;             /* the character ungetc gave back, or EOF */
    int at_end_of_file;
    int has_error;
    int is_standard;             /* stdin, stdout, stderr: static, never freed */
    int popen_child;             /* popen: the child's pid, for pclose; else 0 */
    struct __stdio_file *next_open;   /* the list of open streams, for fflush(NULL) */
    volatile int lock_word;      /* flockfile's lock (libc/thread/lock.c): */
    void *lock_owner;            /* the owning thread's control block, or NULL */
    int lock_depth;              /* how often the owner holds it */
    unsigned char one_byte;
    unsigned char own_buffer[BUFSIZ];
};

extern FILE *stream_list;   /* every open stream */

/* A new fully buffered stream over `fd` with access bits `access`, on
 * stream_list (libc/stdio/open.c); NULL with ENOMEM. */
FILE *__stdio_new_stream(int fd, int access);

/* The lock of stream_list (a __libc_lock word). Taken before a stream's own
 * lock, never after it. */
extern volatile int stream_list_lock;

/* Locking: every public stdio function holds the stream's lock
 * (flockfile) while it works; the functions below expect it held. */

/* Prepares `stream` for writing; returns 0, or EOF if it is not writable. */
int stream_start_writing(FILE *stream);

/* Prepares `stream` for reading; returns 0, or EOF if it is not readable or
 * pending output could not be written. */
int stream_start_reading(FILE *stream);

/* read(2), write(2) and lseek(2) of what is behind the buffer: the
 * descriptor, or the stream's memory (memory_stream.c). */
ssize_t stream_read_bytes(FILE *stream, void *data, size_t size);
ssize_t stream_write_bytes(FILE *stream, const void *data, size_t size);
off_t stream_seek_to(FILE *stream, off_t offset, int whence);

/* The memory's own: the same three, and close (memory_stream.c). */
ssize_t memory_file_read(struct memory_file *memory, void *data, size_t size);
ssize_t memory_file_write(struct memory_file *memory, const void *data, size_t size);
off_t memory_file_seek(struct memory_file *memory, off_t offset, int whence);
int memory_file_close(struct memory_file *memory);

/* Writes all `size` bytes to the stream's descriptor, bypassing the buffer;
 * returns 0, or EOF (error flag set) if the descriptor failed. */
int stream_write_through(FILE *stream, const void *data, size_t size);

/* Writes out the bytes waiting in the buffer; returns 0 or EOF. */
int stream_flush_writes(FILE *stream);

/* fflush's work on one stream: writes out pending output, or forgets
 * unread input, seeking back over it; returns 0 or EOF. */
int stream_settle(FILE *stream);

/* Reads the next batch into the empty buffer; returns the bytes read, or 0
 * at end of file or on error (setting the matching flag). */
size_t stream_refill(FILE *stream);

/* Bytes the program has not yet consumed from the read buffer, counting a
 * pushed-back character. */
size_t stream_unread_count(const FILE *stream);

/* Forgets buffered input, seeking the descriptor back over it first so that
 * its position matches the stream's; returns 0, or -1 if the descriptor
 * could not seek back (a pipe, a terminal: the bytes are lost). */
int stream_drop_reads(FILE *stream);

#endif
