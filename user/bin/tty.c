/* user/bin/tty.c - tty: the name of the terminal on standard input
 * (ttyname(3)), or "not a tty". */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int silent = argc > 1 && strcmp(argv[1], "-s") == 0;
    const char *name = ttyname(STDIN_FILENO);
    if (!silent)
        puts(name ? name : "not a tty");
    return name ? 0 : 1;
}
