/* arch/x86/smp_boot.c - the other CPUs, from the firmware's list to
 * parked in the kernel (smp_boot.h, docs/smp.md).
 *
 * For each CPU but the boot CPU, one after another:
 *
 *   boot CPU                                  the other CPU
 *   --------                                  -------------
 *   a stack (one frame), the parameters
 *   at the end of the trampoline's copy
 *   INIT, 10 ms                               resets, waits for STARTUP
 *   STARTUP (page 0x7000)                     real mode at 0x0700:0000
 *   200 us, STARTUP again if not started        ap_trampoline.asm: protected
 *                                               mode, paging, its stack
 *   waits (100 ms at most) for `started`      ap_main: the kernel's directory,
 *                                               GDT and IDT; started = 1;
 *                                               parks (cli; hlt)
 *
 * MP specification's order: the second STARTUP is only for CPUs that
 * missed the first; a started CPU ignores it anyway. */
#include "smp_boot.h"

#include "acpi_madt.h"
#include "big_kernel_lock.h"
#include "sched/switch.h"
#include "fs/file_without_big_lock.h"
#include "ipc/futex.h"
#include "ipc/signal.h"
#include "ipc/messages_for_core.h"
#include "ipc/posix_ipc_for_core.h"
#include "ipc/sockets_for_core.h"
#include "ipc/sysv_ipc_for_core.h"
#include "cpu.h"
#include "gdt.h"
#include "idt.h"
#include "io_apic.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "local_apic.h"
#include "local_apic_timer.h"
#include "mm/frame.h"
#include "mm/memory_layout.h"
#include "paging.h"
#include "per_cpu.h"
#include "pic.h"
#include "pit.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "timestamp_counter.h"
#include "trap.h"

/* ap_trampoline.asm: the bytes to copy, and where its parameters are. */
extern const uint8_t ap_trampoline_start[], ap_trampoline_end[], ap_trampoline_parameters[];

struct ap_trampoline_parameters {      /* the order of ap_trampoline.asm's */
    uint32_t directory;                /* physical: the start directory */
    uint32_t stack_top;
    uint32_t entry;                    /* ap_main */
    uint32_t cpu;                      /* ap_main's argument: its struct smp_cpu */
};

struct smp_cpu {
    uint8_t apic_id;
    int index;                         /* its struct cpu: cpus[index] (per_cpu.h) */
    uint32_t stack;                    /* physical frame of its stack, 0 for the boot CPU */
    volatile int started;              /* set by the CPU itself, once in the kernel */
};

enum {
    PDE_PRESENT_WRITABLE_4MB = 0x83,
    INIT_WAIT_US = 10000,
    STARTUP_WAIT_US = 200,
    STARTED_WAIT_STEPS = 1000,         /* 100 us each: 100 ms at most */
    STARTED_WAIT_STEP_US = 100,
};

static struct smp_cpu starting[MADT_MAX_CPUS];
static int cpus_found = 1, cpus_started = 1;

static volatile int run_tasks;         /* set by smp_run_other_cpus: the started CPUs go on */
static int local_apic_found;          /* mapped and on: its timer replaces the PIT's tick */

int smp_cpus_found(void)
{
    return cpus_found;
}

int smp_cpus_started(void)
{
    return cpus_started;
}

/* Where each other CPU arrives from the trampoline, in the kernel half
 * on its own stack. It waits (interrupts off) until the first CPU has
 * made the tasks, then takes the big kernel lock and becomes its idle
 * task: from there on it runs tasks. Never returns. */
static void __attribute__((noreturn, used)) ap_main(struct smp_cpu *start)
{
    cpu_write_cr3(paging_kernel_directory());   /* the start directory is freed once all are up */
    gdt_load_on_this_cpu(start->index);
    idt_load_on_this_cpu();
    task_use_stand_in();
    this_cpu()->apic_id = start->apic_id;
    local_apic_enable_this_cpu(0);
    __atomic_store_n(&start->started, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&run_tasks, __ATOMIC_ACQUIRE))
        cpu_pause();
    local_apic_timer_start_this_cpu();   /* its interrupt waits: interrupts are off here */
    big_kernel_lock_take();
    cpu_write_cr3(paging_kernel_directory());   /* forget what the kernel half was while it waited */
    scheduler_start_this_cpu();
}

/* The directory the trampoline turns paging on with: the kernel half,
 * and physical 0-4 MiB at 0, where the trampoline runs. 0 if no frame. */
static uint32_t start_directory(void)
{
    uint32_t physical = frame_alloc();
    if (!physical)
        return 0;
    uint32_t *directory = physical_to_virtual(physical);
    memcpy(directory, physical_to_virtual(paging_kernel_directory()), PAGE_SIZE);
    directory[0] = PDE_PRESENT_WRITABLE_4MB;
    return physical;
}

/* Starts `cpu` with INIT, STARTUP (and STARTUP again): 1 once it says it
 * runs, 0 if it does not within 100 ms. */
