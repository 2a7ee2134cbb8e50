/* arch/x86/smp_for_core.h - what the core asks of the subsystem "smp"
 * (kernel/subsystems/smp.c, docs/smp.md): starting the other CPUs, the
 * big kernel lock, the messages between CPUs, the I/O APIC, the
 * scheduler's moves between the CPUs' run queues, and the few heap blocks
 * each CPU keeps (mm/heap_cpu_cache.h). A kernel built without
 * it runs on the first CPU alone and gets the stand-ins below: the lock
 * is never in use (big_kernel_lock_in_use is the constant 0, arch/x86/
 * cpu.h, so every branch for several CPUs drops out at compile time),
 * there is no other CPU to start, tell or stop, and the devices'
 * interrupts stay with the 8259 PIC (kernel/subsystems/subsystem.h). */
#ifndef ARCH_X86_SMP_FOR_CORE_H
#define ARCH_X86_SMP_FOR_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

#ifdef SUBSYSTEM_SMP

#include "big_kernel_lock.h"
#include "io_apic.h"
#include "local_apic.h"
#include "local_apic_timer.h"
#include "smp_boot.h"
#include "smp_ipi.h"
#include "mm/heap_cpu_cache.h"
#include "sched/smp_sched.h"
#include "sched/smp_wait.h"

#else

#include "pic.h"
#include "sched/mlfq.h"

struct trap_frame;

/* One CPU: nothing to start; its interrupts come from the PIC, whose way
 * in is opened here (pic.h). */
static inline void smp_start_other_cpus(void)
{
    pic_open_the_cpus_line();
}

static inline void smp_run_other_cpus(void)
{
}

#define SMP_EVERY_PAGE 0xFFFFFFFFu

static inline void smp_tlb_shootdown(uint32_t directory, uint32_t virtual_address)   /* no other TLB */
{
    (void)directory, (void)virtual_address;
}

static inline void smp_answer_shootdown(void)  /* nobody asks */
{
}

static inline void smp_view_begin(uint32_t directory)   /* no shootdown to hold back */
{
    (void)directory;
}

static inline void smp_view_end(void)
{
}

static inline void smp_stop_other_cpus(void)   /* nobody else to stop */
{
}

static inline int io_apic_in_use(void)          /* the PIC brings every IRQ */
{
    return 0;
}

static inline void io_apic_route(int irq, uint8_t apic_id)
{
    (void)irq, (void)apic_id;
}

static inline void io_apic_mask(int irq)
{
    (void)irq;
}

static inline void local_apic_end_of_interrupt(void)   /* never asked: no local APIC vector is used */
{
}
static inline void local_apic_timer_interrupt(struct trap_frame *frame)   /* never: the PIT ticks */
{
    (void)frame;
}
static inline void local_apic_timer_deadline(uint64_t when_ns)   /* the PIT's next tick wakes it */
{
    (void)when_ns;
}
static inline void local_apic_timer_next_deadline(uint64_t when_ns)
{
    (void)when_ns;
}

static inline void smp_reschedule_interrupt(void)
{
}

/* The scheduler's moves between CPUs: called only while
 * big_kernel_lock_in_use, which is never. */
static inline struct task *smp_take_first_outranking(const struct task *than)
{
    (void)than;
    return 0;
}

static inline int smp_first_outranks(const struct task *than)
{
    (void)than;
    return 0;
}

static inline int smp_wake(struct task *task, enum ready_part part, int preempt_here)
{
    (void)task, (void)part, (void)preempt_here;
    return 0;
}
static inline void smp_give_away(struct task *task)
{
    (void)task;
}

static inline void smp_give_away_finish(struct task *task)
{
    (void)task;
}

static inline void smp_balance_tick(void)
{
}

static inline void smp_affinity_changed(struct task *task)
{
    (void)task;
}

static inline void smp_kick_running(struct task *task)
{
    (void)task;
}

/* Blocking and waking without the big kernel lock (sched/smp_wait.h):
 * never called while it is not in use. */
struct spinlock;
struct wait_queue;
static inline void smp_schedule_queue_locked(void)
{
}

static inline void smp_block_task(const char *reason)
{
    (void)reason;
}

static inline struct wait_queue *wait_queue_of_task_locked(struct task *task, struct spinlock **lock)
{
    *lock = 0;
    return task->waiting_on;
}

/* The heap's blocks kept by each CPU (mm/heap_cpu_cache.h): heap.c asks
 * only while big_kernel_lock_in_use, which is never; one CPU keeps none. */
struct tag;
static inline void *heap_cpu_cache_take(uint32_t needed)
{
    (void)needed;
    return 0;
}

static inline int heap_cpu_cache_keep(struct tag *header)
{
    (void)header;
    return 0;
}

static inline uint32_t heap_cpu_cache_give_back(void)
{
    return 0;
}

static inline size_t heap_cpu_cache_bytes(int payload)
{
    (void)payload;
    return 0;
}


#endif

#endif
