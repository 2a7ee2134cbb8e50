/* kernel/proc/fault.c - the default action for a faulting process. */
#include "fault.h"

#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "mm/address_space.h"
#include "process.h"
#include "thread.h"
#include "sched/task.h"

void process_fault(struct trap_frame *frame, int signal)
{
    struct process *process = current_task->process;
    int code = SI_KERNEL;
    unsigned long address = frame->eip;       /* where it happened, for SIGILL, SIGFPE, SIGTRAP */
    switch (frame->trap_number) {
    case TRAP_PAGE_FAULT:
        address = cpu_read_cr2();             /* what it touched */
        if (signal == SIGBUS)
            code = BUS_ADRERR;
        else   /* mapped but not for this access (read-only, PROT_NONE), or nothing there */
            code = address_space_is_mapped(process->address_space, address & ~0xFFFu, (address & ~0xFFFu) + 0x1000)
                   ? SEGV_ACCERR : SEGV_MAPERR;
        break;
    case TRAP_DIVIDE_ERROR: code = FPE_INTDIV; break;
    case TRAP_INVALID_OPCODE: code = ILL_ILLOPN; break;
    case TRAP_BREAKPOINT: code = TRAP_BRKPT; break;
    case TRAP_DEBUG: code = TRAP_TRACE; break;
    default:
        address = 0;                          /* a general protection fault, as Linux: SI_KERNEL, no address */
    }
    /* delivered on the way back to user mode; a blocked or ignored fault
     * signal is made the default action there (signal_force_fault) */
    signal_force_fault(current_thread(), signal, code, address);
    /* Shown under `quiet` too: tools/run-prog's user must learn why the
     * program died (run-prog sends "[kernel]" lines to stderr). Only a
     * fault no handler catches, as Linux reports only those: a program
     * whose handler catches its faults (and may meet the same one again
     * and again, as a loop of fault, handler, return) writes nothing. */
    if (process->signal_actions[signal].handler == SIG_DFL_VALUE)
        kprintf_even_when_quiet("pid %d (%s): %s at eip=0x%08x%s: signal %d\n", process->pid, process->name,
                                trap_name(frame->trap_number), frame->eip,
                                frame->trap_number == TRAP_PAGE_FAULT ? " touching a bad address" : "", signal);
}
