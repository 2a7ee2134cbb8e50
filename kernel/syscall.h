/* kernel/syscall.h - every system call handler, with its real types.
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
int sys_execve(const char *path, const char *const *arguments, const char *const *environment);
int sys_waitpid(int pid, int *status, int options);   /* sleeps */
int sys_getpid(void);
int sys_getppid(void);
uint32_t sys_brk(uint32_t new_break);
int sys_setpgid(int pid, int group);
int sys_getpgid(int pid);
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
int sys_sigqueue(int pid, int signal, uint32_t value);
struct kernel_siginfo;
struct kernel_stack;
int sys_sigtimedwait(const uint64_t *set, struct kernel_siginfo *info, const struct timespec *timeout);   /* sleeps */
int sys_sigaltstack(const struct kernel_stack *new_stack, struct kernel_stack *old_stack);
int sys_sigreturn(void);
int sys_alarm(uint32_t seconds);
int sys_pause(void);   /* sleeps */

/* kernel/ipc/msg.c, mbox.c */
struct message;
struct mbox_stat;
int sys_msg_send(int to, const struct message *message, int flags);   /* sleeps */
int sys_msg_recv(int from, struct message *message, int flags);   /* sleeps */
int sys_msg_call(int to, struct message *message);   /* sleeps */
int sys_msg_reply(int to, const struct message *message);
int sys_msg_reply_recv(int to, struct message *message, int from, int flags);   /* sleeps */
int sys_mbox_open(const char *name, int flags, uint32_t capacity);
int sys_mbox_send(int fd, const struct message *message, int flags);   /* sleeps */
int sys_mbox_recv(int fd, struct message *message, int flags);   /* sleeps */
int sys_mbox_unlink(const char *name);
int sys_mbox_stat(int fd, struct mbox_stat *st);

/* kernel/mm/mmap.c, kernel/ipc/futex.c */
uint32_t sys_mmap(uint32_t address, uint32_t length, int protection, int flags, int fd, uint32_t offset);
int sys_munmap(uint32_t address, uint32_t length);
int sys_mprotect(uint32_t address, uint32_t length, int protection);
int sys_msync(uint32_t address, uint32_t length, int flags);
int sys_madvise(uint32_t address, uint32_t length, int advice);
int sys_futex_wait(uint32_t *word, uint32_t expected, const struct timespec *timeout);   /* sleeps */
int sys_futex_wake(uint32_t *word, int count);

/* kernel/ipc/sysv_msgq.c, kernel/ipc/sysv_sem.c: System V IPC */
struct msqid_ds;
struct sembuf;
int sys_msgget(int key, int flags);
int sys_msgsnd(int id, const void *message, int size, int flags);   /* sleeps */
int sys_msgrcv(int id, void *message, int size, long type, int flags);   /* sleeps */
int sys_msgctl(int id, int command, struct msqid_ds *buffer);
int sys_semget(int key, int count, int flags);
int sys_semop(int id, const struct sembuf *operations, unsigned count);   /* sleeps */
int sys_semctl(int id, int number, int command, uint32_t argument);

/* kernel/ipc/sysv_shm.c */
struct shmid_ds;
int sys_shmget(int key, uint32_t size, int flags);
uint32_t sys_shmat(int id, uint32_t address, int flags);
int sys_shmdt(uint32_t address);
int sys_shmctl(int id, int command, struct shmid_ds *buffer);

/* kernel/ipc/posix_mq.c, posix_mq_transfer.c */
struct mq_attr;
int sys_mq_open(const char *name, uint32_t flags, uint32_t mode, const struct mq_attr *attributes);
int sys_mq_unlink(const char *name);
int sys_mq_timedsend(int fd, const char *message, uint32_t length, uint32_t priority,
                     const struct timespec *timeout);   /* sleeps */
int sys_mq_timedreceive(int fd, char *buffer, uint32_t size, uint32_t *priority,
                        const struct timespec *timeout);   /* sleeps */
int sys_mq_getsetattr(int fd, const struct mq_attr *new_attributes, struct mq_attr *old_attributes);
struct kernel_sigevent;
int sys_mq_notify(int fd, const struct kernel_sigevent *notification);   /* posix_mq_notify.c */

/* kernel/ipc/socket*.c */
int sys_socket(int domain, int type, int protocol);
int sys_socketpair(int domain, int type, int protocol, int *descriptors);
int sys_bind(int fd, const void *address, uint32_t length);
int sys_listen(int fd, int backlog);
int sys_accept(int fd, void *address, uint32_t *length, int flags);   /* sleeps */
int sys_connect(int fd, const void *address, uint32_t length);   /* sleeps */
int sys_getsockname(int fd, void *address, uint32_t *length);
int sys_getpeername(int fd, void *address, uint32_t *length);
int sys_sendto(int fd, const void *buffer, uint32_t size, int flags, const void *address, uint32_t length);   /* sleeps */
int sys_recvfrom(int fd, void *buffer, uint32_t size, int flags, void *address, uint32_t *length);   /* sleeps */
int sys_shutdown(int fd, int how);
int sys_setsockopt(int fd, int level, int name, const void *value, uint32_t length);
int sys_getsockopt(int fd, int level, int name, void *value, uint32_t *length);
int sys_net_configure(const void *configuration);   /* root only: uapi/net.h */

