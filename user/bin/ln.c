/* user/bin/ln.c - ln [-s] TARGET NEW, ln [-s] TARGET... DIRECTORY: makes
 * links.
 *
 *   ln TARGET NEW       a hard link (link(2)): NEW becomes one more name of
 *                       the file TARGET, on the same file system; the file
 *                       lives until its last name is removed
 *   ln -s TARGET NEW    a symbolic link (symlink(2)): NEW is a small file
 *                       that holds the path TARGET, which need not exist;
 *                       `ls -l` shows it as NEW -> TARGET
 *
 * Into an existing DIRECTORY, each link gets the last name of its TARGET.
 * An existing NEW is left alone: "ln: NEW: File exists". */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last component of `path` ("b" for "/a/b"). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Makes `new_path` a link to `target`; 0, or -1 after a message. */
static int make_link(const char *target, const char *new_path, int symbolic)
{
    int result = symbolic ? symlink(target, new_path) : link(target, new_path);
    if (result == 0)
        return 0;
    /* link's ENOENT may be about either name: say which when it is TARGET */
    struct stat status;
    const char *about = !symbolic && errno == ENOENT && lstat(target, &status) < 0 ? target : new_path;
    fprintf(stderr, "ln: %s: %s\n", about, strerror(errno));
    return -1;
}

int main(int argc, char **argv)
{
    int symbolic = 0, option;
    while ((option = getopt(argc, argv, "s")) != -1) {
        if (option != 's') {
            fprintf(stderr, "usage: ln [-s] TARGET NEW  or  ln [-s] TARGET... DIRECTORY\n");
            return 2;
        }
        symbolic = 1;
    }
    int first = optind;
    int operands = argc - first;
    if (operands < 2) {
        fprintf(stderr, "usage: ln [-s] TARGET NEW  or  ln [-s] TARGET... DIRECTORY\n");
        return 2;
    }
    const char *last = argv[argc - 1];
    struct stat status;
    int into_directory = stat(last, &status) == 0 && S_ISDIR(status.st_mode);
    if (operands > 2 && !into_directory) {
        fprintf(stderr, "ln: %s: %s\n", last, strerror(ENOTDIR));
        return 1;
    }
    int result = 0;
    for (int i = first; i < argc - 1; i++) {
        char new_path[PATH_MAX];
        if (into_directory)
            snprintf(new_path, sizeof new_path, "%s/%s", last, base_name(argv[i]));
        else
            snprintf(new_path, sizeof new_path, "%s", last);
        if (make_link(argv[i], new_path, symbolic) < 0)
            result = 1;
    }
    return result;
}
