/* kernel/syscall.c - the system call table: number -> handler.
 * A number beyond the table goes to syscall_outside_table
 * (arch/x86/trap_entry.asm): -ENOSYS, unless it is a number of the table
 * marked as a cancellation point (SYSCALL_CANCEL_POINT, thread_cancel(2)).
 * A number in the table that no call has answers -ENOSYS too: every slot
 * holds a handler, so the entry code needs no test for an empty one. */
#include "syscall.h"

#include "arch/x86/trap_frame.h"
#include "kernel/panic.h"
#include "proc/thread.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

typedef int (*syscall_handler)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
#define HANDLER(function) ((syscall_handler)(void *)(function))

/* What trap_entry.asm knows of the table: its size and ENOSYS. */
_Static_assert(SYSCALL_COUNT == 224 && ENOSYS == 38, "SYSCALL_COUNT and ENOSYS in trap_entry.asm");

static int no_such_system_call(void)
{
    return -ENOSYS;
}

/* GCC's range designator fills every slot first; the calls below then
 * take theirs (which is what -Woverride-init would warn about). Not const:
 * a boot option may choose another handler for a call (syscall_replace). */
#pragma GCC diagnostic ignored "-Woverride-init"
syscall_handler syscall_table[SYSCALL_COUNT] = {
    [0 ... SYSCALL_COUNT - 1] = HANDLER(no_such_system_call),
    [SYS_exit]          = HANDLER(sys_exit),
    [SYS_fork]          = HANDLER(sys_fork),
    [SYS_execve]        = HANDLER(sys_execve),
    [SYS_waitpid]       = HANDLER(sys_waitpid),
    [SYS_getpid]        = HANDLER(sys_getpid),
    [SYS_getppid]       = HANDLER(sys_getppid),
    [SYS_brk]           = HANDLER(sys_brk),
    [SYS_nanosleep]     = HANDLER(sys_nanosleep),
    [SYS_sched_yield]   = HANDLER(sys_sched_yield),
    [SYS_clock_gettime] = HANDLER(sys_clock_gettime),
    [SYS_clock_settime] = HANDLER(sys_clock_settime),
    [SYS_setpgid]       = HANDLER(sys_setpgid),
    [SYS_getpgid]       = HANDLER(sys_getpgid),
    [SYS_setsid]        = HANDLER(sys_setsid),
    [SYS_getpriority]   = HANDLER(sys_getpriority),
    [SYS_setpriority]   = HANDLER(sys_setpriority),
    [SYS_thread_create] = HANDLER(sys_thread_create),
    [SYS_thread_exit]   = HANDLER(sys_thread_exit),
    [SYS_gettid]        = HANDLER(sys_gettid),
    [SYS_set_tls]       = HANDLER(sys_set_tls),

    [SYS_read]          = HANDLER(sys_read),
    [SYS_write]         = HANDLER(sys_write),
    [SYS_close]         = HANDLER(sys_close),
    [SYS_dup]           = HANDLER(sys_dup),
    [SYS_dup2]          = HANDLER(sys_dup2),
    [SYS_fcntl]         = HANDLER(sys_fcntl),
    [SYS_ioctl]         = HANDLER(sys_ioctl),
    [SYS_open]          = HANDLER(sys_open),
    [SYS_lseek]         = HANDLER(sys_lseek),
    [SYS_stat]          = HANDLER(sys_stat),
    [SYS_fstat]         = HANDLER(sys_fstat),
    [SYS_ftruncate]     = HANDLER(sys_ftruncate),
    [SYS_mkdir]         = HANDLER(sys_mkdir),
    [SYS_mknod]         = HANDLER(sys_mknod),
    [SYS_unlink]        = HANDLER(sys_unlink),
    [SYS_rmdir]         = HANDLER(sys_rmdir),
    [SYS_rename]        = HANDLER(sys_rename),
    [SYS_chdir]         = HANDLER(sys_chdir),
    [SYS_getcwd]        = HANDLER(sys_getcwd),
    [SYS_getdents]      = HANDLER(sys_getdents),
    [SYS_lstat]         = HANDLER(sys_lstat),
    [SYS_link]          = HANDLER(sys_link),
    [SYS_symlink]       = HANDLER(sys_symlink),
    [SYS_readlink]      = HANDLER(sys_readlink),

    [SYS_fsync]         = HANDLER(sys_fsync),
    [SYS_sync]          = HANDLER(sys_sync),
    [SYS_mount]         = HANDLER(sys_mount),
    [SYS_umount]        = HANDLER(sys_umount),
    [SYS_statfs]        = HANDLER(sys_statfs),
    [SYS_fstatfs]       = HANDLER(sys_fstatfs),

    [SYS_pipe]          = HANDLER(sys_pipe),

    [SYS_tkill]         = HANDLER(sys_tkill),
    [SYS_kill]          = HANDLER(sys_kill),
    [SYS_sigaction]     = HANDLER(sys_sigaction),
    [SYS_sigprocmask]   = HANDLER(sys_sigprocmask),
    [SYS_sigpending]    = HANDLER(sys_sigpending),
    [SYS_sigsuspend]    = HANDLER(sys_sigsuspend),
    [SYS_sigqueue]      = HANDLER(sys_sigqueue),
    [SYS_sigtimedwait]  = HANDLER(sys_sigtimedwait),
    [SYS_sigaltstack]   = HANDLER(sys_sigaltstack),
    [SYS_sigreturn]     = HANDLER(sys_sigreturn),
    [SYS_alarm]         = HANDLER(sys_alarm),
    [SYS_pause]         = HANDLER(sys_pause),

    [SYS_msgget]        = HANDLER(sys_msgget),
    [SYS_msgsnd]        = HANDLER(sys_msgsnd),
    [SYS_msgrcv]        = HANDLER(sys_msgrcv),
    [SYS_msgctl]        = HANDLER(sys_msgctl),
    [SYS_semget]        = HANDLER(sys_semget),
    [SYS_semop]         = HANDLER(sys_semop),
    [SYS_semctl]        = HANDLER(sys_semctl),

    [SYS_mmap]          = HANDLER(sys_mmap),
    [SYS_munmap]        = HANDLER(sys_munmap),
    [SYS_mprotect]      = HANDLER(sys_mprotect),
    [SYS_msync]         = HANDLER(sys_msync),
    [SYS_madvise]       = HANDLER(sys_madvise),
    [SYS_futex_wait]    = HANDLER(sys_futex_wait),
    [SYS_futex_wake]    = HANDLER(sys_futex_wake),

    [SYS_shmget]        = HANDLER(sys_shmget),
    [SYS_shmat]         = HANDLER(sys_shmat),
    [SYS_shmdt]         = HANDLER(sys_shmdt),
    [SYS_shmctl]        = HANDLER(sys_shmctl),

    [SYS_msg_send]      = HANDLER(sys_msg_send),
    [SYS_msg_recv]      = HANDLER(sys_msg_recv),
    [SYS_msg_call]      = HANDLER(sys_msg_call),
    [SYS_msg_reply]     = HANDLER(sys_msg_reply),
    [SYS_msg_reply_recv] = HANDLER(sys_msg_reply_recv),
    [SYS_mbox_open]     = HANDLER(sys_mbox_open),
    [SYS_mbox_send]     = HANDLER(sys_mbox_send),
    [SYS_mbox_recv]     = HANDLER(sys_mbox_recv),
    [SYS_mbox_unlink]   = HANDLER(sys_mbox_unlink),
    [SYS_mbox_stat]     = HANDLER(sys_mbox_stat),

    [SYS_kinfo]         = HANDLER(sys_kinfo),
    [SYS_poweroff]      = HANDLER(sys_poweroff),

    [SYS_mq_open]       = HANDLER(sys_mq_open),
    [SYS_mq_unlink]     = HANDLER(sys_mq_unlink),
    [SYS_mq_timedsend]  = HANDLER(sys_mq_timedsend),
    [SYS_mq_timedreceive] = HANDLER(sys_mq_timedreceive),
    [SYS_mq_getsetattr] = HANDLER(sys_mq_getsetattr),
    [SYS_mq_notify]     = HANDLER(sys_mq_notify),

    [SYS_socket]        = HANDLER(sys_socket),
    [SYS_socketpair]    = HANDLER(sys_socketpair),
    [SYS_bind]          = HANDLER(sys_bind),
    [SYS_listen]        = HANDLER(sys_listen),
    [SYS_accept]        = HANDLER(sys_accept),
    [SYS_connect]       = HANDLER(sys_connect),
    [SYS_getsockname]   = HANDLER(sys_getsockname),
    [SYS_getpeername]   = HANDLER(sys_getpeername),
    [SYS_sendto]        = HANDLER(sys_sendto),
    [SYS_recvfrom]      = HANDLER(sys_recvfrom),
    [SYS_shutdown]      = HANDLER(sys_shutdown),
    [SYS_setsockopt]    = HANDLER(sys_setsockopt),
    [SYS_getsockopt]    = HANDLER(sys_getsockopt),
    [SYS_net_configure] = HANDLER(sys_net_configure),

    [SYS_poll]          = HANDLER(sys_poll),
    [SYS_select]        = HANDLER(sys_select),
    [SYS_thread_cancel] = HANDLER(sys_thread_cancel),

    /* identity and limits */
    [SYS_getresuid]     = HANDLER(sys_getresuid),
    [SYS_getresgid]     = HANDLER(sys_getresgid),
    [SYS_setuid]        = HANDLER(sys_setuid),
    [SYS_setgid]        = HANDLER(sys_setgid),
    [SYS_setreuid]      = HANDLER(sys_setreuid),
    [SYS_setregid]      = HANDLER(sys_setregid),
    [SYS_setresuid]     = HANDLER(sys_setresuid),
    [SYS_setresgid]     = HANDLER(sys_setresgid),
    [SYS_getgroups]     = HANDLER(sys_getgroups),
    [SYS_umask]         = HANDLER(sys_umask),
    [SYS_uname]         = HANDLER(sys_uname),
    [SYS_getrlimit]     = HANDLER(sys_getrlimit),
    [SYS_setrlimit]     = HANDLER(sys_setrlimit),
    [SYS_chmod]         = HANDLER(sys_chmod),
    [SYS_fchmod]        = HANDLER(sys_fchmod),
    [SYS_chown]         = HANDLER(sys_chown),
    [SYS_fchown]        = HANDLER(sys_fchown),
    [SYS_setgroups]     = HANDLER(sys_setgroups),

    /* descriptors: vectors, positions, flags, passing */
    [SYS_readv]         = HANDLER(sys_readv),
    [SYS_writev]        = HANDLER(sys_writev),
    [SYS_pread]         = HANDLER(sys_pread),
    [SYS_pwrite]        = HANDLER(sys_pwrite),
    [SYS_pipe2]         = HANDLER(sys_pipe2),
    [SYS_dup3]          = HANDLER(sys_dup3),
    [SYS_sendmsg]       = HANDLER(sys_sendmsg),
    [SYS_recvmsg]       = HANDLER(sys_recvmsg),

    /* timers and clocks */
    [SYS_timer_create]  = HANDLER(sys_timer_create),
    [SYS_timer_settime] = HANDLER(sys_timer_settime),
    [SYS_timer_gettime] = HANDLER(sys_timer_gettime),
    [SYS_timer_getoverrun] = HANDLER(sys_timer_getoverrun),
    [SYS_timer_delete]  = HANDLER(sys_timer_delete),
    [SYS_setitimer]     = HANDLER(sys_setitimer),
    [SYS_getitimer]     = HANDLER(sys_getitimer),
    [SYS_clock_getres]  = HANDLER(sys_clock_getres),
    [SYS_clock_nanosleep] = HANDLER(sys_clock_nanosleep),

    /* scheduling classes, resource use, waitid */
    [SYS_sched_setscheduler]     = HANDLER(sys_sched_setscheduler),
    [SYS_sched_getscheduler]     = HANDLER(sys_sched_getscheduler),
    [SYS_sched_setparam]         = HANDLER(sys_sched_setparam),
    [SYS_sched_getparam]         = HANDLER(sys_sched_getparam),
    [SYS_sched_get_priority_max] = HANDLER(sys_sched_get_priority_max),
    [SYS_sched_get_priority_min] = HANDLER(sys_sched_get_priority_min),
    [SYS_sched_rr_get_interval]  = HANDLER(sys_sched_rr_get_interval),
    [SYS_getrusage]              = HANDLER(sys_getrusage),
    [SYS_wait4]                  = HANDLER(sys_wait4),
    [SYS_waitid]                 = HANDLER(sys_waitid),

    /* epoll */
    [SYS_epoll_create]  = HANDLER(sys_epoll_create),
    [SYS_epoll_create1] = HANDLER(sys_epoll_create1),
    [SYS_epoll_ctl]     = HANDLER(sys_epoll_ctl),
    [SYS_epoll_wait]    = HANDLER(sys_epoll_wait),
    [SYS_epoll_pwait]   = HANDLER(sys_epoll_pwait),

    /* memory locking and CPU affinity */
    [SYS_mlock]             = HANDLER(sys_mlock),
    [SYS_munlock]           = HANDLER(sys_munlock),
    [SYS_mlockall]          = HANDLER(sys_mlockall),
    [SYS_munlockall]        = HANDLER(sys_munlockall),
    [SYS_sched_setaffinity] = HANDLER(sys_sched_setaffinity),
    [SYS_sched_getaffinity] = HANDLER(sys_sched_getaffinity),
};

int syscall_run(unsigned number, const struct trap_frame *frame)
{
    return syscall_table[number](frame->ebx, frame->ecx, frame->edx, frame->esi, frame->edi, frame->ebp);
}

int syscall_outside_table(struct trap_frame *frame)
{
    uint32_t number = frame->eax & ~(uint32_t)SYSCALL_CANCEL_POINT;
    if ((frame->eax & SYSCALL_CANCEL_POINT) && number < SYSCALL_COUNT)
        return thread_cancel_point(number, frame);
    return -ENOSYS;
}

void syscall_replace(unsigned number, void *handler)
{
    ASSERT(number < SYSCALL_COUNT);
    syscall_table[number] = HANDLER(handler);
}
