/* user/bin/cp.c - cp SOURCE DEST, cp SOURCE... DIRECTORY: copies files. When
 * the destination is a directory, each copy goes in it under the source's
 * own name. Directories themselves are not copied (there is no -r). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_BUFFER_BYTES 4096
#define NEW_FILE_MODE     0666

/* The last component of `path` ("b" for "/a/b"). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Copies the bytes of `from` into `to`; returns 0 or -1 (errno set). */
static int copy_bytes(int from, int to)
{
    char buffer[COPY_BUFFER_BYTES];
    ssize_t got;
    while ((got = read(from, buffer, sizeof buffer)) > 0) {
        for (ssize_t done = 0; done < got;) {
            ssize_t written = write(to, buffer + done, got - done);
            if (written < 0)
                return -1;
            done += written;
        }
    }
    return got < 0 ? -1 : 0;
}

/* Copies file `source` to `destination`; returns 0, or -1 after a message. */
static int copy_file(const char *source, const char *destination)
{
    struct stat from_status, to_status;
    if (stat(source, &from_status) < 0) {
        fprintf(stderr, "cp: %s: %s\n", source, strerror(errno));
        return -1;
    }
    if (S_ISDIR(from_status.st_mode)) {
        fprintf(stderr, "cp: %s: is a directory (not copied)\n", source);
        return -1;
    }
    if (stat(destination, &to_status) == 0 && to_status.st_ino == from_status.st_ino &&
        to_status.st_dev == from_status.st_dev) {
        fprintf(stderr, "cp: %s and %s are the same file\n", source, destination);
        return -1;
    }
    int from = open(source, O_RDONLY);
    if (from < 0) {
        fprintf(stderr, "cp: %s: %s\n", source, strerror(errno));
        return -1;
    }
    int to = open(destination, O_WRONLY | O_CREAT | O_TRUNC, NEW_FILE_MODE);
    if (to < 0) {
        fprintf(stderr, "cp: %s: %s\n", destination, strerror(errno));
        close(from);
        return -1;
    }
    int result = copy_bytes(from, to);
    if (result < 0)
        fprintf(stderr, "cp: %s: %s\n", destination, strerror(errno));
    close(from);
    close(to);
    return result;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: cp SOURCE DEST  or  cp SOURCE... DIRECTORY\n");
        return 2;
    }
    const char *target = argv[argc - 1];
    struct stat status;
    int into_directory = stat(target, &status) == 0 && S_ISDIR(status.st_mode);
    if (argc > 3 && !into_directory) {
        fprintf(stderr, "cp: %s: %s\n", target, strerror(ENOTDIR));
        return 1;
    }
    int result = 0;
    for (int i = 1; i < argc - 1; i++) {
        char destination[PATH_MAX];
        if (into_directory)
            snprintf(destination, sizeof destination, "%s/%s", target, base_name(argv[i]));
        else
            snprintf(destination, sizeof destination, "%s", target);
        if (copy_file(argv[i], destination) < 0)
            result = 1;
    }
    return result;
}
