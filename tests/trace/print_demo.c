/* tests/trace/print_demo.c - the print spooler of print_server.c and
 * print_client.c (user/demos/message-passing/) in one run, for the picture
 * in docs/tracing.md:
 *
 *     make trace-view PROG=tests/trace/print_demo.c
 *
 * Starts /bin/print_server for four jobs, then two clients with two jobs
 * each, and waits for all three. Exit status 0 when they all exited 0. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t run(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    return pid;
}

int main(void)
{
    char *server[] = { "/bin/print_server", "4", NULL };
    char *first[] = { "/bin/print_client", "hello", "world", NULL };
    char *second[] = { "/bin/print_client", "good", "bye", NULL };
    run(server);
    usleep(20 * 1000);                 /* the server makes the mailbox first */
    run(first);
    run(second);
    int status, failures = 0;
    while (wait(&status) > 0)
        failures += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    return failures;
}
