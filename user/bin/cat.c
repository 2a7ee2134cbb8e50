/* user/bin/cat.c - cat [FILE...]: copies each file (standard input when there
 * is none, or for "-") to standard output, in order.
 *
 * An input that is the output file itself, with bytes left to read, is
 * refused, as GNU cat refuses it: `cat f >> f` would otherwise read back
 * what it has just written and grow f until the memory is gone.
 * "cat: f: input file is output file", status 1. (`cat f > f` is no such
 * case: the shell has emptied f before cat runs, and cat copies nothing.) */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_BUFFER_BYTES 4096

/* Writes all `size` bytes to `fd`; returns 0, or -1 on an error. */
static int write_all(int fd, const char *data, ssize_t size)
{
    while (size > 0) {
        ssize_t written = write(fd, data, size);
        if (written < 0)
            return -1;
        data += written;
        size -= written;
    }
    return 0;
}

static struct stat output;         /* what standard output is */
static bool output_is_regular;     /* a regular file: an input may be the same one */

/* Whether `fd` is the output file with bytes still to come (GNU's test:
 * the same file, and its offset short of its end). */
static bool is_output_file(int fd)
{
    struct stat input;
    return output_is_regular && fstat(fd, &input) == 0 && input.st_dev == output.st_dev &&
           input.st_ino == output.st_ino && lseek(fd, 0, SEEK_CUR) < input.st_size;
}

/* Copies `fd` to standard output; returns 0, or 1 after printing an error. */
static int copy_to_output(int fd, const char *name)
{
    if (is_output_file(fd)) {
        fprintf(stderr, "cat: %s: input file is output file\n", name);
        return 1;
    }
    char buffer[COPY_BUFFER_BYTES];
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof buffer);
        if (got == 0)
            return 0;
        if (got < 0) {
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            return 1;
        }
        if (write_all(STDOUT_FILENO, buffer, got) < 0) {
            fprintf(stderr, "cat: write error: %s\n", strerror(errno));
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    output_is_regular = fstat(STDOUT_FILENO, &output) == 0 && S_ISREG(output.st_mode);
    if (argc == 1)
        return copy_to_output(STDIN_FILENO, "-");
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            status |= copy_to_output(STDIN_FILENO, "-");
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= copy_to_output(fd, argv[i]);
        close(fd);
    }
    return status;
}