/* kernel/fs/poll.c, kernel/fs/select.c: waiting on many descriptors */
struct pollfd;
int sys_poll(struct pollfd *entries, unsigned count, const struct timespec *timeout,
             const void *mask);   /* sleeps */
int sys_select(int nfds, uint32_t *read_set, uint32_t *write_set, uint32_t *except_set,
               const struct timespec *timeout, const void *mask);   /* sleeps */

/* kernel/kinfo.c */
int sys_kinfo(int what, void *buffer, uint32_t size);

/* identity and limits: kernel/proc/identity_syscalls.c, limits.c,
 * kernel/uname.c, kernel/fs/owner_syscalls.c */
struct kernel_rlimit;
struct utsname;
int sys_getresuid(unsigned *real, unsigned *effective, unsigned *saved);
int sys_getresgid(unsigned *real, unsigned *effective, unsigned *saved);
int sys_setuid(unsigned uid);
int sys_setgid(unsigned gid);
int sys_setreuid(unsigned real, unsigned effective);
int sys_setregid(unsigned real, unsigned effective);
int sys_setresuid(unsigned real, unsigned effective, unsigned saved);
int sys_setresgid(unsigned real, unsigned effective, unsigned saved);
int sys_getgroups(int size, unsigned *list);
int sys_setgroups(unsigned size, const unsigned *list);
int sys_umask(unsigned mask);
int sys_uname(struct utsname *names);
int sys_getrlimit(int resource, struct kernel_rlimit *limit);
int sys_setrlimit(int resource, const struct kernel_rlimit *limit);
int sys_chmod(const char *path, uint32_t mode);
int sys_fchmod(int fd, uint32_t mode);
int sys_chown(const char *path, unsigned uid, unsigned gid);
int sys_fchown(int fd, unsigned uid, unsigned gid);

/* descriptors: vectors, positions, flags, passing (kernel/fs, kernel/ipc) */
struct iovec;
struct msghdr;
int sys_readv(int fd, const struct iovec *vector, int count);
int sys_writev(int fd, const struct iovec *vector, int count);
int sys_pread(int fd, void *buffer, uint32_t size, int offset);
int sys_pwrite(int fd, const void *buffer, uint32_t size, int offset);
int sys_pipe2(int *descriptors, int flags);
int sys_dup3(int old_fd, int new_fd, int flags);
int sys_sendmsg(int fd, const struct msghdr *message, int flags);
int sys_recvmsg(int fd, struct msghdr *message, int flags);

/* timers and clocks */
struct itimerspec;
struct kernel_itimerval;
struct kernel_sigevent;
int sys_timer_create(int clock, const struct kernel_sigevent *event, int *id);                /* kernel/ipc/posix_timer.c */
int sys_timer_settime(int id, int flags, const struct itimerspec *setting, struct itimerspec *old);
int sys_timer_gettime(int id, struct itimerspec *setting);
int sys_timer_getoverrun(int id);
int sys_timer_delete(int id);
int sys_setitimer(int which, const struct kernel_itimerval *value, struct kernel_itimerval *old);  /* kernel/sched/itimer.c */
int sys_getitimer(int which, struct kernel_itimerval *value);
int sys_clock_getres(int clock, struct timespec *resolution);                                  /* kernel/sched/clock_nanosleep.c */
int sys_clock_nanosleep(int clock, int flags, const struct timespec *request, struct timespec *remaining);

/* scheduling classes, resource use, waitid */
struct sched_param;
struct kernel_rusage;
struct waitid_info;
int sys_sched_setscheduler(int tid, int policy, const struct sched_param *param);
int sys_sched_getscheduler(int tid);
int sys_sched_setparam(int tid, const struct sched_param *param);
int sys_sched_getparam(int tid, struct sched_param *param);
int sys_sched_get_priority_max(int policy);
int sys_sched_get_priority_min(int policy);
int sys_sched_rr_get_interval(int tid, struct timespec *interval);
int sys_getrusage(int who, struct kernel_rusage *usage);
int sys_wait4(int pid, int *status, int options, struct kernel_rusage *usage);    /* sleeps */
int sys_waitid(int idtype, int id, struct waitid_info *info, int options, struct kernel_rusage *usage);   /* sleeps */

/* epoll (kernel/fs/epoll_syscalls.c) */
struct epoll_event;
int sys_epoll_create(int size);
int sys_epoll_create1(int flags);
int sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *event);
int sys_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout_ms);
int sys_epoll_pwait(int epfd, struct epoll_event *events, int max, int timeout_ms, const void *mask,
                    unsigned mask_size);

/* memory locking (kernel/mm/lock.c) and CPU affinity (kernel/sched/affinity.c) */
int sys_mlock(uint32_t address, uint32_t length);
int sys_munlock(uint32_t address, uint32_t length);
int sys_mlockall(int flags);
int sys_munlockall(void);
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
