/* user/demos/terminals/pty_record.c - script(1) in small: runs a program
 * on the slave of a new pseudoterminal and records everything it writes
 * (forkpty(3), poll(2), docs/terminals.md, "Pseudoterminals").
 *
 *   pty_record LOG PROGRAM [ARGUMENTS]
 *
 *   your keys  --stdin--> write(master) --> line discipline --> PROGRAM reads
 *   your screen <-stdout-+ read(master) <-- output processing <-- PROGRAM writes
 *            LOG <-------'
 *
 * forkpty opens a pair and forks: the child's standard input, output and
 * error are the slave, in a session of its own that has the slave as its
 * terminal. The child says what a program sees there (ttyname, isatty,
 * the foreground group), then execs PROGRAM. The parent waits in poll
 * for its standard input and the master: what PROGRAM writes goes to
 * stdout and LOG, what is typed goes to the master as keys.
 *
 * Things to watch for:
 *  - a terminal on stdin is put in raw mode, as script does: the slave's
 *    line discipline edits and echoes, so Ctrl-C and Backspace pass
 *    through as bytes and Ctrl-C reaches PROGRAM's group, not this one;
 *  - at the end of a stdin that is no terminal (a pipe), the slave's
 *    VEOF (Ctrl-D) is typed, so PROGRAM reads end of file too;
 *  - the master's read gives EIO (Linux, and this kernel) or 0 once every
 *    file on the slave is closed: then waitpid, and a last line with
 *    PROGRAM's status and the bytes recorded.
 * Exit status: PROGRAM's (128+N if signal N killed it). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* Writes all of buffer[0..size) to fd; -1 on an error. */
static int write_all(int fd, const char *buffer, ssize_t size)
{
    while (size > 0) {
        ssize_t done = write(fd, buffer, size);
        if (done < 0 && errno != EINTR)
            return -1;
        if (done > 0) {
            buffer += done;
            size -= done;
        }
    }
    return 0;
}

/* The child, on the slave: says what it sees, then becomes PROGRAM. */
static void run_program(char **argv)
{
    char *name = ttyname(STDIN_FILENO);
    fprintf(stderr, "[pty_record: pid %d on %s, isatty %d, foreground group %d]\n", (int)getpid(),
            name ? name : "?", isatty(STDIN_FILENO), (int)tcgetpgrp(STDIN_FILENO));
    execvp(argv[0], argv);
    fprintf(stderr, "pty_record: %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pty_record LOG PROGRAM [ARGUMENTS]\n");
        return 2;
    }
    int log = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log < 0) {
        perror(argv[1]);
        return 1;
    }
    struct termios saved, raw;
    struct winsize window;
    int keyboard = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (keyboard)
        ioctl(STDIN_FILENO, TIOCGWINSZ, &window);

    int master;
    pid_t child = forkpty(&master, NULL, keyboard ? &saved : NULL, keyboard ? &window : NULL);
    if (child < 0) {
        perror("forkpty");
        return 1;
    }
    if (child == 0)
        run_program(argv + 2);

    if (keyboard) {                         /* keys pass as bytes: the slave edits */
        raw = saved;
        cfmakeraw(&raw);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    struct pollfd watched[2] = { { STDIN_FILENO, POLLIN, 0 }, { master, POLLIN, 0 } };
    long recorded = 0;
    char buffer[512];
    for (;;) {
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("poll");
            break;
        }
        if (watched[1].revents) {           /* PROGRAM's output, or its end */
            ssize_t count = read(master, buffer, sizeof buffer);
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0)                 /* EIO or 0: the slave is closed */
                break;
            write_all(STDOUT_FILENO, buffer, count);
            write_all(log, buffer, count);
            recorded += count;
        }
        if (watched[0].revents) {           /* keys, for the master */
            ssize_t count = read(STDIN_FILENO, buffer, sizeof buffer);
            if (count > 0) {
                write_all(master, buffer, count);
            } else if (count == 0 || errno != EINTR) {
                struct termios slave;       /* the end of stdin: type Ctrl-D */
                if (!keyboard && tcgetattr(master, &slave) == 0)
                    write_all(master, (char *)&slave.c_cc[VEOF], 1);
                watched[0].fd = -1;         /* poll skips it from now on */
            }
        }
    }

    if (keyboard)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
    close(master);
    close(log);
    int status;
    waitpid(child, &status, 0);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("[pty_record: %s %s %d; %ld bytes in %s]\n", argv[2],
           WIFEXITED(status) ? "exited with status" : "killed by signal",
           WIFEXITED(status) ? code : WTERMSIG(status), recorded, argv[1]);
    return code;
}