static int start_one(struct smp_cpu *cpu, struct ap_trampoline_parameters *parameters)
{
    parameters->stack_top = (uint32_t)physical_to_virtual(cpu->stack) + PAGE_SIZE;
    cpu->index = cpus_started;
    parameters->cpu = (uint32_t)cpu;
    if (local_apic_send_init(cpu->apic_id) < 0)
        return 0;
    pit_delay_us(INIT_WAIT_US);
    for (int attempt = 0; attempt < 2 && !__atomic_load_n(&cpu->started, __ATOMIC_ACQUIRE); attempt++) {
        if (local_apic_send_startup(cpu->apic_id, AP_TRAMPOLINE_PHYSICAL) < 0)
            return 0;
        pit_delay_us(STARTUP_WAIT_US);
    }
    for (int step = 0; step < STARTED_WAIT_STEPS; step++) {
        if (__atomic_load_n(&cpu->started, __ATOMIC_ACQUIRE))
            return 1;
        pit_delay_us(STARTED_WAIT_STEP_US);
    }
    return 0;
}

void smp_start_other_cpus(void)
{
    struct madt_cpus found;
    if (acpi_madt_read(&found) < 0) {
        pic_open_the_cpus_line();        /* the PIC alone, as without this subsystem (smp_for_core.h) */
        kprintf("smp: 1 CPU\n");
        return;
    }
    if (local_apic_map(found.local_apic_physical) < 0) {
        pic_open_the_cpus_line();
        kprintf("smp: %d CPU%s, but no room to map the local APIC: using 1\n", found.count,
                found.count == 1 ? "" : "s");
        return;
    }
    uint8_t boot_id = local_apic_id();
    cpus[0].apic_id = boot_id;
    local_apic_enable_this_cpu(1);
    local_apic_found = 1;            /* one CPU or several, its timer is the tick (smp_run_other_cpus) */
    if (found.count < 2) {
        kprintf("smp: 1 CPU\n");
        return;
    }
    uint32_t directory = start_directory();
    if (!directory) {
        kprintf("smp: %d CPUs, but no memory to start them: using 1\n", found.count);
        return;
    }
    memcpy(physical_to_virtual(AP_TRAMPOLINE_PHYSICAL), ap_trampoline_start,
           (uint32_t)(ap_trampoline_end - ap_trampoline_start));
    struct ap_trampoline_parameters *parameters = physical_to_virtual(
        AP_TRAMPOLINE_PHYSICAL + (uint32_t)(ap_trampoline_parameters - ap_trampoline_start));
    parameters->directory = directory;
    parameters->entry = (uint32_t)ap_main;

    cpus_found = found.count;
    int missing = 0;
    for (int i = 0; i < found.count; i++) {
        struct smp_cpu *cpu = &starting[i];
        cpu->apic_id = found.apic_id[i];
        if (cpu->apic_id == boot_id)
            continue;
        cpu->stack = frame_alloc();
        if (cpu->stack && start_one(cpu, parameters)) {
            cpus_started++;
            continue;
        }
        /* never started: INIT holds it, so that it cannot run the
         * trampoline later, on a freed directory or stack */
        local_apic_send_init(cpu->apic_id);
        if (cpu->stack)
            frame_release(cpu->stack);
        cpu->stack = 0;
        missing++;
    }
    frame_release(directory);            /* every started CPU has left it */
    kprintf("smp: %d CPUs in the MADT (boot CPU APIC ID %u), %d other%s started%s\n",
            cpus_found, boot_id, cpus_started - 1, cpus_started == 2 ? "" : "s",
            missing ? ", some did not answer" : "");
    /* Before any device turns its interrupt on (interrupts are off): an
     * edge the PIC had latched would be lost in the change. */
    if (cpus_started > 1 && io_apic_start(&found) == 0)
        pic_mask_all();
}

void smp_run_other_cpus(void)
{
    if (local_apic_found) {
        local_apic_timer_init();
        local_apic_timer_start_this_cpu();   /* this CPU's tick, and its deadlines, from now on */
        irq_mask(PIT_IRQ);
        pit_stop();
    }
    if (cpus_started == 1)
        return;
    for (int index = 1; index < cpus_started; index++)
        cpus[index].idle = scheduler_create_idle_task();
    idt_use_the_big_kernel_lock();           /* int 0x80 takes it */
    file_calls_without_big_lock_start();     /* ... but for read and write, which may not need it */
    msg_calls_without_big_lock_start();      /* ... and msg_call's round trip */
    mbox_calls_without_big_lock_start();     /* ... and a mailbox's send and receive */
    posix_mq_calls_without_big_lock_start(); /* ... and a POSIX queue's send and receive */
    sysv_msgq_calls_without_big_lock_start(); /* ... and a System V queue's msgsnd and msgrcv */
    sysv_sem_calls_without_big_lock_start();  /* ... and semop */
    socket_calls_without_big_lock_start();    /* ... and a local stream's send and recv */
    futex_calls_without_big_lock_start();     /* ... and futex_wait and futex_wake */
    signal_calls_without_big_lock_start();    /* ... and a signal handed to its waiter */
    clock_calls_without_big_lock_start();     /* ... and clock_gettime of the timer's clocks */
    big_kernel_lock_start();                 /* held by this CPU: interrupts are off */
    switch_to_task_now = switch_to_task_on_several_cpus;   /* with run-queue locks (switch.h) */
    cpu_count = cpus_started;
    __atomic_store_n(&run_tasks, 1, __ATOMIC_RELEASE);
    kprintf("smp: %d CPUs run tasks (each one's local APIC timer: its tick, and deadlines between)\n",
            cpu_count);
}
