/* kernel/syscall.h - the core's system call handlers, with their real
 * types; each other subsystem's are in its kernel/subsystems/NAME_calls.h.
 * The table in syscall.c maps the numbers of uapi/syscall.h to these; the
 * entry code (arch/x86/trap_entry.asm) calls them with the user's ebx, ecx,
 * edx, esi, edi, ebp as arguments 1-6. Each lives with its subsystem.
 *
 * Context: every handler runs in its caller's system call, holding the
 * kernel lock (the locking rule: kernel/sched/wait_queue.h). Those marked
 * "sleeps" may wait (and then give the lock up until they are woken);
 * the others never do. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>

struct timespec;
struct stat;

/* kernel/proc */
int sys_exit(int status);
int sys_fork(void);
int sys_vfork(void);
int sys_execve(const char *path, const char *const *arguments, const char *const *environment);
int sys_waitpid(int pid, int *status, int options);   /* sleeps */
int sys_getpid(void);
int sys_getppid(void);
uint32_t sys_brk(uint32_t new_break);
int sys_setpgid(int pid, int group);
int sys_getpgid(int pid);
int sys_getsid(int pid);
int sys_prctl(int option, unsigned long argument, unsigned long unused3, unsigned long unused4,
              unsigned long unused5);
int sys_setsid(void);
int sys_poweroff(int status);

/* kernel/sched */
int sys_nanosleep(const struct timespec *request, struct timespec *remaining);   /* sleeps */
int sys_sched_yield(void);
int sys_getpriority(int which, int who);
/* kernel/proc/thread.c */
int sys_thread_create(uint32_t eip, uint32_t esp, uint32_t tls_base, uint32_t clear_tid_address);
int sys_thread_exit(uint32_t unmap_address, uint32_t unmap_length) __attribute__((noreturn));
int sys_gettid(void);
int sys_set_tls(uint32_t base);
int sys_setpriority(int which, int who, int nice);
int sys_clock_gettime(int clock, struct timespec *time);
int sys_clock_settime(int clock, const struct timespec *time);

/* kernel/fs */
int sys_read(int fd, void *buffer, uint32_t size);   /* sleeps */
int sys_write(int fd, const void *buffer, uint32_t size);   /* sleeps */
int sys_close(int fd);
int sys_dup(int fd);
int sys_dup2(int old_fd, int new_fd);
int sys_fcntl(int fd, int command, uint32_t argument);
int sys_ioctl(int fd, uint32_t request, uint32_t argument);
int sys_open(const char *path, uint32_t flags, uint32_t mode);   /* sleeps */
int sys_lseek(int fd, int offset, int whence);
int sys_stat(const char *path, struct stat *st);
int sys_fstat(int fd, struct stat *st);
int sys_ftruncate(int fd, int length);
int sys_truncate(const char *path, int length);   /* sleeps */
int sys_utimensat(int dirfd, const char *path, const struct timespec *times, int flags);   /* sleeps */
int sys_mkdir(const char *path, uint32_t mode);
int sys_mknod(const char *path, uint32_t mode, uint32_t device);
int sys_unlink(const char *path);
int sys_rmdir(const char *path);
int sys_rename(const char *old_path, const char *new_path);
int sys_chdir(const char *path);
int sys_getcwd(char *buffer, uint32_t size);
int sys_getdents(int fd, void *buffer, uint32_t size);
int sys_lstat(const char *path, struct stat *st);
int sys_link(const char *existing, const char *new_path);
int sys_symlink(const char *target, const char *path);
int sys_readlink(const char *path, char *buffer, uint32_t size);
/* the same from a directory descriptor (fs/at_directory.h) */
int sys_openat(int dirfd, const char *path, uint32_t flags, uint32_t mode);   /* sleeps */
int sys_mkdirat(int dirfd, const char *path, uint32_t mode);
int sys_mknodat(int dirfd, const char *path, uint32_t mode, uint32_t device);
int sys_unlinkat(int dirfd, const char *path, int flags);
int sys_renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);
int sys_linkat(int old_dirfd, const char *existing, int new_dirfd, const char *new_path, int flags);
int sys_symlinkat(const char *target, int dirfd, const char *path);
int sys_readlinkat(int dirfd, const char *path, char *buffer, uint32_t size);
int sys_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int sys_faccessat(int dirfd, const char *path, int mode, int flags);
int sys_fchdir(int fd);

