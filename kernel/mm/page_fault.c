/* kernel/mm/page_fault.c - deciding what a page fault means. */
#include "page_fault.h"

#include "address_space.h"
#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "memory_layout.h"
#include "proc/fault.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

extern char user_access_start[], user_access_end[], user_access_fault[];  /* usercopy.asm */

static int in_user_access_routine(uint32_t eip)
{
    return eip >= (uint32_t)user_access_start && eip < (uint32_t)user_access_end;
}

int page_fault_resolve(struct trap_frame *frame)
{
    uint32_t address = cpu_read_cr2();
    int from_user = trap_frame_from_user(frame);
    int in_copy = !from_user && in_user_access_routine(frame->eip);
    if (!from_user && !in_copy)
        return 0;                                 /* the kernel's own bug */
    if (in_copy && running_without_big_lock()) {
        /* A copy in a system call that runs without the big kernel lock
         * (kernel/syscall.c): the address space is the lock's to change.
         * The copy fails at once, and the call takes the lock and copies
         * again (kernel/ipc/pipe_without_big_lock.c), when the fault is
         * handled as usual. */
        frame->eip = (uint32_t)user_access_fault;
        return 1;
    }

    struct process *process = current_task->process;
    int status = address < USER_END && process ?
                 address_space_handle_fault(process->address_space, address,
                                            (frame->error_code & PAGE_FAULT_WRITE) != 0) : -EFAULT;
    if (status == 0) {
        thread_of(current_task)->minor_faults++;  /* getrusage's ru_minflt */
        return 1;                                 /* page supplied: retry the access */
    }
    if (status == -ENXIO && from_user) {
        process_fault(frame, SIGBUS);             /* past the end of a mapped file */
        return 1;
    }
    if (in_copy) {
        frame->eip = (uint32_t)user_access_fault; /* the copy returns -EFAULT */
        return 1;
    }
    return 0;                                     /* the process gets a signal */
}
