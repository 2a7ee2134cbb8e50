/* arch/x86/signal_frame.c - building and checking a signal handler's frame.
 *
 * The user stack while a handler runs (the lowest address at the top):
 *
 *        handler's esp -> +---------------------------+
 *                         | return address  ----------+--+  `ret` from the handler
 *                         | signal number  \          |  |  lands in the trampoline
 *                         | &info           > its arguments
 *                         | &context       /          |  |
 *                         | trampoline:               |<-+
 *                         |   mov eax, SYS_sigreturn  |
 *                         |   int 0x80                |
 *                         | ucontext_t context        |  every register, eflags, the
 *                         |                           |  mask, the alternate stack
 *                         | x87 state (FSAVE format)  |
 *                         | siginfo_t info            |  SA_SIGINFO only: who sent it, why
 *                         +---------------------------+
 *                         | ... the interrupted code's stack (its esp),
 *                         |     or the top of the alternate stack ...
 *
 * A handler installed with SA_RESTORER (the C library's sigaction always
 * asks for it, as Linux's do) returns into the library's own copy of the
 * trampoline's two instructions instead: the same esp at sigreturn, but
 * code that does not change, where the frame's is new with every signal
 * (under QEMU's TCG, translated again each time: docs/signals.md).
 *
 * sigreturn reads the ucontext_t back: what the handler changed there
 * (an eip, a register) is what the program resumes with.
 */
#include "signal_frame.h"

#include "cpu.h"
#include "gdt.h"
#include "mm/uaccess.h"
#include "sched/x87_lazy.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/syscall.h"

struct user_signal_frame {
    uint32_t return_address;         /* -> trampoline */
    uint32_t signal;                 /* the handler's arguments */
    uint32_t info_address;
    uint32_t context_address;
    uint8_t trampoline[8];
    struct kernel_ucontext context;
    unsigned char fpu[108];          /* x87 state (FSAVE format) */
    struct kernel_siginfo info;      /* last: a frame without it is one block */
};
_Static_assert(sizeof(struct user_signal_frame) ==
               24 + sizeof(struct kernel_ucontext) + 108 + sizeof(struct kernel_siginfo),
               "the user's view of the frame has no padding");

#define FRAME_OFFSET(field) __builtin_offsetof(struct user_signal_frame, field)

/* Flags user code may set: CF PF AF ZF SF TF DF OF AC ID and friends;
 * never IOPL, NT, VM, or IF off. */
#define USER_EFLAGS_MASK 0x00250DD5u
#define EFLAGS_ALWAYS_ONE 0x2u

// LAB(signals) BEGIN: save the interrupted registers, build the frame and its trampoline, point the trap frame at the handler
static void save_registers(struct kernel_mcontext *context, const struct trap_frame *frame)
{
    context->gs = frame->gs; context->fs = frame->fs; context->es = frame->es; context->ds = frame->ds;
    context->edi = frame->edi; context->esi = frame->esi; context->ebp = frame->ebp;
    context->esp = frame->user_esp; context->ebx = frame->ebx; context->edx = frame->edx;
    context->ecx = frame->ecx; context->eax = frame->eax;
    context->trap_number = frame->trap_number; context->error_code = frame->error_code;
    context->eip = frame->eip; context->cs = frame->cs; context->eflags = frame->eflags;
    context->esp_at_signal = frame->user_esp; context->ss = frame->user_ss;
}

