/* libc/unistd/exec.c - the exec family on execve: with the current
 * environment (execv, execl), searching PATH (execvp, execlp), and with the
 * arguments listed in the call rather than in an array (execl, execlp, and
 * execle, whose environment follows the list's NULL). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec_internal.h"

#define DEFAULT_PATH "/bin"   /* searched when PATH is not set */

/* Runs `path` with `argv` and this process's environment. */
int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* Runs `file` with `argv`, looking for it in each directory of PATH (colon
 * separated; an empty entry is the current directory) unless it contains a
 * slash. Returns -1 with ENOENT if no directory has it, or with the error of
 * a file found that could not be run. */
int execvp(const char *file, char *const argv[])
{
    return __exec_search(file, argv, environ);
}

int __exec_search(const char *file, char *const argv[], char *const envp[])
{
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    if (*file == '\0') {
        errno = ENOENT;
        return -1;
    }
    const char *search = getenv("PATH");
    if (!search)
        search = DEFAULT_PATH;
    size_t file_length = strlen(file);
    int error = ENOENT;
    for (;;) {
        const char *colon = strchr(search, ':');
        size_t dir_length = colon ? (size_t)(colon - search) : strlen(search);
        char candidate[PATH_MAX];
        if (dir_length + 1 + file_length < sizeof candidate) {
            size_t n = 0;
            if (dir_length > 0) {
                memcpy(candidate, search, dir_length);
                n = dir_length;
                candidate[n++] = '/';
            }
            memcpy(candidate + n, file, file_length + 1);
            execve(candidate, argv, envp);
            if (errno != ENOENT && errno != ENOTDIR)
                error = errno;   /* found, but could not run it: remember why */
        }
        if (!colon)
            break;
        search = colon + 1;
    }
    errno = error;
    return -1;
}

/* How the list forms run their program: execve with the caller's
 * environment (execl), searching PATH (execlp), or with the environment
 * that follows the list's NULL (execle). */
enum list_exec { LIST_EXEC_PATH, LIST_EXEC_SEARCH, LIST_EXEC_ENVIRONMENT };

/* Runs `path` with the arguments `arg0` and those of `args` up to their
 * NULL, as `how` says. */
static int exec_list(enum list_exec how, const char *path, const char *arg0, va_list args)
{
    va_list counting;
    va_copy(counting, args);
    int count = 0;
    for (const char *arg = arg0; arg; arg = va_arg(counting, const char *))
        count++;
    char *const *envp = how == LIST_EXEC_ENVIRONMENT ? va_arg(counting, char *const *) : environ;
    va_end(counting);

    char *argv[count + 1];
    argv[0] = (char *)arg0;
    for (int i = 1; i <= count; i++)
        argv[i] = va_arg(args, char *);    /* the last is the NULL */
    return how == LIST_EXEC_SEARCH ? __exec_search(path, argv, envp) : execve(path, argv, envp);
}

/* execl(path, arg0, arg1, ..., (char *)NULL): execv with the arguments listed. */
int execl(const char *path, const char *arg0, ...)
{
    va_list args;
    va_start(args, arg0);
    int result = exec_list(LIST_EXEC_PATH, path, arg0, args);
    va_end(args);
    return result;
}

/* execlp(file, arg0, arg1, ..., (char *)NULL): execvp with the arguments listed. */
int execlp(const char *file, const char *arg0, ...)
{
    va_list args;
    va_start(args, arg0);
    int result = exec_list(LIST_EXEC_SEARCH, file, arg0, args);
    va_end(args);
    return result;
}

/* execle(path, arg0, arg1, ..., (char *)NULL, envp): execve with the
 * arguments listed and the environment `envp` that follows their NULL. */
int execle(const char *path, const char *arg0, ...)
{
    va_list args;
    va_start(args, arg0);
    int result = exec_list(LIST_EXEC_ENVIRONMENT, path, arg0, args);
    va_end(args);
    return result;
}
