/* arch/x86/signal_frame.c - building and checking a signal handler's frame.
 *
 * The user stack while a handler runs (addresses grow upwards):
 *
 *        handler's esp -> +---------------------------+
 *                         | return address  ----------+--+  `ret` from the handler
 *                         | signal number (argument)  |  |  lands in the trampoline
 *                         | trampoline:               |<-+
 *                         |   mov eax, SYS_sigreturn  |
 *                         |   int 0x80                |
 *                         | struct signal_context     |  every register, eflags,
 *                         |   (registers, mask, FPU)  |  the mask, the x87 state
 *                         +---------------------------+
 *                         | ... the interrupted code's stack (its esp) ...
 */
#include "signal_frame.h"

#include "cpu.h"
#include "gdt.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/syscall.h"

struct user_signal_frame {
    uint32_t return_address;         /* -> trampoline */
    uint32_t signal;                 /* the handler's argument */
    uint8_t trampoline[8];
    struct signal_context context;
};
_Static_assert(sizeof(struct user_signal_frame) == 16 + sizeof(struct signal_context),
               "the user's view of the frame has no padding");

/* Flags user code may set: CF PF AF ZF SF TF DF OF AC ID and friends;
 * never IOPL, NT, VM, or IF off. */
#define USER_EFLAGS_MASK 0x00250DD5u
#define EFLAGS_ALWAYS_ONE 0x2u

int signal_frame_push(struct trap_frame *frame, int signal, uint32_t handler, uint32_t blocked_to_restore)
{
    struct user_signal_frame user_frame;
    /* at the handler's first instruction (esp + 4) must be 16-byte aligned */
    uint32_t address = ((frame->user_esp - sizeof user_frame) & ~15u) - 4;

    struct signal_context *context = &user_frame.context;
    context->gs = frame->gs; context->fs = frame->fs; context->es = frame->es; context->ds = frame->ds;
    context->edi = frame->edi; context->esi = frame->esi; context->ebp = frame->ebp;
    context->esp = frame->user_esp; context->ebx = frame->ebx; context->edx = frame->edx;
    context->ecx = frame->ecx; context->eax = frame->eax;
    context->eip = frame->eip; context->cs = frame->cs; context->eflags = frame->eflags;
    context->ss = frame->user_ss;
    context->blocked = blocked_to_restore;
    cpu_fpu_copy_live(context->fpu);
    cpu_fpu_reset();                             /* the handler starts with a clean FPU */

    static const uint8_t trampoline[8] = {
        0xB8, SYS_sigreturn, 0, 0, 0,            /* mov eax, SYS_sigreturn */
        0xCD, 0x80,                              /* int 0x80 */
        0x90,                                    /* nop (padding) */
    };
    for (int i = 0; i < 8; i++)
        user_frame.trampoline[i] = trampoline[i];
    user_frame.return_address = address + __builtin_offsetof(struct user_signal_frame, trampoline);
    user_frame.signal = (uint32_t)signal;

    if (copy_to_user((void *)address, &user_frame, sizeof user_frame) < 0)
        return -EFAULT;
    frame->user_esp = address;
    frame->eip = handler;
    frame->eflags &= ~0x400u;                    /* direction flag clear, as the ABI wants */
    return 0;
}

int signal_frame_restore(struct trap_frame *frame, uint32_t *blocked)
{
    /* The trampoline runs after the handler's `ret` popped the return
     * address: esp points at the signal number, 4 bytes into the frame. */
    struct signal_context context;
    uint32_t address = frame->user_esp - 4;
    if (copy_from_user(&context, (void *)(address + __builtin_offsetof(struct user_signal_frame, context)),
                       sizeof context) < 0)
        return -EFAULT;

    frame->edi = context.edi; frame->esi = context.esi; frame->ebp = context.ebp;
    frame->ebx = context.ebx; frame->edx = context.edx; frame->ecx = context.ecx;
    frame->eax = context.eax;
    frame->eip = context.eip;
    frame->user_esp = context.esp;
    /* whatever the frame says, user code gets user segments and flags */
    frame->cs = USER_CODE_SELECTOR;
    frame->user_ss = frame->ds = frame->es = USER_DATA_SELECTOR;
    frame->fs = context.fs == USER_DATA_SELECTOR ? USER_DATA_SELECTOR : 0;
    frame->gs = context.gs == USER_DATA_SELECTOR || gdt_is_tls_selector(context.gs) ? context.gs : 0;   /* TLS */
    frame->eflags = (context.eflags & USER_EFLAGS_MASK) | EFLAGS_INTERRUPT_ENABLE | EFLAGS_ALWAYS_ONE;
    frame->trap_number = 0;                      /* not a system call to restart any more */
    cpu_fpu_reset();                             /* no exception of the handler's left pending */
    cpu_fpu_restore(context.fpu);
    *blocked = context.blocked;
    return 0;
}
