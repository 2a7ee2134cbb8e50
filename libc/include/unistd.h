/* libc/include/unistd.h - the POSIX system call interface: processes,
 * descriptors, the file system and the heap break. */
#ifndef LIBC_INCLUDE_UNISTD_H
#define LIBC_INCLUDE_UNISTD_H

#include <stdint.h>
#include <sys/types.h>
#include <uapi/fcntl.h>   /* SEEK_SET, SEEK_CUR, SEEK_END */

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

extern char **environ;    /* "NAME=value" strings, NULL-terminated */

/* processes */
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);
void _exit(int status) __attribute__((__noreturn__));
pid_t getpid(void);
pid_t getppid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t setpgrp(void);
pid_t getpgid(pid_t pid);
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

/* terminals */
int isatty(int fd);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

/* the file system */
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buffer, size_t size);

#endif
