/* kernel/uapi/syscall.h - system call numbers (intro(2)).
 * A program puts the number in eax and up to six arguments in
 * ebx, ecx, edx, esi, edi, ebp, then executes `int 0x80`; the result comes
 * back in eax, a negative value -E meaning error E. The kernel's table in
 * kernel/syscall.c is indexed by these numbers; the libc's wrappers in
 * libc/ use them. Numbers never change meaning once given out. */
#ifndef KERNEL_UAPI_SYSCALL_H
#define KERNEL_UAPI_SYSCALL_H

#define SYSCALL_VECTOR 0x80

/* processes and time */
#define SYS_exit            1   /* (int status) */
#define SYS_fork            2   /* () */
#define SYS_vfork         209   /* (): the child borrows the caller's memory, which waits (fork.c) */
#define SYS_execve          3   /* (path, argv, envp) */
#define SYS_waitpid         4   /* (pid, int *status, options) */
#define SYS_getpid          5
#define SYS_getppid         6
#define SYS_brk             7   /* (void *new_end) -> the break after the call */
#define SYS_nanosleep       8   /* (const timespec *req, timespec *rem) */
#define SYS_sched_yield     9
#define SYS_clock_gettime  10   /* (clockid, timespec *) */
#define SYS_setpgid        11   /* (pid, pgid) */
#define SYS_getpgid        12   /* (pid) */
#define SYS_setsid         13
#define SYS_getpriority    14   /* (which, who) -> 20 - nice (uapi/resource.h) */
#define SYS_setpriority    15   /* (which, who, nice) */
#define SYS_thread_create  16   /* (eip, esp, tls base or 0, int *clear_tid or 0) -> tid (thread(2)) */
#define SYS_thread_exit    17   /* (unmap address, unmap length): ends the calling thread */
#define SYS_gettid         18   /* () -> the calling thread's id */
#define SYS_set_tls        19   /* (base) -> the selector to load into %gs */

/* files and descriptors */
#define SYS_read           20   /* (fd, buf, count) */
#define SYS_write          21   /* (fd, buf, count) */
#define SYS_open           22   /* (path, flags, mode) */
#define SYS_close          23   /* (fd) */
#define SYS_lseek          24   /* (fd, offset, whence) */
#define SYS_dup            25   /* (fd) */
#define SYS_dup2           26   /* (oldfd, newfd) */
#define SYS_fcntl          27   /* (fd, cmd, arg) */
#define SYS_unlink         28   /* (path) */
#define SYS_rename         29   /* (old, new) */
#define SYS_mkdir          30   /* (path, mode) */
#define SYS_rmdir          31   /* (path) */
#define SYS_stat           32   /* (path, struct stat *) */
#define SYS_fstat          33   /* (fd, struct stat *) */
#define SYS_ftruncate      34   /* (fd, length) */
#define SYS_chdir          35   /* (path) */
#define SYS_getcwd         36   /* (buf, size) */
#define SYS_getdents       37   /* (fd, struct dirent *, count) */
#define SYS_pipe           38   /* (int fds[2]) */
#define SYS_mknod          39   /* (path, mode, dev) */
#define SYS_ioctl          40   /* (fd, request, arg) */

/* disks and mounts (docs/disk.md) */
#define SYS_fsync          41   /* (fd): the file's data and metadata reach the disk */
#define SYS_sync           42   /* (): every file system's changes reach the disk */
#define SYS_mount          43   /* (source, target, fstype, flags): root only (uapi/mount.h) */
#define SYS_umount         44   /* (target, flags) */
#define SYS_statfs         45   /* (path, struct kernel_statfs *) */
#define SYS_fstatfs        46   /* (fd, struct kernel_statfs *) */
#define SYS_link           47   /* (existing, new): a hard link */
#define SYS_symlink        48   /* (target, path) */
#define SYS_readlink       49   /* (path, buf, size) -> bytes (no NUL) */
#define SYS_lstat          93   /* (path, struct stat *): a symbolic link itself */
#define SYS_truncate       94   /* (path, length): ftruncate by name */
#define SYS_utimensat      95   /* (dirfd, path or NULL for dirfd's file, const timespec times[2] or NULL, flags) */

