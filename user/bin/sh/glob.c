/* user/bin/sh/glob.c - pathname expansion: `/bin/c*` becomes the paths it
 * matches.
 *
 *   *  any characters    ?  one character    [a-c] [!a-c] [^a-c]  one of / none of
 *   \x  x itself (expand.c puts a \ before every quoted special character)
 *
 * A pattern is followed one component (text between slashes) at a time:
 * one without wildcards is taken as it is; for one with them, the
 * directory reached so far is read and each name that matches is followed
 * into the next component. `*` leaves out names starting with `.`. The
 * paths are sorted at the end; docs/shell.md draws a walk. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

/* A walk through the directories a pattern names. */
struct walk {
    char path[PATH_MAX];      /* the path built so far: "", "/", "/bin/", ... */
    struct word_list *list;   /* where the paths that match go */
};

/* Returns the character at pattern[*i] (the one after it when it is a \)
 * and steps over both. */
static char next_literal(const char *pattern, int *i)
{
    if (pattern[*i] == '\\' && pattern[*i + 1])
        (*i)++;
    return pattern[(*i)++];
}

/* The bracket expression at `pattern` ("[...]"): sets *matched to whether
 * `c` is one of its characters and returns its length; returns 0 when no
 * `]` closes it, and then the `[` is an ordinary character. */
static int match_bracket(const char *pattern, char c, bool *matched)
{
    int i = 1;
    bool negated = pattern[i] == '!' || pattern[i] == '^';
    if (negated)
        i++;
    int first = i;                         /* a ] right at the start is a member: []x] */
    bool found = false;
    while (pattern[i] && (pattern[i] != ']' || i == first)) {
        unsigned char low = next_literal(pattern, &i), high = low;
        if (pattern[i] == '-' && pattern[i + 1] && pattern[i + 1] != ']') {
            i++;                           /* a range: a-c */
            high = next_literal(pattern, &i);
        }
        if (low <= (unsigned char)c && (unsigned char)c <= high)
            found = true;
    }
    if (pattern[i] != ']')
        return 0;
    *matched = found != negated;
    return i + 1;
}

/* How many characters of `pattern` its first item (a character, \x, ? or
 * [...]) spans if that item matches `c`; 0 if it does not. */
static int match_item(const char *pattern, char c)
{
    if (*pattern == '?')
        return 1;
    if (*pattern == '[') {
        bool matched;
        int length = match_bracket(pattern, c, &matched);
        if (length > 0)
            return matched ? length : 0;
    }
    int i = 0;
    return next_literal(pattern, &i) == c ? i : 0;
}

/* Whether the whole of `name` matches the whole of `pattern`. */
static bool match(const char *pattern, const char *name)
{
    const char *after_star = NULL;         /* the pattern after the last * seen */
    const char *star_end = NULL;           /* where in `name` the text that * takes ends */
    while (*name) {
        int length;
        if (*pattern == '*') {
            after_star = ++pattern;        /* first let * take nothing */
            star_end = name;
        } else if ((length = match_item(pattern, *name)) > 0) {
            pattern += length;
            name++;
        } else if (after_star) {
            /* Let the last * take one character more and try the rest again.
             * Going back to an earlier * instead could not help: whatever
             * it would take more, the last one can take as well. */
            pattern = after_star;
            name = ++star_end;
        } else {
            return false;
        }
    }
    while (*pattern == '*')
        pattern++;
    return *pattern == '\0';
}

/* Whether a directory entry called `name` matches `component`. */
static bool name_matches(const char *component, const char *name)
{
    /* readdir lists . and .. (as on Linux): `.*` must not take in the
     * directory itself and its parent. */
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return false;
    if (name[0] == '.' && component[0] != '.')
        return false;                      /* hidden: only matched by a dot typed out */
    return match(component, name);
}

/* Whether `component` has a wildcard that is not after a \. */
static bool has_wildcard(const char *component)
{
    for (int i = 0; component[i]; ) {
        if (strchr("*?[", component[i]))
            return true;
        next_literal(component, &i);
    }
    return false;
}

/* Appends `text` at path[length], without the \ of a \x when `unescape`;
 * returns the new length, or -1 when the path is too long to exist. */
static int path_append(struct walk *walk, int length, const char *text, bool unescape)
{
    for (int i = 0; text[i]; ) {
        char c = unescape ? next_literal(text, &i) : text[i++];
        if (length + 1 >= PATH_MAX)
            return -1;
        walk->path[length++] = c;
    }
    walk->path[length] = '\0';
    return length;
}

static bool walk_from(struct walk *walk, int length, const char *component, int left);

/* The path built so far (`length` characters) led somewhere: with no
 * component left it is a match, else the walk goes on below it with
 * `next`. Returns false once the list is full. */
static bool follow(struct walk *walk, int length, const char *next, int left)
{
    if (left == 0)
        return word_list_add(walk->list, walk->path);
    length = path_append(walk, length, "/", false);
    return length < 0 || walk_from(walk, length, next, left);
}

/* Reads the directory at the path built so far and follows each entry
 * that `component` matches. Returns false once the list is full. */
static bool walk_directory(struct walk *walk, int length, const char *component, int left)
{
    DIR *dir = opendir(length > 0 ? walk->path : ".");
    if (!dir)
        return true;                       /* missing, or not a directory: nothing here */
    const char *next = component + strlen(component) + 1;
    bool room = true;
    struct dirent *entry;
    while (room && (entry = readdir(dir))) {
        if (!name_matches(component, entry->d_name))
            continue;
        if (left > 1 && entry->d_type != DT_DIR)
            continue;                      /* components follow: only a directory holds more */
        int end = path_append(walk, length, entry->d_name, false);
        if (end >= 0)
            room = follow(walk, end, next, left - 1);
    }
    closedir(dir);
    return room;
}

/* Follows `component` and the `left` - 1 components after it (each ends
 * with a NUL, the next one starts right after) from the path built so far.
 * Returns false once the list is full. */
static bool walk_from(struct walk *walk, int length, const char *component, int left)
{
    if (has_wildcard(component))
        return walk_directory(walk, length, component, left);
    length = path_append(walk, length, component, true);
    struct stat status;
    if (length < 0 || (left == 1 && stat(walk->path, &status) < 0))
        return true;                       /* a last component must name something that exists */
    return follow(walk, length, component + strlen(component) + 1, left - 1);
}

/* Compares two paths for qsort. */
static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the sorted paths `pattern` matches; -1 if the list became full. */
int glob_expand(const char *pattern, struct word_list *list)
{
    struct walk walk = { .list = list };
    char *components = strdup(pattern);
    if (!components)
        return 0;                          /* no memory to search with: keep the word */
    int count = 1;
    for (char *c = components; *c; c++) {
        if (*c == '/') {                   /* "/bin/c*" -> "", "bin", "c*" */
            *c = '\0';
            count++;
        }
    }
    int before = list->count;
    bool room = walk_from(&walk, 0, components, count);
    free(components);
    int found = list->count - before;
    if (found > 1)
        qsort(list->words + before, found, sizeof *list->words, compare_paths);
    return room ? found : -1;
}
