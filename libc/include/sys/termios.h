/* libc/include/sys/termios.h - the old name of <termios.h> (APUE's apue.h
 * includes both). */
#ifndef LIBC_INCLUDE_SYS_TERMIOS_H
#define LIBC_INCLUDE_SYS_TERMIOS_H

#include <termios.h>

#endif
