/* kernel/subsystems/smp.c - several CPUs: finding them in ACPI's MADT,
 * starting them, the big kernel lock, the messages between CPUs (TLB
 * shootdown, reschedule, a panic's stop), the I/O APIC and each CPU's
 * local APIC timer, the moves of tasks between the CPUs' run queues, and
 * a pipe's, a local stream socket's and a datagram socket's read and
 * write, msg_call's round trip, a mailbox's, a POSIX queue's and a
 * System V queue's send and receive, semop, futex_wait and futex_wake,
 * and a signal handed to a thread in sigwaitinfo, without the big
 * kernel lock, and the few heap blocks each CPU keeps (docs/smp.md). Without it the kernel runs on the first CPU
 * alone, with the 8259 PIC and the PIT; what every kernel has of several CPUs (each
 * CPU's struct cpu and GDT, its run queue, affinity, spinlocks) is the
 * core's. The core reaches it through arch/x86/smp_for_core.h only.
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   arch/x86/ap_trampoline.asm
 *   arch/x86/acpi_madt.c
 *   arch/x86/big_kernel_lock.c
 *   arch/x86/io_apic.c
 *   arch/x86/local_apic.c
 *   arch/x86/local_apic_timer.c
 *   arch/x86/smp_boot.c
 *   arch/x86/smp_ipi.c
 *   kernel/fs/file_without_big_lock.c
 *   kernel/ipc/futex_without_big_lock.c
 *   kernel/ipc/mbox_without_big_lock.c
 *   kernel/ipc/msg_without_big_lock.c
 *   kernel/ipc/pipe_without_big_lock.c
 *   kernel/ipc/posix_mq_without_big_lock.c
 *   kernel/ipc/signal_without_big_lock.c
 *   kernel/ipc/socket_datagram_without_big_lock.c
 *   kernel/ipc/socket_without_big_lock.c
 *   kernel/ipc/sysv_sem_without_big_lock.c
 *   kernel/ipc/sysv_msgq_without_big_lock.c
 *   kernel/mm/heap_cpu_cache.c
 *   kernel/sched/clock_without_big_lock.c
 *   kernel/sched/smp_sched.c
 *   kernel/sched/smp_wait.c
 *   kernel/ktest/smp_tests.c
 */
#include "subsystem.h"

/* No system calls of its own (getcpu and the affinity calls are the
 * core's, answered for one CPU there), and nothing to start here: the
 * boot starts the CPUs at its own two moments (kernel/main.c,
 * smp_start_other_cpus and smp_run_other_cpus). Context: boot. */
void smp_start(void)
{
}
