/* arch/x86/signal_frame.h - the x86 half of signal delivery: the frame a
 * handler runs on, and taking it apart again in sigreturn. */
#ifndef ARCH_X86_SIGNAL_FRAME_H
#define ARCH_X86_SIGNAL_FRAME_H

#include <stdint.h>

#include "trap_frame.h"

/* Saves the interrupted state (registers from `frame`, the FPU, the mask
 * `blocked_to_restore`) on the user stack and points `frame` at
 * handler(signal), which will return into a sigreturn trampoline. Returns 0,
 * or -EFAULT when the user stack cannot take the frame. */
int signal_frame_push(struct trap_frame *frame, int signal, uint32_t handler, uint32_t blocked_to_restore);

/* sigreturn: reads the saved state back from the user stack into `frame`
 * (and the FPU), refusing anything that could give user code kernel
 * privileges: segments are forced to user ones, eflags to harmless bits.
 * Returns 0 and the mask to restore, or -EFAULT. */
int signal_frame_restore(struct trap_frame *frame, uint32_t *blocked);

#endif
