/* user/demos/pipes/fifo_client.c - asks fifo_server a question through FIFOs.
 *
 *   1. make a FIFO of our own for the answer: /tmp/fifo_client_PID;
 *   2. open the server's FIFO /tmp/fifo_server for writing and send one
 *      line "/tmp/fifo_client_PID TEXT" in one write (at most PIPE_BUF
 *      bytes: it arrives whole even if other clients write at the same time);
 *   3. open our FIFO for reading - this waits until the server opens it to
 *      answer - and read the answer to end of file;
 *   4. remove our FIFO.
 *
 * Usage: fifo_client [WORDS...]   sends the words (default "hello");
 * `fifo_client quit` stops the server. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SERVER_FIFO "/tmp/fifo_server"
#define REQUEST_MAX 4096             /* PIPE_BUF: a longer write could be split */

/* Opens the server's FIFO for writing. O_NONBLOCK fails at once with ENXIO
 * when no server has it open for reading (and the FIFO is missing before
 * the first server ran): then try again for a few seconds, as the server
 * may just be starting. */
static int open_server(void)
{
    for (int attempt = 0; attempt < 50; attempt++) {
        int fd = open(SERVER_FIFO, O_WRONLY | O_NONBLOCK);
        if (fd >= 0) {
            fcntl(fd, F_SETFL, 0);   /* from now on, writes may wait */
            return fd;
        }
        if (errno != ENXIO && errno != ENOENT)
            break;
        usleep(100 * 1000);
    }
    return -1;
}

int main(int argc, char **argv)
{
    char my_fifo[64];
    snprintf(my_fifo, sizeof my_fifo, "/tmp/fifo_client_%d", getpid());

    /* the request: our FIFO's name, a space, the words */
    char request[REQUEST_MAX];
    int length = snprintf(request, sizeof request, "%s", my_fifo);
    if (argc < 2)
        length += snprintf(request + length, sizeof request - length, " hello");
    for (int i = 1; i < argc && length < REQUEST_MAX; i++)
        length += snprintf(request + length, sizeof request - length, " %s", argv[i]);
    if (length >= REQUEST_MAX - 1) {
        fprintf(stderr, "fifo_client: the request is longer than PIPE_BUF\n");
        return 1;
    }
    request[length++] = '\n';

    if (mkfifo(my_fifo, 0600) != 0) {
        perror("fifo_client: mkfifo");
        return 1;
    }
    int server = open_server();
    if (server < 0) {
        fprintf(stderr, "fifo_client: no server is reading %s\n", SERVER_FIFO);
        unlink(my_fifo);
        return 1;
    }
    printf("client %d: sends \"%.*s\"\n", getpid(), length - 1, request);
    fflush(stdout);
    write(server, request, length);  /* one write: the request arrives whole */
    close(server);

    int answers = open(my_fifo, O_RDONLY);   /* waits for the server to open it */
    char reply[1024];
    int total = 0, count;
    while (answers >= 0 && (count = read(answers, reply + total, sizeof reply - 1 - total)) > 0)
        total += count;
    reply[total] = 0;
    close(answers);
    unlink(my_fifo);
    printf("client %d: the server answered: %s", getpid(), total ? reply : "(nothing)\n");
    return total ? 0 : 1;
}
