/* user/bin/wc.c - wc [-l] [-w] [-c] [FILE...]: counts lines (newlines), words
 * (runs of non-blanks) and bytes of each file, or of standard input; with
 * no option all three. Counts are right-aligned as GNU wc aligns them: one
 * count of one input is printed bare; otherwise every column is as wide as
 * the total size of the regular files needs, and at least 7 wide when some
 * input (a pipe, the terminal) has no size known in advance. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BUFFER_BYTES     4096
#define UNKNOWN_SIZE_WIDTH    7

struct counts {
    unsigned long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

/* Counts what `fd` holds; returns 0, or -1 (errno set) on a read error. */
static int count_input(int fd, struct counts *counts)
{
    char buffer[READ_BUFFER_BYTES];
    int in_word = 0;
    ssize_t got;
    while ((got = read(fd, buffer, sizeof buffer)) > 0) {
        counts->bytes += got;
        for (ssize_t i = 0; i < got; i++) {
            unsigned char c = buffer[i];
            if (c == '\n')
                counts->lines++;
            if (isspace(c)) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                counts->words++;
            }
        }
    }
    return got < 0 ? -1 : 0;
}

/* Prints the chosen counts in columns of `width`, then the name if any. */
static void print_counts(const struct counts *counts, int width, const char *name)
{
    const char *separator = "";
    if (show_lines) {
        printf("%s%*lu", separator, width, counts->lines);
        separator = " ";
    }
    if (show_words) {
        printf("%s%*lu", separator, width, counts->words);
        separator = " ";
    }
    if (show_bytes)
        printf("%s%*lu", separator, width, counts->bytes);
    if (name)
        printf(" %s", name);
    printf("\n");
}

/* The column width for these inputs (see the top of the file). */
static int column_width(char **names, int count)
{
    if (count <= 1 && show_lines + show_words + show_bytes == 1)
        return 1;
    unsigned long regular_total = 0;
    int width = 1, minimum = 1;
    struct stat status;
    for (int i = 0; i < count || (count == 0 && i == 0); i++) {
        int known = count > 0 ? stat(names[i], &status) == 0 : fstat(STDIN_FILENO, &status) == 0;
        if (!known)
            continue;                      /* it will only give an error message */
        if (S_ISREG(status.st_mode))
            regular_total += status.st_size;
        else
            minimum = UNKNOWN_SIZE_WIDTH;
    }
    for (; regular_total >= 10; regular_total /= 10)
        width++;
    return width > minimum ? width : minimum;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "lwc")) != -1) {
        switch (option) {
        case 'l': show_lines = 1; break;
        case 'w': show_words = 1; break;
        case 'c': show_bytes = 1; break;
        default:
            fprintf(stderr, "usage: wc [-l] [-w] [-c] [FILE...]\n");
            return 2;
        }
    }
    int i = optind;
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    int width = column_width(argv + i, argc - i);
    if (i == argc) {
        struct counts counts = { 0 };
        if (count_input(STDIN_FILENO, &counts) < 0) {
            fprintf(stderr, "wc: -: %s\n", strerror(errno));
            return 1;
        }
        print_counts(&counts, width, NULL);
        return 0;
    }
    struct counts total = { 0 };
    int status = 0;
    int file_count = argc - i;
    for (; i < argc; i++) {
        struct counts counts = { 0 };
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || count_input(fd, &counts) < 0) {
            fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            if (fd >= 0)
                close(fd);
            continue;
        }
        close(fd);
        print_counts(&counts, width, argv[i]);
        total.lines += counts.lines;
        total.words += counts.words;
        total.bytes += counts.bytes;
    }
    if (file_count > 1)
        print_counts(&total, width, "total");
    return status;
}
