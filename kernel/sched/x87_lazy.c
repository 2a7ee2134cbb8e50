/* kernel/sched/x87_lazy.c - a task's x87 registers: loaded at its first
 * x87 instruction after a switch, and read, reset or replaced by the
 * kernel wherever they are (x87_lazy.h says why and when). */
#include "x87_lazy.h"

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "lib/string.h"
#include "kernel/panic.h"
#include "task.h"

static uint8_t clean_state[FPU_STATE_SIZE];   /* as after fninit: every new task starts so */

void x87_keep_clean_state(void)
{
    cpu_fpu_copy_live(clean_state);            /* the boot code just ran fninit */
}

void x87_give_clean_state(struct task *task)
{
    memcpy(task->fpu_state, clean_state, FPU_STATE_SIZE);
}

/* The running task's registers into the FPU, the trap's work: from its
 * struct task, CR0.TS cleared. Context: interrupts off, x87_saved set. */
static void load_registers(struct cpu *cpu)
{
    cpu_x87_trap_off();
    cpu_fpu_restore(current_task->fpu_state);
    cpu->x87_saved = 0;
    cpu->x87_loads++;
}

void x87_device_not_available(void)
{
    struct cpu *cpu = this_cpu();
    if (!cpu->x87_saved)       /* CR0.TS was clear: no x87 instruction traps then */
        panic("x87: device not available, with the running task's registers loaded");
    load_registers(cpu);
}

/* The functions below load the registers first if they are not (no
 * trap: the same work), or clear CR0.TS when the registers they had are
 * not wanted, and then use fnsave and frstor: they move 108 bytes in one
 * instruction each, where a copy from the struct task would take a loop. */

void x87_copy_running_task_state(void *to)
{
    ASSERT(!cpu_interrupts_enabled());   /* (not in the two a signal uses: they run at every delivery) */
    struct cpu *cpu = this_cpu();
    if (cpu->x87_saved)
        load_registers(cpu);
    cpu_fpu_copy_live(to);
}

void x87_save_running_task(void *to)
{
    struct cpu *cpu = this_cpu();
    if (cpu->x87_saved)
        load_registers(cpu);
    cpu_fpu_save(to);                /* fnsave: and the FPU reset, as fninit does */
}

void x87_set_running_task_state(const void *from)
{
    struct cpu *cpu = this_cpu();
    if (cpu->x87_saved) {            /* the old registers are not wanted: not loaded */
        cpu_x87_trap_off();
        cpu->x87_saved = 0;
    }
    cpu_fpu_reset();                 /* no exception of the old state's left pending */
    cpu_fpu_restore(from);           /* every register's 80 bits: none left of another task's */
}

void x87_reset_running_task(void)
{
    ASSERT(!cpu_interrupts_enabled());   /* (not in the two a signal uses: they run at every delivery) */
    struct cpu *cpu = this_cpu();
    if (cpu->x87_saved) {            /* the FPU holds what another task left: */
        cpu_x87_trap_off();          /* the clean state's 80 bits in every register */
        cpu_fpu_restore(clean_state);
        cpu->x87_saved = 0;
    } else {
        cpu_fpu_reset();             /* the task's own registers, emptied */
    }
}
