/* kernel/proc/fault.h - a user process that faulted. */
#ifndef KERNEL_PROC_FAULT_H
#define KERNEL_PROC_FAULT_H

#include "arch/x86/trap_frame.h"

/* The running process caused an exception in user mode that maps to
 * `signal` (SIGSEGV, SIGFPE, SIGILL ...): the signal is forced on it, so
 * its handler runs or, by default, it dies of it and its parent's wait
 * reports that. */
void process_fault(struct trap_frame *frame, int signal);

#endif
