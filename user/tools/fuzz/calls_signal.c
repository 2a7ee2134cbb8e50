/* user/tools/fuzz/calls_signal.c - generators for signals: dispositions,
 * masks, waiting, queued signals, the alternate stack.
 *
 * A worker keeps itself fit to go on: it never changes its own SIGALRM
 * handler for good, never blocks SIGALRM, and never gives sigsuspend a
 * mask with SIGALRM in it, so that every wait it starts can end. It never
 * sets an alternate stack in its own memory (a handler's frame there would
 * look like the kernel writing where it should not), nor lets SIGCHLD
 * reap its children behind its back. Only a risky child installs garbage
 * handlers and stacks and forges sigreturn frames. */
#include <signal.h>
#include <stdint.h>
#include <uapi/syscall.h>
#include <uapi/time.h>

#include "fuzz.h"

#define ALARM_BIT (1ull << (SIGALRM - 1))

static void after_signal_change(struct call *call, long result)
{
    (void)call, (void)result;
    if (!risky_mode)
        restore_invariants();
}

static void make_sigaction(struct call *call)
{
    long signal = chance(80) ? (long)(1 + below(31)) : chance(50) ? (long)(SIGRTMIN + below(31))
                                                     : (long)PICK(0, 32, 33, 64, 65, (uint32_t)-1);
    long action;
    if (chance(75)) {
        struct kernel_sigaction *new = (struct kernel_sigaction *)safe_buffer(sizeof *new);
        extern void fuzz_signal_handler(int);
        new->handler = PICK(SIG_DFL_VALUE, SIG_IGN_VALUE, (uint32_t)fuzz_signal_handler,
                            (uint32_t)fuzz_signal_handler, (uint32_t)fuzz_signal_handler);
        if (risky_mode && chance(40))
            new->handler = rng();           /* it will crash when the signal comes: its own doing */
        new->mask = (uint64_t)rng() << 32 | rng();
        new->flags = any_flags(SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_NOCLDSTOP | SA_SIGINFO | SA_ONSTACK |
                               SA_NOCLDWAIT | SA_RESTORER);
        /* the library's sigreturn stub, or the trampoline (no SA_RESTORER) */
        extern void __signal_restorer(void);
        new->restorer = (uint32_t)__signal_restorer;
        if (risky_mode && chance(40))
            new->restorer = rng();          /* the handler returns into it: its own doing */
        if (!risky_mode && signal == SIGCHLD) {
            /* no children reaped behind the worker's back (it counts them) */
            new->flags &= ~SA_NOCLDWAIT;
            if (new->handler == SIG_IGN_VALUE)
                new->handler = SIG_DFL_VALUE;
        }
        action = (long)new;
    } else {
        action = chance(40) ? 0 : (long)(risky_mode ? in_pointer(12) : bad_pointer());
    }
    uint32_t size = sizeof(struct kernel_sigaction);
    long old = chance(40) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct kernel_sigaction))
        old = 0;
    set_call(call, SYS_sigaction, "sigaction", 3, signal, action, old);
    call->after = after_signal_change;
}

static long signal_set(int allow_alarm)
{
    if (chance(15))
        return (long)bad_pointer();
    uint64_t *set = (uint64_t *)safe_buffer(sizeof *set);
    *set = chance(30) ? ~0ull : (uint64_t)rng() << 32 | rng();
    if (!allow_alarm)
        *set &= ~ALARM_BIT;
    return (long)set;
}

static void make_sigprocmask(struct call *call)
{
    uint32_t size = 8;
    long old = chance(50) ? 0 : (long)out_pointer(&size);
    if (size < 8)
        old = 0;
    set_call(call, SYS_sigprocmask, "sigprocmask", 3, (long)PICK(0, 1, 2, 2, 3, (uint32_t)-1),
             chance(10) ? 0 : signal_set(1), old);
    call->after = after_signal_change;
}

