/* libc/stdlib/environment.c - the environment: environ, getenv, setenv,
 * unsetenv.
 *
 * At start environ points at the array the kernel placed on the stack. The
 * first setenv that adds a name copies the array into malloc'd memory so it
 * can grow; later additions grow that copy. Strings replaced or removed are
 * not freed: they may be on the initial stack, and a pointer that getenv
 * returned earlier may still be in use. */
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

/* Returns the index of `name` in environ, or -1. */
static int find(const char *name)
{
    size_t length = strlen(name);
    for (int i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, length) == 0 && environ[i][length] == '=')
            return i;
    return -1;
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
