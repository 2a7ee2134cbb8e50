/* kernel/uapi/termios.h - a terminal's settings (struct termios), its
 * window size (struct winsize) and the ioctl requests that read and change
 * them, with the few requests other files take too (FIONREAD, FIONBIO,
 * FIOCLEX...), numbered among them as on Linux. Every number and the
 * layout are Linux i386's, so that a program
 * built for either sees the same bytes. Shared by the kernel and the libc
 * (<termios.h>, <sys/ioctl.h>). */
#ifndef KERNEL_UAPI_TERMIOS_H
#define KERNEL_UAPI_TERMIOS_H

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 19   /* control characters in c_cc */

/* The settings. TCGETS and TCSETS* move the first TERMIOS_KERNEL_SIZE
 * bytes (Linux's kernel struct termios); the speeds at the end are the
 * libc's copies of the CBAUD bits of c_cflag, as in Linux's termios2. */
struct termios {
    tcflag_t c_iflag;     /* input modes: ICRNL, ... */
    tcflag_t c_oflag;     /* output modes: OPOST, ONLCR, ... */
    tcflag_t c_cflag;     /* hardware control and the speed (CBAUD) */
    tcflag_t c_lflag;     /* local modes: ICANON, ECHO, ISIG, ... */
    cc_t c_line;          /* line discipline: always 0 (N_TTY) */
    cc_t c_cc[NCCS];      /* special characters, indexed by V* */
    speed_t c_ispeed;     /* input speed (B*), filled by the libc */
    speed_t c_ospeed;     /* output speed (B*), filled by the libc */
};
#define TERMIOS_KERNEL_SIZE 36   /* bytes through c_cc: what the ioctls copy */

/* indexes of c_cc */
#define VINTR     0
#define VQUIT     1
#define VERASE    2
#define VKILL     3
#define VEOF      4
#define VTIME     5
#define VMIN      6
#define VSWTC     7
#define VSTART    8
#define VSTOP     9
#define VSUSP     10
#define VEOL      11
#define VREPRINT  12
#define VDISCARD  13
#define VWERASE   14
#define VLNEXT    15
#define VEOL2     16

#define _POSIX_VDISABLE '\0'   /* a c_cc entry set to this is disabled */

/* c_iflag */
#define IGNBRK   0000001
#define BRKINT   0000002
#define IGNPAR   0000004
#define PARMRK   0000010
#define INPCK    0000020
#define ISTRIP   0000040
#define INLCR    0000100
#define IGNCR    0000200
#define ICRNL    0000400
#define IUCLC    0001000
#define IXON     0002000
#define IXANY    0004000
#define IXOFF    0010000
#define IMAXBEL  0020000
#define IUTF8    0040000

/* c_oflag */
#define OPOST    0000001
#define OLCUC    0000002
#define ONLCR    0000004
#define OCRNL    0000010
#define ONOCR    0000020
#define ONLRET   0000040
#define OFILL    0000100
#define OFDEL    0000200
#define NLDLY    0000400
#define NL0      0000000
#define NL1      0000400
#define CRDLY    0003000
#define CR0      0000000
#define CR1      0001000
#define CR2      0002000
#define CR3      0003000
#define TABDLY   0014000
#define TAB0     0000000
#define TAB1     0004000
#define TAB2     0010000
#define TAB3     0014000
#define XTABS    0014000
#define BSDLY    0020000
#define BS0      0000000
#define BS1      0020000
#define VTDLY    0040000
#define VT0      0000000
#define VT1      0040000
#define FFDLY    0100000
#define FF0      0000000
#define FF1      0100000

