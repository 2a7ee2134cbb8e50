/* libc/string/path_names.c - basename and dirname (POSIX, <libgen.h>):
 *
 *   path        dirname   basename
 *   /usr/lib    /usr      lib
 *   /usr/       /         usr
 *   usr         .         usr
 *   /           /         /
 *   //a         //        a         (two leading slashes are kept, as glibc)
 *   "" or NULL  .         .
 *
 * Both cut trailing slashes off in place, so `path` must be writable; the
 * answer is inside it or a constant string. */
#include <libgen.h>
#include <string.h>

/* The length of `path` without its trailing slashes (at least 1). */
static size_t without_trailing_slashes(const char *path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    return end;
}

/* The last component of `path`. */
char *basename(char *path)
{
    if (!path || !*path)
        return ".";
    size_t end = without_trailing_slashes(path);
    if (end == 1 && path[0] == '/')
        return "/";
    path[end] = '\0';
    char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* `path` without its last component: the directory holding it. */
char *dirname(char *path)
{
    if (!path || !*path)
        return ".";
    size_t end = without_trailing_slashes(path);
    if (!(end == 1 && path[0] == '/')) {
        while (end > 0 && path[end - 1] != '/')          /* the last component */
            end--;
        if (end == 0)
            return ".";
        while (end > 1 && path[end - 1] == '/')          /* the slashes before it */
            end--;
    }
    if (end == 1 && path[0] == '/' && path[1] == '/' && path[2] != '/')   /* "//" stays */
        end = 2;
    path[end] = '\0';
    return path;
}