int signal_frame_push(struct trap_frame *frame, const struct signal_frame_request *request)
{
    struct user_signal_frame user_frame;
    uint32_t stack_top = request->use_alternate_stack ?
                         request->alternate_stack.base + request->alternate_stack.size : frame->user_esp;
    /* at the handler's first instruction (esp + 4) must be 16-byte aligned */
    uint32_t address = ((stack_top - sizeof user_frame) & ~15u) - 4;

    struct kernel_ucontext *context = &user_frame.context;
    context->flags = 0;
    context->link = 0;
    context->stack = request->alternate_stack;
    save_registers(&context->mcontext, frame);
    context->mcontext.fpu_state = address + FRAME_OFFSET(fpu);
    context->mcontext.fault_address = request->fault_address;
    context->mcontext.old_mask = (unsigned long)request->blocked_to_restore;
    context->blocked = request->blocked_to_restore;
    x87_save_running_task(user_frame.fpu);      /* and the FPU clean for the handler */

    static const uint8_t trampoline[8] = {
        0xB8, SYS_sigreturn, 0, 0, 0,            /* mov eax, SYS_sigreturn */
        0xCD, 0x80,                              /* int 0x80 */
        0x90,                                    /* nop (padding) */
    };
    for (int i = 0; i < 8; i++)
        user_frame.trampoline[i] = trampoline[i];
    user_frame.return_address = request->restorer ? request->restorer : address + FRAME_OFFSET(trampoline);
    user_frame.signal = (uint32_t)request->signal;
    user_frame.info_address = address + FRAME_OFFSET(info);
    user_frame.context_address = address + FRAME_OFFSET(context);

    /* the siginfo_t only for a handler that asked for it (SA_SIGINFO), and
     * only the bytes that hold its fields: the rest is padding */
    uint32_t size = FRAME_OFFSET(info);
    if (request->with_info) {
        signal_origin_to_info_prefix(request->signal, request->origin, &user_frame.info);
        size += SIGINFO_FILLED_BYTES;
    }
    if (copy_to_user((void *)address, &user_frame, size) < 0) {
        x87_set_running_task_state(user_frame.fpu);   /* nothing changed: the FPU as it was */
        return -EFAULT;
    }
    frame->user_esp = address;
    frame->eip = request->handler;
    frame->eflags &= ~0x500u;                    /* direction flag clear, as the ABI wants, and no
                                                 * single step (TF) in the handler, as on Linux */
    return 0;
}
// LAB(signals) STUB
// int signal_frame_push(struct trap_frame *frame, const struct signal_frame_request *request)
// {
//     (void)frame;
//     (void)request;
//     return -ENOSYS;                              /* no frame yet: see kernel/ipc/signal.c run_handler */
// }
// LAB(signals) END

int signal_frame_restore(struct trap_frame *frame, signal_set *blocked)
{
    /* The trampoline runs after the handler's `ret` popped the return
     * address: esp points at the signal number, 4 bytes into the frame. */
    // LAB(signals) BEGIN: sigreturn: read the saved context back, keeping user code unprivileged
    uint32_t address = frame->user_esp - 4;
    struct {
        struct kernel_ucontext context;
        unsigned char fpu[108];
    } saved_state;                               /* the frame's tail, in one copy */
    _Static_assert(sizeof saved_state == FRAME_OFFSET(info) - FRAME_OFFSET(context),
                   "context and fpu are side by side");
    if (copy_from_user(&saved_state, (void *)(address + FRAME_OFFSET(context)), sizeof saved_state) < 0)
        return -EFAULT;

    const struct kernel_mcontext *saved = &saved_state.context.mcontext;
    frame->edi = saved->edi; frame->esi = saved->esi; frame->ebp = saved->ebp;
    frame->ebx = saved->ebx; frame->edx = saved->edx; frame->ecx = saved->ecx;
    frame->eax = saved->eax;
    frame->eip = saved->eip;
    frame->user_esp = saved->esp;
    /* whatever the frame says, user code gets user segments and flags */
    frame->cs = USER_CODE_SELECTOR;
    frame->user_ss = frame->ds = frame->es = USER_DATA_SELECTOR;
    frame->fs = saved->fs == USER_DATA_SELECTOR ? USER_DATA_SELECTOR : 0;
    frame->gs = saved->gs == USER_DATA_SELECTOR || gdt_is_tls_selector(saved->gs) ? saved->gs : 0;   /* TLS */
    frame->eflags = (saved->eflags & USER_EFLAGS_MASK) | EFLAGS_INTERRUPT_ENABLE | EFLAGS_ALWAYS_ONE;
    frame->trap_number = 0;                      /* not a system call to restart any more */
    x87_set_running_task_state(saved_state.fpu);   /* no exception of the handler's left pending */
    *blocked = saved_state.context.blocked;
    return 0;
    // LAB(signals) STUB
    // (void)frame;
    // (void)blocked;
    // return -EFAULT;                              /* no frame to read: sigreturn ends in SIGSEGV */
    // LAB(signals) END
}
