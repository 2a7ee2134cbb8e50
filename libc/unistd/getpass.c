/* libc/unistd/getpass.c - getpass(3): asks for a password on the
 * terminal without echoing it, as glibc's does:
 *
 *   the controlling terminal (/dev/tty) is read and written; without
 *   one, standard input is read and the prompt goes to standard error;
 *   echo is off while the line is typed (and the terminal's signal keys
 *   with it: Ctrl-C cannot leave it so), then the old settings come back;
 *   the newline the user typed, which was not echoed, is written.
 *
 * The answer is in a static buffer, the line without its newline, cut at
 * PASS_MAX bytes: the next call overwrites it. getpass is obsolete
 * (POSIX took it out in 2001) but the books' programs use it. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASS_MAX 128

char *getpass(const char *prompt)
{
    static char line[PASS_MAX + 1];
    int terminal = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    int in = terminal >= 0 ? terminal : STDIN_FILENO;
    int out = terminal >= 0 ? terminal : STDERR_FILENO;
    struct termios saved, quiet;
    int changed = 0;
    if (tcgetattr(in, &saved) == 0) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ISIG);
        changed = tcsetattr(in, TCSAFLUSH, &quiet) == 0;
    }
    write(out, prompt, strlen(prompt));
    size_t length = 0;
    int ended = 0;
    char byte;
    while (read(in, &byte, 1) == 1) {     /* a byte at a time: nothing past the line is taken */
        if (byte == '\n') {
            ended = 1;
            break;
        }
        if (length < PASS_MAX)
            line[length++] = byte;
    }
    line[length] = '\0';
    if (changed) {
        if (ended)
            write(out, "\n", 1);
        tcsetattr(in, TCSAFLUSH, &saved);
    }
    if (terminal >= 0)
        close(terminal);
    return line;
}
