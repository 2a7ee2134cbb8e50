/* user/bin/readlink.c - readlink LINK...: prints the path each symbolic
 * link holds (readlink(2)), one per line. A name that is not a symbolic
 * link is an error: "readlink: NAME: Invalid argument". */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Prints the target of `path`; 0, or -1 after a message. The buffer grows
 * until the target fits with room to spare, so a long one is not cut. */
static int print_target(const char *path)
{
    for (size_t size = PATH_MAX;; size *= 2) {
        char *target = malloc(size);
        if (!target) {
            fprintf(stderr, "readlink: %s: %s\n", path, strerror(ENOMEM));
            return -1;
        }
        ssize_t length = readlink(path, target, size);
        if (length < 0) {
            fprintf(stderr, "readlink: %s: %s\n", path, strerror(errno));
            free(target);
            return -1;
        }
        if ((size_t)length < size) {
            printf("%.*s\n", (int)length, target);
            free(target);
            return 0;
        }
        free(target);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: readlink LINK...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (print_target(argv[i]) < 0)
            status = 1;
    return status;
}
