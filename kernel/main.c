/* kernel/main.c - kernel_main: the C entry, called by boot/multiboot.asm
 * once paging maps the kernel at 0xC0000000. Brings the machine up in
 * order, then starts the first program (or runs the in-kernel tests). */
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/idt.h"
#include "arch/x86/paging.h"
#include "arch/x86/pic.h"
#include "arch/x86/smp_for_core.h"
#include "cmdline.h"
#include "drivers/console.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "fs/initrd.h"
#include "fs/mount.h"
#include "fs/rootfs.h"
#include "ipc/signal.h"
#include "ktest/ktest.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/memory_init.h"
#include "mm/memory_layout.h"
#include "multiboot.h"
#include "net/net_for_core.h"
#include "panic.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "subsystems/subsystem.h"
#include "trace.h"

#define DEFAULT_INIT "/bin/init"
void kernel_main(uint32_t magic, uint32_t multiboot_info_physical);

void kernel_main(uint32_t magic, uint32_t multiboot_info_physical)
{
    gdt_init();                 /* first: every CPU's own data is reached through it */
    task_use_stand_in();
    serial_init();
    vga_init();
    const struct multiboot_info *info = physical_to_virtual(multiboot_info_physical);
    if (info->flags & MULTIBOOT_INFO_CMDLINE)
        cmdline_parse(physical_to_virtual(info->cmdline), &kernel_cmdline);
    else
        cmdline_parse("kernel", &kernel_cmdline);
    kprintf_set_quiet(cmdline_option(&kernel_cmdline, "quiet") != 0);
    const char *panic_option = cmdline_option(&kernel_cmdline, "panic");
    panic_set_power_off(panic_option && !strcmp(panic_option, "poweroff"));

    kprintf("IPC teaching kernel: booting (x86, 32-bit)\n");
    if (magic != MULTIBOOT_LOADER_MAGIC)
        panic("not started by a multiboot loader (magic 0x%x)", magic);

    idt_init();
    pic_init();
    paging_init();
    initrd_init(info);          /* before memory_init, which may reuse the loader's notes */
    memory_init(info);
    smp_start_other_cpus();     /* they wait for smp_run_other_cpus (docs/smp.md) */

    initialise_multitasking();
    start_idle_task();
    start_cleaner_task();
    clock_init();
    trace_init();               /* the IPC trace, if TRACE=1 or `trace` */
    core_start();               /* the core's rows of the system-call table */
    rootfs_init();
    signal_init();
    subsystems_start();         /* the rest of the profile (kernel/subsystems) */
    mount_boot_disk();          /* /home: on the disk if there is one, else in memory */
    const char *serial_mode = cmdline_option(&kernel_cmdline, "serial");
    console_init(!(serial_mode && !strcmp(serial_mode, "raw")));
    smp_run_other_cpus();       /* the other CPUs run tasks too, under the big kernel lock */
    cpu_restore_interrupts(EFLAGS_INTERRUPT_ENABLE);   /* and gives the lock back */

    const char *ktest = cmdline_option(&kernel_cmdline, "ktest");
    if (ktest)
        ktest_run_selected(ktest);

    net_wait_for_addresses();   /* a card's DHCP answer (3 s at most), before init */

    const char *init_path = cmdline_option(&kernel_cmdline, "init");
    if (!init_path || !*init_path)
        init_path = DEFAULT_INIT;
    const char *arguments[CMDLINE_MAX_WORDS + 2] = { init_path };
    for (int i = 0; i < kernel_cmdline.init_argument_count; i++)
        arguments[i + 1] = kernel_cmdline.init_arguments[i];
    /* Held until the boot task has ended: with several CPUs, init would
     * otherwise start on another while this task still exists, and its
     * programs would count one task more at their start than later. */
    kernel_lock();
    int result = process_start_init(init_path, arguments);
    if (result < 0)
        panic("cannot start %s (error %d)", init_path, -result);
    kprintf("started %s as pid 1\n", init_path);
    terminate_task();           /* the boot task's work is done */
}
