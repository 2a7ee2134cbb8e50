/* libc/include/unistd.h - the POSIX system call interface: processes,
 * descriptors, the file system and the heap break; user and group ids;
 * sysconf and pathconf with the options this system supports. */
#ifndef LIBC_INCLUDE_UNISTD_H
#define LIBC_INCLUDE_UNISTD_H

#include <sys/types.h>

/* intptr_t, as glibc's unistd.h gives it, but not the rest of <stdint.h>:
 * a program may define uint8_t and the like itself (UNIX Network
 * Programming's config.h does). The same typedef as stdint.h's. */
typedef __INTPTR_TYPE__ intptr_t;
#include <uapi/fcntl.h>   /* SEEK_SET, SEEK_CUR, SEEK_END */

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

extern char **environ;    /* "NAME=value" strings, NULL-terminated */

/* processes */
pid_t fork(void);
pid_t vfork(void);                 /* the child borrows our memory until its exec or _exit */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);
int execle(const char *path, const char *arg0, ...);   /* ..., (char *)NULL, char *const envp[] */
void _exit(int status) __attribute__((__noreturn__));
pid_t getpid(void);
pid_t getppid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t setpgrp(void);
pid_t getpgid(pid_t pid);
pid_t getsid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
unsigned int sleep(unsigned int seconds);
unsigned int alarm(unsigned int seconds);
int pause(void);
int nice(int increment);              /* <sys/resource.h> for getpriority/setpriority */
int usleep(useconds_t microseconds);

/* memory */
int brk(void *end);
void *sbrk(intptr_t increment);

/* descriptors */
ssize_t read(int fd, void *buffer, size_t count);
ssize_t write(int fd, const void *buffer, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int old_fd, int new_fd);
int pipe(int fds[2]);
int ftruncate(int fd, off_t length);
int fsync(int fd);                    /* the file's changes reach the disk (fsync(2)) */

/* lockf(3): a write lock on `length` bytes from the file's offset (0: to
 * the end, however far), through fcntl's record locks. */
#define F_ULOCK 0                     /* unlock */
#define F_LOCK  1                     /* lock, waiting for whoever is in the way */
#define F_TLOCK 2                     /* lock, or fail with EACCES / EAGAIN */
#define F_TEST  3                     /* 0 if no other process holds a lock there, else EACCES */
int lockf(int fd, int command, off_t length);
int fdatasync(int fd);                /* the same as fsync here */

/* descriptors: at a position, with flags (readv/writev: <sys/uio.h>) */
ssize_t pread(int fd, void *buffer, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset);
int pipe2(int fds[2], int flags);     /* O_CLOEXEC, O_NONBLOCK */
int dup3(int old_fd, int new_fd, int flags);   /* O_CLOEXEC */

/* terminals */
int isatty(int fd);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
/* terminal names (termios work, libc/unistd/ttyname.c) */
char *ttyname(int fd);
char *getpass(const char *prompt);    /* a line typed without echo (obsolete; glibc's) */
int ttyname_r(int fd, char *buffer, size_t size);

/* the file system */
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
int truncate(const char *path, off_t length);   /* ftruncate by name */
char *getcwd(char *buffer, size_t size);
int chown(const char *path, uid_t owner, gid_t group);   /* -1: leave it as it is */
int fchown(int fd, uid_t owner, gid_t group);
int link(const char *existing, const char *new_path);       /* a hard link: another name */
int symlink(const char *target, const char *link_path);     /* a symbolic link holding `target` */
ssize_t readlink(const char *path, char *buffer, size_t size);   /* no NUL is added */
int fchdir(int fd);                   /* into the directory open as fd */
int lchown(const char *path, uid_t owner, gid_t group);  /* a symbolic link itself */
int access(const char *path, int mode);   /* R_OK, W_OK, X_OK or F_OK, by the real ids */
int eaccess(const char *path, int mode);  /* the same by the effective ids */
int euidaccess(const char *path, int mode);
/* the same from a directory descriptor (AT_FDCWD: the working directory) */
int faccessat(int dirfd, const char *path, int mode, int flags);   /* AT_EACCESS, AT_SYMLINK_NOFOLLOW */
int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags);
int linkat(int old_dirfd, const char *existing, int new_dirfd, const char *new_path, int flags);
int symlinkat(const char *target, int dirfd, const char *link_path);
ssize_t readlinkat(int dirfd, const char *path, char *buffer, size_t size);
int unlinkat(int dirfd, const char *path, int flags);   /* AT_REMOVEDIR: rmdir */
void sync(void);                      /* every file system's changes reach the disk */

/* the machine's name (uname(2)'s nodename): at most HOST_NAME_MAX bytes */
int gethostname(char *name, size_t size);   /* ENAMETOOLONG: cut to size */
int sethostname(const char *name, size_t length);   /* root only */
int getdomainname(char *name, size_t size);

