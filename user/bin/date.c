/* user/bin/date.c - date [-u] [+FORMAT]: the time now, as POSIX's date
 * prints it: without FORMAT "%a %b %e %H:%M:%S %Z %Y" (Tue Dec  1
 * 05:40:12 UTC 2026), else FORMAT through strftime(3). The kernel keeps
 * no time zone, so local time is UTC and -u changes nothing. Setting the
 * clock is clock_settime(2)'s (root), not this program's. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"
#define TEXT_MAX 1024

int main(int argc, char **argv)
{
    const char *format = DEFAULT_FORMAT;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-u"))
            continue;
        if (argv[i][0] == '+' && i == argc - 1) {
            format = argv[i] + 1;
            continue;
        }
        fprintf(stderr, "usage: date [-u] [+FORMAT]\n");
        return 1;                     /* GNU date's status for a wrong use */
    }
    time_t now = time(NULL);
    struct tm when;
    localtime_r(&now, &when);         /* local time is UTC: %Z says "UTC", as date -u on Linux */
    char text[TEXT_MAX];
    size_t length = strftime(text, sizeof text, format, &when);
    if (length == 0 && *format) {
        fprintf(stderr, "date: the format gives more than %d bytes\n", TEXT_MAX - 1);
        return 1;
    }
    printf("%s\n", text);
    return 0;
}
