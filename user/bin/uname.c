/* user/bin/uname.c - uname [-asnrvm]: the system's names (uname(2)).
 * Without options it prints the kernel's name, as POSIX's uname does; -a
 * prints all five, in the order sysname nodename release version machine. */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define SYSNAME  0x01
#define NODENAME 0x02
#define RELEASE  0x04
#define VERSION  0x08
#define MACHINE  0x10
#define ALL      0x1f

int main(int argc, char **argv)
{
    int fields = 0;
    const char *letters = "asnrvm";
    static const int bits[] = { ALL, SYSNAME, NODENAME, RELEASE, VERSION, MACHINE };
    int option;
    while ((option = getopt(argc, argv, letters)) != -1) {
        if (option == '?')
            goto usage;
        fields |= bits[strchr(letters, option) - letters];
    }
    if (optind < argc)
        goto usage;
    if (!fields)
        fields = SYSNAME;
    struct utsname names;
    if (uname(&names) < 0) {
        perror("uname");
        return 1;
    }
    const char *values[] = { names.sysname, names.nodename, names.release, names.version, names.machine };
    const char *separator = "";
    for (int i = 0; i < 5; i++) {
        if (fields & (1 << i)) {
            printf("%s%s", separator, values[i]);
            separator = " ";
        }
    }
    printf("\n");
    return 0;
usage:
    fprintf(stderr, "usage: uname [-asnrvm]\n");
    return 2;
}
