/* tests/boot/signal_forged_sigreturn_kills_only_the_forger.c - sigreturn
 * takes the registers to resume with from the user stack, where the
 * program can write anything. Whatever it finds there, the process stays a
 * user-mode process: a frame that cannot be read kills it with SIGSEGV; a
 * frame asking for kernel segments or IOPL 3 (permission for cli, in, out)
 * resumes with user segments and IOPL 0, so `cli` then faults. A handler
 * that edits its own saved frame gets the same treatment, while what user
 * mode may change (eip, esp) is honoured. The parent and the kernel go on.
 *
 * Each forger is a child that points esp at a crafted frame and calls
 * SYS_sigreturn directly, as the trampoline would. */
#include <signal.h>
#include <stdint.h>
#include <uapi/syscall.h>

#include "boot_test.h"

#define KERNEL_CODE_SELECTOR 0x08
#define KERNEL_DATA_SELECTOR 0x10
#define USER_CODE_SELECTOR   0x1B
#define USER_DATA_SELECTOR   0x23
/* %gs of a thread with thread-local storage (every program's, libc/thread/tls.c):
 * its own descriptor, GDT entries 6 .. 261 (arch/x86/gdt.h), ring 3 */
#define IS_USER_TLS_SELECTOR(s) (((s) & 7) == 3 && (s) >> 3 >= 6 && (s) >> 3 < 6 + 256)
#define EFLAGS_IF   0x00000200u
#define EFLAGS_IOPL 0x00003000u
#define EFLAGS_VM   0x00020000u

/* What sigreturn finds at esp once the handler's `ret` has popped the
 * return address (arch/x86/signal_frame.c). */
struct forged_frame {
    uint32_t signal;
    uint32_t info_address, context_address;
    uint8_t trampoline[8];
    struct kernel_ucontext context;
    uint8_t fpu[108];
    struct kernel_siginfo info;
};

static struct forged_frame forged __attribute__((aligned(16)));
static uint8_t landing_stack[8192] __attribute__((aligned(16)));
static uint8_t garbage[4096] __attribute__((aligned(16)));

/* Calls SYS_sigreturn with esp = `stack`; returns only if sigreturn does. */
static void sigreturn_on(uint32_t stack)
{
    __asm__ volatile("mov %0, %%esp\n\t"
                     "mov %1, %%eax\n\t"
                     "int $0x80\n\t"
                     :: "b"(stack), "i"(SYS_sigreturn) : "eax", "memory");
}

static uint32_t landing_esp(void)
{
    return (uint32_t)(uintptr_t)(landing_stack + sizeof landing_stack) - 4;   /* as after a call */
}

/* ---- where a crafted frame lands ---------------------------------------------- */

static void land_and_cli(void)
{
    __asm__ volatile("cli");                 /* faults in ring 3 with IOPL 0 */
    _exit(99);                               /* the CPU obeyed: kernel-level privileges */
}

enum {
    WRONG_CS = 1, WRONG_SS = 2, WRONG_DS_ES = 4, WRONG_FS_GS = 8, IOPL_NOT_ZERO = 16,
    INTERRUPTS_OFF = 32, VM86 = 64,
};

/* Exits with a bit for every privilege it should not have. */
static void land_and_report(void)
{
    uint32_t cs, ss, ds, es, fs, gs, flags;
    __asm__ volatile("xor %%eax, %%eax\n\tmov %%cs, %%ax\n\tmov %%eax, %0\n\t"
                     "mov %%ss, %%ax\n\tmov %%eax, %1\n\t"
                     "mov %%ds, %%ax\n\tmov %%eax, %2\n\t"
                     "mov %%es, %%ax\n\tmov %%eax, %3\n\t"
                     "mov %%fs, %%ax\n\tmov %%eax, %4\n\t"
                     "mov %%gs, %%ax\n\tmov %%eax, %5\n\t"
                     "pushfl\n\tpopl %6"
                     : "=m"(cs), "=m"(ss), "=m"(ds), "=m"(es), "=m"(fs), "=m"(gs), "=r"(flags)
                     :: "eax");
    int wrong = 0;
    if (cs != USER_CODE_SELECTOR) wrong |= WRONG_CS;
    if (ss != USER_DATA_SELECTOR) wrong |= WRONG_SS;
    if (ds != USER_DATA_SELECTOR || es != USER_DATA_SELECTOR) wrong |= WRONG_DS_ES;
    if ((fs != 0 && fs != USER_DATA_SELECTOR) || (gs != 0 && gs != USER_DATA_SELECTOR && !IS_USER_TLS_SELECTOR(gs)))
        wrong |= WRONG_FS_GS;
    if (flags & EFLAGS_IOPL) wrong |= IOPL_NOT_ZERO;
    if (!(flags & EFLAGS_IF)) wrong |= INTERRUPTS_OFF;
    if (flags & EFLAGS_VM) wrong |= VM86;
    _exit(wrong);
}

