/* arch/x86/smp_ipi.c - the TLB shootdown and the stop of a panic.
 *
 * Each CPU keeps recent page translations in its TLB. When the kernel
 * changes a translation (munmap, mprotect, a copy-on-write break, a page
 * taken back), the CPU that did it forgets it with invlpg; but another CPU
 * running a thread of the same process still has the old one, and may
 * write through it into a frame that is already someone else's. So the
 * CPU that changed it asks every such CPU to forget it too, and waits
 * until they all have (a "shootdown"):
 *
 *   CPU 0 (holds the big kernel lock)        CPU 1 (runs a thread of P)
 *   ---------------------------------        --------------------------
 *   changes P's entry, invlpg
 *   request = {P, address}, waiting = {1}
 *   interrupt 50 ---------------------------> invlpg address
 *   waits while waiting != {}          <----- waiting &= ~{1}
 *   frees the old frame
 *
 * A CPU that reads or writes another process's frames through the
 * kernel's map without the big lock (a message into a waiting thread's
 * buffer) is asked too while it does (smp_view_begin, smp_ipi.h).
 *
 * Only the holder of the big kernel lock changes translations, so one
 * request at a time is enough. A CPU with interrupts off cannot take the
 * interrupt, but the only such CPU that does not hold the lock is one
 * spinning for it, and the spin answers (big_kernel_lock.c). */
#include "smp_ipi.h"

#include "big_kernel_lock.h"
#include "cpu.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "local_apic.h"
#include "mm/memory_layout.h"
#include "per_cpu.h"
#include "sched/task.h"
#include "trap.h"

enum { SHOOTDOWN_WAIT_STEPS = 100000000 };   /* a CPU that never answers is a bug: panic */

static struct {
    uint32_t directory;
    uint32_t virtual_address;
    volatile uint32_t waiting;                /* bit n: CPU n has not answered yet */
} request;

static volatile int stopping;

void smp_answer_shootdown(void)
{
    uint32_t self = 1u << this_cpu()->index;
    if (!(__atomic_load_n(&request.waiting, __ATOMIC_ACQUIRE) & self))
        return;
    if (request.virtual_address == SMP_EVERY_PAGE) {
        if (cpu_read_cr3() == request.directory)
            cpu_write_cr3(request.directory);       /* forgets every user translation */
    } else if (request.virtual_address >= KERNEL_VIRTUAL_BASE || cpu_read_cr3() == request.directory) {
        cpu_invalidate_page(request.virtual_address);
    }
    __atomic_and_fetch(&request.waiting, ~self, __ATOMIC_RELEASE);
}

void smp_tlb_shootdown(uint32_t directory, uint32_t virtual_address)
{
    uint32_t flags = cpu_save_and_disable_interrupts();   /* one request at a time: the lock's holder's */
    uint32_t self = this_cpu()->index, targets = 0;
    int kernel_address = virtual_address >= KERNEL_VIRTUAL_BASE && virtual_address != SMP_EVERY_PAGE;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the entry changed before a viewer is looked for */
    for (int index = 0; index < cpu_count; index++) {
        struct cpu *cpu = &cpus[index];
        if ((uint32_t)index != self && (kernel_address || cpu->current->page_directory == directory ||
                                        cpu->viewed_directory == directory))
            targets |= 1u << index;          /* it runs there, or views its frames (smp_view_begin) */
    }
    if (!targets) {
        cpu_restore_interrupts(flags);
        return;
    }
    request.directory = directory;
    request.virtual_address = virtual_address;
    __atomic_store_n(&request.waiting, targets, __ATOMIC_RELEASE);
    for (int index = 0; index < cpu_count; index++)
        if (targets & (1u << index))
            local_apic_send_interrupt(cpus[index].apic_id, SHOOTDOWN_VECTOR);
    for (int step = 0; __atomic_load_n(&request.waiting, __ATOMIC_ACQUIRE); step++) {
        if (step == SHOOTDOWN_WAIT_STEPS)
            panic("TLB shootdown: CPUs 0x%x do not answer", request.waiting);
        cpu_pause();
    }
    cpu_restore_interrupts(flags);
}

void smp_stop_other_cpus(void)
{
    if (!big_kernel_lock_in_use)
        return;
    stopping = 1;
    local_apic_send_nmi_to_others();
    big_kernel_lock_stop();              /* a stopped CPU may have held it */
}

void trap_dispatch_without_lock(struct trap_frame *frame)
{
    if (frame->trap_number == SHOOTDOWN_VECTOR) {
        smp_answer_shootdown();
        local_apic_end_of_interrupt();
        return;
    }
    if (stopping)                         /* NMI: another CPU panicked */
        for (;;)
            cpu_halt();                   /* an NMI handler's interrupts are off */
}
