/* arch/x86/per_cpu.h - what each CPU has of its own: the task it runs,
 * its TSS, its idle task (docs/smp.md, "Each CPU's own").
 *
 * Every CPU's GDT (gdt.c) has a segment, PER_CPU_SELECTOR, whose base is
 * that CPU's struct cpu, and the kernel keeps it in %fs: trap_entry.asm
 * loads it on every way in (and gives the program its own %fs back on the
 * way out). So `%fs:0` is this CPU's struct cpu and `%fs:4` the task it
 * runs, one instruction each, on whichever CPU the code happens to be.
 *
 * A task may move to another CPU at any switch, so this_cpu() is only
 * meaningful while interrupts are off (the kernel lock held); the running
 * task, current_task, is the same on every CPU it runs on. */
#ifndef ARCH_X86_PER_CPU_H
#define ARCH_X86_PER_CPU_H

#include <stdint.h>

#define CPU_MAX 8
#define SYSENTER_STACK_WORDS 256

struct task;

/* The 104 bytes the CPU reads on a way in from ring 3: only esp0 and
 * ss0 are used (the kernel stack of the running task). */
struct tss {
    uint32_t previous_task, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, io_map_base;
} __attribute__((packed));

struct cpu {
    /* Read by assembly at fixed offsets (switch_to_task.asm,
     * trap_entry.asm): keep them first and in this order. */
    struct cpu *self;                  /* %fs:0 */
    struct task *current;              /* %fs:4: the running task */
    struct tss tss;                    /* %fs:8: esp0 at %fs:12 */

    uint32_t index;                    /* 0 for the boot CPU, in the MADT's order */
    uint8_t apic_id;
    volatile int running_tasks;        /* it takes tasks from the ready lists */
    struct task *idle;                 /* runs when nothing else can (scheduler.c) */
    volatile int reschedule_sent;      /* a reschedule message is on its way (smp_sched.c) */
    uint32_t postpone_depth;           /* its switches are postponed (lock_stuff, scheduler.c) */
    int switch_postponed;              /* ... and one was asked for meanwhile */
    uint32_t spinlock_depth;           /* push_off's count (kernel/sched/spinlock.c) */
    uint32_t spinlock_saved_flags;     /* ... and the interrupt flag the outermost found */
    uint64_t switch_count;             /* task switches made here (switch_to_next) */
    uint32_t calls_without_big_lock;   /* kinfo's counts (kernel/fs/file_without_big_lock.c) */
    uint32_t calls_given_to_big_lock;
    uint32_t calls_done_after_taking_big_lock;
    uint32_t signals_delivered_without_big_lock;   /* (kernel/ipc/signal_without_big_lock.c) */
    volatile uint32_t lookup_sequence;   /* odd during a lookup without the big lock
                                                 * (lookup_begin, kernel/sched/lookup.h) */
    /* The real-time throttle of what this CPU runs (kernel/sched/realtime.c,
     * rule 4): ticks into its period, the real-time tasks' ticks in it,
     * and whether they have used up their share. */
    uint32_t rt_period_ticks;
    uint32_t rt_runtime_used;
    int rt_throttled;
    /* 1 while CR0.TS is set on this CPU: the running task's x87 registers
     * are in its struct task, not in the FPU, and its first x87
     * instruction traps to load them (kernel/sched/x87_lazy.c). 0 at
     * start: every CPU starts with CR0.TS clear. */
    uint32_t x87_saved;
    uint32_t x87_loads;                /* ... and how many times it loaded them (kinfo) */
    volatile uint32_t viewed_directory;  /* another process's page directory whose frames
                                          * it reads or writes through the kernel's map
                                          * now, or 0 (smp_view_begin, smp_ipi.h) */
    /* Where sysenter puts esp (arch/x86/sysenter.c): its top word is the
     * address of this struct, through which the entry's second instruction
     * finds tss.esp0. Below it, room for the one trap that can come before
     * (a single step, a debug trap in the kernel) and for an NMI. */
    uint32_t sysenter_stack[SYSENTER_STACK_WORDS];
} __attribute__((aligned(64)));       /* a cache line each */

_Static_assert(__builtin_offsetof(struct cpu, current) == 4, "CPU_CURRENT in the assembly");
_Static_assert(__builtin_offsetof(struct cpu, tss) + 4 == 12, "CPU_TSS_ESP0 in switch_to_task.asm and trap_entry.asm");

extern struct cpu cpus[CPU_MAX];
extern int cpu_count;                  /* CPUs that run tasks: 1 until smp_run_other_cpus */

/* The CPU that runs this. Context: interrupts off (else the task may
 * move to another CPU between this and the use of its answer). */
static inline struct cpu *this_cpu(void)
{
    struct cpu *cpu;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(cpu));
    return cpu;
}

/* this_cpu()->index in one instruction. Context: interrupts off. */
static inline uint32_t this_cpu_index(void)
{
    uint32_t index;
    __asm__ volatile("movl %%fs:%c1, %0" : "=r"(index) : "i"(__builtin_offsetof(struct cpu, index)));
    return index;
}

/* A 32-bit field of this CPU's struct cpu, read in one instruction
 * (this_cpu_read(postpone_depth)). Context: interrupts off. */
#define this_cpu_read(field)                                                                          \
    ({                                                                                                \
        uint32_t value_;                                                                              \
        _Static_assert(sizeof(((struct cpu *)0)->field) == 4, "a 32-bit field");                      \
        __asm__ volatile("movl %%fs:%c1, %0" : "=r"(value_) : "i"(__builtin_offsetof(struct cpu, field))); \
        value_;                                                                                       \
    })

/* The task that runs this code. Not volatile: it is the same task
 * however often it is asked, wherever it runs (a switch resumes the task
 * that called it, maybe on another CPU, still itself), so the compiler
 * may keep the answer in a register across anything, switches included.
 * Only this_cpu_set_current changes it, before the task's first read. */
static inline struct task *this_cpu_current(void)
{
    struct task *task;
    __asm__("movl %%fs:4, %0" : "=r"(task));
    return task;
}

static inline void this_cpu_set_current(struct task *task)
{
    __asm__ volatile("movl %0, %%fs:4" : : "r"(task) : "memory");
}

#endif
