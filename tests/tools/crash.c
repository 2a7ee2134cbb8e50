/* tests/tools/crash.c - a program that ends the way its argument says,
 * for tests/tools/run_prog_test.py:
 *   crash segv       writes a line, then touches address 0 (the kernel
 *                    kills it with SIGSEGV)
 *   crash term       is killed by SIGTERM (sent to itself)
 *   crash exit N     exits with status N */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segv") == 0) {
        printf("before the fault\n");
        fflush(stdout);
        *(volatile int *)0 = 1;
    }
    if (argc > 1 && strcmp(argv[1], "term") == 0)
        raise(SIGTERM);
    if (argc > 2 && strcmp(argv[1], "exit") == 0)
        return atoi(argv[2]);
    fprintf(stderr, "usage: crash segv | term | exit N\n");
    return 2;
}