static void land_and_wait_for_x87(void)
{
    __asm__ volatile("fwait");               /* raises the pending x87 exception, if any */
    _exit(98);
}

static void land_and_exit_0(void)
{
    _exit(0);
}

/* A frame asking for everything the kernel has. */
static void forge_kernel_frame(void (*landing)(void))
{
    memset(&forged, 0, sizeof forged);
    struct kernel_mcontext *context = &forged.context.mcontext;
    context->eip = (uint32_t)(uintptr_t)landing;
    context->esp = landing_esp();
    context->cs = KERNEL_CODE_SELECTOR;
    context->ss = context->ds = context->es = context->fs = context->gs = KERNEL_DATA_SELECTOR;
    context->eflags = EFLAGS_IOPL | 0x2;     /* IOPL 3, interrupts off */
    memset(forged.fpu, 0, sizeof forged.fpu);
    forged.fpu[0] = 0x7F; forged.fpu[1] = 0x03;   /* control word 0x037F, as fninit leaves it */
    forged.fpu[8] = 0xFF; forged.fpu[9] = 0xFF;   /* tag word: all registers empty */
}

/* ---- the forgers ------------------------------------------------------------------ */

static void forger_unreadable_stack(void) { sigreturn_on(0); _exit(97); }
static void forger_kernel_stack(void) { sigreturn_on(0xC0001000u); _exit(97); }

static void forger_garbage(void)
{
    memset(garbage, 0xAA, sizeof garbage);   /* eip = 0xAAAAAAAA, and so on */
    sigreturn_on((uint32_t)(uintptr_t)garbage);
    _exit(97);
}

static void forger_garbage_pointing_at_the_kernel(void)
{
    uint32_t *words = (uint32_t *)garbage;
    for (unsigned i = 0; i < sizeof garbage / 4; i++)
        words[i] = 0xC0100000u;              /* eip, esp, everything: kernel addresses */
    sigreturn_on((uint32_t)(uintptr_t)garbage);
    _exit(97);
}

static void forger_kernel_frame_then_cli(void)
{
    forge_kernel_frame(land_and_cli);
    sigreturn_on((uint32_t)(uintptr_t)&forged);
    _exit(97);
}

static void forger_kernel_frame_then_report(void)
{
    forge_kernel_frame(land_and_report);
    forged.context.mcontext.eflags |= EFLAGS_VM;      /* and virtual-8086 mode too */
    sigreturn_on((uint32_t)(uintptr_t)&forged);
    _exit(97);
}

/* An x87 state with every exception unmasked and a divide-by-zero pending:
 * it must go off in user mode (SIGFPE), not in the kernel. */
static void forger_pending_x87_exception(void)
{
    forge_kernel_frame(land_and_wait_for_x87);
    forged.fpu[0] = 0x40; forged.fpu[1] = 0x03;   /* control word: all unmasked */
    forged.fpu[4] = 0x84; forged.fpu[5] = 0x00;   /* status: ES | ZE */
    sigreturn_on((uint32_t)(uintptr_t)&forged);
    _exit(97);
}

/* sigreturn entered with an unmasked x87 exception pending in the live
 * state (real hardware would raise it at the kernel's next x87
 * instruction if it did not clear it first). */
static void forger_enters_with_x87_exception_pending(void)
{
    forge_kernel_frame(land_and_exit_0);
    static const uint16_t all_unmasked = 0x0340;
    __asm__ volatile("fldcw %0\n\tfld1\n\tfldz\n\tfdivrp" :: "m"(all_unmasked));   /* 1/0, left pending */
    sigreturn_on((uint32_t)(uintptr_t)&forged);
    _exit(97);
}

/* ---- a handler that edits its own frame ------------------------------------------ */

/* A SA_SIGINFO handler's third argument is its frame's ucontext_t: what
 * sigreturn resumes with. */
