/* user/cat.c - cat [FILE...]: copies each file (standard input when there
 * is none, or for "-") to standard output, in order. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
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

/* Copies `fd` to standard output; returns 0, or 1 after printing an error. */
static int copy_to_output(int fd, const char *name)
{
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
