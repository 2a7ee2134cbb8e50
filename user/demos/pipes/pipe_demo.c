/* user/demos/pipes/pipe_demo.c - the smallest useful pipe: a parent sends
 * lines of text to its child, the child shouts them back in capitals.
 *
 *     parent --write--> [ pipe ] --read--> child --> uppercase --> stdout
 *
 * Things to watch for:
 *  - pipe() gives two descriptors: fds[0] to read, fds[1] to write;
 *  - fork() copies both into the child, so each side closes the end it does
 *    not use: otherwise the child would hold a write end itself and never
 *    see end of file;
 *  - the child reads until read() returns 0, which happens only once every
 *    write end is closed - the parent's close(fds[1]) says "no more". */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const lines[] = {
    "hello through the pipe\n",
    "a pipe is a queue of bytes in the kernel\n",
    "the reader waits while it is empty\n",
    "and sees end of file when the writers are gone\n",
};

/* The child: reads whatever arrives, prints it in capitals. */
static void child(int read_end)
{
    char buffer[64];
    int count;
    while ((count = read(read_end, buffer, sizeof buffer)) > 0) {
        for (int i = 0; i < count; i++)
            buffer[i] = (char)toupper((unsigned char)buffer[i]);
        printf("child:  got %2d bytes: %.*s", count, count, buffer);
        if (buffer[count - 1] != '\n')
            printf("\n");            /* a read need not end at a line's end */
        fflush(stdout);
    }
    printf("child:  read() returned 0: end of file, the parent closed its end\n");
    close(read_end);
}

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    printf("parent: made a pipe: read end %d, write end %d\n", fds[0], fds[1]);
    fflush(stdout);                  /* or the child would print our buffer again */

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        close(fds[1]);               /* the child only reads */
        child(fds[0]);
        return 0;
    }

    close(fds[0]);                   /* the parent only writes */
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        printf("parent: sending \"%.*s\"\n", (int)strlen(lines[i]) - 1, lines[i]);
        fflush(stdout);
        write(fds[1], lines[i], strlen(lines[i]));
        usleep(50 * 1000);           /* slow down, so the lines arrive one by one */
    }
    printf("parent: closing the write end\n");
    fflush(stdout);
    close(fds[1]);
    waitpid(pid, NULL, 0);
    printf("parent: the child is done\n");
    return 0;
}