static void catch_with_context(int signal, void (*handler)(int, siginfo_t *, void *))
{
    struct sigaction action = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
    sigaction(signal, &action, 0);
}

static void handler_asks_for_the_kernel(int signal, siginfo_t *info, void *context_argument)
{
    (void)signal, (void)info;
    greg_t *registers = ((ucontext_t *)context_argument)->uc_mcontext.gregs;
    registers[REG_CS] = KERNEL_CODE_SELECTOR;
    registers[REG_SS] = registers[REG_DS] = registers[REG_ES] = KERNEL_DATA_SELECTOR;
    registers[REG_EFL] |= EFLAGS_IOPL;
    registers[REG_EIP] = (greg_t)(uintptr_t)land_and_cli;
}

static void forger_edits_its_handler_frame(void)
{
    catch_with_context(SIGUSR1, handler_asks_for_the_kernel);
    raise(SIGUSR1);
    _exit(97);                               /* the edited eip never comes here */
}

static void handler_redirects(int signal, siginfo_t *info, void *context_argument)
{
    (void)signal, (void)info;
    greg_t *registers = ((ucontext_t *)context_argument)->uc_mcontext.gregs;
    registers[REG_EIP] = (greg_t)(uintptr_t)land_and_report;
    registers[REG_ESP] = (greg_t)landing_esp();
}

static void edits_to_user_state_are_honoured(void)
{
    catch_with_context(SIGUSR1, handler_redirects);
    raise(SIGUSR1);
    _exit(97);                               /* land_and_report exits instead */
}

/* ---- the parent ------------------------------------------------------------------- */

static int run_child(void (*forger)(void))
{
    pid_t child = fork();
    if (child == 0) {
        forger();
        _exit(96);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return status;
}

static void expect_death(void (*forger)(void), int signal, const char *what)
{
    int status = run_child(forger);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == signal,
          "%s: status 0x%x, expected death by signal %d%s", what, status, signal,
          WIFEXITED(status) && WEXITSTATUS(status) == 99 ? " (cli ran: the process had IOPL 3 or ring 0!)" : "");
}

static void expect_exit_0(void (*forger)(void), const char *what)
{
    int status = run_child(forger);
    int wrong = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    CHECK(wrong == 0, "%s: status 0x%x:%s%s%s%s%s%s%s%s", what, status,
          wrong < 0 ? " it died" : "",
          wrong > 0 && (wrong & WRONG_CS) ? " cs is not the user code segment;" : "",
          wrong > 0 && (wrong & WRONG_SS) ? " ss is not the user data segment;" : "",
          wrong > 0 && (wrong & WRONG_DS_ES) ? " ds or es is not the user data segment;" : "",
          wrong > 0 && (wrong & WRONG_FS_GS) ? " fs or gs is a kernel segment;" : "",
          wrong > 0 && (wrong & IOPL_NOT_ZERO) ? " IOPL is not 0;" : "",
          wrong > 0 && (wrong & INTERRUPTS_OFF) ? " interrupts are off;" : "",
          wrong > 0 && (wrong & VM86) ? " virtual-8086 mode is on;" : "");
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    expect_death(forger_unreadable_stack, SIGSEGV, "sigreturn with esp = 0");
    expect_death(forger_kernel_stack, SIGSEGV, "sigreturn with esp in kernel memory");
    expect_death(forger_garbage, SIGSEGV, "sigreturn on a frame of 0xAA bytes");
    expect_death(forger_garbage_pointing_at_the_kernel, SIGSEGV, "sigreturn on a frame of kernel addresses");
    expect_death(forger_kernel_frame_then_cli, SIGSEGV, "a frame with kernel cs/ss and IOPL 3, returning to cli");
    expect_exit_0(forger_kernel_frame_then_report, "a frame with kernel segments, IOPL 3, VM, IF off");
    expect_death(forger_pending_x87_exception, SIGFPE, "a frame whose x87 state has an exception pending");
    expect_exit_0(forger_enters_with_x87_exception_pending, "sigreturn entered with an x87 exception pending");
    expect_death(forger_edits_its_handler_frame, SIGSEGV, "a handler that edits its frame to kernel cs and IOPL 3");
    expect_exit_0(edits_to_user_state_are_honoured, "a handler that redirects eip and esp");

    /* and everything still works */
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "a normal child after the forgers: status 0x%x", status);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_forged_sigreturn_kills_only_the_forger");
}
