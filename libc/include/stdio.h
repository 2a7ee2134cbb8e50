/* libc/include/stdio.h - buffered streams over descriptors, and formatted
 * input and output. */
#ifndef LIBC_INCLUDE_STDIO_H
#define LIBC_INCLUDE_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>
#include <uapi/fcntl.h>   /* SEEK_SET, SEEK_CUR, SEEK_END */

#define EOF          (-1)
#define BUFSIZ       4096   /* a stream's buffer, one pipe's atomic write */
#define FILENAME_MAX 256
#define FOPEN_MAX    16     /* streams surely open at once (glibc's; more as memory allows) */

#define _IOFBF 0            /* fully buffered: written when the buffer fills */
#define _IOLBF 1            /* line buffered: written at each newline */
#define _IONBF 2            /* unbuffered: written at once */

typedef struct __stdio_file FILE;   /* opaque: see libc/stdio/stream.h */

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

/* opening and closing */
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *stream);
int fflush(FILE *stream);
int setvbuf(FILE *stream, char *buffer, int mode, size_t size);
void setbuf(FILE *stream, char *buffer);
int fileno(FILE *stream);
int feof(FILE *stream);
int ferror(FILE *stream);
void clearerr(FILE *stream);
int fseek(FILE *stream, long offset, int whence);
long ftell(FILE *stream);
void rewind(FILE *stream);

/* characters and lines */
int fgetc(FILE *stream);
int getc(FILE *stream);
int getchar(void);
int ungetc(int c, FILE *stream);
char *fgets(char *line, int size, FILE *stream);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int putchar(int c);
int fputs(const char *text, FILE *stream);
int puts(const char *text);

/* locking (threads): every call above holds the stream's lock while it
 * works; flockfile holds it across several calls, and the _unlocked forms
 * are for a caller that holds it (flockfile(3)) */
void flockfile(FILE *stream);
int ftrylockfile(FILE *stream);
void funlockfile(FILE *stream);
int getc_unlocked(FILE *stream);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *stream);
int putchar_unlocked(int c);

/* blocks */
size_t fread(void *data, size_t size, size_t count, FILE *stream);
size_t fwrite(const void *data, size_t size, size_t count, FILE *stream);

/* formatted output */
#define LIBC_PRINTF_LIKE(f, a) __attribute__((__format__(__printf__, f, a)))
int printf(const char *format, ...) LIBC_PRINTF_LIKE(1, 2);
int fprintf(FILE *stream, const char *format, ...) LIBC_PRINTF_LIKE(2, 3);
int sprintf(char *out, const char *format, ...) LIBC_PRINTF_LIKE(2, 3);
int snprintf(char *out, size_t size, const char *format, ...) LIBC_PRINTF_LIKE(3, 4);
int vprintf(const char *format, va_list args) LIBC_PRINTF_LIKE(1, 0);
int vfprintf(FILE *stream, const char *format, va_list args) LIBC_PRINTF_LIKE(2, 0);
int vsprintf(char *out, const char *format, va_list args) LIBC_PRINTF_LIKE(2, 0);
int vsnprintf(char *out, size_t size, const char *format, va_list args) LIBC_PRINTF_LIKE(3, 0);
int dprintf(int fd, const char *format, ...) LIBC_PRINTF_LIKE(2, 3);        /* to a descriptor */
int vdprintf(int fd, const char *format, va_list args) LIBC_PRINTF_LIKE(2, 0);

/* formatted input */
#define LIBC_SCANF_LIKE(f, a) __attribute__((__format__(__scanf__, f, a)))
int scanf(const char *format, ...) LIBC_SCANF_LIKE(1, 2);
int fscanf(FILE *stream, const char *format, ...) LIBC_SCANF_LIKE(2, 3);
int sscanf(const char *input, const char *format, ...) LIBC_SCANF_LIKE(2, 3);
int vscanf(const char *format, va_list args) LIBC_SCANF_LIKE(1, 0);
int vfscanf(FILE *stream, const char *format, va_list args) LIBC_SCANF_LIKE(2, 0);
int vsscanf(const char *input, const char *format, va_list args) LIBC_SCANF_LIKE(2, 0);

/* ---- streams over descriptors, commands and temporary files; lines of
 * any length (libc/stdio/open.c, popen.c, temporary.c, getline.c) */
#define P_tmpdir "/tmp"     /* where tmpfile and tmpnam make their files */
#define L_tmpnam 20         /* the bytes tmpnam's buffer holds */
#define TMP_MAX  238328     /* names tmpnam can give (62^3, glibc's) */
FILE *fdopen(int fd, const char *mode);
FILE *fmemopen(void *buffer, size_t size, const char *mode);   /* a stream over memory */
FILE *open_memstream(char **buffer, size_t *size);   /* a growing buffer; free(*buffer) after fclose */
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);
FILE *tmpfile(void);
char *tmpnam(char *name);
ssize_t getline(char **line, size_t *size, FILE *stream);
ssize_t getdelim(char **line, size_t *size, int delimiter, FILE *stream);

/* files and errors */
int rename(const char *old_path, const char *new_path);
int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);
int remove(const char *path);
void perror(const char *prefix);

#undef LIBC_PRINTF_LIKE
#undef LIBC_SCANF_LIKE

#endif