/* ---- identity: real, effective and saved ids (credentials: docs/users.md) */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int seteuid(uid_t uid);
int setgid(gid_t gid);
int setegid(gid_t gid);
int setreuid(uid_t real, uid_t effective);
int setregid(gid_t real, gid_t effective);
int setresuid(uid_t real, uid_t effective, uid_t saved);   /* (GNU) */
int setresgid(gid_t real, gid_t effective, gid_t saved);
int getresuid(uid_t *real, uid_t *effective, uid_t *saved);
int getresgid(gid_t *real, gid_t *effective, gid_t *saved);
int getgroups(int size, gid_t list[]);
int setgroups(size_t size, const gid_t *list);          /* (BSD, root only) */
int initgroups(const char *user, gid_t group);          /* (BSD) from /etc/group */

/* ---- any system call by its number, SYS_name of <sys/syscall.h> (syscall(2)):
 * the result, or -1 with errno */
long syscall(long number, ...);

/* ---- command-line options (getopt(3); getopt_long is in <getopt.h>) */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

/* ---- POSIX version and options (unistd.h(0p)) ----------------------------
 * An option defined > 0 is supported; -1 is not (sysconf says the same).
 * Those marked "with" come with another part of the kernel landing at the
 * same time (memory protection, POSIX shared memory, real-time signals). */
#define _POSIX_VERSION             200809L
#define _POSIX_JOB_CONTROL         1          /* process groups, SIGTSTP, tcsetpgrp */
#define _POSIX_SAVED_IDS           1          /* saved set-user-id (setuid(2)) */
#define _POSIX_CHOWN_RESTRICTED    0          /* only root gives a file away: pathconf says 1 */
#define _POSIX_NO_TRUNC            1          /* a long name is ENAMETOOLONG, never cut */
#define _POSIX_VDISABLE            '\0'
#define _POSIX_MONOTONIC_CLOCK     200809L    /* CLOCK_MONOTONIC */
#define _POSIX_MAPPED_FILES        200809L    /* mmap of files */
#define _POSIX_MEMORY_PROTECTION   200809L    /* mprotect (with the memory work) */
#define _POSIX_MESSAGE_PASSING     200809L    /* mq_open and the other mq_ calls */
#define _POSIX_SEMAPHORES          200809L    /* sem_open, sem_init and the others */
#define _POSIX_SHARED_MEMORY_OBJECTS 200809L  /* shm_open (with the memory work) */
#define _POSIX_REALTIME_SIGNALS    200809L    /* SIGRTMIN..SIGRTMAX, sigqueue (with the signals work) */
#define _POSIX_THREADS             200809L
#define _POSIX_THREAD_ATTR_STACKSIZE 200809L
#define _POSIX_THREAD_PROCESS_SHARED 200809L  /* PTHREAD_PROCESS_SHARED */
#define _POSIX_BARRIERS            200809L
#define _POSIX_SPIN_LOCKS          200809L
#define _POSIX_READER_WRITER_LOCKS 200809L
#define _POSIX_SHELL               1          /* /bin/sh, system() */
#define _POSIX_TIMEOUTS            200809L    /* the timed waits, pthread_rwlock_timed*lock too */
#define _POSIX_FSYNC               200809L    /* fsync */
#define _POSIX_TIMERS              200809L    /* timer_create and the others (docs/timers.md) */
#define _POSIX_CLOCK_SELECTION     200809L    /* clock_nanosleep */
#define _POSIX_CPUTIME             200809L    /* CLOCK_PROCESS_CPUTIME_ID, clock_getcpuclockid */
#define _POSIX_THREAD_CPUTIME      200809L    /* CLOCK_THREAD_CPUTIME_ID, pthread_getcpuclockid */
#define _POSIX_ASYNCHRONOUS_IO     200809L    /* <aio.h>: aio_read and the others (libc/aio) */
#define _POSIX_PRIORITIZED_IO      200809L    /* aio_reqprio orders a file's requests */
#define _POSIX_SYNCHRONIZED_IO     200809L    /* O_SYNC, O_DSYNC, fdatasync */
#define _POSIX_PRIORITY_SCHEDULING 200809L    /* sched_setscheduler, sched_setparam, ... (kernel/sched/class_syscalls.c) */
#define _POSIX_THREAD_PRIORITY_SCHEDULING (-1)
#define _POSIX_THREAD_PRIO_INHERIT (-1)
#define _POSIX_THREAD_PRIO_PROTECT (-1)
#define _POSIX_THREAD_SAFE_FUNCTIONS (-1)     /* not every _r function is there */
#define _POSIX_THREAD_ATTR_STACKADDR 200809L  /* pthread_attr_setstack */
#define _POSIX_MEMLOCK             200809L    /* mlockall (libc/mman/mlock.c) */
#define _POSIX_MEMLOCK_RANGE       200809L    /* mlock, munlock */
#define _POSIX_SPAWN               200809L    /* posix_spawn (libc/spawn) */
#define _POSIX_REGEXP              (-1)
#define _POSIX_IPV6                (-1)
#define _POSIX_RAW_SOCKETS         (-1)
#define _POSIX_ADVISORY_INFO       (-1)
#define _POSIX_TYPED_MEMORY_OBJECTS (-1)
#define _POSIX_SPORADIC_SERVER     (-1)
#define _POSIX_THREAD_SPORADIC_SERVER (-1)
#define _POSIX_TRACE               (-1)

