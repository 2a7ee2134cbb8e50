/* user/bin/sleep.c - sleep SECONDS: waits that long; fractions are allowed
 * ("sleep 0.25"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NANOSECONDS_PER_SECOND 1000000000L

int main(int argc, char **argv)
{
    char *end = NULL;
    double seconds = argc == 2 ? strtod(argv[1], &end) : -1;
    if (argc != 2 || end == argv[1] || *end != '\0' || seconds < 0) {
        fprintf(stderr, "usage: sleep SECONDS   (a number, fractions allowed)\n");
        return 2;
    }
    struct timespec remaining;
    remaining.tv_sec = (long)seconds;
    remaining.tv_nsec = (long)((seconds - (double)remaining.tv_sec) * NANOSECONDS_PER_SECOND);
    struct timespec request = remaining;
    while (nanosleep(&request, &remaining) < 0) {
        if (errno != EINTR) {
            perror("sleep");
            return 1;
        }
        request = remaining;           /* a signal woke us early: sleep what is left */
    }
    return 0;
}
