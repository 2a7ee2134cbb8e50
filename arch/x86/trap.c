/* arch/x86/trap.c - sorting out exceptions and interrupts.
 *
 * Device interrupts come through the 8259 PIC with one CPU, through the
 * I/O APIC to the first CPU with several (io_apic.c); each CPU's timer
 * and the other CPUs' messages through its local APIC.
 *
 * An IRQ is acknowledged first and then handled (the handler may switch to
 * another task, and the controller must be free to deliver the next tick
 * meanwhile). A page fault may be resolved (copy-on-write, stack growth, a
 * fault inside copy_from_user); anything else from user mode becomes a
 * signal for the process; anything else from the kernel is a kernel bug and
 * ends in kernel_fault's register dump. */
#include "trap.h"

#include "idt.h"
#include "per_cpu.h"
#include "pic.h"
#include "smp_for_core.h"
#include "sysenter.h"
#include "kernel/panic.h"
#include "mm/page_fault.h"
#include "proc/fault.h"
#include "proc/thread.h"
#include "ipc/signal.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/signal.h"

static irq_handler irq_handlers[IRQ_COUNT];

static const char *const exception_names[32] = {
    "divide error", "debug", "non-maskable interrupt", "breakpoint",
    "overflow", "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS", "segment not present",
    "stack-segment fault", "general protection fault", "page fault", "reserved",
    "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
    "virtualization", "control protection", "reserved", "reserved",
    "reserved", "reserved", "reserved", "reserved",
    "hypervisor injection", "VMM communication", "security", "reserved",
};

const char *trap_name(uint32_t vector)
{
    if (vector < 32)
        return exception_names[vector];
    if (vector < IRQ_BASE_VECTOR + IRQ_COUNT)
        return "interrupt request";
    return "system call";
}

void irq_set_handler(int irq, irq_handler handler)
{
    irq_handlers[irq] = handler;
    if (io_apic_in_use())
        io_apic_route(irq, cpus[0].apic_id);
    else
        pic_unmask(irq);
}

void irq_mask(int irq)
{
    if (io_apic_in_use())
        io_apic_mask(irq);
    else
        pic_mask(irq);
}

/* The signal a user-mode exception turns into (POSIX's choice, as Linux). */
static int signal_for_exception(uint32_t vector)
{
    switch (vector) {
    case TRAP_DIVIDE_ERROR:
    case 16:                       /* x87 floating-point error */
    case 19:                       /* SIMD floating-point error */
        return SIGFPE;
    case TRAP_INVALID_OPCODE:
        return SIGILL;
    case TRAP_DEBUG:
    case TRAP_BREAKPOINT:
        return SIGTRAP;
    default:
        return SIGSEGV;
    }
}

static void handle(struct trap_frame *frame);

/* What must happen before the running task goes back to user mode through
 * `frame` (current_task->user_work_pending, TASK_WORK_* in
 * kernel/sched/task.h): first a switch to a task of a higher level that
 * became ready meanwhile (wake-up preemption), then an asynchronous
 * cancellation (the frame is turned into a call of the library's
 * cancellation path), then signals (a handler's frame goes on top of
 * that call, so the handler runs first and nothing is lost). Called by
 * trap_dispatch and by the system-call exit (trap_entry.asm). A call
 * that ran without the big lock (several CPUs) switches without it, as
 * its waits do (kernel/sched/smp_wait.c), and takes it only for a
 * cancellation or a signal, unless the signal runs a handler of a
 * process of one thread (signal_deliver_without_big_lock). */
void return_to_user_work(struct trap_frame *frame)
{
    if (current_task->user_work_pending & TASK_WORK_RESCHEDULE) {
        scheduler_preempt();       /* run-queue locks: with the big lock or without */
        if (!current_task->user_work_pending)
            return;                /* the usual case after a wake-up: nothing more */
    }
    if (__builtin_expect(current_task->user_work_pending == TASK_WORK_SIGNAL && !big_kernel_lock_in_use, 1)) {
        signal_deliver(frame);     /* the usual case, one CPU: only a signal; what follows would do the same */
        return;
    }
    int delivered = 0;
    if ((current_task->user_work_pending & (TASK_WORK_CANCEL_NOW | TASK_WORK_SIGNAL)) == TASK_WORK_SIGNAL &&
        running_without_big_lock())
        delivered = signal_deliver_without_big_lock(frame);
    if (!delivered && (current_task->user_work_pending & (TASK_WORK_CANCEL_NOW | TASK_WORK_SIGNAL)))
        big_kernel_lock_take_late();   /* a call that ran without it: these need it */
    if (current_task->user_work_pending & TASK_WORK_CANCEL_NOW)
        thread_cancel_enter_library(frame);
    if (current_task->user_work_pending & TASK_WORK_SINGLE_STEP) {
        task_work_clear(current_task, TASK_WORK_SINGLE_STEP);
        frame->eflags |= EFLAGS_TRAP_FLAG;   /* the step owed since its sysenter (sysenter.c) */
    }
    if (!delivered && (current_task->user_work_pending & TASK_WORK_SIGNAL))
        signal_deliver(frame);
}

void trap_dispatch(struct trap_frame *frame)
{
    handle(frame);
    if (!current_task->user_work_pending)
        return;
    if (trap_frame_from_user(frame))
        return_to_user_work(frame);
    else if (frame->trap_number >= IRQ_BASE_VECTOR && frame->trap_number <= RESCHEDULE_VECTOR)
        scheduler_preempt();       /* an interrupted kernel task may be preempted too */
}

static void handle(struct trap_frame *frame)
{
    uint32_t vector = frame->trap_number;

    if (vector >= IRQ_BASE_VECTOR && vector < IRQ_BASE_VECTOR + IRQ_COUNT) {
        int irq = (int)(vector - IRQ_BASE_VECTOR);
        if (io_apic_in_use()) {
            local_apic_end_of_interrupt();
        } else {
            if (pic_is_spurious(irq))
                return;
            pic_end_of_interrupt(irq);
        }
        if (irq_handlers[irq])
            irq_handlers[irq](frame);
        return;
    }
    if (vector == LOCAL_TIMER_VECTOR || vector == RESCHEDULE_VECTOR) {
        local_apic_end_of_interrupt();
        if (vector == LOCAL_TIMER_VECTOR)
            local_apic_timer_interrupt(frame);
        else
            smp_reschedule_interrupt();
        return;
    }
    if (vector == TRAP_PAGE_FAULT && page_fault_resolve(frame))
        return;
    if (trap_frame_from_user(frame)) {
        process_fault(frame, signal_for_exception(vector));
        return;
    }
    if (vector == TRAP_DEBUG && sysenter_single_step_caught(frame))
        return;
    kernel_fault(frame);
}