/* ---- sysconf's names (Linux's numbers) ----------------------------------- */
#define _SC_ARG_MAX                0
#define _SC_CHILD_MAX              1
#define _SC_CLK_TCK                2
#define _SC_NGROUPS_MAX            3
#define _SC_OPEN_MAX               4
#define _SC_JOB_CONTROL            7
#define _SC_SAVED_IDS              8
#define _SC_REALTIME_SIGNALS       9
#define _SC_PRIORITY_SCHEDULING    10
#define _SC_TIMERS                 11
#define _SC_ASYNCHRONOUS_IO        12
#define _SC_PRIORITIZED_IO         13
#define _SC_SYNCHRONIZED_IO        14
#define _SC_FSYNC                  15
#define _SC_MAPPED_FILES           16
#define _SC_MEMLOCK                17
#define _SC_MEMLOCK_RANGE          18
#define _SC_MEMORY_PROTECTION      19
#define _SC_MESSAGE_PASSING        20
#define _SC_SEMAPHORES             21
#define _SC_SHARED_MEMORY_OBJECTS  22
#define _SC_AIO_LISTIO_MAX         23
#define _SC_AIO_MAX                24
#define _SC_AIO_PRIO_DELTA_MAX     25
#define _SC_DELAYTIMER_MAX         26
#define _SC_MQ_OPEN_MAX            27
#define _SC_MQ_PRIO_MAX            28
#define _SC_VERSION                29
#define _SC_PAGESIZE               30
#define _SC_PAGE_SIZE              _SC_PAGESIZE
#define _SC_RTSIG_MAX              31
#define _SC_SEM_NSEMS_MAX          32
#define _SC_SEM_VALUE_MAX          33
#define _SC_SIGQUEUE_MAX           34
#define _SC_TIMER_MAX              35
#define _SC_THREADS                67
#define _SC_THREAD_SAFE_FUNCTIONS  68
#define _SC_GETGR_R_SIZE_MAX       69
#define _SC_GETPW_R_SIZE_MAX       70
#define _SC_LOGIN_NAME_MAX         71
#define _SC_THREAD_DESTRUCTOR_ITERATIONS 73
#define _SC_THREAD_KEYS_MAX        74
#define _SC_THREAD_STACK_MIN       75
#define _SC_THREAD_THREADS_MAX     76
#define _SC_THREAD_ATTR_STACKADDR  77
#define _SC_THREAD_ATTR_STACKSIZE  78
#define _SC_THREAD_PRIORITY_SCHEDULING 79
#define _SC_THREAD_PRIO_INHERIT    80
#define _SC_THREAD_PRIO_PROTECT    81
#define _SC_THREAD_PROCESS_SHARED  82
#define _SC_XOPEN_VERSION          89     /* -1: the X/Open System Interfaces are not claimed */
#define _SC_NZERO                  109    /* NZERO (<limits.h>): the nice value at the start */
#define _SC_NPROCESSORS_CONF       83
#define _SC_NPROCESSORS_ONLN       84
#define _SC_PHYS_PAGES             85
#define _SC_AVPHYS_PAGES           86
#define _SC_ADVISORY_INFO          132
#define _SC_BARRIERS               133
#define _SC_CLOCK_SELECTION        137
#define _SC_CPUTIME                138
#define _SC_THREAD_CPUTIME         139
#define _SC_MONOTONIC_CLOCK        149
#define _SC_READER_WRITER_LOCKS    153
#define _SC_SPIN_LOCKS             154
#define _SC_REGEXP                 155
#define _SC_SHELL                  157
#define _SC_SPAWN                  159
#define _SC_SPORADIC_SERVER        160
#define _SC_THREAD_SPORADIC_SERVER 161
#define _SC_TIMEOUTS               164
#define _SC_TYPED_MEMORY_OBJECTS   165
#define _SC_HOST_NAME_MAX          180
#define _SC_TRACE                  181
#define _SC_IPV6                   235
#define _SC_RAW_SOCKETS            236

/* ---- pathconf's names (Linux's numbers) ---------------------------------- */
#define _PC_LINK_MAX               0
#define _PC_MAX_CANON              1
#define _PC_MAX_INPUT              2
#define _PC_NAME_MAX               3
#define _PC_PATH_MAX               4
#define _PC_PIPE_BUF               5
#define _PC_CHOWN_RESTRICTED       6
#define _PC_NO_TRUNC               7
#define _PC_VDISABLE               8
#define _PC_SYNC_IO                9
#define _PC_ASYNC_IO               10
#define _PC_PRIO_IO                11
#define _PC_FILESIZEBITS           13
#define _PC_SYMLINK_MAX            19
#define _PC_2_SYMLINKS             20

/* A limit or option of the system now (sysconf(3)); -1 with errno EINVAL
 * for an unknown name, -1 with errno untouched for "no limit" or an
 * option not supported. */
long sysconf(int name);

/* A limit of the file `path` or descriptor `fd` lives on (pathconf(3));
 * errors as sysconf's, and those of stat/fstat. */
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);

#endif
