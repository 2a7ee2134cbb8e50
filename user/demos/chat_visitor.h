/* user/demos/chat_visitor.h - the visit to the chat room of
 * user/demos/chat_room.h, which two demo clients make: over a local stream
 * socket (user/demos/sockets/chat_client.c) and over TCP
 * (user/demos/network/inet_chat_client.c). Each client only connects; the
 * visit is the same on either socket: send the name and the lines, then
 * shut down the writing half (the server sees end of file), while a child
 * process prints what the server answers until it closes the connection. */
#ifndef USER_DEMOS_CHAT_VISITOR_H
#define USER_DEMOS_CHAT_VISITOR_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHAT_TYPED_LINE_MAX 200        /* a line read from the input */

/* Sends all of `text`; returns 0, or -1 if the server went away. */
static inline int chat_send_text(int fd, const char *text)
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

/* Prints what the server says until it closes the connection, and exits:
 * the reader child's whole life. */
static inline void chat_print_replies(int fd)
{
    char buffer[256];
    ssize_t count;
    while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0)
        write(STDOUT_FILENO, buffer, (size_t)count);
    _exit(count == 0 || errno == ECONNRESET ? 0 : 1);
}

/* Visits the room on the connected socket `fd` as `name`: says the
 * `word_count` words of `words` joined as one message, or with no words
 * each line of the standard input until its end. Closes `fd`. Returns the
 * exit status: 0, or 1 if the server went away (said as `program`: ...)
 * or the replies could not be read. */
static inline int chat_visit(int fd, const char *name, char *const words[], int word_count, const char *program)
{
    fflush(stdout);
    pid_t reader = fork();
    if (reader == 0)
        chat_print_replies(fd);

    int failed = chat_send_text(fd, name) < 0 || chat_send_text(fd, "\n") < 0;
    if (word_count > 0) {              /* the words are one message */
        for (int i = 0; i < word_count && !failed; i++)
            failed = chat_send_text(fd, words[i]) < 0 || chat_send_text(fd, i + 1 < word_count ? " " : "\n") < 0;
    } else {
        char line[CHAT_TYPED_LINE_MAX];
        while (!failed && fgets(line, sizeof line, stdin))
            failed = chat_send_text(fd, line) < 0;
    }
    shutdown(fd, SHUT_WR);             /* the server reads end of file, and finishes */
    close(fd);                         /* the reader keeps its copy */
    int status = 1;
    waitpid(reader, &status, 0);
    if (failed)
        fprintf(stderr, "%s: the server went away\n", program);
    return failed || !WIFEXITED(status) ? 1 : WEXITSTATUS(status);
}

#endif
