/* user/bin/head.c - head [-n N | -N] [-c N] [-q | -v] [FILE...]: prints
 * the first N lines (10 if not said) of each file, or of standard input;
 * with -c the first N bytes. With several files each part starts with
 * "==> NAME <==" (-q never, -v always). "-20" is the old way to say
 * "-n 20", which GNU head still takes. Options are read with getopt(3). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_LINES 10

/* Copies the first `count` lines (or bytes) of `input` to standard output. */
static void print_head(FILE *input, long count, int bytes)
{
    int c;
    while (count > 0 && (c = fgetc(input)) != EOF) {
        putchar(c);
        if (bytes || c == '\n')
            count--;
    }
}

/* Prints how to call head; returns the status for wrong usage. */
static int usage(void)
{
    fprintf(stderr, "usage: head [-n N | -N] [-c N] [-q | -v] [FILE...]\n");
    return 1;
}

/* Reads the count `text` of -n or -c into *count; returns 0, or -1 if it is
 * not a number of 0 or more. */
static int read_count(const char *text, long *count)
{
    char *end;
    errno = 0;
    *count = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || *count < 0 || errno) {
        fprintf(stderr, "head: invalid number: '%s'\n", text);
        return -1;
    }
    return 0;
}

/* Whether `argument` is the old form "-N" (a dash and digits only). */
static int is_old_count(const char *argument)
{
    if (argument[0] != '-' || !argument[1])
        return 0;
    for (const char *p = argument + 1; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    long count = DEFAULT_LINES;
    int bytes = 0, headers = -1;   /* -1: only with several files */
    if (argc > 1 && is_old_count(argv[1])) {
        if (read_count(argv[1] + 1, &count) == -1)
            return usage();
        argv[1] = argv[0];         /* the program name shifts into its place */
        argv++;
        argc--;
    }
    int option;
    while ((option = getopt(argc, argv, "n:c:qv")) != -1) {
        switch (option) {
        case 'n':
        case 'c':
            if (read_count(optarg, &count) == -1)
                return usage();
            bytes = option == 'c';
            break;
        case 'q': headers = 0; break;
        case 'v': headers = 1; break;
        default: return usage();
        }
    }
    if (optind == argc) {
        print_head(stdin, count, bytes);
        return 0;
    }
    if (headers == -1)
        headers = argc - optind > 1;
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int from_stdin = strcmp(argv[i], "-") == 0;
        FILE *input = from_stdin ? stdin : fopen(argv[i], "r");
        if (!input) {
            fprintf(stderr, "head: cannot open '%s' for reading: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        if (headers)
            printf("%s==> %s <==\n", i > optind ? "\n" : "",
                   from_stdin ? "standard input" : argv[i]);
        print_head(input, count, bytes);
        if (!from_stdin)
            fclose(input);
    }
    return status;
}
