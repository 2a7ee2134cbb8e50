/* arch/x86/sysenter.c - the fast way into a system call.
 *
 * `int 0x80` is an interrupt: the CPU reads the gate, checks privileges,
 * switches stacks and pushes five words. `sysenter` (every x86 since the
 * Pentium II) does much less: it loads cs, ss, esp and eip from three
 * model-specific registers, turns interrupts off and saves nothing. Under
 * QEMU's TCG the difference is larger still: an interrupt leaves the
 * translated code and takes QEMU's one global lock, so `int 0x80`s on two
 * CPUs run one at a time, and sysenters do not (docs/syscalls.md,
 * "Two ways in"). The library uses sysenter for every call of up to five
 * arguments (libc/syscall.h); `int 0x80` stays, for six and for anyone's
 * assembly. sysenter_entry (trap_entry.asm) builds the same frame as
 * `int 0x80`, so the rest of the kernel sees one kind of system call.
 *
 * What sysenter keeps of ring 3 and the entry must undo: the flags other
 * than the interrupt flag. NT, AC and DF are cleared by the entry's popfd;
 * TF, a single step (a debugger's, or a program's own), traps after the
 * entry's first instruction, in the kernel: caught here. */
#include "sysenter.h"

#include <stdint.h>

#include "cpu.h"
#include "gdt.h"
#include "per_cpu.h"
#include "sched/task.h"

enum {
    MSR_SYSENTER_CS  = 0x174,   /* cs; ss is cs + 8, and sysexit's ring 3 cs + 16, ss + 24 */
    MSR_SYSENTER_ESP = 0x175,
    MSR_SYSENTER_EIP = 0x176,
};

extern char sysenter_entry[], sysenter_entry_end[];   /* trap_entry.asm */
void sysenter_start_on_this_cpu(void)
{
    struct cpu *cpu = this_cpu();
    uint32_t *top = &cpu->sysenter_stack[SYSENTER_STACK_WORDS - 1];
    *top = (uint32_t)cpu;                /* read by sysenter_entry's first instruction */
    cpu_write_msr(MSR_SYSENTER_CS, KERNEL_CODE_SELECTOR);
    cpu_write_msr(MSR_SYSENTER_ESP, (uint32_t)top);
    cpu_write_msr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
}

/* sysenter with TF on traps as it arrives at sysenter_entry, before its
 * first instruction, on struct cpu's sysenter_stack (no other debug trap
 * can come in the entry: the kernel sets no breakpoint registers, and its
 * popfd clears TF). The trap clears TF for the rest of the entry, and the
 * step is
 * owed to ring 3: TASK_WORK_SINGLE_STEP sets TF again in the frame the
 * call returns through (return_to_user_work, trap.c), so the program
 * traps after the instruction that follows its sysenter, as after an
 * `int 0x80`. */
int sysenter_single_step_caught(struct trap_frame *frame)
{
    if (frame->eip < (uint32_t)sysenter_entry || frame->eip >= (uint32_t)sysenter_entry_end)
        return 0;
    frame->eflags &= ~(uint32_t)EFLAGS_TRAP_FLAG;
    task_work_set(current_task, TASK_WORK_SINGLE_STEP);
    return 1;
}
