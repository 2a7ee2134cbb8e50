/* user/demos/sockets/chat_client.c - the visitor half of the chat demo (see
 * chat_server.c and docs/sockets.md):
 *
 *     chat_client NAME MESSAGE...     says MESSAGE (the words joined) in the room
 *     chat_client NAME                says each line typed, until end of input
 *
 * It connects to /tmp/chat.sock (trying again for a few seconds while the
 * server is starting), sends its name and its lines, then shuts down its
 * writing half: the server sees end of file. A child process prints what
 * the server answers meanwhile, until the server closes the connection. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHAT_PATH "/tmp/chat.sock"
#define CONNECT_ATTEMPTS 50            /* tries, 100 ms apart */

static int send_text(int fd, const char *text)
{
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t count = send(fd, text, length, MSG_NOSIGNAL);
        if (count <= 0)
            return -1;
        text += count;
        length -= (size_t)count;
    }
    return 0;
}

static int connect_to_room(void)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, CHAT_PATH);
    for (int attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0)
            return fd;
        int error = errno;
        close(fd);
        if (error != ENOENT && error != ECONNREFUSED) {
            errno = error;
            return -1;
        }
        usleep(100000);                /* the server may not be listening yet */
    }
    errno = ECONNREFUSED;
    return -1;
}

/* Prints what the server says until it closes the connection. */
static void print_replies(int fd)
{
    char buffer[256];
    ssize_t count;
    while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0)
        write(STDOUT_FILENO, buffer, (size_t)count);
    _exit(count == 0 || errno == ECONNRESET ? 0 : 1);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: chat_client NAME [MESSAGE...]\n");
        return 2;
    }
    int fd = connect_to_room();
    if (fd < 0) {
        fprintf(stderr, "chat_client: cannot reach %s: %s\n", CHAT_PATH, strerror(errno));
        return 1;
    }
    fflush(stdout);
    pid_t reader = fork();
    if (reader == 0)
        print_replies(fd);

    int failed = send_text(fd, argv[1]) < 0 || send_text(fd, "\n") < 0;
    if (argc > 2) {                    /* the words are one message */
        for (int i = 2; i < argc && !failed; i++)
            failed = send_text(fd, argv[i]) < 0 || send_text(fd, i + 1 < argc ? " " : "\n") < 0;
    } else {
        char line[200];
        while (!failed && fgets(line, sizeof line, stdin))
            failed = send_text(fd, line) < 0;
    }
    shutdown(fd, SHUT_WR);             /* the server reads end of file, and finishes */
    close(fd);                         /* the reader keeps its copy */
    int status = 1;
    waitpid(reader, &status, 0);
    if (failed)
        fprintf(stderr, "chat_client: the server went away\n");
    return failed || !WIFEXITED(status) ? 1 : WEXITSTATUS(status);
}
