/* user/demos/pipes/pipe_conversation.c - two pipes make a two-way
 * conversation: the parent asks sums, the child answers them, round after
 * round.
 *
 *               questions: [ pipe to_child ]
 *     parent  ----------------------------->  child
 *             <-----------------------------
 *               answers:  [ pipe to_parent ]
 *
 * One pipe carries bytes one way only, so a conversation needs two. Each
 * message is one line; the reader collects bytes until the newline, since
 * a read may return part of a line or more than one.
 *
 * Deadlock to avoid: if both sides read first, both wait forever. Here the
 * parent always speaks first and the child always answers, so someone is
 * always able to go on. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reads one line (up to and without the '\n') into `line`; returns its
 * length, or -1 at end of file. Byte by byte: simple, not fast. */
static int read_line(int fd, char *line, int size)
{
    int length = 0;
    char c;
    for (;;) {
        int count = read(fd, &c, 1);
        if (count <= 0)
            return length > 0 ? length : -1;
        if (c == '\n')
            break;
        if (length < size - 1)
            line[length++] = c;
    }
    line[length] = 0;
    return length;
}

/* Writes `line` and a newline in one write, so it arrives in one piece. */
static void write_line(int fd, const char *line)
{
    char message[160];
    int length = snprintf(message, sizeof message, "%s\n", line);
    write(fd, message, length);
}

/* The child: answers every question until the parent hangs up. */
static void answer_questions(int questions, int answers)
{
    char line[128];
    while (read_line(questions, line, sizeof line) >= 0) {
        int a, b;
        char reply[128];
        if (sscanf(line, "what is %d + %d?", &a, &b) == 2)
            snprintf(reply, sizeof reply, "%d + %d = %d", a, b, a + b);
        else
            snprintf(reply, sizeof reply, "I do not understand \"%.80s\"", line);
        write_line(answers, reply);
    }
    printf("child:  the parent closed its end; goodbye\n");
}

int main(void)
{
    int to_child[2], to_parent[2];
    if (pipe(to_child) != 0 || pipe(to_parent) != 0) {
        perror("pipe");
        return 1;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(to_child[1]);          /* the child reads questions ... */
        close(to_parent[0]);         /* ... and writes answers */
        answer_questions(to_child[0], to_parent[1]);
        return 0;
    }
    close(to_child[0]);
    close(to_parent[1]);

    static const char *const questions[] = {
        "what is 2 + 3?", "what is 40 + 2?", "what is -7 + 7?", "how are you?", "what is 1000 + 24?",
    };
    for (unsigned round = 0; round < sizeof questions / sizeof questions[0]; round++) {
        char answer[128];
        printf("parent: asks    \"%s\"\n", questions[round]);
        write_line(to_child[1], questions[round]);
        if (read_line(to_parent[0], answer, sizeof answer) < 0) {
            printf("parent: the child hung up\n");
            break;
        }
        printf("parent: hears   \"%s\"\n", answer);
    }
    close(to_child[1]);              /* the child's read_line now sees end of file */
    waitpid(pid, NULL, 0);
    close(to_parent[0]);
    printf("parent: %u rounds done\n", (unsigned)(sizeof questions / sizeof questions[0]));
    return 0;
}
