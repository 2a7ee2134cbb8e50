/* libc/signal/catch.c - catching, blocking and waiting for signals. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Where every handler returns (SA_RESTORER): sigreturn, with esp where
 * the handler's `ret` left it, as the trampoline in the handler's frame
 * would call it (arch/x86/signal_frame.c). Code of the library's, which
 * does not change, where the frame's is written anew for every signal;
 * its name is the implementation's (two underscores), not a program's. */
#define STRING(x) #x
#define NUMBER(x) STRING(x)
void __signal_restorer(void);
__asm__(".text\n"
        ".globl __signal_restorer\n"
        ".type __signal_restorer, @function\n"
        "__signal_restorer:\n"
        "    movl $" NUMBER(SYS_sigreturn) ", %eax\n"
        "    int $0x80\n"
        ".size __signal_restorer, . - __signal_restorer\n");

int sigaction(int signal, const struct sigaction *action, struct sigaction *old)
{
    struct kernel_sigaction kernel_action, kernel_old;
    if (action) {
        kernel_action.handler = (unsigned long)action->sa_handler;   /* or sa_sigaction: one word */
        kernel_action.mask = action->sa_mask;
        kernel_action.flags = (unsigned long)action->sa_flags | SA_RESTORER;
        kernel_action.restorer = (unsigned long)__signal_restorer;
    }
    int result = syscall_result(syscall3(SYS_sigaction, signal, action ? (long)&kernel_action : 0,
                                         old ? (long)&kernel_old : 0));
    if (result == 0 && old) {
        old->sa_handler = (sighandler_t)kernel_old.handler;
        old->sa_mask = kernel_old.mask;
        old->sa_flags = (int)kernel_old.flags;
    }
    return result;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    return syscall_result(syscall3(SYS_sigprocmask, how, (long)set, (long)old));
}

int sigpending(sigset_t *set)
{
    return syscall_result(syscall1(SYS_sigpending, (long)set));
}

int sigsuspend(const sigset_t *mask)
{
    return syscall_result(cancel_point_result(syscall1(cancel_point_number(SYS_sigsuspend),
                                                       (long)mask)));
}

int pause(void)
{
    return syscall_result(cancel_point_result(syscall0(cancel_point_number(SYS_pause))));
}

unsigned int alarm(unsigned int seconds)
{
    return (unsigned)syscall1(SYS_alarm, (long)seconds);
}
