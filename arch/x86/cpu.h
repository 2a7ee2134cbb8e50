/* arch/x86/cpu.h - thin wrappers around single x86 instructions, so that
 * code outside arch/x86 never writes inline assembly itself. */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include <stdint.h>

#define EFLAGS_INTERRUPT_ENABLE 0x200   /* IF */
#define EFLAGS_TRAP_FLAG        0x100   /* TF: a debug trap after each instruction */

static inline void cpu_disable_interrupts(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void cpu_enable_interrupts(void)  { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_halt(void)               { __asm__ volatile("hlt" ::: "memory"); }
static inline void cpu_pause(void)              { __asm__ volatile("pause" ::: "memory"); }   /* in a spin */

/* One turn of a loop that spins until another CPU lets go of a lock.
 * `pause` tells a real CPU that this is a spin (it saves power and gives
 * a sibling hyperthread the core), but QEMU's TCG runs it as "leave the
 * translated code and let another CPU run", a trip through QEMU's global
 * lock, which the holder we wait for may need for its own way through
 * QEMU: a spinner pausing at every turn slowed the holder down (two TCP
 * pairs under the big kernel lock made 0.78 times one pair's round trips,
 * and 1.03 pausing once every 64 turns: docs/smp.md, "Spinning under
 * QEMU"). So a pause every SPIN_TURNS_PER_PAUSE turns; `turns` is the
 * loop's own count, from 0. */
#define SPIN_TURNS_PER_PAUSE 64u
static inline void cpu_spin_turn(uint32_t *turns)
{
    if (++*turns % SPIN_TURNS_PER_PAUSE == 0)
        cpu_pause();
    else
        __asm__ volatile("" ::: "memory");
}

/* Enables interrupts and halts until the next one, with no gap between the
 * two in which an interrupt could be missed (sti delays by one instruction). */
static inline void cpu_enable_interrupts_and_halt(void)
{
    __asm__ volatile("sti; hlt" ::: "memory");
}

static inline uint32_t cpu_read_eflags(void)
{
    uint32_t flags;
    __asm__ volatile("pushfl; popl %0" : "=r"(flags) :: "memory");
    return flags;
}

/* With several CPUs running tasks, the kernel's code that runs with
 * interrupts off also holds the big kernel lock (big_kernel_lock.c):
 * nonzero from then on. A kernel without the subsystem "smp" runs on
 * one CPU: the constant 0, and every branch for several CPUs drops out
 * (smp_for_core.h). */
#ifdef SUBSYSTEM_SMP
extern uint32_t big_kernel_lock_in_use;
void big_kernel_lock_take(void);
void big_kernel_lock_give(void);
int big_kernel_lock_held_here(void);
extern volatile int big_kernel_lock_owner;   /* the CPU that holds it, -1: none */
#else
#define big_kernel_lock_in_use 0u
static inline void big_kernel_lock_take(void)
{
}
static inline void big_kernel_lock_give(void)
{
}
static inline int big_kernel_lock_held_here(void)
{
    return 1;
}
#endif

/* True in kernel code that runs without the big kernel lock on several
 * CPUs (a system call of syscall_without_big_lock, fs/file_without_big_lock.c,
 * before it takes it): code that needs it must take it first
 * (big_kernel_lock_take_late), or give way to code that does. */
static inline int running_without_big_lock(void)
{
    return __builtin_expect(big_kernel_lock_in_use != 0, 0) && !big_kernel_lock_held_here();
}

/* Takes the big kernel lock in a system call that began without it, for
 * the rest of the call. Context: interrupts off, no spinlock held. */
static inline void big_kernel_lock_take_late(void)
{
    if (running_without_big_lock())
        big_kernel_lock_take();
}

/* Saves the interrupt flag and disables interrupts; pair with
 * cpu_restore_interrupts(saved). Nests, and is safe in interrupt handlers.
 * On several CPUs, the outermost one (interrupts were on) also takes the
 * big kernel lock, and its restore gives it back: "interrupts off" is the
 * kernel lock on every CPU (kernel/sched/kernel_lock.h). */
static inline uint32_t cpu_save_and_disable_interrupts(void)
{
    uint32_t flags = cpu_read_eflags();
    cpu_disable_interrupts();
    if ((flags & EFLAGS_INTERRUPT_ENABLE) && __builtin_expect(big_kernel_lock_in_use != 0, 0))
        big_kernel_lock_take();
    return flags;
}

static inline void cpu_restore_interrupts(uint32_t saved_flags)
{
    if (saved_flags & EFLAGS_INTERRUPT_ENABLE) {
        if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
            big_kernel_lock_give();
        cpu_enable_interrupts();
    }
}

static inline int cpu_interrupts_enabled(void)
{
    return (cpu_read_eflags() & EFLAGS_INTERRUPT_ENABLE) != 0;
}

static inline uint32_t cpu_read_cr2(void)
{
    uint32_t value;
    __asm__ volatile("mov %%cr2, %0" : "=r"(value));
    return value;
}

static inline uint32_t cpu_read_cr3(void)
{
    uint32_t value;
    __asm__ volatile("mov %%cr3, %0" : "=r"(value));
    return value;
}

static inline void cpu_write_cr3(uint32_t value)
{
    __asm__ volatile("mov %0, %%cr3" :: "r"(value) : "memory");
}

/* Writes a model-specific register (the high half 0). */
static inline void cpu_write_msr(uint32_t msr, uint32_t value)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"(value), "d"(0) : "memory");
}

/* Reads a model-specific register's low half. */
static inline uint32_t cpu_read_msr(uint32_t msr)
{
    uint32_t low, high;
    __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    (void)high;
    return low;
}

static inline void cpu_invalidate_page(uint32_t virtual_address)
{
    __asm__ volatile("invlpg (%0)" :: "r"(virtual_address) : "memory");
}

static inline uint32_t cpu_read_ebp(void)
{
    uint32_t value;
    __asm__ volatile("mov %%ebp, %0" : "=r"(value));
    return value;
}

/* The x87 FPU's registers (108 bytes, FSAVE format) belong to the task
 * that used them: the scheduler puts them aside when another task needs
 * the FPU (kernel/sched/x87_lazy.c). */
#define FPU_STATE_SIZE 108

#define CR0_TASK_SWITCHED 0x8   /* CR0.TS: the next x87 instruction traps (vector 7) */

/* Sets CR0.TS: from now on the first x87 instruction traps with "device
 * not available", before it touches a register. */
static inline void cpu_x87_trap_on(void)
{
    uint32_t cr0;
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    __asm__ volatile("mov %0, %%cr0" :: "r"(cr0 | CR0_TASK_SWITCHED) : "memory");
}

/* Clears CR0.TS: x87 instructions run again. */
static inline void cpu_x87_trap_off(void)
{
    __asm__ volatile("clts" ::: "memory");
}

static inline void cpu_fpu_save(void *state)
{
    __asm__ volatile("fnsave (%0)" :: "r"(state) : "memory");   /* also resets the FPU */
}

static inline void cpu_fpu_restore(const void *state)
{
    __asm__ volatile("frstor (%0)" :: "r"(state) : "memory");
}

static inline void cpu_fpu_reset(void)
{
    __asm__ volatile("fninit" ::: "memory");
}

/* Copies the live FPU state to `state` and leaves it live. */
static inline void cpu_fpu_copy_live(void *state)
{
    cpu_fpu_save(state);
    cpu_fpu_restore(state);
}

static inline uint64_t cpu_read_timestamp(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

#endif
