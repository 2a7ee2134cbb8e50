/* arch/x86/sysenter.h - the fast way into a system call (sysenter.c). */
#ifndef ARCH_X86_SYSENTER_H
#define ARCH_X86_SYSENTER_H

#include "trap_frame.h"

/* Points this CPU's sysenter at sysenter_entry (trap_entry.asm), with
 * this CPU's tss.esp0 as the way to its running task's kernel stack.
 * Context: boot, each CPU once its GDT and TSS are loaded. */
void sysenter_start_on_this_cpu(void);

/* A debug trap in the kernel, at `frame`: 1 if it is a user's single step
 * caught in sysenter_entry (handled: the step goes on after the call), 0
 * if it is the kernel's own. Context: trap_dispatch, interrupts off. */
int sysenter_single_step_caught(struct trap_frame *frame);

#endif
