/* libc/termios/pseudoterminal.c - pseudoterminals (kernel/drivers/pty.c):
 * POSIX's posix_openpt, grantpt, unlockpt and ptsname, which open a
 * master and name its slave, and the BSD helpers glibc has beside them
 * (openpty, forkpty, login_tty), which do the usual steps at once.
 *
 *   master = posix_openpt(O_RDWR | O_NOCTTY)   open("/dev/ptmx")
 *   grantpt(master)                            the slave is the caller's already
 *   unlockpt(master)                           ioctl TIOCSPTLCK 0
 *   ptsname(master)                            ioctl TIOCGPTN: "/dev/pts/N"
 *   slave = open(ptsname(master), O_RDWR)
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

#define PTS_NAME_MAX 32     /* "/dev/pts/N" and room to spare */

int posix_openpt(int flags)
{
    return open("/dev/ptmx", flags);
}

/* The slave's number, or -1 with errno: EBADF, or EINVAL for a
 * descriptor that is no master (the kernel says ENOTTY; POSIX and glibc
 * say EINVAL). */
static int slave_number(int master, unsigned *number)
{
    if (ioctl(master, TIOCGPTN, number) == 0)
        return 0;
    if (errno == ENOTTY)
        errno = EINVAL;
    return -1;
}

/* The kernel makes /dev/pts/N the opener's, mode 0620, as Linux's devpts
 * does: what is left to grant is the check that `master` is one. */
int grantpt(int master)
{
    unsigned number;
    return slave_number(master, &number);
}

int unlockpt(int master)
{
    int locked = 0;
    if (ioctl(master, TIOCSPTLCK, &locked) == 0)
        return 0;
    if (errno == ENOTTY)
        errno = EINVAL;
    return -1;
}

/* Writes "/dev/pts/N" into `buffer`: 0, or the error (also in errno):
 * EBADF, ENOTTY (not a master, as glibc says), ERANGE (too small). */
int ptsname_r(int master, char *buffer, size_t size)
{
    unsigned number;
    if (ioctl(master, TIOCGPTN, &number) == -1)
        return errno;
    if (buffer == NULL) {
        errno = EINVAL;
        return EINVAL;
    }
    if ((size_t)snprintf(buffer, size, "/dev/pts/%u", number) >= size) {
        errno = ERANGE;
        return ERANGE;
    }
    return 0;
}

char *ptsname(int master)
{
    static char name[PTS_NAME_MAX];
    return ptsname_r(master, name, sizeof name) == 0 ? name : NULL;
}

int openpty(int *master_result, int *slave_result, char *name, const struct termios *settings,
            const struct winsize *window)
{
    char path[PTS_NAME_MAX];
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master == -1)
        return -1;
    int slave = -1;
    if (grantpt(master) == 0 && unlockpt(master) == 0 && ptsname_r(master, path, sizeof path) == 0)
        slave = open(path, O_RDWR | O_NOCTTY);
    if (slave >= 0 && ((settings && tcsetattr(slave, TCSAFLUSH, settings) == -1) ||
                       (window && ioctl(slave, TIOCSWINSZ, window) == -1))) {
        close(slave);
        slave = -1;
    }
    if (slave == -1) {
        int error = errno;
        close(master);
        errno = error;
        return -1;
    }
    if (name)
        strcpy(name, path);
    *master_result = master;
    *slave_result = slave;
    return 0;
}

int login_tty(int fd)
{
    setsid();
    if (ioctl(fd, TIOCSCTTY, 0) == -1)
        return -1;
    for (int standard = 0; standard <= 2; standard++)
        if (dup2(fd, standard) == -1)
            return -1;
    if (fd > 2)
        close(fd);
    return 0;
}

pid_t forkpty(int *master_result, char *name, const struct termios *settings, const struct winsize *window)
{
    int master, slave;
    if (openpty(&master, &slave, name, settings, window) == -1)
        return -1;
    pid_t pid = fork();
    if (pid == -1) {
        int error = errno;
        close(master);
        close(slave);
        errno = error;
        return -1;
    }
    if (pid == 0) {                    /* the child: the slave is its terminal */
        close(master);
        if (login_tty(slave) == -1)
            _exit(1);
        return 0;
    }
    close(slave);
    *master_result = master;
    return pid;
}
