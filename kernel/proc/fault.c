/* kernel/proc/fault.c - the default action for a faulting process. */
#include "fault.h"

#include "arch/x86/trap.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "mm/address_space.h"
#include "process.h"
#include "thread.h"
#include "sched/task.h"
#include "uapi/errno.h"

/* Forces `signal` on the running thread and, if no handler of the
 * program's will catch it, says so in one line: `what` names the fault. */
static void force_and_report(struct trap_frame *frame, int signal, int code, unsigned long address,
                             const char *what)
{
    struct process *process = current_task->process;
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
                                trap_name(frame->trap_number), frame->eip, what, signal);
}

void process_fault(struct trap_frame *frame, int signal)
{
    int code = SI_KERNEL;
    unsigned long address = frame->eip;       /* where it happened, for SIGILL, SIGFPE, SIGTRAP */
    switch (frame->trap_number) {
    case TRAP_DIVIDE_ERROR: code = FPE_INTDIV; break;
    case TRAP_INVALID_OPCODE: code = ILL_ILLOPN; break;
    case TRAP_BREAKPOINT: code = TRAP_BRKPT; break;
    case TRAP_DEBUG: code = TRAP_TRACE; break;
    default:
        address = 0;                          /* a general protection fault, as Linux: SI_KERNEL, no address */
    }
    force_and_report(frame, signal, code, address, "");
}

void process_page_fault(struct trap_frame *frame, uint32_t address, int status)
{
    uint32_t page = address & ~0xFFFu;
    int mapped = address_space_is_mapped(current_task->process->address_space, page, page + 0x1000);
    int signal = status == -ENXIO ? SIGBUS : SIGSEGV;
    const char *why = status == -ENXIO ? "past the end of its file"
                    : status == -ENOMEM ? "out of memory"          /* the process's pages or the machine's */
                    : mapped ? "mapped but not for this access"    /* read-only, PROT_NONE */
                    : "a bad address";                             /* nothing there */
    char what[64];
    ksnprintf(what, sizeof what, " touching 0x%08x, %s", address, why);
    force_and_report(frame, signal, signal == SIGBUS ? BUS_ADRERR : mapped ? SEGV_ACCERR : SEGV_MAPERR, address,
                     what);
}
