/* user/bin/nice.c - running a program with another nice value (GNU nice's
 * usage):
 *   nice                        prints the current nice value
 *   nice [-n N] PROGRAM [ARG]   runs PROGRAM with the nice value raised by
 *                               N (default 10; a negative N lowers it);
 *                               the result is kept within -20 .. 19
 *   nice -N PROGRAM [ARG]       the old form of -n N, which GNU nice takes
 * Options are read by getopt(3), up to PROGRAM, whose own are its.
 * A higher nice value gives shorter time slices, so a CPU-bound program
 * gets less of the CPU next to others (docs/scheduler.md: at one level
 * the CPU is shared in the ratio of 20 - nice). Exit status: PROGRAM's,
 * or 125 for nice's own error, 126 if PROGRAM cannot run, 127 if it is
 * not found. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: nice [-n N] [PROGRAM [ARGUMENT...]]\n");
    return 125;
}

/* The number `text` (optionally signed), or 0 with *ok cleared. */
static int parse_adjustment(const char *text, int *ok)
{
    char *end;
    long value = strtol(text, &end, 10);
    *ok = *text != '\0' && *end == '\0';
    if (value > 40)                 /* the result is clamped anyway */
        value = 40;
    if (value < -40)
        value = -40;
    return (int)value;
}

int main(int argc, char **argv)
{
    int adjustment = 10, ok;
    const char *given = NULL;
    if (argc > 1 && argv[1][0] == '-' && (argv[1][1] >= '0' && argv[1][1] <= '9')) {
        given = argv[1] + 1;                   /* nice -5 PROGRAM */
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    int option;
    while ((option = getopt(argc, argv, "+n:")) != -1) {
        if (option != 'n')
            return usage();
        given = optarg;                        /* -n 5, -n5, -n -5 */
    }
    if (given) {
        adjustment = parse_adjustment(given, &ok);
        if (!ok) {
            fprintf(stderr, "nice: invalid adjustment '%s'\n", given);
            return 125;
        }
    }
    int first = optind;
    if (first >= argc) {
        if (given) {
            fprintf(stderr, "nice: a program must be given with an adjustment\n");
            return 125;
        }
        errno = 0;
        int value = getpriority(PRIO_PROCESS, 0);
        if (value == -1 && errno) {
            perror("nice");
            return 125;
        }
        printf("%d\n", value);
        return 0;
    }
    errno = 0;
    if (nice(adjustment) == -1 && errno) {
        perror("nice");
        return 125;
    }
    execvp(argv[first], &argv[first]);
    fprintf(stderr, "nice: %s: %s\n", argv[first], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
