/* libc/include/pwd.h - the user database: /etc/passwd, one user a line,
 * "name:password:uid:gid:gecos:home:shell" (passwd(5)). */
#ifndef LIBC_INCLUDE_PWD_H
#define LIBC_INCLUDE_PWD_H

#include <stddef.h>
#include <sys/types.h>

struct passwd {
    char *pw_name;      /* login name */
    char *pw_passwd;    /* "x": there are no passwords */
    uid_t pw_uid;
    gid_t pw_gid;       /* the user's first group */
    char *pw_gecos;     /* the user's full name */
    char *pw_dir;       /* home directory */
    char *pw_shell;     /* login shell */
};

/* The entry of user `name` / `uid`, in a buffer the next call reuses; NULL
 * when there is none (errno untouched) or on an error (errno set). */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);

/* The same into the caller's `entry` and `buffer` (`size` bytes;
 * sysconf(_SC_GETPW_R_SIZE_MAX) is enough for any line): 0 with *result
 * the entry or NULL when there is none, or an errno value (ERANGE: the
 * buffer is too small). */
int getpwnam_r(const char *name, struct passwd *entry, char *buffer, size_t size, struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *entry, char *buffer, size_t size, struct passwd **result);

/* Every entry in turn: getpwent gives the next one (NULL at the end),
 * setpwent starts over, endpwent closes the file. */
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);

#endif
