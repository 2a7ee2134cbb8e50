/* kernel/proc/fault.h - a user process that faulted. */
#ifndef KERNEL_PROC_FAULT_H
#define KERNEL_PROC_FAULT_H

#include "arch/x86/trap_frame.h"

/* The running process caused an exception in user mode that maps to
 * `signal` (SIGSEGV, SIGFPE, SIGILL ...): the signal is forced on it, so
 * its handler runs or, by default, it dies of it and its parent's wait
 * reports that. For any exception but a page fault. */
void process_fault(struct trap_frame *frame, int signal);

/* The same for a page fault in user mode that could not be resolved:
 * touching `address` failed with `status` (address_space_handle_fault's:
 * -ENXIO past the end of a mapped file is SIGBUS; -EFAULT, nothing there
 * or not for this access, and -ENOMEM, no page to be had, are SIGSEGV). */
void process_page_fault(struct trap_frame *frame, uint32_t address, int status);

#endif
