/* kernel/mm/page_fault.h - page faults that are not errors. */
#ifndef KERNEL_MM_PAGE_FAULT_H
#define KERNEL_MM_PAGE_FAULT_H

#include "arch/x86/trap_frame.h"

/* Resolves a page fault if it can: a user page to allocate or copy on
 * write, or a fault inside copy_from_user/copy_to_user, which then returns
 * -EFAULT. A user touch of a page wholly past the end of a mapped file is
 * sent SIGBUS here. Returns 1 when the fault is dealt with, 0 when the
 * fault is real (SIGSEGV for a user process, a bug in the kernel). */
int page_fault_resolve(struct trap_frame *frame);

#endif