/* files named from a directory descriptor: the calls above with a dirfd
 * before each path (AT_FDCWD: the working directory, uapi/fcntl.h) */
#define SYS_openat        210   /* (dirfd, path, flags, mode) */
#define SYS_mkdirat       211   /* (dirfd, path, mode) */
#define SYS_mknodat       212   /* (dirfd, path, mode, dev) */
#define SYS_unlinkat      213   /* (dirfd, path, flags): AT_REMOVEDIR for rmdir */
#define SYS_renameat      214   /* (old dirfd, old, new dirfd, new) */
#define SYS_linkat        215   /* (old dirfd, existing, new dirfd, new, flags): AT_SYMLINK_FOLLOW */
#define SYS_symlinkat     216   /* (target, dirfd, path) */
#define SYS_readlinkat    217   /* (dirfd, path, buf, size) -> bytes (no NUL) */
#define SYS_fstatat       218   /* (dirfd, path, struct stat *, flags): AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH */
#define SYS_fchmodat      219   /* (dirfd, path, mode, flags): AT_SYMLINK_NOFOLLOW */
#define SYS_fchownat      220   /* (dirfd, path, uid, gid, flags): AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH */
#define SYS_faccessat     221   /* (dirfd, path, R_OK | W_OK | X_OK or F_OK, flags): AT_EACCESS, ... */
#define SYS_fchdir        222   /* (fd): the working directory becomes the directory open as fd */

/* signals */
#define SYS_kill           50   /* (pid, sig) */
#define SYS_sigaction      51   /* (sig, const kernel_sigaction *act, kernel_sigaction *old) */
#define SYS_sigprocmask    52   /* (how, const uint64_t *set, uint64_t *old) */
#define SYS_sigpending     53   /* (uint64_t *set) */
#define SYS_sigsuspend     54   /* (const uint64_t *mask): always -EINTR */
#define SYS_sigreturn      55   /* (): from a handler's trampoline only */
#define SYS_alarm          56   /* (seconds): seconds left of the previous alarm */
#define SYS_pause          57   /* (): always -EINTR */
#define SYS_tkill          58   /* (tid, sig): to one thread (pthread_kill) */
#define SYS_thread_cancel  59   /* (tid, how, entry): cancel that thread, or set the caller's type (thread_cancel(2)) */

#define SYS_sigqueue      120   /* (pid, sig, value, si_code): a signal with a value (SI_QUEUE; SI_ASYNCIO to oneself) */
#define SYS_sigtimedwait  121   /* (const uint64_t *set, kernel_siginfo *, const timespec *relative or NULL) -> sig */
#define SYS_sigaltstack   122   /* (const kernel_stack *new or NULL, kernel_stack *old or NULL) */

/* Or'ed into a call's number: the call is a cancellation point, ended
 * with -ECANCELED once its thread is cancelled (thread_cancel(2)). */
#define SYSCALL_CANCEL_POINT 0x100

/* thread_cancel(tid, how, entry)'s `how` (thread_cancel(2)) */
#define THREAD_CANCEL_REQUEST      0   /* cancel thread `tid` */
#define THREAD_CANCEL_ASYNCHRONOUS 1   /* (tid 0) the caller: a request sends it to `entry` at once */
#define THREAD_CANCEL_DEFERRED     2   /* (tid 0) the caller: back to cancellation points only */

/* System V message queues and semaphores (uapi/sysv_ipc.h) */
#define SYS_msgget         60   /* (key, flags) -> id */
#define SYS_msgsnd         61   /* (id, const struct msgbuf *, size, flags) */
#define SYS_msgrcv         62   /* (id, struct msgbuf *, size, long type, flags) -> bytes */
#define SYS_msgctl         63   /* (id, command, struct msqid_ds *) */
#define SYS_semget         64   /* (key, nsems, flags) -> id */
#define SYS_semop          65   /* (id, struct sembuf *, nsops) */
#define SYS_semctl         66   /* (id, semnum, command, union semun by value) */

