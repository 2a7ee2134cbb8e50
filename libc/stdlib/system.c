/* libc/stdlib/system.c - running a shell command and waiting for it. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL_PATH "/bin/sh"
#define EXEC_FAILED_STATUS 127   /* what the child exits with if the shell cannot run */

/* Runs `command` with "/bin/sh -c" and returns its wait status (see
 * WIFEXITED, WEXITSTATUS), or -1 if no child could be made. With a NULL
 * command, returns whether a shell is there to run commands. */
int system(const char *command)
{
    if (!command) {
        struct stat status;
        return stat(SHELL_PATH, &status) == 0;
    }
    pid_t child = fork();
    if (child == -1)
        return -1;
    if (child == 0) {
        execl(SHELL_PATH, "sh", "-c", command, (char *)NULL);
        _exit(EXEC_FAILED_STATUS);
    }
    int status;
    while (waitpid(child, &status, 0) == -1) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}
