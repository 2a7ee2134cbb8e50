/* user/bin/grep.c - grep [-v] [-c] [-n] [-i] PATTERN [FILE...]: prints the
 * lines that contain PATTERN as a plain substring (no regular expressions).
 *   -v  the lines that do not contain it     -c  only how many lines
 *   -n  each line's number before it        -i  ignore upper/lower case
 * With several files each line starts with its file's name. Exit status:
 * 0 some line was selected, 1 none was, 2 an error. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int invert, count_only, number_lines, ignore_case;

/* Reads one line (without its newline) into *line, growing it as needed.
 * Returns 0, or -1 at end of input. */
static int read_line(FILE *input, char **line, size_t *capacity)
{
    size_t length = 0;
    int c;
    while ((c = fgetc(input)) != EOF && c != '\n') {
        if (length + 1 >= *capacity) {
            size_t bigger = *capacity ? *capacity * 2 : 128;
            char *grown = realloc(*line, bigger);
            if (!grown)
                break;
            *line = grown;
            *capacity = bigger;
        }
        (*line)[length++] = (char)c;
    }
    if (c == EOF && length == 0)
        return -1;
    if (!*line) {                          /* an empty first line */
        *line = malloc(1);
        *capacity = 1;
    }
    (*line)[length] = '\0';
    return 0;
}

/* Whether `pattern` occurs in `line`, with case ignored if -i. */
static int contains(const char *line, const char *pattern)
{
    if (!ignore_case)
        return strstr(line, pattern) != NULL;
    size_t length = strlen(pattern);
    for (; *line; line++)
        if (strncasecmp(line, pattern, length) == 0)
            return 1;
    return length == 0;
}

/* Searches one stream; `name` prefixes output lines when not NULL.
 * Returns how many lines were selected. */
static long search(FILE *input, const char *pattern, const char *name)
{
    char *line = NULL;
    size_t capacity = 0;
    long selected = 0, number = 0;
    while (read_line(input, &line, &capacity) == 0) {
        number++;
        if (contains(line, pattern) == invert)
            continue;
        selected++;
        if (count_only)
            continue;
        if (name)
            printf("%s:", name);
        if (number_lines)
            printf("%ld:", number);
        printf("%s\n", line);
    }
    free(line);
    if (count_only) {
        if (name)
            printf("%s:", name);
        printf("%ld\n", selected);
    }
    return selected;
}

/* Prints how to call grep; returns the status for wrong usage. */
static int usage(void)
{
    fprintf(stderr, "usage: grep [-v] [-c] [-n] [-i] PATTERN [FILE...]   (PATTERN is plain text)\n");
    return 2;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "vcni")) != -1) {
        switch (option) {
        case 'v': invert = 1; break;
        case 'c': count_only = 1; break;
        case 'n': number_lines = 1; break;
        case 'i': ignore_case = 1; break;
        default:  return usage();
        }
    }
    int i = optind;
    if (i >= argc)
        return usage();
    const char *pattern = argv[i++];
    if (i == argc)
        return search(stdin, pattern, NULL) > 0 ? 0 : 1;
    int many = argc - i > 1, error = 0;
    long selected = 0;
    for (; i < argc; i++) {
        FILE *input = fopen(argv[i], "r");
        if (!input) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            error = 1;
            continue;
        }
        selected += search(input, pattern, many ? argv[i] : NULL);
        fclose(input);
    }
    if (error)
        return 2;
    return selected > 0 ? 0 : 1;
}
