/* kernel/panic.c - the last words of a broken kernel. */
#include "panic.h"

#include "arch/x86/cpu.h"
#include "arch/x86/smp_for_core.h"
#include "arch/x86/trap.h"
#include "drivers/power.h"
#include "ksyms.h"
#include "lib/kprintf.h"
#include "mm/memory_layout.h"
#include "sched/task.h"

enum {
    PANIC_EXIT_STATUS = 0x70,    /* QEMU exits with 0x70*2+1 = 225 */
    BACKTRACE_MAX_FRAMES = 16,
};

static int power_off_after_panic;

void panic_set_power_off(int enabled)
{
    power_off_after_panic = enabled;
}

static void stop(void) __attribute__((noreturn));
static void stop(void)
{
    kprintf("system halted\n");
    if (power_off_after_panic)
        power_off(PANIC_EXIT_STATUS);
    for (;;) {
        cpu_disable_interrupts();
        cpu_halt();
    }
}

static void print_location(int index, uint32_t address)
{
    uint32_t offset;
    const char *name = ksym_lookup(address, &offset);
    if (name)
        kprintf("  #%d 0x%08x %s+0x%x\n", index, address, name, offset);
    else
        kprintf("  #%d 0x%08x ?\n", index, address);
}

uint32_t backtrace_caller_frame(uint32_t ebp)
{
    uint32_t caller = ((const uint32_t *)ebp)[0];
    return caller > ebp && caller - ebp < KERNEL_STACK_SIZE && !(caller & 3) ? caller : 0;
}

void print_backtrace(uint32_t eip, uint32_t ebp)
{
    kprintf("backtrace:\n");
    print_location(0, eip);
    /* Each frame starts with the caller's ebp, then the return address
     * (every file is built with -fno-omit-frame-pointer). */
    for (int i = 1; i < BACKTRACE_MAX_FRAMES; i++) {
        if (ebp < KERNEL_VIRTUAL_BASE || (ebp & 3))
            break;                          /* left the kernel's stacks */
        uint32_t *frame = (uint32_t *)ebp;
        uint32_t return_address = frame[1];
        if (return_address < KERNEL_VIRTUAL_BASE)
            break;
        print_location(i, return_address - 1);  /* -1: inside the call instruction */
        if (!(ebp = backtrace_caller_frame(ebp)))
            break;                          /* the chain goes up its stack, or ends */
    }
}

void panic(const char *fmt, ...)
{
    cpu_disable_interrupts();
    smp_stop_other_cpus();
    kprintf_set_quiet(0);
    va_list args;
    va_start(args, fmt);
    kprintf("PANIC: ");
    vkprintf(fmt, args);
    kprintf("\n");
    va_end(args);
    print_backtrace((uint32_t)__builtin_return_address(0), cpu_read_ebp());
    stop();
}

void kernel_fault(const struct trap_frame *frame)
{
    cpu_disable_interrupts();
    smp_stop_other_cpus();
    kprintf_set_quiet(0);
    uint32_t offset;
    const char *where = ksym_lookup(frame->eip, &offset);
    kprintf("KERNEL FAULT: %s (vector %u, error code 0x%x) at eip=0x%08x <%s+0x%x>\n",
            trap_name(frame->trap_number), frame->trap_number, frame->error_code,
            frame->eip, where ? where : "?", where ? offset : 0);
    /* From ring 0 the CPU pushed no esp/ss: the stack continued right above
     * the frame's eflags. */
    uint32_t esp = trap_frame_from_user(frame) ? frame->user_esp : (uint32_t)&frame->user_esp;
    kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", frame->eax, frame->ebx, frame->ecx, frame->edx);
    kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", frame->esi, frame->edi, frame->ebp, esp);
    kprintf("  cs=%04x ds=%04x es=%04x eflags=%08x\n", frame->cs, frame->ds, frame->es, frame->eflags);
    if (frame->trap_number == TRAP_PAGE_FAULT)
        kprintf("  cr2=%08x (%s, %s, from %s mode)\n", cpu_read_cr2(),
                frame->error_code & PAGE_FAULT_PRESENT ? "protection violation" : "page not present",
                frame->error_code & PAGE_FAULT_WRITE ? "write" : "read",
                frame->error_code & PAGE_FAULT_USER ? "user" : "kernel");
    print_backtrace(frame->eip, frame->ebp);
    stop();
}
