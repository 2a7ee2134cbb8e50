/* user/bin/rm.c - rm [-r] [-f] FILE...: removes files. -r removes directories
 * with everything in them; -f says nothing about files that do not exist
 * (and the status stays 0 for them). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;   /* -r, -R */
static int force;       /* -f */

static int remove_path(const char *path);

/* Removes everything inside directory `path`, then the directory. The
 * directory is read again after each pass that removed something, since
 * removing entries while reading it may make the reading skip some. */
static int remove_directory(const char *path)
{
    int removed, failed = 0;
    do {
        DIR *dir = opendir(path);
        if (!dir) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return -1;
        }
        removed = 0;
        struct dirent *entry;
        while ((entry = readdir(dir))) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
                continue;
            char child[PATH_MAX];
            if (snprintf(child, sizeof child, "%s/%s", path, entry->d_name) >= (int)sizeof child) {
                fprintf(stderr, "rm: %s/%s: %s\n", path, entry->d_name, strerror(ENAMETOOLONG));
                failed = 1;
                continue;
            }
            if (remove_path(child) < 0)
                failed = 1;
            else
                removed++;
        }
        closedir(dir);
    } while (removed > 0 && !failed);
    if (failed)
        return -1;
    if (rmdir(path) < 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Removes one file, or with -r one directory tree. */
static int remove_path(const char *path)
{
    struct stat status;
    if (stat(path, &status) < 0) {
        if (force && errno == ENOENT)
            return 0;
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(status.st_mode)) {
        if (recursive)
            return remove_directory(path);
        fprintf(stderr, "rm: %s: %s\n", path, strerror(EISDIR));
        return -1;
    }
    if (unlink(path) < 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "rRf")) != -1) {
        switch (option) {
        case 'r':
        case 'R': recursive = 1; break;
        case 'f': force = 1; break;
        default:
            fprintf(stderr, "usage: rm [-r] [-f] FILE...\n");
            return 2;
        }
    }
    int i = optind;
    if (i == argc && !force) {
        fprintf(stderr, "usage: rm [-r] [-f] FILE...\n");
        return 2;
    }
    int status = 0;
    for (; i < argc; i++)
        if (remove_path(argv[i]) < 0)
            status = 1;
    return status;
}
