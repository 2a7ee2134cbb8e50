/* libc/signal/stack.c - where handlers run and what they interrupt:
 * sigaltstack (a stack of their own, for SA_ONSTACK handlers, so that a
 * handler can run after a stack overflow) and siginterrupt (whether a
 * handler ends the system call it interrupts). */
#include <signal.h>

#include "../syscall.h"

int sigaltstack(const stack_t *stack, stack_t *old)
{
    return syscall_result(syscall2(SYS_sigaltstack, (long)stack, (long)old));
}

/* interrupt != 0: calls the signal's handler interrupts fail with EINTR;
 * 0: they are restarted (SA_RESTART). */
int siginterrupt(int signal, int interrupt)
{
    struct sigaction action;
    if (sigaction(signal, 0, &action) < 0)
        return -1;
    if (interrupt)
        action.sa_flags &= ~SA_RESTART;
    else
        action.sa_flags |= SA_RESTART;
    return sigaction(signal, &action, 0);
}
