/* kernel/sched/lookup.c - waiting for the other CPUs' lookups without the
 * big kernel lock to end (lookup.h), before an object they may have found
 * is freed. */
#include "lookup.h"

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "arch/x86/smp_for_core.h"
#ifdef LOCK_CHECK
#include "sched/lock_check.h"
#endif

void lookups_wait(void)
{
#ifdef LOCK_CHECK
    lock_check_lookups_wait();                   /* no lock held, not in a lookup (lock_check.h) */
#endif
    __atomic_thread_fence(__ATOMIC_SEQ_CST);     /* what the caller changed, then the counts read */
    uint32_t here = this_cpu_index();
    for (int index = 0; index < cpu_count; index++) {
        volatile uint32_t *sequence = &cpus[index].lookup_sequence;
        uint32_t seen = __atomic_load_n(sequence, __ATOMIC_ACQUIRE);
        if ((uint32_t)index == here || !(seen & 1))
            continue;
        uint32_t turns = 0;
        while (__atomic_load_n(sequence, __ATOMIC_ACQUIRE) == seen) {
            smp_answer_shootdown();
            cpu_spin_turn(&turns);
        }
    }
}
