/* libc/pwd/group.c - the group database, /etc/group (getgrnam(3)), and
 * initgroups, which reads it. */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "database.h"

#define GROUP_FILE "/etc/group"
#define GROUP_FIELDS 4

struct group_key {
    const char *name;
    gid_t gid;
};

static int matches(const struct database_line *line, const void *wanted)
{
    const struct group_key *key = wanted;
    return key->name ? !strcmp(line->fields[0], key->name) : database_id(line->fields[2]) == key->gid;
}

/* How many names the member list "a,b,c" holds. */
static size_t member_count(const char *members)
{
    if (!*members)
        return 0;
    size_t count = 1;
    for (; *members; members++)
        count += *members == ',';
    return count;
}

/* Copies the line into `buffer` with the member array after it and
 * points `entry` there; 0 or ERANGE. */
static int fill(void *filled, struct database_line *line, char *buffer, size_t size)
{
    struct group *entry = filled;
    size_t count = member_count(line->fields[3]);
    char **members = database_copy(line, GROUP_FIELDS, buffer, size, (count + 1) * sizeof(char *));
    if (!members)
        return ERANGE;
    char *name = line->fields[3];
    for (size_t i = 0; i < count; i++) {
        members[i] = name;
        char *comma = strchr(name, ',');
        if (comma) {
            *comma = 0;
            name = comma + 1;
        }
    }
    members[count] = 0;
    entry->gr_name = line->fields[0];
    entry->gr_passwd = line->fields[1];
    entry->gr_gid = database_id(line->fields[2]);
    entry->gr_mem = members;
    return 0;
}

static int lookup(const struct group_key *key, struct group *entry, char *buffer, size_t size,
                  struct group **result)
{
    int found;
    int status = database_lookup(GROUP_FILE, GROUP_FIELDS, matches, key, fill, entry, buffer, size, &found);
    *result = found ? entry : 0;
    return status;
}

int getgrnam_r(const char *name, struct group *entry, char *buffer, size_t size, struct group **result)
{
    struct group_key key = { name, 0 };
    return lookup(&key, entry, buffer, size, result);
}

int getgrgid_r(gid_t gid, struct group *entry, char *buffer, size_t size, struct group **result)
{
    struct group_key key = { 0, gid };
    return lookup(&key, entry, buffer, size, result);
}

static struct group static_entry;
static char *static_buffer[DATABASE_LINE_MAX];   /* pointers: room for the line and the member array */

static struct group *static_lookup(const struct group_key *key)
{
    struct group *result;
    int status = lookup(key, &static_entry, (char *)static_buffer, sizeof static_buffer, &result);
    if (status)
        errno = status;
    return result;
}

struct group *getgrnam(const char *name)
{
    struct group_key key = { name, 0 };
    return static_lookup(&key);
}

struct group *getgrgid(gid_t gid)
{
    struct group_key key = { 0, gid };
    return static_lookup(&key);
}

static FILE *enumeration;

struct group *getgrent(void)
{
    if (!enumeration && !(enumeration = fopen(GROUP_FILE, "r")))
        return 0;
    struct database_line line;
    if (!database_next(enumeration, GROUP_FIELDS, &line))
        return 0;
    fill(&static_entry, &line, (char *)static_buffer, sizeof static_buffer);   /* always fits */
    return &static_entry;
}

void setgrent(void)
{
    endgrent();
}

void endgrent(void)
{
    if (enumeration)
        fclose(enumeration);
    enumeration = 0;
}

/* initgroups(3): the supplementary groups become `group` and every group
 * of /etc/group that lists `user`. Root only (setgroups' EPERM). */
int initgroups(const char *user, gid_t group)
{
    gid_t groups[NGROUPS_MAX];
    size_t count = 0;
    groups[count++] = group;
    setgrent();
    struct group *entry;
    while ((entry = getgrent()) && count < NGROUPS_MAX) {
        if (entry->gr_gid == group)
            continue;
        for (char **member = entry->gr_mem; *member; member++)
            if (!strcmp(*member, user)) {
                groups[count++] = entry->gr_gid;
                break;
            }
    }
    endgrent();
    return setgroups(count, groups);
}