struct kernel_statfs;
int sys_fsync(int fd);
int sys_sync(void);
int sys_mount(const char *source, const char *target, const char *type, uint32_t flags);
int sys_umount(const char *target, uint32_t flags);
int sys_statfs(const char *path, struct kernel_statfs *st);
int sys_fstatfs(int fd, struct kernel_statfs *st);

/* kernel/ipc */
int sys_pipe(int *descriptors);

/* kernel/ipc/signal.c */
struct kernel_sigaction;
int sys_kill(int pid, int signal);
int sys_tkill(int tid, int signal);
int sys_thread_cancel(int tid, unsigned how, uint32_t entry);
int sys_sigaction(int signal, const struct kernel_sigaction *action, struct kernel_sigaction *old);
int sys_sigprocmask(int how, const uint64_t *set, uint64_t *old);
int sys_sigpending(uint64_t *set);
int sys_sigsuspend(const uint64_t *mask);   /* sleeps */
int sys_sigqueue(int pid, int signal, uint32_t value, int code);
struct kernel_siginfo;
struct kernel_stack;
int sys_sigtimedwait(const uint64_t *set, struct kernel_siginfo *info, const struct timespec *timeout);   /* sleeps */
int sys_sigaltstack(const struct kernel_stack *new_stack, struct kernel_stack *old_stack);
int sys_sigreturn(void);
int sys_alarm(uint32_t seconds);
int sys_pause(void);   /* sleeps */

/* kernel/mm/mmap.c, kernel/ipc/futex.c */
uint32_t sys_mmap(uint32_t address, uint32_t length, int protection, int flags, int fd, uint32_t offset);
int sys_munmap(uint32_t address, uint32_t length);
int sys_mprotect(uint32_t address, uint32_t length, int protection);
int sys_msync(uint32_t address, uint32_t length, int flags);
int sys_madvise(uint32_t address, uint32_t length, int advice);
int sys_futex_wait(uint32_t *word, uint32_t expected, const struct timespec *timeout);   /* sleeps */
int sys_futex_wake(uint32_t *word, int count);

/* kernel/kinfo.c */
int sys_kinfo(int what, void *buffer, uint32_t size);

/* identity and limits: kernel/proc/process_syscalls.c, limits.c,
 * kernel/uname.c */
struct kernel_rlimit;
struct utsname;
int sys_getresuid(unsigned *real, unsigned *effective, unsigned *saved);
int sys_getresgid(unsigned *real, unsigned *effective, unsigned *saved);
int sys_getgroups(int size, unsigned *list);
int sys_uname(struct utsname *names);
int sys_sethostname(const char *name, int length);
int sys_getrlimit(int resource, struct kernel_rlimit *limit);
int sys_setrlimit(int resource, const struct kernel_rlimit *limit);

/* descriptors: vectors, positions, flags (kernel/fs, kernel/ipc) */
struct iovec;
int sys_readv(int fd, const struct iovec *vector, int count);
int sys_writev(int fd, const struct iovec *vector, int count);
int sys_pread(int fd, void *buffer, uint32_t size, int offset);
int sys_pwrite(int fd, const void *buffer, uint32_t size, int offset);
int sys_pipe2(int *descriptors, int flags);
int sys_dup3(int old_fd, int new_fd, int flags);

/* resource use, waitid */
struct kernel_rusage;
struct waitid_info;
int sys_getrusage(int who, struct kernel_rusage *usage);
int sys_wait4(int pid, int *status, int options, struct kernel_rusage *usage);    /* sleeps */
int sys_waitid(int idtype, int id, struct waitid_info *info, int options, struct kernel_rusage *usage);   /* sleeps */

/* CPU affinity (kernel/sched/affinity.c) */
int sys_sched_setaffinity(int pid, uint32_t size, const void *user_mask);
int sys_sched_getaffinity(int pid, uint32_t size, void *user_mask);
int sys_getcpu(uint32_t *user_cpu, uint32_t *user_node, void *unused);

/* Puts `handler` in the table (kernel/syscall.c) for call `number`, in
 * place of the usual one. At boot only: the option `nofastpath` gives
 * msg_call, msg_reply and msg_reply_recv to message passing's general code. */
void syscall_replace(unsigned number, void *handler);

struct trap_frame;

/* Runs call `number` (< SYSCALL_COUNT) with `frame`'s six argument
 * registers; returns its result. */
int syscall_run(unsigned number, const struct trap_frame *frame);

/* A number at or beyond SYSCALL_COUNT (trap_entry.asm): a marked
 * cancellation point's call, or -ENOSYS. Returns the result for eax. */
int syscall_outside_table(struct trap_frame *frame);

#endif
