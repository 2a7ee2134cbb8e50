/* kernel/uapi/fcntl.h - open flags, fcntl commands, lseek whence (Linux values). */
#ifndef KERNEL_UAPI_FCNTL_H
#define KERNEL_UAPI_FCNTL_H

#define O_ACCMODE   0003
#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR      02
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DSYNC     010000      /* each write reaches the disk before it returns (fsync's work) */
#define O_SYNC      04010000    /* the same (O_DSYNC is part of it, as on Linux); O_RSYNC too */
#define O_RSYNC     O_SYNC
#define O_ASYNC     020000      /* F_SETFL: signal the owner when the file becomes ready (SIGIO) */
#define FASYNC      O_ASYNC
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

#define F_DUPFD     0
#define F_GETFD     1
#define F_SETFD     2
#define F_GETFL     3
#define F_SETFL     4
#define F_GETLK     5           /* record locks (struct flock, below) */
#define F_SETLK     6
#define F_SETLKW    7
#define F_SETOWN    8           /* signal-driven I/O (O_ASYNC): who gets the signal, */
#define F_GETOWN    9           /* a pid, or a process group as -pgid */
#define F_SETSIG    10          /* which signal: 0 SIGIO, else that one with si_fd and si_band */
#define F_GETSIG    11
#define F_SETOWN_EX 15          /* the owner as struct f_owner_ex (a thread, a process or a group) */
#define F_GETOWN_EX 16
#define F_OFD_GETLK  36         /* the same, the locks of the open file description: */
#define F_OFD_SETLK  37         /* shared by dup and fork, let go when its last descriptor */
#define F_OFD_SETLKW 38         /* closes (POSIX.1-2024; Linux's numbers) */
#define F_DUPFD_CLOEXEC 1030        /* F_DUPFD, the copy close-on-exec */
#define F_SETPIPE_SZ 1031     /* Linux's F_LINUX_SPECIFIC_BASE + 7 */
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC  1

/* F_SETOWN_EX's and F_GETOWN_EX's owner: a thread alone, a process, or a
 * process group (Linux's values). */
#define F_OWNER_TID  0
#define F_OWNER_PID  1
#define F_OWNER_PGRP 2

struct f_owner_ex {
    int type;                   /* F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP */
    int pid;                    /* its tid, pid or process group; 0: nobody */
};

/* A record lock, as fcntl's F_GETLK, F_SETLK and F_SETLKW take it (Linux's
 * i386 layout): bytes l_start.. of the file counted from l_whence, l_len of
 * them (0: to the end, however far it grows; negative: the |l_len| bytes
 * before l_start). docs/record-locks.md. */
#define F_RDLCK     0           /* shared: others may read-lock too */
#define F_WRLCK     1           /* exclusive */
#define F_UNLCK     2           /* unlock; F_GETLK's "nothing in the way" */

struct flock {
    short l_type;               /* F_RDLCK, F_WRLCK or F_UNLCK */
    short l_whence;             /* SEEK_SET, SEEK_CUR or SEEK_END */
    long l_start;
    long l_len;
    int l_pid;                  /* F_GETLK: the process holding the lock in the way */
};

/* flock(2)'s operations (Linux's values; <sys/file.h>) */
#define LOCK_SH     1           /* a shared lock on the whole file */
#define LOCK_EX     2           /* an exclusive one */
#define LOCK_NB     4           /* or'ed in: EWOULDBLOCK instead of waiting */
#define LOCK_UN     8           /* let it go */
#define LOCK_MAND   32          /* Linux's old "mandatory" flag: flock ignores a call with it */

#define SEEK_SET    0
#define SEEK_CUR    1
#define SEEK_END    2

#define AT_FDCWD    (-100)        /* an *at call's dirfd: the working directory */
#define AT_SYMLINK_NOFOLLOW 0x100 /* an *at call's flag: a link at the end is the file itself */
#define AT_EMPTY_PATH 0x1000      /* an *at call's flag: "" names dirfd's own file */
#define AT_REMOVEDIR 0x200        /* unlinkat: remove a directory, as rmdir */
#define AT_EACCESS   0x200        /* faccessat: weigh the effective ids, not the real ones */
#define AT_SYMLINK_FOLLOW 0x400   /* linkat: a link named first is followed */

/* access(2)'s modes: what the caller asks it may do (0: only that the file is there) */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#endif
