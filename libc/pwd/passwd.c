/* libc/pwd/passwd.c - the user database, /etc/passwd (getpwnam(3)). */
#include <errno.h>
#include <pwd.h>
#include <string.h>

#include "database.h"

#define PASSWD_FILE "/etc/passwd"
#define PASSWD_FIELDS 7

/* What a lookup looks for: a name, or else an id. */
struct user_key {
    const char *name;
    uid_t uid;
};

static int matches(const struct database_line *line, const void *wanted)
{
    const struct user_key *key = wanted;
    return key->name ? !strcmp(line->fields[0], key->name) : database_id(line->fields[2]) == key->uid;
}

/* Points `entry` at the fields of a line (already in their final place). */
static void point_at_fields(struct passwd *entry, const struct database_line *line)
{
    entry->pw_name = line->fields[0];
    entry->pw_passwd = line->fields[1];
    entry->pw_uid = database_id(line->fields[2]);
    entry->pw_gid = database_id(line->fields[3]);
    entry->pw_gecos = line->fields[4];
    entry->pw_dir = line->fields[5];
    entry->pw_shell = line->fields[6];
}

/* Copies the matching line into `buffer` and fills the entry. */
static int fill(void *entry, struct database_line *line, char *buffer, size_t size)
{
    if (!database_copy(line, PASSWD_FIELDS, buffer, size, 0))
        return ERANGE;
    point_at_fields(entry, line);
    return 0;
}

/* The lookup both _r functions make. */
static int lookup(const struct user_key *key, struct passwd *entry, char *buffer, size_t size,
                  struct passwd **result)
{
    int found;
    int status = database_lookup(PASSWD_FILE, PASSWD_FIELDS, matches, key, fill, entry, buffer, size, &found);
    *result = found ? entry : 0;
    return status;
}

int getpwnam_r(const char *name, struct passwd *entry, char *buffer, size_t size, struct passwd **result)
{
    struct user_key key = { name, 0 };
    return lookup(&key, entry, buffer, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *entry, char *buffer, size_t size, struct passwd **result)
{
    struct user_key key = { 0, uid };
    return lookup(&key, entry, buffer, size, result);
}

static struct passwd static_entry;
static char static_buffer[DATABASE_LINE_MAX];

/* The non-reentrant form: errno set only on an error. */
static struct passwd *static_lookup(const struct user_key *key)
{
    struct passwd *result;
    int status = lookup(key, &static_entry, static_buffer, sizeof static_buffer, &result);
    if (status)
        errno = status;
    return result;
}

struct passwd *getpwnam(const char *name)
{
    struct user_key key = { name, 0 };
    return static_lookup(&key);
}

struct passwd *getpwuid(uid_t uid)
{
    struct user_key key = { 0, uid };
    return static_lookup(&key);
}

static FILE *enumeration;             /* getpwent's place in the file */

struct passwd *getpwent(void)
{
    if (!enumeration && !(enumeration = fopen(PASSWD_FILE, "r")))
        return 0;
    struct database_line line;
    if (!database_next(enumeration, PASSWD_FIELDS, &line))
        return 0;
    fill(&static_entry, &line, static_buffer, sizeof static_buffer);   /* always fits */
    return &static_entry;
}

void setpwent(void)
{
    endpwent();
}

void endpwent(void)
{
    if (enumeration)
        fclose(enumeration);
    enumeration = 0;
}
