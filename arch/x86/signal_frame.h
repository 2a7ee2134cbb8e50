/* arch/x86/signal_frame.h - the x86 half of signal delivery: the frame a
 * handler runs on, and taking it apart again in sigreturn. */
#ifndef ARCH_X86_SIGNAL_FRAME_H
#define ARCH_X86_SIGNAL_FRAME_H

#include <stdint.h>

#include "ipc/signal_pending.h"
#include "trap_frame.h"

/* What signal delivery asks of the frame. */
struct signal_frame_request {
    int signal;
    unsigned long handler;
    signal_set blocked_to_restore;        /* the mask sigreturn puts back */
    int with_info;                        /* SA_SIGINFO: fill in the siginfo_t */
    const struct signal_origin *origin;   /* ... from this */
    struct kernel_stack alternate_stack;  /* the thread's, flags SS_ONSTACK if on it now */
    int use_alternate_stack;              /* SA_ONSTACK, and the thread has one it is not on */
    unsigned long fault_address;          /* a fault's address (uc_mcontext.cr2), else 0 */
    unsigned long restorer;               /* SA_RESTORER: where the handler returns; 0: the trampoline */
};

/* Saves the interrupted state (registers from `frame`, the FPU, the mask)
 * in a ucontext_t on the user stack (or at the top of the alternate stack)
 * and points `frame` at handler(signal, &siginfo, &ucontext), which will
 * return into a sigreturn trampoline: the frame's own, or the C library's
 * (SA_RESTORER). Returns 0, or -EFAULT when the stack
 * cannot take the frame. */
int signal_frame_push(struct trap_frame *frame, const struct signal_frame_request *request);

/* sigreturn: reads the saved state back from the user stack into `frame`
 * (and the FPU), changes the handler made included, refusing anything that
 * could give user code kernel privileges: segments are forced to user ones,
 * eflags to harmless bits. Returns 0 and the mask to restore, or -EFAULT. */
int signal_frame_restore(struct trap_frame *frame, signal_set *blocked);

#endif
