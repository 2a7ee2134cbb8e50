/* libc/pwd/database.h - reading /etc/passwd and /etc/group (internal):
 * both are lines of fields split by ':'. */
#ifndef LIBC_PWD_DATABASE_H
#define LIBC_PWD_DATABASE_H

#include <stddef.h>
#include <stdio.h>

#define DATABASE_LINE_MAX 1024        /* a longer line is skipped (sysconf(_SC_GETPW_R_SIZE_MAX)) */
#define DATABASE_FIELDS_MAX 7         /* passwd has 7, group 4 */

/* The longest user name a passwd line holds, with its NUL
 * (sysconf(_SC_LOGIN_NAME_MAX)): the line's bytes less the NUL fgets
 * adds, the newline and the ':' between the fields, the others empty. */
#define DATABASE_NAME_MAX (DATABASE_LINE_MAX - 1 - 1 - (DATABASE_FIELDS_MAX - 1) + 1)

/* One line, split: fields[i] point into `line`. */
struct database_line {
    char line[DATABASE_LINE_MAX];
    char *fields[DATABASE_FIELDS_MAX];
};

/* Reads the next line of `file` with exactly `field_count` fields into
 * *entry. 1, or 0 at the end of the file. Malformed lines are skipped. */
int database_next(FILE *file, int field_count, struct database_line *entry);

/* Reads a decimal id; -1 (as unsigned) when the text is not one. */
unsigned database_id(const char *text);

/* Copies the split line into the caller's `buffer` (`size` bytes), with
 * room for `extra` bytes after it (aligned for pointers), and moves the
 * fields to point there. Returns the extra room, or NULL if it does not
 * fit (ERANGE). */
void *database_copy(struct database_line *entry, int field_count, char *buffer, size_t size, size_t extra);

/* What a lookup asks of each line (does it match `key`?) and how it
 * turns the matching line into the caller's entry, in `buffer` of `size`
 * bytes (0, or ERANGE when it does not fit). */
typedef int (*database_match)(const struct database_line *line, const void *key);
typedef int (*database_fill)(void *entry, struct database_line *line, char *buffer, size_t size);

/* The lookup the _r functions of <pwd.h> and <grp.h> share: the first
 * line of `path` that `match`es goes through `fill`. 0 with *found set
 * (1) or not (0: no such entry, or no file at all), or an errno value. */
int database_lookup(const char *path, int field_count, database_match match, const void *key,
                    database_fill fill, void *entry, char *buffer, size_t size, int *found);

#endif