/* memory mapping (uapi/mman.h) and waiting on a shared word */
#define SYS_mmap           80   /* (addr, length, prot, flags, fd, offset) */
#define SYS_munmap         81   /* (addr, length) */
#define SYS_futex_wait     82   /* (uint32_t *word, expected, const timespec *relative timeout or NULL) */
#define SYS_futex_wake     83   /* (uint32_t *word, how many) -> how many woken */
#define SYS_shmget         84   /* (key, size, flags) -> id (uapi/shm.h) */
#define SYS_shmat          85   /* (id, address or 0, flags) -> address */
#define SYS_shmdt          86   /* (address) */
#define SYS_shmctl         87   /* (id, command, struct shmid_ds *) */
#define SYS_mprotect       88   /* (addr, length, prot) */
#define SYS_msync          89   /* (addr, length, MS_* flags) */
#define SYS_madvise        96   /* (addr, length, MADV_* advice) */
#define SYS_mincore        97   /* (addr, length, unsigned char *vec): one byte per page, 1 if in memory */

/* the kernel's own message passing (uapi/ipc.h) */
#define SYS_msg_send       70   /* (pid to, const struct message *, flags) */
#define SYS_msg_recv       71   /* (pid from or MSG_ANY, struct message *, flags) */
#define SYS_msg_call       72   /* (pid to, struct message *): send, then wait for the reply */
#define SYS_msg_reply      73   /* (pid to, const struct message *) */
#define SYS_mbox_open      74   /* (name, flags, capacity) -> descriptor */
#define SYS_mbox_send      75   /* (fd, const struct message *, flags) */
#define SYS_mbox_recv      76   /* (fd, struct message *, flags) */
#define SYS_mbox_unlink    77   /* (name) */
#define SYS_mbox_stat      78   /* (fd, struct mbox_stat *) */
#define SYS_msg_reply_recv 79   /* (pid to, struct message *, pid from or MSG_ANY, flags): a server's loop */

/* what the kernel shows about itself, and the machine: its power, its clock */
#define SYS_kinfo          90   /* (what, buf, size): see uapi/kinfo.h */
#define SYS_poweroff       91   /* (status): only pid 1; ends the QEMU run */
#define SYS_clock_settime  92   /* (clockid, const timespec *): CLOCK_REALTIME only */

/* POSIX message queues (uapi/mqueue.h); mq_close is close */
#define SYS_mq_open       100   /* (name, oflag, mode, const struct mq_attr *) -> descriptor */
#define SYS_mq_unlink     101   /* (name) */
#define SYS_mq_timedsend  102   /* (fd, const char *msg, len, prio, const timespec *abs or NULL) */
#define SYS_mq_timedreceive 103 /* (fd, char *buf, len, unsigned *prio, const timespec *abs or NULL) */
#define SYS_mq_getsetattr 104   /* (fd, const struct mq_attr *new, struct mq_attr *old) */
#define SYS_mq_notify     150   /* (fd, const struct kernel_sigevent * or NULL to unregister) */

/* local sockets (uapi/socket.h); send/recv are sendto/recvfrom without an address */
#define SYS_socket        105   /* (domain, type, protocol) -> descriptor */
#define SYS_socketpair    106   /* (domain, type, protocol, int fds[2]) */
#define SYS_bind          107   /* (fd, const struct sockaddr *, len) */
#define SYS_listen        108   /* (fd, backlog) */
#define SYS_accept        109   /* (fd, struct sockaddr *, socklen_t *, flags) -> descriptor (accept4) */
#define SYS_connect       110   /* (fd, const struct sockaddr *, len) */
#define SYS_getsockname   111   /* (fd, struct sockaddr *, socklen_t *) */
#define SYS_getpeername   112   /* (fd, struct sockaddr *, socklen_t *) */
#define SYS_sendto        113   /* (fd, buf, len, flags, const struct sockaddr *, len) */
#define SYS_recvfrom      114   /* (fd, buf, len, flags, struct sockaddr *, socklen_t *) */
#define SYS_shutdown      115   /* (fd, how) */

