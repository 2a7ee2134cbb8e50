/* user/bin/head.c - head [-n N] [FILE...]: prints the first N lines (10 if not
 * said) of each file, or of standard input. With several files each part
 * starts with "==> NAME <==". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LINES 10

/* Copies the first `lines` lines of `input` to standard output. */
static void print_head(FILE *input, long lines)
{
    int c;
    while (lines > 0 && (c = fgetc(input)) != EOF) {
        putchar(c);
        if (c == '\n')
            lines--;
    }
}

/* Prints how to call head; returns the status for wrong usage. */
static int usage(void)
{
    fprintf(stderr, "usage: head [-n N] [FILE...]\n");
    return 2;
}

int main(int argc, char **argv)
{
    long lines = DEFAULT_LINES;
    int i = 1;
    if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
        const char *count = argv[i][2] ? argv[i] + 2 : argv[++i];   /* -n5 or -n 5 */
        char *end;
        if (!count)
            return usage();
        lines = strtol(count, &end, 10);
        if (*count == '\0' || *end != '\0' || lines < 0)
            return usage();
        i++;
    }
    if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0')
        return usage();
    if (i == argc) {
        print_head(stdin, lines);
        return 0;
    }
    int status = 0, many = argc - i > 1;
    for (int first = i; i < argc; i++) {
        FILE *input = fopen(argv[i], "r");
        if (!input) {
            fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        if (many)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        print_head(input, lines);
        fclose(input);
    }
    return status;
}
