/* tests/boot/signal_handler_preserves_registers.c - a handler may run
 * between any two instructions, so everything the interrupted code holds
 * must come back exactly: every general register, the direction flag, fs
 * and gs, and the x87 registers and control word. The interrupted loop is
 * written in assembly so that it keeps known values in all of them; another
 * process sends it SIGUSR1 again and again, and the handler clobbers every
 * register it can and computes in floating point with another rounding
 * mode. The handler itself must start with the direction flag clear and an
 * empty x87 stack, as the ABI promises a called function. */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_test.h"

#define SIGNALS_TO_SEND 50
#define LOOP_LIMIT 2000000000     /* iterations before the loop gives up */
#define TEXT(number) #number
#define AS_TEXT(number) TEXT(number)  /* for the assembly below */

/* What the loop saw when it ended (register_loop below fills it). */
struct loop_registers {
    unsigned ebx, esi, edi, ebp, edx, iterations, eax, unused;
    double sum, pi, third;
    unsigned short fpu_control, padding;
    unsigned fs, gs;
};
_Static_assert(offsetof(struct loop_registers, eax) == 24, "register_loop stores eax at 24");
_Static_assert(offsetof(struct loop_registers, sum) == 32, "register_loop stores the x87 values at 32");
_Static_assert(offsetof(struct loop_registers, fpu_control) == 56, "register_loop stores the control word at 56");
_Static_assert(offsetof(struct loop_registers, fs) == 60, "register_loop stores fs at 60");

volatile int handled;             /* read by the loop: ends it at SIGNALS_TO_SEND */
const double one_third = 1.0 / 3.0;   /* loaded by the loop */

/* void register_loop(struct loop_registers *result)
 *
 * Loads ebx esi edi ebp eax edx with known values, counts iterations in
 * ecx, sets the direction flag, and pushes 1/3, pi and a running sum on the
 * x87 stack; then loops, checking each register every iteration and adding
 * 1.0 to the sum, until `handled` reaches SIGNALS_TO_SEND (or a register
 * is wrong, or LOOP_LIMIT). Stores everything it holds in *result. */
void register_loop(struct loop_registers *result);
__asm__(
    "    .text\n"
    "    .globl register_loop\n"
    "register_loop:\n"
    "    push %ebp\n"
    "    push %ebx\n"
    "    push %esi\n"
    "    push %edi\n"
    "    pushl 20(%esp)\n"                   /* [esp] = result */
    "    fninit\n"
    "    fldl one_third\n"                   /* st2 */
    "    fldpi\n"                            /* st1 */
    "    fldz\n"                             /* st0: the sum */
    "    mov $0x11111111, %ebx\n"
    "    mov $0x22222222, %esi\n"
    "    mov $0x33333333, %edi\n"
    "    mov $0x44444444, %ebp\n"
    "    mov $0x55555555, %eax\n"
    "    mov $0x66666666, %edx\n"
    "    xor %ecx, %ecx\n"
    "    std\n"
    "1:  cmp $0x11111111, %ebx\n"
    "    jne 9f\n"
    "    cmp $0x22222222, %esi\n"
    "    jne 9f\n"
    "    cmp $0x33333333, %edi\n"
    "    jne 9f\n"
    "    cmp $0x44444444, %ebp\n"
    "    jne 9f\n"
    "    cmp $0x55555555, %eax\n"
    "    jne 9f\n"
    "    cmp $0x66666666, %edx\n"
    "    jne 9f\n"
    "    pushfl\n"                           /* the direction flag still set? */
    "    btl $10, (%esp)\n"
    "    lea 4(%esp), %esp\n"                /* (lea leaves the flags alone) */
    "    jnc 9f\n"
    "    fld1\n"
    "    faddp\n"                            /* sum += 1.0 */
    "    inc %ecx\n"
    "    cmp $" AS_TEXT(LOOP_LIMIT) ", %ecx\n"
    "    jae 9f\n"
    "    cmpl $" AS_TEXT(SIGNALS_TO_SEND) ", handled\n"
    "    jb 1b\n"
    "9:  cld\n"
    "    xchg %eax, (%esp)\n"                /* eax = result, [esp] = the loop's eax */
    "    mov %ebx, 0(%eax)\n"
    "    mov %esi, 4(%eax)\n"
    "    mov %edi, 8(%eax)\n"
    "    mov %ebp, 12(%eax)\n"
    "    mov %edx, 16(%eax)\n"
    "    mov %ecx, 20(%eax)\n"
    "    popl 24(%eax)\n"
    "    fstpl 32(%eax)\n"
    "    fstpl 40(%eax)\n"
    "    fstpl 48(%eax)\n"
    "    fnstcw 56(%eax)\n"
    "    xor %ebx, %ebx\n"
    "    mov %fs, %bx\n"
    "    mov %ebx, 60(%eax)\n"
    "    mov %gs, %bx\n"
    "    mov %ebx, 64(%eax)\n"
    "    pop %edi\n"
    "    pop %esi\n"
    "    pop %ebx\n"
    "    pop %ebp\n"
    "    ret\n"
    "register_loop_end:\n");
extern const char register_loop_end[];

static int ack_fd = -1;
static volatile int handler_saw_direction_flag, handler_saw_x87_values, interrupted_in_loop;
static volatile double handler_result;

