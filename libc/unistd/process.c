/* libc/unistd/process.c - system calls about processes: creating, replacing,
 * ending and waiting for them, and their ids. */
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Ends the process at once: no atexit handlers, no stdio flushing. */
void _exit(int status)
{
    syscall1(SYS_exit, status);
    for (;;)
        ;   /* SYS_exit does not return */
}

/* Creates a child that is a copy of this process (of the calling thread
 * only, POSIX); returns its pid to the parent and 0 to the child, whose one
 * thread learns its new tid (the child's pid). pthread_atfork's handlers
 * run around it: prepare before, then parent or child after (even when
 * the fork failed, as glibc does). The libc's own locks are made sane for
 * the child: the heap's is held across the copy, so that the child's heap
 * is never caught half-changed by another thread (a thread holding it
 * waits for no other lock); the locks other threads held (the streams and
 * their list, the keys, the stack cache, the handlers' list) are freed in
 * the child. */
pid_t fork(void)
{
    struct atfork_handlers *handlers = __thread_atfork_prepare();
    __libc_lock(&__malloc_heap_lock);
    long result = syscall0(SYS_fork);
    __libc_unlock(&__malloc_heap_lock);
    if (result == 0) {
        __thread_forked_child();
        __stdio_forked_child();
    }
    __thread_atfork_after(handlers, result == 0);
    return syscall_result(result);
}

/* Replaces this program by `path`; returns only on failure. */
int execve(const char *path, char *const argv[], char *const envp[])
{
    return syscall_result(syscall3(SYS_execve, (long)path, (long)argv, (long)envp));
}

/* Waits for a child as `options` say (WNOHANG, WUNTRACED); returns its pid
 * and stores its status, or returns 0 under WNOHANG when none has changed. */
pid_t waitpid(pid_t pid, int *status, int options)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_waitpid),
                                                       pid, (long)status, options)));
}

/* Waits for any child to end. */
pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

/* This process's id; never fails. */
pid_t getpid(void)
{
    return syscall0(SYS_getpid);
}

/* The parent's id (1, init, once the parent has exited); never fails. */
pid_t getppid(void)
{
    return syscall0(SYS_getppid);
}

/* Moves process `pid` (0: this one) into group `pgid` (0: a group of its own). */
int setpgid(pid_t pid, pid_t pgid)
{
    return syscall_result(syscall2(SYS_setpgid, pid, pgid));
}

/* System V's name for setpgid(0, 0): a group of its own. Returns its
 * id, as POSIX says (setpgid returns 0). */
pid_t setpgrp(void)
{
    return setpgid(0, 0) < 0 ? -1 : getpid();
}

/* Returns the process group of `pid` (0: this process). */
pid_t getpgid(pid_t pid)
{
    return syscall_result(syscall1(SYS_getpgid, pid));
}

pid_t getsid(pid_t pid)
{
    return syscall_result(syscall1(SYS_getsid, pid));
}

/* This process's group. */
pid_t getpgrp(void)
{
    return getpgid(0);
}

/* Starts a new session and process group led by this process. */
pid_t setsid(void)
{
    return syscall_result(syscall0(SYS_setsid));
}

/* Lets another ready process run first. */
int sched_yield(void)
{
    return syscall_result(syscall0(SYS_sched_yield));
}

/* vfork's failure: errno, and -1. Called from vfork's assembly only. */
long __vfork_failed(long result);
long __vfork_failed(long result)
{
    return syscall_result(result);
}

/* Creates a child that runs on this process's own memory, while the
 * calling thread waits for its execve or _exit (kernel/proc/fork.c);
 * returns its pid here and 0 in the child, which may only call one of
 * those two (POSIX). The child returns from this function onto the
 * parent's stack and calls on, overwriting the return address stored
 * there: so the address leaves the stack for ecx before the call, which
 * each task keeps in its own registers, and goes back after. By
 * int 0x80: the sysenter stub keeps it on the stack (syscall.h). No
 * pthread_atfork handlers run, and the libc's state is the parent's. */
__attribute__((naked)) pid_t vfork(void)
{
    __asm__ volatile("popl %%ecx\n\t"
                     "movl %0, %%eax\n\t"
                     "int $0x80\n\t"
                     "pushl %%ecx\n\t"
                     "cmpl $-4095, %%eax\n\t"
                     "jae 1f\n\t"
                     "ret\n"
                     "1:\tpushl %%eax\n\t"
                     "call __vfork_failed\n\t"
                     "addl $4, %%esp\n\t"
                     "ret"
                     : : "i"(SYS_vfork));
}
