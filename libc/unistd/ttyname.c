/* libc/unistd/ttyname.c - the /dev name of the terminal a descriptor is
 * open on. A terminal's fstat gives Linux's device numbers (major 4;
 * minor 1..4 for the VGA consoles tty1..tty4, 64 for the serial line
 * ttyS0; 136 and N for a pseudoterminal's slave /dev/pts/N), which name
 * its node in /dev. /dev/console is ttyS0 here, so a descriptor opened on
 * it is named /dev/ttyS0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define TTY_MAJOR        4     /* Linux's major number of terminals */
#define TTY_SERIAL_MINOR 64    /* ttyS0 */
#define TTY_CONSOLES     4     /* tty1..tty4 */
#define PTY_SLAVE_MAJOR  136   /* /dev/pts/N is (136, N) */
#define TTY_NAME_MAX     32    /* room for "/dev/ttyS0" and more */

/* Writes the name of the terminal `fd` into `buffer` (`size` bytes).
 * Returns 0, or the error: EBADF, ENOTTY (not a terminal), ERANGE (too
 * small a buffer). errno is left alone. */
int ttyname_r(int fd, char *buffer, size_t size)
{
    int saved_errno = errno;
    struct stat st;
    if (fstat(fd, &st) == -1) {
        int error = errno;
        errno = saved_errno;
        return error;
    }
    if (!S_ISCHR(st.st_mode) || !isatty(fd)) {
        errno = saved_errno;
        return ENOTTY;
    }
    errno = saved_errno;
    unsigned device_major = major(st.st_rdev), device_minor = minor(st.st_rdev);
    char name[TTY_NAME_MAX];
    if (device_major == TTY_MAJOR && device_minor == TTY_SERIAL_MINOR)
        snprintf(name, sizeof name, "/dev/ttyS0");
    else if (device_major == TTY_MAJOR && device_minor >= 1 && device_minor <= TTY_CONSOLES)
        snprintf(name, sizeof name, "/dev/tty%u", device_minor);
    else if (device_major == PTY_SLAVE_MAJOR)
        snprintf(name, sizeof name, "/dev/pts/%u", device_minor);
    else
        return ENOTTY;
    if (strlen(name) + 1 > size)
        return ERANGE;
    memcpy(buffer, name, strlen(name) + 1);
    return 0;
}

/* The same in a static buffer, which the next call overwrites; NULL with
 * errno set on failure. */
char *ttyname(int fd)
{
    static char name[TTY_NAME_MAX];
    int error = ttyname_r(fd, name, sizeof name);
    if (error) {
        errno = error;
        return NULL;
    }
    return name;
}