/* c_cflag */
#define CBAUD    0010017
#define B0       0000000   /* hang up */
#define B50      0000001
#define B75      0000002
#define B110     0000003
#define B134     0000004
#define B150     0000005
#define B200     0000006
#define B300     0000007
#define B600     0000010
#define B1200    0000011
#define B1800    0000012
#define B2400    0000013
#define B4800    0000014
#define B9600    0000015
#define B19200   0000016
#define B38400   0000017
#define EXTA     B19200
#define EXTB     B38400
#define CSIZE    0000060
#define CS5      0000000
#define CS6      0000020
#define CS7      0000040
#define CS8      0000060
#define CSTOPB   0000100
#define CREAD    0000200
#define PARENB   0000400
#define PARODD   0001000
#define HUPCL    0002000
#define CLOCAL   0004000
#define CBAUDEX  0010000
#define B57600   0010001
#define B115200  0010002
#define B230400  0010003
#define B460800  0010004
#define B500000  0010005
#define B576000  0010006
#define B921600  0010007
#define B1000000 0010010
#define B1152000 0010011
#define B1500000 0010012
#define B2000000 0010013
#define B2500000 0010014
#define B3000000 0010015
#define B3500000 0010016
#define B4000000 0010017
#define CIBAUD   002003600000   /* input speed, when it differs (unused: 0) */
#define CMSPAR   010000000000
#define CRTSCTS  020000000000

/* c_lflag */
#define ISIG     0000001
#define ICANON   0000002
#define XCASE    0000004
#define ECHO     0000010
#define ECHOE    0000020
#define ECHOK    0000040
#define ECHONL   0000100
#define NOFLSH   0000200
#define TOSTOP   0000400
#define ECHOCTL  0001000
#define ECHOPRT  0002000
#define ECHOKE   0004000
#define FLUSHO   0010000
#define PENDIN   0040000
#define IEXTEN   0100000
#define EXTPROC  0200000

/* tcsetattr's `optional_actions` */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

/* tcflow's `action` (TCXONC's argument) */
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

/* tcflush's `queue_selector` (TCFLSH's argument) */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

/* The window's size in characters (pixels are stored, never used). */
struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};

/* ioctl requests on a terminal */
#define TCGETS      0x5401   /* struct termios *: read the settings */
#define TCSETS      0x5402   /* const struct termios *: set them now */
#define TCSETSW     0x5403   /* ... once output has drained */
#define TCSETSF     0x5404   /* ... once output has drained, discarding unread input */
#define TCSBRK      0x5409   /* int: 0 sends a break, else waits for output to drain */
#define TCXONC      0x540A   /* int: TCOOFF, TCOON, TCIOFF, TCION */
#define TCFLSH      0x540B   /* int: TCIFLUSH, TCOFLUSH, TCIOFLUSH */
#define TIOCGPGRP   0x540F   /* pid_t *: read the foreground process group */
#define TIOCSPGRP   0x5410   /* const pid_t *: set it */
#define TIOCOUTQ    0x5411   /* int *: bytes of output not yet sent */
#define TIOCSTI     0x5412   /* const char *: the byte, as if typed */
#define TIOCGWINSZ  0x5413   /* struct winsize *: read the window's size */
#define TIOCSWINSZ  0x5414   /* const struct winsize *: set it (SIGWINCH on change) */
#define FIONREAD    0x541B   /* int *: bytes a read could take now: a terminal's, a pipe's or
                                FIFO's, a stream socket's; a datagram socket's next one; a
                                regular file's size less the offset */
#define TIOCINQ     FIONREAD
#define SIOCINQ     FIONREAD
/* Every file takes these, whatever it is (kernel/fs/file.c, sys_ioctl): */
#define FIONBIO     0x5421   /* const int *: nonzero sets O_NONBLOCK, 0 clears it */
#define FIONCLEX    0x5450   /* the descriptor's close-on-exec off */
#define FIOCLEX     0x5451   /* ... and on */
#define FIOASYNC    0x5452   /* const int *: nonzero sets O_ASYNC (signal-driven I/O), 0 clears it */
#define TIOCGSID    0x5429   /* pid_t *: the session of the foreground group */
#define TIOCSCTTY   0x540E   /* int: make the terminal the caller's session's (1: take it from another, root) */
/* A pseudoterminal's master (kernel/drivers/pty.c): */
#define TIOCGPTN    0x80045430   /* unsigned *: N of its slave, /dev/pts/N (ptsname) */
#define TIOCSPTLCK  0x40045431   /* const int *: 0 unlocks the slave (unlockpt), 1 locks it */
#define TIOCGPTLCK  0x80045439   /* int *: whether the slave is locked */

#endif
