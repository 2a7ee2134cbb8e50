/* libc/start.c - from _start (libc/crt0.asm) to main and back to exit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp) __attribute__((__noreturn__));
void __tls_init_first_thread(char **argv, char **envp);   /* libc/thread/tls.c */
unsigned long __auxv_init(char **envp);                  /* libc/unistd/auxv.c */
extern const volatile struct clock_page *__clock_page;   /* libc/time/clock.c */

char *program_invocation_name = "";
char *program_invocation_short_name = "";

/* Called once by _start with the initial stack's contents: gives the
 * first thread its thread-local storage (errno lives there), finds the
 * auxiliary vector and the clock page it names, publishes the
 * environment and the program's name, runs main, and exits with what main
 * returned. */
void __libc_start_main(int argc, char **argv, char **envp)
{
    __tls_init_first_thread(argv, envp);
    __clock_page = (const volatile struct clock_page *)__auxv_init(envp);
    environ = envp;
    if (argc > 0 && argv[0]) {
        char *slash = strrchr(argv[0], '/');
        program_invocation_name = argv[0];
        program_invocation_short_name = slash ? slash + 1 : argv[0];
    }
    exit(main(argc, argv, envp));
}
