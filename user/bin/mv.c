/* user/bin/mv.c - mv SOURCE DEST, mv SOURCE... DIRECTORY: renames files and
 * directories (rename(2)); into a directory, each keeps its own name. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The last component of `path` ("b" for "/a/b"). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mv SOURCE DEST  or  mv SOURCE... DIRECTORY\n");
        return 2;
    }
    const char *target = argv[argc - 1];
    struct stat status;
    int into_directory = stat(target, &status) == 0 && S_ISDIR(status.st_mode);
    if (argc > 3 && !into_directory) {
        fprintf(stderr, "mv: %s: %s\n", target, strerror(ENOTDIR));
        return 1;
    }
    int result = 0;
    for (int i = 1; i < argc - 1; i++) {
        char destination[PATH_MAX];
        if (into_directory)
            snprintf(destination, sizeof destination, "%s/%s", target, base_name(argv[i]));
        else
            snprintf(destination, sizeof destination, "%s", target);
        if (rename(argv[i], destination) < 0) {
            fprintf(stderr, "mv: %s: %s\n", argv[i], strerror(errno));
            result = 1;
        }
    }
    return result;
}
