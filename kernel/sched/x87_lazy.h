/* kernel/sched/x87_lazy.h - a task's x87 registers, put aside only when
 * it used them and loaded back only when it uses them again.
 *
 * Most tasks never execute an x87 instruction: a pipe's reader, a
 * server, a shell. Saving and loading the FPU's 108 bytes at every
 * switch (fnsave, frstor) costs them something for nothing, so the
 * switch leaves the registers where they are and sets CR0.TS instead.
 * The task that runs next and executes an x87 instruction traps first
 * ("device not available", vector 7); the trap loads its registers from
 * its struct task, clears CR0.TS, and the instruction runs again. The
 * switch away from it then saves them, since it used them. Each CPU's
 * x87_saved (per_cpu.h) says whether CR0.TS is set there, so that the
 * switch reads a word instead of CR0.
 *
 * The invariant, on each CPU: x87_saved == 0 (CR0.TS clear) exactly
 * when the FPU holds the running task's registers; x87_saved == 1 when
 * they are in current_task->fpu_state. After every switch x87_saved is
 * 1: a task's registers are in its struct task whenever it is not
 * running, so it may run next on any CPU.
 *
 * The kernel reads, resets and replaces a task's registers wherever they
 * are (a fork's copy, a signal frame's, exec's and sigreturn's: the
 * functions at the end): in the FPU when loaded, else in its struct
 * task, with no trap. An x87 instruction of the kernel's own with CR0.TS
 * set would trap the same way as the task's, and act on the task's
 * registers. */
#ifndef KERNEL_SCHED_X87_LAZY_H
#define KERNEL_SCHED_X87_LAZY_H

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "task.h"

/* The switch from `previous`: its registers into its struct task if it
 * used them since it came on this CPU (x87_saved 0), and CR0.TS set for
 * whoever comes next. Nothing when it did not: a compare. Context: the
 * switching CPU, interrupts off (switch_to_next). */
static inline __attribute__((always_inline)) void x87_switch_away(struct task *previous)
{
    struct cpu *cpu = this_cpu();
    if (__builtin_expect(!cpu->x87_saved, 0)) {
        cpu_fpu_save(previous->fpu_state);     /* fnsave, which also resets the FPU */
        cpu_x87_trap_on();
        cpu->x87_saved = 1;
    }
}

/* The trap of the first x87 instruction since the running task came on
 * this CPU (vector 7, trap_entry.asm's stub of its own): its registers
 * from its struct task into the FPU, CR0.TS cleared. Context: interrupts
 * off (an interrupt gate), no lock: it touches this CPU's FPU and the
 * running task's own state. From user mode: the kernel's own x87
 * instructions (the functions below) look at x87_saved first. */
void x87_device_not_available(void);

/* Boot, once, right after the boot code's fninit: keeps the FPU's clean
 * state, which every new task starts with (x87_give_clean_state). */
void x87_keep_clean_state(void);
void x87_give_clean_state(struct task *task);

/* The running task's registers, wherever they are: copied to `to`
 * (FPU_STATE_SIZE bytes, FSAVE format: a fork's child); copied to `to`
 * and made clean (a signal handler's frame and start); made `from`'s
 * (sigreturn); made clean (exec). Afterwards they are in the FPU.
 * Context: a system call or the way back to user mode of the running
 * task, interrupts off (between a check of x87_saved and what follows, a
 * switch would leave CR0.TS and x87_saved apart). */
void x87_copy_running_task_state(void *to);
void x87_save_running_task(void *to);
void x87_set_running_task_state(const void *from);
void x87_reset_running_task(void);

#endif
