/* tests/tools/crash.c - a program that ends the way its argument says,
 * for tests/tools/run_prog_test.py:
 *   crash segv       writes a line, then touches address 0 (the kernel
 *                    kills it with SIGSEGV)
 *   crash term       is killed by SIGTERM (sent to itself)
 *   crash caught     writes to a read-only page three times, each fault
 *                    caught by a handler (the third makes the page
 *                    writable), then says so and exits 0
 *   crash exit N     exits with status N */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static char *page;
static volatile int faults;

/* The store is made again when the handler returns: the third time the
 * page becomes writable, and it succeeds. */
static void on_segv(int signal)
{
    (void)signal;
    if (++faults == 3)
        mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segv") == 0) {
        printf("before the fault\n");
        fflush(stdout);
        *(volatile int *)0 = 1;
    }
    if (argc > 1 && strcmp(argv[1], "caught") == 0) {
        page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        signal(SIGSEGV, on_segv);
        *(volatile char *)page = 'x';
        printf("caught %d faults, then wrote '%c'\n", faults, page[0]);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "term") == 0)
        raise(SIGTERM);
    if (argc > 2 && strcmp(argv[1], "exit") == 0)
        return atoi(argv[2]);
    fprintf(stderr, "usage: crash segv | caught | term | exit N\n");
    return 2;
}