/* waiting on many descriptors (uapi/poll.h); poll and select are ppoll and
 * pselect without a mask, the library turns their timeouts into timespecs */
#define SYS_poll          116   /* (struct pollfd *, nfds, timespec *relative or NULL, const sigset_t *mask or NULL) */
#define SYS_select        117   /* (nfds, fd_set *read, *write, *except, timespec *relative or NULL, const sigset_t *mask or NULL) */

/* identity and limits: user and group ids (credentials(7)), the umask, a
 * file's owner and mode, uname, resource limits (uapi/resource.h).
 * getuid and the other single getters are getresuid/getresgid in the libc. */
#define SYS_getresuid     130   /* (uid *real, uid *effective, uid *saved) */
#define SYS_getresgid     131   /* (gid *real, gid *effective, gid *saved) */
#define SYS_setuid        132   /* (uid) */
#define SYS_setgid        133   /* (gid) */
#define SYS_setreuid      134   /* (real or -1, effective or -1) */
#define SYS_setregid      135   /* (real or -1, effective or -1) */
#define SYS_setresuid     136   /* (real, effective, saved; each -1 = unchanged) */
#define SYS_setresgid     137   /* (real, effective, saved; each -1 = unchanged) */
#define SYS_getgroups     138   /* (size, gid *list) -> how many */
#define SYS_umask         139   /* (mask) -> the old mask */
#define SYS_uname         140   /* (struct utsname *) (uapi/utsname.h) */
#define SYS_sethostname   223   /* (const char *name, length): root only; uname's nodename */
#define SYS_getrlimit     141   /* (resource, struct kernel_rlimit *) */
#define SYS_setrlimit     142   /* (resource, const struct kernel_rlimit *) */
#define SYS_chmod         143   /* (path, mode) */
#define SYS_fchmod        144   /* (fd, mode) */
#define SYS_chown         145   /* (path, uid or -1, gid or -1) */
#define SYS_fchown        146   /* (fd, uid or -1, gid or -1) */
#define SYS_setgroups     147   /* (size, const gid *list): root only */
#define SYS_getsid        148   /* (pid or 0) -> the session it is in */
#define SYS_prctl         149   /* (option, arg2, arg3, arg4, arg5) (uapi/prctl.h) */

/* the network */
#define SYS_setsockopt    151   /* (fd, level, name, const void *value, length) */
#define SYS_getsockopt    152   /* (fd, level, name, void *value, socklen_t *length) */
#define SYS_net_configure 153   /* (const struct net_configuration *): root only; uapi/net.h */

/* descriptors: vectors, positions, flags, passing (docs/sockets.md) */
#define SYS_readv         160   /* (fd, const struct iovec *, count) (uapi/uio.h) */
#define SYS_writev        161   /* (fd, const struct iovec *, count) */
#define SYS_pread         162   /* (fd, buf, count, offset): the file's offset stays */
#define SYS_pwrite        163   /* (fd, buf, count, offset) */
#define SYS_pipe2         164   /* (int fds[2], O_CLOEXEC | O_NONBLOCK) */
#define SYS_dup3          165   /* (oldfd, newfd, O_CLOEXEC) */
#define SYS_sendmsg       166   /* (fd, const struct msghdr *, flags) (uapi/socket.h) */
#define SYS_recvmsg       167   /* (fd, struct msghdr *, flags) */
#define SYS_flock         168   /* (fd, LOCK_SH | LOCK_EX | LOCK_UN, with LOCK_NB) (uapi/fcntl.h) */

