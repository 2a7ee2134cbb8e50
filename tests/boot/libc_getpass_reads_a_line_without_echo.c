/* getpass(3), as glibc's: on the controlling terminal (a pseudoterminal
 * here) it writes the prompt, turns echo off while the line is typed, so
 * the master reads the prompt and the newline but never the password,
 * and puts the terminal's settings back; the answer is the line without
 * its newline. Without a controlling terminal it reads standard input and
 * prompts on standard error. Passes on Linux 6.1 too. */
// needs: ptys
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>

#include "boot_test.h"

#define ANSWER_FILE "/tmp/libc_getpass_answer"
#define INPUT_FILE "/tmp/libc_getpass_input"
#define PROMPT_FILE "/tmp/libc_getpass_prompt"

/* Reads what the master has within `ms` into `text` (NUL-terminated). */
static int read_master(int master, char *text, int size, int ms)
{
    int total = 0;
    struct pollfd entry = { master, POLLIN, 0 };
    while (total < size - 1 && poll(&entry, 1, ms) == 1 && (entry.revents & POLLIN)) {
        int count = read(master, text + total, size - 1 - total);
        if (count <= 0)
            break;
        total += count;
        ms = 200;                    /* the rest of it comes soon */
    }
    text[total] = 0;
    return total;
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    write(fd, text, strlen(text));
    close(fd);
}

static void read_file(const char *path, char *text, int size)
{
    int fd = open(path, O_RDONLY);
    int count = fd >= 0 ? read(fd, text, size - 1) : 0;
    text[count > 0 ? count : 0] = 0;
    if (fd >= 0)
        close(fd);
}

static void on_the_controlling_terminal(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0, "a pseudoterminal: %s", strerror(errno));
    char name[64];
    CHECK_EQ(0, ptsname_r(master, name, sizeof name), "ptsname_r");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        setsid();
        int slave = open(name, O_RDWR);          /* the session's controlling terminal */
        char *answer = getpass("Password: ");
        write_file(ANSWER_FILE, answer);
        struct termios now;
        tcgetattr(slave, &now);
        _exit((now.c_lflag & ECHO) && (now.c_lflag & ISIG) ? 0 : 3);
    }
    char text[256];
    read_master(master, text, sizeof text, 5000);
    CHECK(!strcmp(text, "Password: "), "the prompt on the terminal: \"%s\"", text);
    write(master, "secret\n", 7);
    read_master(master, text, sizeof text, 2000);
    CHECK(!strstr(text, "secret"), "the password was echoed: \"%s\"", text);
    CHECK(!strcmp(text, "\r\n"), "after the line: \"%s\" (the newline getpass writes)", text);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "echo and signals back on after: status %#x", status);
    read_file(ANSWER_FILE, text, sizeof text);
    CHECK(!strcmp(text, "secret"), "getpass's answer: \"%s\"", text);
    close(master);
    unlink(ANSWER_FILE);
}

static void without_a_terminal(void)
{
    write_file(INPUT_FILE, "pw 2\nrest\n");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        setsid();                                /* no controlling terminal: /dev/tty fails */
        int in = open(INPUT_FILE, O_RDONLY), err = open(PROMPT_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0600);
        dup2(in, STDIN_FILENO);
        dup2(err, STDERR_FILENO);
        char *answer = getpass("Key: ");
        write_file(ANSWER_FILE, answer);
        _exit(0);
    }
    waitpid(child, 0, 0);
    char text[64];
    read_file(ANSWER_FILE, text, sizeof text);
    CHECK(!strcmp(text, "pw 2"), "the line from standard input: \"%s\"", text);
    read_file(PROMPT_FILE, text, sizeof text);
    CHECK(!strcmp(text, "Key: "), "the prompt on standard error: \"%s\"", text);
    unlink(INPUT_FILE);
    unlink(PROMPT_FILE);
    unlink(ANSWER_FILE);
}

int main(void)
{
    on_the_controlling_terminal();
    without_a_terminal();
    return test_finish("libc_getpass_reads_a_line_without_echo");
}
