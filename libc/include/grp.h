/* libc/include/grp.h - the group database: /etc/group, one group a line,
 * "name:password:gid:member,member,..." (group(5)). */
#ifndef LIBC_INCLUDE_GRP_H
#define LIBC_INCLUDE_GRP_H

#include <stddef.h>
#include <sys/types.h>

struct group {
    char *gr_name;
    char *gr_passwd;    /* "x" */
    gid_t gr_gid;
    char **gr_mem;      /* the members' names, NULL-terminated */
};

/* The entry of group `name` / `gid`, in a buffer the next call reuses;
 * NULL when there is none (errno untouched) or on an error (errno set). */
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);

/* The same into the caller's `entry` and `buffer`: 0 with *result the
 * entry or NULL, or an errno value (ERANGE: the buffer is too small). */
int getgrnam_r(const char *name, struct group *entry, char *buffer, size_t size, struct group **result);
int getgrgid_r(gid_t gid, struct group *entry, char *buffer, size_t size, struct group **result);

/* Every entry in turn, as getpwent. */
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);

#endif
