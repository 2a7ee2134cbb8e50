/* libc/stdlib/environment.c - the environment: environ, getenv, setenv,
 * unsetenv, putenv, clearenv.
 *
 * At start environ points at the array the kernel placed on the stack. The
 * first setenv that adds a name copies the array into malloc'd memory so it
 * can grow; later additions grow that copy. Strings replaced or removed are
 * not freed: they may be on the initial stack, and a pointer that getenv
 * returned earlier may still be in use. putenv puts the caller's own
 * string in environ, so changing the string later changes the variable. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ;

static char **environ_allocated;   /* environ when it is our malloc'd copy */

/* Whether `name` is a valid variable name: not empty, no '='. */
static int valid_name(const char *name)
{
    return name && *name && !strchr(name, '=');
}

/* Returns the index of the variable named by the first `length` bytes
 * of `name` in environ, or -1. */
static int find_length(const char *name, size_t length)
{
    for (int i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, length) == 0 && environ[i][length] == '=')
            return i;
    return -1;
}

/* Returns the index of `name` in environ, or -1. */
static int find(const char *name)
{
    return find_length(name, strlen(name));
}

/* Returns the value of variable `name`, or NULL if it is not set. */
char *getenv(const char *name)
{
    if (!valid_name(name))
        return NULL;
    int i = find(name);
    return i < 0 ? NULL : environ[i] + strlen(name) + 1;
}

/* Appends `entry` ("NAME=value") to environ; returns 0, or -1 with ENOMEM. */
static int append(char *entry)
{
    int count = 0;
    while (environ && environ[count])
        count++;
    char **grown = malloc((count + 2) * sizeof *grown);
    if (!grown)
        return -1;
    for (int i = 0; i < count; i++)
        grown[i] = environ[i];
    grown[count] = entry;
    grown[count + 1] = NULL;
    free(environ_allocated);
    environ = environ_allocated = grown;
    return 0;
}

/* Sets `name` to `value`, unless it is set already and `overwrite` is 0.
 * Returns 0, or -1 with EINVAL (bad name) or ENOMEM. */
int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    int i = find(name);
    if (i >= 0 && !overwrite)
        return 0;
    size_t name_length = strlen(name), value_length = strlen(value);
    char *entry = malloc(name_length + value_length + 2);
    if (!entry)
        return -1;
    memcpy(entry, name, name_length);
    entry[name_length] = '=';
    memcpy(entry + name_length + 1, value, value_length + 1);
    if (i >= 0) {
        environ[i] = entry;
        return 0;
    }
    if (append(entry) == -1) {
        free(entry);
        return -1;
    }
    return 0;
}

/* Removes `name` from the environment; returns 0, or -1 with EINVAL. */
int unsetenv(const char *name)
{
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    int i;
    while ((i = find(name)) >= 0)
        for (; environ[i]; i++)
            environ[i] = environ[i + 1];
    return 0;
}

/* Makes `entry` ("NAME=value") itself part of the environment, replacing
 * NAME's value (the string is not copied: the caller must keep it alive
 * and unchanged, or change it to change the variable). Without '=', NAME
 * is removed, as glibc does. Returns 0, or nonzero with errno ENOMEM or
 * EINVAL (an empty name). */
int putenv(char *entry)
{
    char *equals = strchr(entry, '=');
    if (!equals)
        return unsetenv(entry);
    if (equals == entry) {
        errno = EINVAL;
        return -1;
    }
    int i = find_length(entry, (size_t)(equals - entry));
    if (i >= 0) {
        environ[i] = entry;
        return 0;
    }
    return append(entry);
}

/* Empties the environment: environ becomes NULL, as glibc leaves it (the
 * same as a program setting environ to NULL itself), and the next setenv
 * or putenv starts a new array. The array is freed if it is our copy and
 * still in use; the strings are not (see above). Returns 0. */
int clearenv(void)
{
    if (environ && environ == environ_allocated) {
        free(environ_allocated);
        environ_allocated = NULL;
    }
    environ = NULL;
    return 0;
}
