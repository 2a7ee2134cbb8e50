/* libc/start.c - from _start (libc/crt0.asm) to main and back to exit. */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp) __attribute__((__noreturn__));

/* Called once by _start with the initial stack's contents: publishes the
 * environment, runs main, and exits with what main returned. */
void __libc_start_main(int argc, char **argv, char **envp)
{
    environ = envp;
    exit(main(argc, argv, envp));
}
