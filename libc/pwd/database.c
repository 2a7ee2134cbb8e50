/* libc/pwd/database.c - the line reading /etc/passwd and /etc/group share. */
#include "database.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* Splits `line` at ':' into at most `field_count` fields; returns how many. */
static int split(char *line, char **fields, int field_count)
{
    int count = 0;
    fields[count++] = line;
    for (char *p = line; *p; p++) {
        if (*p != ':')
            continue;
        if (count == field_count)
            return field_count + 1;       /* too many */
        *p = 0;
        fields[count++] = p + 1;
    }
    return count;
}

int database_next(FILE *file, int field_count, struct database_line *entry)
{
    while (fgets(entry->line, sizeof entry->line, file)) {
        size_t length = strlen(entry->line);
        if (length && entry->line[length - 1] != '\n' && !feof(file)) {
            int c;                                    /* too long: skip the rest */
            while ((c = fgetc(file)) != EOF && c != '\n')
                ;
            continue;
        }
        if (length && entry->line[length - 1] == '\n')
            entry->line[--length] = 0;
        if (entry->line[0] == '#' || !entry->line[0])
            continue;
        if (split(entry->line, entry->fields, field_count) == field_count)
            return 1;
    }
    return 0;
}

unsigned database_id(const char *text)
{
    if (!*text)
        return (unsigned)-1;
    unsigned id = 0;
    for (; *text; text++) {
        if (*text < '0' || *text > '9')
            return (unsigned)-1;
        id = id * 10 + (unsigned)(*text - '0');
    }
    return id;
}

void *database_copy(struct database_line *entry, int field_count, char *buffer, size_t size, size_t extra)
{
    char *last = entry->fields[field_count - 1];
    size_t used = (size_t)(last - entry->line) + strlen(last) + 1;
    uintptr_t room = ((uintptr_t)buffer + used + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
    if (room + extra > (uintptr_t)buffer + size)
        return 0;
    memcpy(buffer, entry->line, used);
    for (int i = 0; i < field_count; i++)
        entry->fields[i] = buffer + (entry->fields[i] - entry->line);
    return (void *)room;
}

int database_lookup(const char *path, int field_count, database_match match, const void *key,
                    database_fill fill, void *entry, char *buffer, size_t size, int *found)
{
    *found = 0;
    FILE *file = fopen(path, "r");
    if (!file)
        return errno == ENOENT ? 0 : errno;   /* no file: no such entry */
    struct database_line line;
    int status = 0;
    while (database_next(file, field_count, &line)) {
        if (!match(&line, key))
            continue;
        status = fill(entry, &line, buffer, size);
        *found = status == 0;
        break;
    }
    fclose(file);
    return status;
}
