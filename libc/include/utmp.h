/* libc/include/utmp.h - of glibc's <utmp.h>, login_tty only: there is no
 * login record here (libc/termios/pseudoterminal.c). */
#ifndef _UTMP_H
#define _UTMP_H

/* Makes `fd`, a terminal, the caller's: a new session (setsid), the
 * terminal taken for it (TIOCSCTTY), then fd as standard input, output
 * and error, and closed (when above 2). 0, or -1 with errno. */
int login_tty(int fd);

#endif
