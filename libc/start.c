/* libc/start.c - from _start (libc/crt0.asm) to main and back to exit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp) __attribute__((__noreturn__));
void __tls_init_first_thread(char **argv, char **envp);   /* libc/thread/tls.c */

char *program_invocation_name = "";
char *program_invocation_short_name = "";

/* Called once by _start with the initial stack's contents: gives the
 * first thread its thread-local storage (errno lives there), publishes the
 * environment and the program's name, runs main, and exits with what main
 * returned. */
void __libc_start_main(int argc, char **argv, char **envp)
{
    __tls_init_first_thread(argv, envp);
    environ = envp;
    if (argc > 0 && argv[0]) {
        char *slash = strrchr(argv[0], '/');
        program_invocation_name = argv[0];
        program_invocation_short_name = slash ? slash + 1 : argv[0];
    }
    exit(main(argc, argv, envp));
}