static void make_sigpending(struct call *call)
{
    uint32_t size = 8;
    uint32_t buffer = out_pointer(&size);
    set_call(call, SYS_sigpending, "sigpending", 1, (long)(size < 8 ? bad_pointer() : buffer));
}

static void make_wait_for_signal(struct call *call)
{
    if (chance(50))
        set_call(call, SYS_pause, "pause", 0);
    else
        set_call(call, SYS_sigsuspend, "sigsuspend", 1, signal_set(risky_mode));
    call->may_block = 1;
}

static void make_alarm(struct call *call)
{
    set_call(call, SYS_alarm, "alarm", 1, (long)PICK(0, 1, 2, 100, 0xffffffff, 0x80000000));
}

/* Risky children only: a sigreturn with no handler running reads a frame
 * from wherever esp points: garbage registers, a forged eflags. */
static void make_sigreturn(struct call *call)
{
    if (!risky_mode)
        return;
    set_call(call, SYS_sigreturn, "sigreturn", 0);
}


/* sigqueue: a queued signal with a value, to whom kill would send one;
 * often SIGRTMIN or SIGRTMAX, which every worker catches
 * (restore_invariants), so that queues fill up (EAGAIN). Its code is
 * mostly SI_QUEUE, sometimes SI_ASYNCIO (allowed to oneself only) or
 * anything. */
static void make_sigqueue(struct call *call)
{
    int signal;
    int pid = pid_for_kill(&signal);
    if (chance(60) && signal != 0)
        signal = (int)PICK(SIGRTMIN, SIGRTMAX);
    long code = chance(70) ? SI_QUEUE : chance(50) ? SI_ASYNCIO : (long)rng();
    set_call(call, SYS_sigqueue, "sigqueue", 4, (long)pid, (long)signal, (long)rng(), code);
}

static void make_sigtimedwait(struct call *call)
{
    uint32_t size = sizeof(siginfo_t);
    long info = chance(30) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(siginfo_t))
        info = (long)bad_pointer();
    extern struct timespec *some_timespec(void);
    long timeout = chance(20) ? 0 : chance(90) ? (long)some_timespec() : (long)bad_pointer();
    set_call(call, SYS_sigtimedwait, "sigtimedwait", 3, signal_set(1), info, timeout);
    call->may_block = 1;
}

static void make_sigaltstack(struct call *call)
{
    long new = 0;
    if (chance(70)) {
        stack_t *stack = (stack_t *)safe_buffer(sizeof *stack);
        stack->ss_flags = (int)PICK(0, SS_DISABLE, SS_DISABLE, SS_ONSTACK, 4, (uint32_t)-1);
        stack->ss_size = PICK(0, 1, MINSIGSTKSZ - 1, MINSIGSTKSZ, SIGSTKSZ, (uint32_t)-1);
        stack->ss_sp = (void *)(uintptr_t)(risky_mode ? rng() : bad_pointer());
        if (!risky_mode && stack->ss_flags != SS_DISABLE && stack->ss_size >= MINSIGSTKSZ)
            stack->ss_flags = (int)PICK(SS_DISABLE, 4, (uint32_t)-1);   /* refused, or none */
        new = chance(90) ? (long)stack : (long)bad_pointer();
    }
    uint32_t size = sizeof(stack_t);
    long old = chance(50) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(stack_t))
        old = 0;
    set_call(call, SYS_sigaltstack, "sigaltstack", 2, new, old);
}

const struct generator signal_generators[] = {
    { make_sigaction, 5 }, { make_sigprocmask, 4 }, { make_sigpending, 2 }, { make_wait_for_signal, 2 },
    { make_alarm, 2 }, { make_sigreturn, 1 }, { make_sigqueue, 4 }, { make_sigtimedwait, 3 },
    { make_sigaltstack, 2 },
};
const unsigned signal_generator_count = sizeof signal_generators / sizeof signal_generators[0];
