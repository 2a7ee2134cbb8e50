/* libc/stdio/popen.c - popen and pclose: a stream that is a pipe to or
 * from a command run by "/bin/sh -c", as system() runs it.
 *
 *   popen(cmd, "r"):  parent reads  <- pipe <- child's stdout  (sh -c cmd)
 *   popen(cmd, "w"):  parent writes -> pipe -> child's stdin
 *
 * The stream remembers the child's pid (popen_child) for pclose, which
 * closes the stream and waits for the child. As POSIX asks, a new child
 * closes the streams of the earlier popens in this process, so that their
 * pipes see end of file when their own parent closes them. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../thread/thread_internal.h"
#include "stream.h"

#define SHELL_PATH "/bin/sh"
#define EXEC_FAILED_STATUS 127

/* In the child: closes the descriptors of every popen stream. */
static void close_other_popen_streams(void)
{
    for (FILE *stream = stream_list; stream; stream = stream->next_open)
        if (stream->popen_child)
            close(stream->fd);
}

/* Runs `command` with its standard output ("r") or input ("w") on a pipe
 * whose other end is the stream returned. `mode` is "r" or "w", optionally
 * followed by 'e' (close-on-exec on the parent's end, glibc). NULL with
 * EINVAL for another mode, or the errno of pipe or fork. */
FILE *popen(const char *command, const char *mode)
{
    int reading = mode[0] == 'r';
    if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && strcmp(mode + 1, "e") != 0)) {
        errno = EINVAL;
        return NULL;
    }
    int ends[2];
    if (pipe(ends) == -1)
        return NULL;
    int parent_end = reading ? ends[0] : ends[1];
    int child_end = reading ? ends[1] : ends[0];
    FILE *stream = __stdio_new_stream(parent_end, reading ? STREAM_READ : STREAM_WRITE);
    if (!stream) {
        close(ends[0]);
        close(ends[1]);
        return NULL;
    }
    __libc_lock(&stream_list_lock);    /* the list must hold still while the child walks it */
    pid_t child = fork();
    if (child == 0) {
        int target = reading ? STDOUT_FILENO : STDIN_FILENO;
        close_other_popen_streams();   /* the new stream is not marked yet: closed below */
        close(parent_end);
        if (child_end != target) {
            dup2(child_end, target);
            close(child_end);
        }
        execl(SHELL_PATH, "sh", "-c", command, (char *)NULL);
        _exit(EXEC_FAILED_STATUS);
    }
    int fork_errno = errno;
    __libc_unlock(&stream_list_lock);
    close(child_end);
    if (child == -1) {
        fclose(stream);
        errno = fork_errno;
        return NULL;
    }
    stream->popen_child = child;
    if (mode[1] == 'e')
        fcntl(parent_end, F_SETFD, FD_CLOEXEC);
    return stream;
}

/* Closes a stream popen gave and waits for its command to end. Returns the
 * command's wait status (WIFEXITED, WEXITSTATUS, ...), or -1: with ECHILD
 * if the stream did not come from popen (it is then left open), or the
 * errno of waitpid. */
int pclose(FILE *stream)
{
    pid_t child = stream->popen_child;
    if (child <= 0) {
        errno = ECHILD;
        return -1;
    }
    stream->popen_child = 0;
    fclose(stream);
    int status;
    while (waitpid(child, &status, 0) == -1) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}
