/* user/demos/sockets/fd_pass.c - passing open descriptors between
 * processes (SCM_RIGHTS), the demo of docs/sockets.md:
 *
 *     $ fd_pass
 *
 * The server (the parent) opens a file it wrote and makes a pipe; a
 * client (its child) shares nothing with it but a socketpair. The server
 * sends the file's descriptor and the pipe's read end over the socket
 * with sendmsg, closes its own copies of them, then writes into the pipe.
 * The client receives them with recvmsg as new descriptors of its own:
 * it reads the file from where the server left the shared offset, and
 * the pipe's bytes, though it never opened either.
 *
 *     server                               client
 *     open("/tmp/fd_pass.txt") = 3
 *     pipe() = 4, 5
 *     sendmsg(SCM_RIGHTS {3, 4}) --------> recvmsg: descriptors 4 and 5
 *     close(3), close(4)
 *     write(5, ...) ---------------------> read(5)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define FILE_PATH "/tmp/fd_pass.txt"
#define PASSED 2                      /* the file and the pipe's read end */

/* Sends `count` descriptors with one byte of data on `socket`. */
static int send_descriptors(int socket, const int *fds, int count)
{
    union {                           /* a control buffer aligned for a cmsghdr */
        char bytes[CMSG_SPACE(PASSED * sizeof(int))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct iovec data = { "D", 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = CMSG_SPACE(count * sizeof(int));
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(count * sizeof(int));
    memcpy(CMSG_DATA(header), fds, count * sizeof(int));
    return sendmsg(socket, &message, 0) == 1 ? 0 : -1;
}

/* Receives the descriptors of one message into fds: how many came. */
static int receive_descriptors(int socket, int *fds, int room)
{
    union {
        char bytes[CMSG_SPACE(PASSED * sizeof(int))];
        struct cmsghdr align;
    } control;
    char byte;
    struct iovec data = { &byte, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    if (recvmsg(socket, &message, 0) != 1)
        return -1;
    if (message.msg_flags & MSG_CTRUNC)
        printf("client: some descriptors did not fit (MSG_CTRUNC)\n");
    int count = 0;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS)
            continue;
        int n = (int)((header->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < n && count < room; i++)
            memcpy(&fds[count++], CMSG_DATA(header) + i * sizeof(int), sizeof(int));
    }
    return count;
}

static int client(int socket)
{
    int fds[PASSED];
    int count = receive_descriptors(socket, fds, PASSED);
    if (count != PASSED) {
        printf("client: expected %d descriptors, got %d\n", PASSED, count);
        return 1;
    }
    printf("client: received descriptors %d (the file) and %d (the pipe)\n", fds[0], fds[1]);
    char buffer[128];
    int n = (int)read(fds[0], buffer, sizeof buffer - 1);
    buffer[n > 0 ? n : 0] = 0;
    printf("client: the file, from the server's offset: \"%s\"\n", buffer);
    close(fds[0]);
    while ((n = (int)read(fds[1], buffer, sizeof buffer - 1)) > 0) {
        buffer[n] = 0;
        printf("client: the pipe says: \"%s\"\n", buffer);
    }
    close(fds[1]);
    return 0;
}

int main(void)
{
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0) {
        perror("fd_pass: socketpair");
        return 1;
    }
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(pair[0]);
        int status = client(pair[1]);
        fflush(stdout);
        _exit(status);
    }
    close(pair[1]);

    int file = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    const char *text = "skip this. The client reads from here.";
    write(file, text, strlen(text));
    lseek(file, 11, SEEK_SET);        /* the offset travels with the open file */
    int pipe_ends[2];
    pipe(pipe_ends);
    int passed[PASSED] = { file, pipe_ends[0] };
    printf("server: sending descriptors %d (%s) and %d (a pipe's read end)\n", file, FILE_PATH, pipe_ends[0]);
    fflush(stdout);
    if (send_descriptors(pair[0], passed, PASSED) < 0) {
        perror("fd_pass: sendmsg");
        return 1;
    }
    close(file);                      /* the message holds the files now */
    close(pipe_ends[0]);
    const char *words = "hello through a pipe the client never opened";
    write(pipe_ends[1], words, strlen(words));
    close(pipe_ends[1]);              /* the client's read then ends */
    close(pair[0]);
    int status;
    waitpid(child, &status, 0);
    unlink(FILE_PATH);
    printf("server: the client exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