static void clobber_everything(int signal)
{
    /* Where was the program interrupted? Every handler's frame has the
     * ucontext_t pointer a SA_SIGINFO handler gets as its third argument,
     * two words above the first (see arch/x86/signal_frame.c). */
    uintptr_t argument = (uintptr_t)&signal;
    __asm__("" : "+r"(argument));            /* the compiler may not assume the bounds of `signal` */
    const ucontext_t *context = ((const ucontext_t *const *)argument)[2];
    unsigned long eip = (unsigned long)context->uc_mcontext.gregs[REG_EIP];
    if (eip >= (unsigned long)register_loop && eip < (unsigned long)register_loop_end)
        interrupted_in_loop++;

    unsigned flags;
    unsigned short status;
    __asm__ volatile("pushfl\n\tpopl %0\n\tfnstsw %1" : "=r"(flags), "=m"(status) :: "memory");
    if (flags & 0x400)
        handler_saw_direction_flag++;
    if (((status >> 11) & 7) != 0)           /* TOP: 0 when the x87 stack is empty */
        handler_saw_x87_values++;

    /* floating point, rounding toward zero in single precision */
    static const unsigned short truncating_single = 0x0C7F;
    __asm__ volatile("fldcw %0" :: "m"(truncating_single));
    volatile double x = 1.0;
    for (int i = 0; i < 20; i++)
        x = x * 1.7 + 0.3;
    handler_result = x;

    handled++;
    write(ack_fd, "a", 1);

    /* leave junk everywhere: general registers, fs, gs, the x87 stack */
    __asm__ volatile("xor %%eax, %%eax\n\t"
                     "mov %%ax, %%fs\n\t"
                     "mov %%ax, %%gs\n\t"
                     "mov $0xdeadbeef, %%eax\n\t"
                     "mov %%eax, %%ebx\n\t"
                     "mov %%eax, %%ecx\n\t"
                     "mov %%eax, %%edx\n\t"
                     "mov %%eax, %%esi\n\t"
                     "mov %%eax, %%edi\n\t"
                     "fldz\n\tfld1\n\tfldpi\n\tfldl2e\n\t"
                     ::: "eax", "ebx", "ecx", "edx", "esi", "edi", "memory");
}

#define CHECK_REGISTER(expected, actual, name)                                              \
    CHECK((expected) == (actual), "%s after the handlers: expected %#x, got %#x", name, expected, actual)

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    int acks[2];
    pipe(acks);
    ack_fd = acks[1];
    signal(SIGUSR1, clobber_everything);

    unsigned short fs_before = 0, gs_before = 0;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs_before), "=r"(gs_before));

    pid_t looper = getpid();
    pid_t sender = fork();
    if (sender == 0) {
        for (int i = 0; i < SIGNALS_TO_SEND; i++) {
            kill(looper, SIGUSR1);
            char c;
            if (read(acks[0], &c, 1) != 1)   /* the handler ran: send the next */
                _exit(1);
        }
        _exit(0);
    }

    struct loop_registers seen;
    memset(&seen, 0, sizeof seen);
    register_loop(&seen);

    int status = 0;
    waitpid(sender, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sender failed: status 0x%x", status);
    CHECK_EQ(SIGNALS_TO_SEND, handled, "handler runs during the loop");
    CHECK(interrupted_in_loop >= SIGNALS_TO_SEND / 2,
          "only %d of %d handlers interrupted the loop itself", interrupted_in_loop, SIGNALS_TO_SEND);
    CHECK(seen.iterations < (unsigned)LOOP_LIMIT, "the loop ran to its limit without getting the signals");
    CHECK_REGISTER(0x11111111u, seen.ebx, "ebx");
    CHECK_REGISTER(0x22222222u, seen.esi, "esi");
    CHECK_REGISTER(0x33333333u, seen.edi, "edi");
    CHECK_REGISTER(0x44444444u, seen.ebp, "ebp");
    CHECK_REGISTER(0x55555555u, seen.eax, "eax");
    CHECK_REGISTER(0x66666666u, seen.edx, "edx");
    CHECK(seen.sum == (double)seen.iterations, "the x87 running sum is %.1f after %u iterations of += 1.0",
          seen.sum, seen.iterations);
    CHECK(seen.pi == 3.141592653589793, "pi on the x87 stack came back as %.17g", seen.pi);
    CHECK(seen.third == one_third, "1/3 on the x87 stack came back as %.17g", seen.third);
    CHECK_EQ(0x037F, seen.fpu_control, "the x87 control word after the handlers");
    CHECK_EQ(fs_before, seen.fs, "fs after the handlers");
    CHECK_EQ(gs_before, seen.gs, "gs after the handlers");
    CHECK_EQ(0, handler_saw_direction_flag, "handler runs that started with the direction flag set");
    CHECK_EQ(0, handler_saw_x87_values, "handler runs that started with values on the x87 stack");

    /* the handler's own floating point was right, in its own rounding */
    double expected = 1.0;
    for (int i = 0; i < 20; i++)
        expected = expected * 1.7 + 0.3;
    CHECK(handler_result > expected * 0.999 && handler_result < expected * 1.001,
          "the handler computed %.6g, expected about %.6g", handler_result, expected);

    close(acks[0]);
    close(acks[1]);
    signal(SIGUSR1, SIG_DFL);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_handler_preserves_registers");
}
