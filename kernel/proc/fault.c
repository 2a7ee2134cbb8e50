/* kernel/proc/fault.c - the default action for a faulting process. */
#include "fault.h"

#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "process.h"
#include "thread.h"
#include "sched/task.h"

void process_fault(struct trap_frame *frame, int signal)
{
    struct process *process = current_task->process;
    /* shown under `quiet` too: tools/run-prog's user must learn why the
     * program died (run-prog sends "[kernel]" lines to stderr) */
    kprintf_even_when_quiet("pid %d (%s): %s at eip=0x%08x%s: signal %d\n", process->pid, process->name,
                            trap_name(frame->trap_number), frame->eip,
                            frame->trap_number == TRAP_PAGE_FAULT ? " touching a bad address" : "", signal);
    signal_force(current_thread(), signal);   /* delivered on the way back to user mode */
}
