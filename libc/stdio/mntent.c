/* libc/stdio/mntent.c - setmntent, getmntent, getmntent_r, addmntent,
 * endmntent, hasmntopt (getmntent(3)): the fstab(5) format, one entry a
 * line of six blank-separated fields, the last two optional (0). As
 * glibc, "\040" in a field stands for a space (and \011 a tab, \012 a
 * newline, \134 a backslash), and such characters are written so. */
#include <mntent.h>
#include <stdio.h>
#include <string.h>

#define LINE_MAX_BYTES 1024

FILE *setmntent(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int endmntent(FILE *stream)
{
    if (stream)
        fclose(stream);
    return 1;
}

/* Turns the escapes of `field` into their characters, in place. */
static void unescape(char *field)
{
    char *to = field;
    for (char *from = field; *from; to++) {
        if (from[0] == '\\' && from[1] >= '0' && from[1] <= '3' && from[2] >= '0' && from[2] <= '7' &&
            from[3] >= '0' && from[3] <= '7') {
            *to = (char)((from[1] - '0') * 64 + (from[2] - '0') * 8 + (from[3] - '0'));
            from += 4;
        } else {
            *to = *from++;
        }
    }
    *to = '\0';
}

/* The next blank-separated field of *cursor (NULL when none is left). */
static char *next_field(char **cursor)
{
    char *start = *cursor + strspn(*cursor, " \t\n");
    if (!*start)
        return NULL;
    char *end = start + strcspn(start, " \t\n");
    *cursor = *end ? end + 1 : end;
    *end = '\0';
    unescape(start);
    return start;
}

static int number_of(const char *field)
{
    int value = 0;
    for (; field && *field >= '0' && *field <= '9'; field++)
        value = value * 10 + (*field - '0');
    return value;
}

struct mntent *getmntent_r(FILE *stream, struct mntent *entry, char *buffer, int size)
{
    while (fgets(buffer, size, stream)) {
        char *cursor = buffer;
        char *fsname = next_field(&cursor);
        if (!fsname || fsname[0] == '#')
            continue;                 /* blank or comment */
        entry->mnt_fsname = fsname;
        entry->mnt_dir = next_field(&cursor);
        entry->mnt_type = next_field(&cursor);
        entry->mnt_opts = next_field(&cursor);
        if (!entry->mnt_dir)
            entry->mnt_dir = "";
        if (!entry->mnt_type)
            entry->mnt_type = "";
        if (!entry->mnt_opts)
            entry->mnt_opts = "";
        entry->mnt_freq = number_of(next_field(&cursor));
        entry->mnt_passno = number_of(next_field(&cursor));
        return entry;
    }
    return NULL;
}

struct mntent *getmntent(FILE *stream)
{
    static struct mntent entry;
    static char buffer[LINE_MAX_BYTES];
    return getmntent_r(stream, &entry, buffer, sizeof buffer);
}

/* Writes `field` with its blanks and backslashes escaped. */
static void write_field(FILE *stream, const char *field)
{
    for (; *field; field++) {
        if (*field == ' ' || *field == '\t' || *field == '\n' || *field == '\\')
            fprintf(stream, "\\%03o", (unsigned char)*field);
        else
            fputc(*field, stream);
    }
}

int addmntent(FILE *stream, const struct mntent *entry)
{
    if (fseek(stream, 0, SEEK_END) < 0)
        return 1;
    const char *fields[] = { entry->mnt_fsname, entry->mnt_dir, entry->mnt_type, entry->mnt_opts };
    for (int i = 0; i < 4; i++) {
        write_field(stream, fields[i] ? fields[i] : "");
        fputc(' ', stream);
    }
    fprintf(stream, "%d %d\n", entry->mnt_freq, entry->mnt_passno);
    return fflush(stream) == 0 ? 0 : 1;
}

char *hasmntopt(const struct mntent *entry, const char *option)
{
    size_t length = strlen(option);
    for (char *start = entry->mnt_opts; start && *start;) {
        if (strncmp(start, option, length) == 0 && (start[length] == '\0' || start[length] == ',' ||
                                                    start[length] == '='))
            return start;
        start = strchr(start, ',');
        if (start)
            start++;
    }
    return NULL;
}
