/* libc/include/pty.h - opening a pseudoterminal in one step, as glibc's
 * <pty.h> (libc/termios/pseudoterminal.c). */
#ifndef _PTY_H
#define _PTY_H

#include <sys/ioctl.h>
#include <sys/types.h>
#include <termios.h>

/* A master and its slave, both open (O_RDWR, O_NOCTTY); the slave's path
 * copied to `name` when not NULL; the slave's settings and window set
 * from `settings` and `window` when not NULL. 0, or -1 with errno. */
int openpty(int *master, int *slave, char *name, const struct termios *settings, const struct winsize *window);

/* openpty, then fork: the child's standard input, output and error are
 * the slave, its session's terminal (login_tty); the parent gets the
 * master in *master. Returns as fork does. */
pid_t forkpty(int *master, char *name, const struct termios *settings, const struct winsize *window);

#endif
