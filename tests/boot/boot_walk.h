/* tests/boot/boot_walk.h - helpers of the tests of ftw and nftw
 * (libc_nftw_*): trees made under a scratch directory, and the log of
 * what a walk's callback was given. */
#ifndef TESTS_BOOT_BOOT_WALK_H
#define TESTS_BOOT_BOOT_WALK_H

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>

#include "boot_test.h"

#define WALK_VISITS_MAX 64
#define WALK_NAME_SIZE (sizeof ((struct dirent *)0)->d_name)   /* a name readdir gives, with its NUL */

/* One call of the callback: what it was given. */
struct walk_visit {
    char path[PATH_MAX];
    int type;
    int base, level;            /* nftw's struct FTW; -1 from ftw */
    struct stat status;         /* as given (meaningless for FTW_NS) */
};

static struct walk_visit walk_visits[WALK_VISITS_MAX];
static int walk_visit_count;
static int walk_stop_at;        /* the callback returns 42 on this call (1, 2, ...); 0: never */

static void walk_log_clear(void)
{
    walk_visit_count = 0;
    walk_stop_at = 0;
}

static int walk_record(const char *path, const struct stat *status, int type, const struct FTW *where)
{
    if (walk_visit_count < WALK_VISITS_MAX) {
        struct walk_visit *visit = &walk_visits[walk_visit_count];
        snprintf(visit->path, sizeof visit->path, "%s", path);
        visit->type = type;
        visit->base = where ? where->base : -1;
        visit->level = where ? where->level : -1;
        visit->status = *status;
    }
    walk_visit_count++;
    return walk_visit_count == walk_stop_at ? 42 : 0;
}

/* nftw's and ftw's callbacks, recording. */
static int __attribute__((unused)) walk_record_nftw(const char *path, const struct stat *status, int type,
                                                     struct FTW *where)
{
    return walk_record(path, status, type, where);
}

static int __attribute__((unused)) walk_record_ftw(const char *path, const struct stat *status, int type)
{
    return walk_record(path, status, type, NULL);
}

/* The index of the visit of `path` in the log, or -1. */
static int walk_find(const char *path)
{
    for (int i = 0; i < walk_visit_count && i < WALK_VISITS_MAX; i++)
        if (!strcmp(walk_visits[i].path, path))
            return i;
    return -1;
}

/* `directory`/`name` into `path` (PATH_MAX bytes). */
static const char *walk_join(char *path, const char *directory, const char *name)
{
    int length = snprintf(path, PATH_MAX, "%s/%s", directory, name);
    CHECK(length < PATH_MAX, "%s/%s: a path too long for the test", directory, name);
    return path;
}

/* Makes an empty regular file. */
static void walk_make_file(const char *path)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0, "creating %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
}

/* The name of an entry of directory `path` other than "." and "..",
 * into `name` (WALK_NAME_SIZE bytes); 0 if it has none (or cannot be read). */
static int walk_some_entry(const char *path, char *name)
{
    DIR *dir = opendir(path);
    struct dirent *entry;
    int found = 0;
    while (dir && !found && (entry = readdir(dir)) != NULL)
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..")) {
            strcpy(name, entry->d_name);
            found = 1;
        }
    if (dir)
        closedir(dir);
    return found;
}

/* Removes `path` and everything below it (by readdir, not by the walk
 * under test), giving directories back their permissions first. */
static void walk_remove_tree(const char *path)
{
    struct stat status;
    if (lstat(path, &status) < 0)
        return;
    if (!S_ISDIR(status.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0755);
    char name[WALK_NAME_SIZE], below[PATH_MAX];
    while (walk_some_entry(path, name)) {       /* one at a time: no reading while removing */
        walk_remove_tree(walk_join(below, path, name));
        if (lstat(below, &status) == 0)
            break;                              /* it stays: give up rather than loop */
    }
    rmdir(path);
}

#endif
