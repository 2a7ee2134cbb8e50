/* kernel/sched/spinlock.c - spinlocks for N CPUs (spinlock.h): a
 * test-and-test-and-set word, interrupts off on the holder's CPU counted
 * by push_off/pop_off, and the lock checker's calls where the kernel is
 * built with it (LOCK_CHECK: lock_check.h).
 *
 * The count is the CPU's (struct cpu's spinlock_depth and
 * spinlock_saved_flags, on its own cache line), not the task's as the
 * kernel lock's is (kernel_lock.h): a spinlock belongs to the CPU that
 * holds it, since its holder may not switch tasks until it gives it. */
#include "spinlock.h"

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "arch/x86/smp_for_core.h"
#include "kernel/panic.h"
#ifdef LOCK_CHECK
#include "lock_check.h"
#endif

void spinlock_init(struct spinlock *lock, const char *name, const struct lock_class *class)
{
    lock->locked = 0;
    lock->cpu = -1;
    lock->name = name;
    lock->class = class;
}

/* Through cpu_save_and_disable_interrupts, so that turning interrupts off
 * from "on" also takes the big kernel lock (spinlock.h: spinlocks nest
 * inside it). this_cpu() is read after the cli: from there on the task
 * cannot move. Context: anywhere. */
uint32_t spinlock_push_off(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    struct cpu *cpu = this_cpu();
    if (cpu->spinlock_depth++ == 0)
        cpu->spinlock_saved_flags = flags;
    return flags;
}

/* `tolerate_interrupts_on`: the lock checker has just reported, under its
 * test hook, that they were turned on while a spinlock was held; then
 * only the count goes down (the flag is already on, and the big kernel
 * lock was given by whoever turned it on), and the task must be pinned
 * to this CPU, since it may be interrupted. Context: after a push_off. */
static void pop_off(int tolerate_interrupts_on)
{
    if (cpu_interrupts_enabled()) {
        if (!tolerate_interrupts_on)
            panic("spinlock: interrupts turned on while this CPU held a spinlock");
        this_cpu()->spinlock_depth--;
        return;
    }
    struct cpu *cpu = this_cpu();
    if (cpu->spinlock_depth == 0)
        panic("spinlock: pop_off without push_off on CPU %u", cpu->index);
    if (--cpu->spinlock_depth == 0)
        cpu_restore_interrupts(cpu->spinlock_saved_flags);
}

void spinlock_pop_off(void)
{
    pop_off(0);
}

uint32_t spinlock_depth_here(void)
{
    return this_cpu_read(spinlock_depth);
}

/* Test-and-test-and-set: the exchange (a locked bus cycle) only when the
 * word looked free, so that spinning CPUs share the cache line instead of
 * bouncing it. `answer_shootdowns`: spinning with interrupts off, this
 * CPU answers the TLB shootdowns a holder may wait for, as the big kernel
 * lock's spin does (arch/x86/big_kernel_lock.c). Context: the caller
 * does not hold `lock`; interrupts off if `answer_shootdowns`. */
static inline void spin_until_taken(struct spinlock *lock, int answer_shootdowns)
{
    uint32_t turns = 0;
    while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) != 0) {
        while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED) != 0) {
            if (answer_shootdowns)
                smp_answer_shootdown();
            cpu_spin_turn(&turns);
        }
    }
}

void spinlock_spin_until_taken(struct spinlock *lock)
{
    spin_until_taken(lock, 0);
}

void spinlock_spin_give(struct spinlock *lock)
{
    __atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

void spinlock_take(struct spinlock *lock)
{
    uint32_t flags = spinlock_push_off();
    int self = (int)this_cpu()->index;
#ifdef LOCK_CHECK
    if (lock_check_take(lock, flags, cpu_read_ebp())) {
        pop_off(0);                    /* a recursion, reported under the test hook: not taken */
        return;
    }
#else
    (void)flags;
#endif
    if (lock->cpu == self)
        panic("spinlock \"%s\": CPU %d takes it again", lock->name, self);
    spin_until_taken(lock, 1);
    lock->cpu = self;
}

void spinlock_give(struct spinlock *lock)
{
    int interrupts_on = cpu_interrupts_enabled();
    int tolerated = 0;
#ifdef LOCK_CHECK
    tolerated = lock_check_give(lock, interrupts_on, cpu_read_ebp());
#endif
    if (!interrupts_on && lock->cpu != (int)this_cpu()->index)
        panic("spinlock \"%s\": CPU %u gives it, held by %d", lock->name, this_cpu()->index, lock->cpu);
    lock->cpu = -1;
    spinlock_spin_give(lock);
    pop_off(tolerated);
}

int spinlock_held_here(const struct spinlock *lock)
{
    return lock->locked && lock->cpu == (int)this_cpu()->index;
}
