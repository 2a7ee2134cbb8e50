/* user/bin/mkdir.c - mkdir [-p] DIR...: creates directories. With -p, creates
 * the missing parents too, and a directory that exists already is fine. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NEW_DIRECTORY_MODE 0777

/* Creates `path`; with `parents`, an existing directory is no error. */
static int make_one(const char *path, int parents)
{
    if (mkdir(path, NEW_DIRECTORY_MODE) == 0)
        return 0;
    struct stat status;
    if (parents && errno == EEXIST && stat(path, &status) == 0 && S_ISDIR(status.st_mode))
        return 0;
    fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
    return -1;
}

/* mkdir -p: creates each prefix of `path` ending before a slash, then `path`. */
static int make_with_parents(const char *path)
{
    char prefix[PATH_MAX];
    if (strlen(path) >= sizeof prefix) {
        fprintf(stderr, "mkdir: %s: %s\n", path, strerror(ENAMETOOLONG));
        return -1;
    }
    strcpy(prefix, path);
    for (char *slash = strchr(prefix + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (make_one(prefix, 1) < 0)
            return -1;
        *slash = '/';
    }
    return make_one(path, 1);
}

int main(int argc, char **argv)
{
    int parents = 0;
    int option;
    while ((option = getopt(argc, argv, "p")) != -1) {
        if (option != 'p') {
            fprintf(stderr, "usage: mkdir [-p] DIR...\n");
            return 2;
        }
        parents = 1;
    }
    int first = optind;
    if (first >= argc) {
        fprintf(stderr, "usage: mkdir [-p] DIR...\n");
        return 2;
    }
    int status = 0;
    for (int i = first; i < argc; i++) {
        int result = parents ? make_with_parents(argv[i]) : make_one(argv[i], 0);
        if (result < 0)
            status = 1;
    }
    return status;
}
