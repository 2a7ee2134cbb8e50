/* libc/pwd/database.h - reading /etc/passwd and /etc/group (internal):
 * both are lines of fields split by ':'. */
#ifndef LIBC_PWD_DATABASE_H
#define LIBC_PWD_DATABASE_H

#include <stddef.h>
#include <stdio.h>

#define DATABASE_LINE_MAX 1024        /* a longer line is skipped (sysconf(_SC_GETPW_R_SIZE_MAX)) */
#define DATABASE_FIELDS_MAX 7         /* passwd has 7, group 4 */

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

#endif
