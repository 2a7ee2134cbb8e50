/* user/bin/hostname.c - hostname [NAME]: prints the machine's name
 * (gethostname(3), uname's nodename), or sets it (sethostname(2), root
 * only), as the hostname of Linux's net-tools does. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: hostname [NAME]\n");
        return 2;
    }
    if (argc == 2) {
        if (sethostname(argv[1], strlen(argv[1])) < 0) {
            if (errno == EPERM)
                fprintf(stderr, "hostname: you must be root to change the host name\n");   /* net-tools' words */
            else
                fprintf(stderr, "hostname: %s\n", strerror(errno));
            return 1;
        }
        return 0;
    }
    char name[HOST_NAME_MAX + 1];
    if (gethostname(name, sizeof name) < 0) {
        fprintf(stderr, "hostname: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", name);
    return 0;
}
