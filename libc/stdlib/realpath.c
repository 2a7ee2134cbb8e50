/* libc/stdlib/realpath.c - realpath: the absolute path of a file with no
 * ".", "..", repeated '/' or symbolic link in it.
 *
 * The path is walked one name at a time, the resolved part growing in
 * `result` and what is left waiting in `pending`. A symbolic link met on
 * the way is replaced by what it holds, put in front of the rest:
 *
 *   result: /home/ann        pending: link/notes      ("link" -> "../bob")
 *   result: /home/ann/link   is a link: result /home/ann, pending ../bob/notes
 *
 * Every name must exist (lstat), and every one but the last must be a
 * directory. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINKS_FOLLOWED_MAX 40   /* then ELOOP, as Linux counts */

/* Drops the last name of the absolute path `path` ("/" stays "/"). */
static void drop_last_name(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash == path)
        path[1] = '\0';
    else if (slash)
        *slash = '\0';
}

/* Appends "/name" (`length` bytes of name) to `path`; -1 with
 * ENAMETOOLONG if it does not fit in PATH_MAX. */
static int append_name(char *path, const char *name, size_t length)
{
    size_t used = strlen(path);
    int needs_slash = used > 0 && path[used - 1] != '/';
    if (used + needs_slash + length + 1 > PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (needs_slash)
        path[used++] = '/';
    memcpy(path + used, name, length);
    path[used + length] = '\0';
    return 0;
}

/* Replaces `pending` by `target` (a link's contents) followed by `rest`
 * (empty, or starting with '/'); -1 with ENAMETOOLONG if that does not
 * fit. */
static int splice_link(char *pending, const char *target, const char *rest)
{
    char joined[PATH_MAX];
    size_t target_length = strlen(target), rest_length = strlen(rest);
    if (target_length + rest_length + 1 > sizeof joined) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(joined, target, target_length);
    memcpy(joined + target_length, rest, rest_length + 1);
    memcpy(pending, joined, target_length + rest_length + 1);
    return 0;
}

/* Stores the canonical absolute path of `path` in `resolved` (PATH_MAX
 * bytes) or, if it is NULL, in malloc'd memory; returns it. NULL with
 * errno: EINVAL (path NULL), ENOENT (a name does not exist, or path is
 * ""), ENOTDIR, ELOOP (more than 40 links), ENAMETOOLONG, EACCES,
 * ENOMEM. */
char *realpath(const char *path, char *resolved)
{
    if (!path) {
        errno = EINVAL;
        return NULL;
    }
    if (!*path) {
        errno = ENOENT;
        return NULL;
    }
    char result[PATH_MAX], pending[PATH_MAX], target[PATH_MAX];
    if (strlen(path) >= sizeof pending) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(pending, path);
    if (path[0] == '/')
        strcpy(result, "/");
    else if (!getcwd(result, sizeof result))
        return NULL;
    int links_followed = 0;
    char *rest = pending;
    while (*rest) {
        while (*rest == '/')
            rest++;
        if (!*rest)
            break;
        const char *name = rest;
        size_t length = strcspn(rest, "/");
        rest += length;
        if (length == 1 && name[0] == '.')
            continue;
        if (length == 2 && name[0] == '.' && name[1] == '.') {
            drop_last_name(result);
            continue;
        }
        if (append_name(result, name, length) == -1)
            return NULL;
        struct stat status;
        if (lstat(result, &status) == -1)
            return NULL;
        if (S_ISLNK(status.st_mode)) {
            if (++links_followed > LINKS_FOLLOWED_MAX) {
                errno = ELOOP;
                return NULL;
            }
            ssize_t target_length = readlink(result, target, sizeof target - 1);
            if (target_length == -1)
                return NULL;
            target[target_length] = '\0';
            if (target[0] == '/')
                strcpy(result, "/");
            else
                drop_last_name(result);
            if (splice_link(pending, target, rest) == -1)
                return NULL;
            rest = pending;
        } else if (!S_ISDIR(status.st_mode) && *rest) {
            errno = ENOTDIR;                 /* "file/..." : more follows a non-directory */
            return NULL;
        }
    }
    if (resolved)
        return strcpy(resolved, result);
    char *copy = strdup(result);
    if (!copy)
        errno = ENOMEM;
    return copy;
}
