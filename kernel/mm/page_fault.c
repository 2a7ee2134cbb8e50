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
extern char sysenter_entry[], sysenter_entry_end[], sysenter_no_return_address[];  /* trap_entry.asm */

/* Where a kernel instruction that reads user memory goes on when the
 * read cannot be: the copy routines return -EFAULT, and the sysenter
 * entry, whose only reads of user memory are of the two words its
 * caller's stub pushed, makes no call. 0 for any other instruction (the
 * kernel's own bug). */
static uint32_t user_access_way_out(uint32_t eip)
{
    if (eip >= (uint32_t)user_access_start && eip < (uint32_t)user_access_end)
        return (uint32_t)user_access_fault;
    if (eip >= (uint32_t)sysenter_entry && eip < (uint32_t)sysenter_entry_end)
        return (uint32_t)sysenter_no_return_address;
    return 0;
}

int page_fault_resolve(struct trap_frame *frame)
{
    uint32_t address = cpu_read_cr2();
    int from_user = trap_frame_from_user(frame);
    uint32_t way_out = from_user ? 0 : user_access_way_out(frame->eip);
    int in_copy = way_out != 0;
    if (!from_user && !in_copy)
        return 0;                                 /* the kernel's own bug */
    if (in_copy && running_without_big_lock()) {
        /* A copy in a system call that runs without the big kernel lock
         * (kernel/syscall.c): the address space is the lock's to change.
         * The copy fails at once, and the call takes the lock and copies
         * again (kernel/ipc/pipe_without_big_lock.c), when the fault is
         * handled as usual. (The sysenter entry, which has not taken the
         * lock yet, makes no call: its caller's stub has just written the
         * word it reads, so only a bad stack faults there.) */
        frame->eip = way_out;
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
    if (in_copy)
        frame->eip = way_out;                     /* the copy returns -EFAULT (the sysenter
                                                   * makes no call) */
    else
        process_page_fault(frame, address, status);   /* SIGBUS past the end of a mapped file,
                                                       * else SIGSEGV */
    return 1;
}
