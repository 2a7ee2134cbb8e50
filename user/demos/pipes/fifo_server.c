/* user/demos/pipes/fifo_server.c - a server that clients find by a name in the
 * file system: a FIFO (named pipe) at /tmp/fifo_server.
 *
 *   client 12 --"/tmp/fifo_client_12 hello"--+
 *                                            +--> /tmp/fifo_server --> server
 *   client 13 --"/tmp/fifo_client_13 hi"-----+                           |
 *                                                                        |
 *   client 12 <-- /tmp/fifo_client_12 <--"reply to hello"----------------+
 *   client 13 <-- /tmp/fifo_client_13 <--"reply to hi"-------------------+
 *
 * Every client writes its request to the one well-known FIFO; a request
 * is one line, "REPLY-FIFO TEXT", written with one write() of at most
 * PIPE_BUF bytes, so requests of different clients never mix. The answer
 * goes back through the FIFO the client made for itself, named after its
 * process id (fifo_client.c).
 *
 * Usage: fifo_server [N]   stops after N requests (default 10) or when a
 * request says "quit". Try it from the shell: `fifo_server &`, then
 * `fifo_client hello` a few times, then `fifo_client quit`.
 *
 * A weakness every FIFO server of this kind has: to answer, the server
 * waits until the client opens its FIFO; a client that dies before that
 * stalls the server. (Requests still queued when the server stops get no
 * answer at all; their clients wait until interrupted with Ctrl-C.) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SERVER_FIFO "/tmp/fifo_server"
#define CLIENT_FIFO_PREFIX "/tmp/fifo_client_"

/* Reads one line (without the '\n') into `line`; returns its length, or -1
 * at end of file. Byte by byte, so that it never swallows part of the next
 * client's request. */
static int read_line(int fd, char *line, int size)
{
    int length = 0;
    char c;
    for (;;) {
        if (read(fd, &c, 1) != 1)
            return length > 0 ? length : -1;
        if (c == '\n')
            break;
        if (length < size - 1)
            line[length++] = c;
    }
    line[length] = 0;
    return length;
}

/* Sends `reply` to the client whose FIFO is `path`. Only client FIFOs: a
 * request must not make the server write into some other file. */
static void send_reply(const char *path, const char *reply)
{
    struct stat st;
    if (strncmp(path, CLIENT_FIFO_PREFIX, strlen(CLIENT_FIFO_PREFIX)) != 0 || stat(path, &st) != 0 ||
        !S_ISFIFO(st.st_mode)) {
        printf("server: \"%s\" is no client FIFO: no reply\n", path);
        return;
    }
    int fd = open(path, O_WRONLY);   /* waits until the client opens it to read */
    if (fd < 0) {
        printf("server: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    write(fd, reply, strlen(reply));
    close(fd);                       /* the client reads to end of file */
}

int main(int argc, char **argv)
{
    int limit = argc > 1 ? atoi(argv[1]) : 10;
    if (mkfifo(SERVER_FIFO, 0666) != 0 && errno != EEXIST) {
        perror("fifo_server: mkfifo " SERVER_FIFO);
        return 1;
    }
    printf("server %d: waiting for requests on %s (up to %d, or \"quit\")\n", getpid(), SERVER_FIFO, limit);
    fflush(stdout);

    /* The open waits for the first client. Then the server opens the FIFO
     * for writing too: while it holds a write end itself, read() waits for
     * the next client instead of returning end of file whenever no client
     * happens to have the FIFO open. */
    int requests = open(SERVER_FIFO, O_RDONLY);
    int keep_open = open(SERVER_FIFO, O_WRONLY);
    if (requests < 0 || keep_open < 0) {
        perror("fifo_server: open " SERVER_FIFO);
        return 1;
    }

    char line[512];
    int served = 0, quit = 0;
    while (!quit && served < limit && read_line(requests, line, sizeof line) >= 0) {
        char *text = strchr(line, ' ');
        if (!text) {
            printf("server: a request without text: \"%s\"\n", line);
            continue;
        }
        *text++ = 0;                 /* line = the reply FIFO, text = the rest */
        served++;
        quit = strcmp(text, "quit") == 0;
        printf("server: request %d from %s: \"%s\"\n", served, line, text);
        fflush(stdout);

        char reply[600];
        if (quit)
            snprintf(reply, sizeof reply, "server %d stops after %d requests\n", getpid(), served);
        else
            snprintf(reply, sizeof reply, "server %d got \"%s\" (request %d)\n", getpid(), text, served);
        send_reply(line, reply);
    }
    close(keep_open);
    close(requests);
    unlink(SERVER_FIFO);             /* the next server makes a fresh one */
    printf("server: done after %d requests\n", served);
    return 0;
}
