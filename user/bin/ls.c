/* user/bin/ls.c - ls [-l] [-a] [PATH...]: lists directories (the current one
 * if no path is given), their names sorted. A path that is not a directory is
 * listed as itself.
 *   -l  one line per name: its type (d directory, - file, p FIFO,
 *       c character device, b block device, s socket, l symbolic link)
 *       and permissions, its owner and group, its size in bytes, its name,
 *       and for a symbolic link "-> " and the path it holds. A symbolic
 *       link is shown itself (lstat), also when named as a PATH; without
 *       -l, a PATH that is a link to a directory lists the directory
 *   -a  also the names that start with a dot
 * Into a pipe or a file the names come one per line; on a terminal, side
 * by side in columns. */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCREEN_WIDTH   80    /* columns of the terminal */
#define COLUMN_GAP     2     /* blanks between names side by side */

static int long_format, show_hidden, to_terminal;

/* The type letter -l shows for `mode`. */
static char type_letter(unsigned mode)
{
    if (S_ISDIR(mode))  return 'd';
    if (S_ISFIFO(mode)) return 'p';
    if (S_ISCHR(mode))  return 'c';
    if (S_ISBLK(mode))  return 'b';
    if (S_ISLNK(mode))  return 'l';
    if (S_ISSOCK(mode)) return 's';
    return '-';
}

/* The nine permission letters of `mode`, as ls -l writes them: rwx for
 * the owner, the group and others, with s and t for the set-id and
 * sticky bits (S and T when the x beneath them is off). */
static void permission_letters(unsigned mode, char letters[10])
{
    static const char rwx[] = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        letters[i] = mode & (0400u >> i) ? rwx[i] : '-';
    if (mode & S_ISUID)
        letters[2] = letters[2] == 'x' ? 's' : 'S';
    if (mode & S_ISGID)
        letters[5] = letters[5] == 'x' ? 's' : 'S';
    if (mode & S_ISVTX)
        letters[8] = letters[8] == 'x' ? 't' : 'T';
    letters[9] = 0;
}

/* Prints " -> TARGET", the path the symbolic link `path` holds. */
static void print_link_target(const char *path)
{
    char target[PATH_MAX];
    ssize_t length = readlink(path, target, sizeof target);
    if (length < 0)
        printf(" -> ?");
    else
        printf(" -> %.*s", (int)length, target);
}

/* Prints one -l line for `name`, whose status is found at `path`: type
 * and permissions, owner and group (by name from /etc/passwd and
 * /etc/group when they have one), size, name; a symbolic link (lstat
 * describes it, not the file it names) with its target. */
static void print_long(const char *path, const char *name)
{
    struct stat status;
    if (lstat(path, &status) < 0) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        return;
    }
    char letters[10], owner[16], group[16];
    permission_letters(status.st_mode, letters);
    struct passwd *user = getpwuid(status.st_uid);
    struct group *user_group = getgrgid(status.st_gid);
    if (user)
        snprintf(owner, sizeof owner, "%s", user->pw_name);
    else
        snprintf(owner, sizeof owner, "%u", status.st_uid);
    if (user_group)
        snprintf(group, sizeof group, "%s", user_group->gr_name);
    else
        snprintf(group, sizeof group, "%u", status.st_gid);
    printf("%c%s %-8s %-8s %8ld %s", type_letter(status.st_mode), letters, owner, group, status.st_size, name);
    if (S_ISLNK(status.st_mode))
        print_link_target(path);
    printf("\n");
}

/* Prints the names side by side in columns as wide as the longest. */
static void print_columns(char **names, int count)
{
    int widest = 1;
    for (int i = 0; i < count; i++)
        if ((int)strlen(names[i]) > widest)
            widest = (int)strlen(names[i]);
    int per_line = SCREEN_WIDTH / (widest + COLUMN_GAP);
    if (per_line < 1)
        per_line = 1;
    for (int i = 0; i < count; i++) {
        int end_of_line = (i % per_line == per_line - 1) || i == count - 1;
        printf("%-*s", end_of_line ? 0 : widest + COLUMN_GAP, names[i]);
        if (end_of_line)
            printf("\n");
    }
}

/* Orders two names for qsort, as strcmp does. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the directory `path`; returns 0, or -1 after a message. */
static int list_directory(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char **names = NULL;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (entry->d_name[0] == '.' && !show_hidden)
            continue;
        char **grown = realloc(names, (count + 1) * sizeof *names);
        if (!grown)
            break;
        names = grown;
        names[count++] = strdup(entry->d_name);
    }
    qsort(names, count, sizeof *names, compare_names);
    if (long_format) {
        for (int i = 0; i < count; i++) {
            char child[PATH_MAX];
            snprintf(child, sizeof child, "%s/%s", path, names[i]);
            print_long(child, names[i]);
        }
    } else if (to_terminal) {
        print_columns(names, count);
    } else {
        for (int i = 0; i < count; i++)
            printf("%s\n", names[i]);
    }
    closedir(dir);                    /* open until now, as GNU ls: ls -l /proc/self/fd shows its own */
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return 0;
}

/* The status of a command-line path: with -l a symbolic link's own, as
 * GNU ls shows it; else that of the file it names. */
static int operand_status(const char *path, struct stat *status)
{
    return long_format ? lstat(path, status) : stat(path, status);
}

/* Lists the command-line paths as ls does: first the ones that are not
 * directories, together; then each directory's contents, under a heading
 * "PATH:" when there are several paths. Returns 0, or -1 if any failed. */
static int list_operands(char **paths, int count)
{
    int result = 0, printed = 0;
    struct stat status;
    for (int i = 0; i < count; i++) {
        if (operand_status(paths[i], &status) < 0) {
            fprintf(stderr, "ls: %s: %s\n", paths[i], strerror(errno));
            result = -1;
        } else if (!S_ISDIR(status.st_mode)) {
            if (long_format)
                print_long(paths[i], paths[i]);
            else
                printf("%s\n", paths[i]);
            printed = 1;
        }
    }
    for (int i = 0; i < count; i++) {
        if (operand_status(paths[i], &status) < 0 || !S_ISDIR(status.st_mode))
            continue;
        if (count > 1)
            printf("%s%s:\n", printed ? "\n" : "", paths[i]);
        printed = 1;
        if (list_directory(paths[i]) < 0)
            result = -1;
    }
    return result;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "la")) != -1) {
        switch (option) {
        case 'l': long_format = 1; break;
        case 'a': show_hidden = 1; break;
        default:
            fprintf(stderr, "usage: ls [-l] [-a] [PATH...]\n");
            return 2;
        }
    }
    int i = optind;
    to_terminal = isatty(STDOUT_FILENO);
    if (i == argc)
        return list_directory(".") < 0 ? 1 : 0;
    return list_operands(argv + i, argc - i) < 0 ? 1 : 0;
}
