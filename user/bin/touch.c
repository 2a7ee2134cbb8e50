/* user/bin/touch.c - touch FILE...: sets each file's access and
 * modification times to now, creating it (empty) if it does not exist,
 * as GNU touch does: it opens the file for writing (O_CREAT; O_NONBLOCK,
 * so that a FIFO with no reader does not wait), sets the times of what it
 * opened, and where the open failed (a directory, a file it may not
 * write) sets them by name, which its owner may do still. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NEW_FILE_MODE 0666

/* Touches one file; 0, or the error to report. */
static int touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, NEW_FILE_MODE);
    int open_error = fd < 0 ? errno : 0;
    int result = fd >= 0 ? futimens(fd, NULL) : utimensat(AT_FDCWD, path, NULL, 0);
    int times_error = errno;
    if (fd >= 0)
        close(fd);
    if (result == 0)
        return 0;
    return open_error ? open_error : times_error;   /* why it could not be opened says more */
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: touch FILE...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int error = touch(argv[i]);
        if (error) {
            fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(error));
            status = 1;
        }
    }
    return status;
}