/* timers and clocks (docs/timers.md) */
#define SYS_timer_create    170   /* (clockid, const sigevent *, int *id) */
#define SYS_timer_settime   171   /* (id, flags, const itimerspec *new, itimerspec *old) */
#define SYS_timer_gettime   172   /* (id, itimerspec *) */
#define SYS_timer_getoverrun 173  /* (id): overruns of the last signal taken */
#define SYS_timer_delete    174   /* (id) */
#define SYS_setitimer       175   /* (which, const itimerval *new, itimerval *old) */
#define SYS_getitimer       176   /* (which, itimerval *) */
#define SYS_clock_getres    177   /* (clockid, timespec *) */
#define SYS_clock_nanosleep 178   /* (clockid, flags, const timespec *, timespec *rem): the error number */

/* scheduling classes, resource use, waitid (docs/scheduler.md) */
#define SYS_sched_setscheduler     180   /* (tid or 0, policy, const struct sched_param *) (uapi/sched.h) */
#define SYS_sched_getscheduler     181   /* (tid or 0) -> policy */
#define SYS_sched_setparam         182   /* (tid or 0, const struct sched_param *) */
#define SYS_sched_getparam         183   /* (tid or 0, struct sched_param *) */
#define SYS_sched_get_priority_max 184   /* (policy) -> priority */
#define SYS_sched_get_priority_min 185   /* (policy) -> priority */
#define SYS_sched_rr_get_interval  186   /* (tid or 0, struct timespec *) */
#define SYS_getrusage              187   /* (who, struct kernel_rusage *) (uapi/resource.h) */
#define SYS_wait4                  188   /* (pid, int *status, options, struct kernel_rusage * or NULL) */
#define SYS_waitid                 189   /* (idtype, id, siginfo_t *, options, struct kernel_rusage * or NULL) */

/* epoll: waiting on many descriptors (docs/multiplexing.md) */
#define SYS_epoll_create  190   /* (int size): size > 0, else unused */
#define SYS_epoll_create1 191   /* (int flags): EPOLL_CLOEXEC; uapi/epoll.h */
#define SYS_epoll_ctl     192   /* (epfd, op, fd, struct epoll_event *) */
#define SYS_epoll_wait    193   /* (epfd, struct epoll_event *, maxevents, int timeout_ms) */
#define SYS_epoll_pwait   194   /* (epfd, events, maxevents, timeout_ms, const sigset_t *, sigsetsize) */

/* memory locking and CPU affinity (mlock(2), sched_setaffinity(2)) */
#define SYS_mlock             195   /* (address, length) */
#define SYS_munlock           196   /* (address, length) */
#define SYS_mlockall          197   /* (MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) (uapi/mman.h) */
#define SYS_munlockall        198   /* () */
#define SYS_sched_setaffinity 199   /* (tid or 0, size, const mask *) (uapi/sched.h) */
#define SYS_sched_getaffinity 200   /* (tid or 0, size, mask *) -> bytes written */
#define SYS_getcpu            201   /* (unsigned *cpu, unsigned *node, NULL): where the caller runs */

/* descriptors that are events: a counter, signals, a timer, read and
 * polled as files (docs/event-files.md, docs/timers.md) */
#define SYS_eventfd2        204   /* (unsigned initval, flags): EFD_SEMAPHORE, EFD_NONBLOCK, EFD_CLOEXEC */
#define SYS_signalfd4       205   /* (fd or -1, const uint64_t *mask, mask size 8, flags): SFD_NONBLOCK, SFD_CLOEXEC */
#define SYS_timerfd_create  206   /* (clockid, flags): TFD_NONBLOCK, TFD_CLOEXEC */
#define SYS_timerfd_settime 207   /* (fd, flags, const itimerspec *new, itimerspec *old or NULL) */
#define SYS_timerfd_gettime 208   /* (fd, itimerspec *) */

/* Numbers still free, by group: 0; 67-69; 98-99 memory, 118-119
 * waiting on many descriptors, 123-129 signals, 154-159; 169 descriptors, 179 timers, 202-203 memory locking
 * and CPU affinity. */
#define SYSCALL_COUNT     224   /* size of the kernel's table */

#endif
