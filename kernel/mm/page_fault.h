/* kernel/mm/page_fault.h - page faults that are not errors. */
#ifndef KERNEL_MM_PAGE_FAULT_H
#define KERNEL_MM_PAGE_FAULT_H

#include "arch/x86/trap_frame.h"

/* Resolves a page fault if it can: a user page to allocate or copy on
 * write, or a fault inside copy_from_user/copy_to_user, which then returns
 * -EFAULT. A user fault it cannot resolve gets its signal here
 * (process_page_fault: SIGBUS past the end of a mapped file, else
 * SIGSEGV). Returns 1 when the fault is dealt with, 0 when it is the
 * kernel's own bug. */
int page_fault_resolve(struct trap_frame *frame);

#endif
