/* user/tools/fuzz/calls_thread.c - generators for threads (thread(2)):
 * thread_create with good and bad arguments, gettid, set_tls, tkill,
 * thread_cancel, thread_exit, and threads of our own that live beside the
 * fuzzing: they wait in blocking calls on our descriptors, our ports and
 * our words (half of them as cancellation points), or churn through cheap
 * calls, or end on their own; we end them at random (a flag, a futex wake
 * and SIGUSR2, or thread_cancel) or, in a child, kill them with SIGKILL,
 * which takes the whole process, mid-call.
 *
 * A thread of ours touches none of the fuzzer's own state (the generator,
 * the rings and the scratch buffers are the first thread's): it makes
 * system calls by number only, on its own stack, reading what it needs
 * from its slot (and adds to the shared count of reports, atomically).
 * It blocks SIGALRM, so that the alarm that ends the first thread's waits
 * reaches the first thread. Its memory (a stack, and a page for its
 * thread-local storage) is guarded from our own munmap and MAP_FIXED, and
 * unmapped only once it has ended: by the thread itself (thread_exit's
 * unmap) or by us, once the kernel has cleared its clear_tid word or
 * tkill no longer finds it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <uapi/ipc.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#define THREADS_MAX   4
#define THREAD_STACK  (16 * 1024)
#define THREAD_BLOCK  (THREAD_STACK + 4096)   /* the stack, then the thread-local storage page */
#define ALARM_BIT     (1ull << (SIGALRM - 1))
#define USER_END      0xC0000000u

enum behaviour { WAIT_ON_A_WORD, READ_A_DESCRIPTOR, RECEIVE_MESSAGES, CHURN, END_SOON, BEHAVIOURS };

struct fuzz_thread {
    volatile int in_use;
    volatile int tid;               /* once thread_create returned it */
    volatile int alive;             /* the clear_tid word: the kernel writes 0 at the end */
    volatile int stop;              /* 1: end now (and the futex WAIT_ON_A_WORD waits on) */
    int has_clear_tid;
    int unmaps_itself;              /* thread_exit(block, THREAD_BLOCK) */
    long cancel_point;              /* 0 or SYSCALL_CANCEL_POINT, added to its waits */
    int behaviour, fd;
    uint32_t block;
};

static struct fuzz_thread threads[THREADS_MAX];

/* ---- the threads' side: system calls by number only ------------------------------ */

static void __attribute__((noreturn)) thread_end(struct fuzz_thread *self)
{
    /* Our slot still describes us: its block holds the stack we run on.
     * If not, the first thread freed the slot while we lived, and the
     * block it names now is another thread's: said, and not unmapped. */
    uint32_t esp, block = self->block;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    if (esp - block >= THREAD_STACK) {
        char line[160];
        int length = snprintf(line, sizeof line, "fuzz: thread %ld ends, but its slot names block 0x%x (tid %d), "
                              "not its own stack 0x%x: freed while it lived\n",
                              raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), block, self->tid, esp);
        raw_syscall(SYS_write, REPORT_FD, (long)line, length, 0, 0, 0);
        atomic_add(&shared->unexpected, 1);
    } else if (self->unmaps_itself) {
        raw_syscall(SYS_thread_exit, (long)block, THREAD_BLOCK, 0, 0, 0, 0);
    }
    raw_syscall(SYS_thread_exit, 0, 0, 0, 0, 0, 0);
    for (;;)
        ;
}

/* Where every thread of ours starts: its slot is the argument the stack
 * holds. */
static void __attribute__((noreturn, used)) thread_main(struct fuzz_thread *self)
{
    uint64_t alarm_bit = ALARM_BIT;
    raw_syscall(SYS_sigprocmask, SIG_BLOCK, (long)&alarm_bit, 0, 0, 0, 0);
    struct message message;
    struct timespec nap = { 0, 2000000 };
    uint32_t *shared_word = scribble_page ? (uint32_t *)(scribble_page + 4092) : 0;
    long point = self->cancel_point;
    for (unsigned n = 0; !self->stop; n++) {
        long result = 0;
        switch (self->behaviour) {
        case WAIT_ON_A_WORD:
            result = raw_syscall(SYS_futex_wait | point, (long)&self->stop, 0, 0, 0, 0, 0);
            break;
        case READ_A_DESCRIPTOR:
            result = raw_syscall(SYS_read | point, self->fd, (long)message.body, 64, 0, 0, 0);
            break;
        case RECEIVE_MESSAGES:
            result = n % 2 ? raw_syscall(SYS_msg_recv | point, MSG_ANY, (long)&message, 0, 0, 0, 0)
                           : raw_syscall(SYS_mbox_recv | point, self->fd, (long)&message, 0, 0, 0, 0);
            break;
        case CHURN:
            raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
            raw_syscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
            raw_syscall(SYS_tkill, raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0, 0);
            if (shared_word)
                raw_syscall(SYS_futex_wake, (long)shared_word, 1, 0, 0, 0, 0);
            break;
        case END_SOON:
            if (n >= 3)
                thread_end(self);
            break;
        }
        if (result == -ECANCELED ||                                  /* thread_cancel: end, as pthreads do */
            raw_syscall(SYS_nanosleep | point, (long)&nap, 0, 0, 0, 0, 0) == -ECANCELED)   /* no spinning */
            thread_end(self);
    }
    thread_end(self);
}

/* ---- the first thread's side ---------------------------------------------------- */

static void release_slot(struct fuzz_thread *slot, int unmap)
{
    if (unmap)
        raw_syscall(SYS_munmap, (long)slot->block, THREAD_BLOCK, 0, 0, 0, 0);
    unguard_range(slot->block);
    memset(slot, 0, sizeof *slot);
}

/* Frees the slots of threads that have ended. */
void threads_reap(void)
{
    for (int i = 0; i < THREADS_MAX; i++) {
        struct fuzz_thread *slot = &threads[i];
        if (!slot->in_use || !slot->tid)
            continue;
        int ended = slot->has_clear_tid ? slot->alive == 0
                                        : raw_syscall(SYS_tkill, slot->tid, 0, 0, 0, 0, 0) == -ESRCH;
        if (ended)
            release_slot(slot, !slot->unmaps_itself);
    }
}

/* A fork's child has none of its parent's threads: their memory goes. */
void threads_forget(void)
{
    for (int i = 0; i < THREADS_MAX; i++)
        if (threads[i].in_use)
            release_slot(&threads[i], 1);
}

/* A live thread of ours, for the pid pools (a message, a wait, a kill
 * given a tid where a pid belongs); 0 if none. */
int thread_tid_any(void)
{
    int candidates[THREADS_MAX], count = 0;
    for (int i = 0; i < THREADS_MAX; i++)
        if (threads[i].in_use && threads[i].tid > 0)
            candidates[count++] = threads[i].tid;
    return count ? candidates[below(count)] : 0;
}

static struct fuzz_thread *some_live_thread(void)
{
    int tid = thread_tid_any();
    for (int i = 0; tid && i < THREADS_MAX; i++)
        if (threads[i].tid == tid)
            return &threads[i];
    return 0;
}

/* The thread is created with SIGALRM blocked in the first thread, so
 * that it starts with it blocked and no alarm can go to it. */
static long call_thread_create(struct call *call)
{
    uint64_t alarm_bit = ALARM_BIT, old = 0;
    raw_syscall(SYS_sigprocmask, SIG_BLOCK, (long)&alarm_bit, (long)&old, 0, 0, 0);
    long result = raw_syscall(SYS_thread_create, call->args[0], call->args[1], call->args[2], call->args[3], 0, 0);
    raw_syscall(SYS_sigprocmask, SIG_SETMASK, (long)&old, 0, 0, 0, 0);
    return result;
}

static void after_thread_create(struct call *call, long result)
{
    struct fuzz_thread *slot = &threads[call->aux];
    if (result > 0)
        slot->tid = (int)result;
    else
        release_slot(slot, 1);
}

/* An eip the kernel must refuse (outside user space), or, in a risky
 * child, anything at all. */
static uint32_t refused_eip(void)
{
    if (risky_mode && chance(60))
        return chance(50) ? bad_pointer() : rng();
    return PICK(0, 0xfff, USER_END, USER_END + 0x1000, 0xfffffff0);
}

/* The same for esp: the kernel checks esp - 1, the first byte pushed. */
static uint32_t refused_esp(void)
{
    if (risky_mode && chance(60))
        return chance(50) ? bad_pointer() : rng();
    return PICK(0, 0x1000, USER_END + 0x1000, 0xfffffff0);
}

static void make_thread_create(struct call *call)
{
    int free_slot = -1;
    for (int i = 0; i < THREADS_MAX && free_slot < 0; i++)
        if (!threads[i].in_use)
            free_slot = i;
    if (free_slot < 0)
        return;                             /* declined: as many threads as we keep */
    long block = raw_syscall(SYS_mmap, 0, THREAD_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block < 0 && block > -4096)
        return;
    struct fuzz_thread *slot = &threads[free_slot];
    memset(slot, 0, sizeof *slot);
    slot->in_use = 1;
    slot->block = (uint32_t)block;
    slot->alive = 1;
    slot->behaviour = (int)below(BEHAVIOURS);
    slot->fd = slot->behaviour == RECEIVE_MESSAGES && chance(70) ? fd_of_kind(FD_MAILBOX) : fd_any();
    slot->unmaps_itself = chance(50);
    slot->cancel_point = chance(50) ? SYSCALL_CANCEL_POINT : 0;
    guard_range(slot->block, THREAD_BLOCK);

    uint32_t *stack = (uint32_t *)(slot->block + THREAD_STACK);
    *--stack = (uint32_t)slot;              /* thread_main's argument */
    *--stack = 0;                           /* and a return address never used */
    uint32_t tls_page = slot->block + THREAD_STACK;
    *(uint32_t *)tls_page = tls_page;       /* %gs:0 holds its own address, as the libc's do */

    long eip = (long)thread_main, esp = (long)stack, tls = 0, clear_tid = 0;
    unsigned roll = below(100);
    if (roll < 4)
        eip = (long)refused_eip();
    else if (roll < 8)
        esp = (long)refused_esp();
    roll = below(100);
    if (roll < 45)
        tls = (long)tls_page;
    else if (roll < 52)
        tls = (long)PICK(USER_END, 0xfffff000, 0xffffffff);       /* EINVAL */
    else if (roll < 56)
        tls = (long)(rng() % USER_END);     /* a base it never uses */
    roll = below(100);
    if (roll < 80) {
        clear_tid = (long)&slot->alive;
        slot->has_clear_tid = 1;
    } else if (roll < 90) {
        clear_tid = (long)PICK(USER_END, 0x1002, 0xfffffffc, 1);  /* EFAULT */
    }
    set_call(call, SYS_thread_create, "thread_create", 4, eip, esp, tls, clear_tid);
    call->function = call_thread_create;
    call->after = after_thread_create;
    call->aux = free_slot;
}

/* Ends one of our threads: its flag, a wake of the word it may wait on,
 * and SIGUSR2 (our handler, no SA_RESTART) to end any other wait. In a
 * child, now and then SIGKILL instead: the whole process dies mid-call. */
static long call_thread_end(struct call *call)
{
    struct fuzz_thread *slot = &threads[call->aux];
    if (call->args[1] != SIGKILL) {
        slot->stop = 1;
        raw_syscall(SYS_futex_wake, (long)&slot->stop, 1, 0, 0, 0, 0);
    }
    return raw_syscall(SYS_tkill, call->args[0], call->args[1], 0, 0, 0, 0);
}

static void make_thread_end(struct call *call)
{
    struct fuzz_thread *slot = some_live_thread();
    if (!slot)
        return;
    int signal = child_mode && chance(15) ? SIGKILL : SIGUSR2;
    set_call(call, SYS_tkill, "thread_end", 2, (long)slot->tid, (long)signal);
    call->function = call_thread_end;
    call->aux = slot - threads;
}

/* tkill to a thread of ours, to ourselves, or to whom kill may signal. */
static void make_tkill(struct call *call)
{
    int signal, tid;
    unsigned roll = below(100);
    if (roll < 35 && (tid = thread_tid_any())) {
        signal = (int)PICK(0, SIGUSR1, SIGUSR2, SIGCHLD, SIGWINCH, SIGURG, SIGCONT, SIGALRM);
        if (risky_mode && chance(30))
            signal = (int)below(34);
    } else if (roll < 50) {
        tid = (int)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
        signal = (int)PICK(0, SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM, SIGSTOP, SIGTSTP);
    } else {
        tid = pid_for_kill(&signal);        /* a pid is its first thread's tid */
    }
    set_call(call, SYS_tkill, "tkill", 2, (long)tid, (long)signal);
}

/* thread_cancel(2) of a thread of ours (it ends at its next cancellation
 * point, if it makes them), of ourselves (our calls made as cancellation
 * points fail with ECANCELED from now on: fuzz_one_call makes a few), or
 * of whomever: ESRCH for a thread not of our process. Now and then it
 * sets our own type instead: back to deferred (what we are), or
 * asynchronous with an entry that is no user address or a tid that is not
 * 0 (EINVAL) - never a real entry, which a later request would send us
 * to. An unknown `how` is EINVAL. */
static void make_thread_cancel(struct call *call)
{
    int tid;
    unsigned roll = below(100);
    if (roll < 50 && (tid = thread_tid_any()))
        ;
    else if (roll < 60)
        tid = (int)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
    else
        tid = pid_any();
    unsigned how_roll = below(100);
    if (how_roll < 85) {
        set_call(call, SYS_thread_cancel, "thread_cancel", 3, (long)tid, (long)THREAD_CANCEL_REQUEST, (long)rng());
    } else if (how_roll < 90) {
        set_call(call, SYS_thread_cancel, "thread_cancel", 3, (long)PICK(0, tid), (long)THREAD_CANCEL_DEFERRED,
                 (long)rng());
    } else if (how_roll < 95) {
        long entry = (long)PICK(0, 0xC0000000u, 0xFFFFF000u, 0x00000FFFu);
        set_call(call, SYS_thread_cancel, "thread_cancel", 3, 0L, (long)THREAD_CANCEL_ASYNCHRONOUS, entry);
    } else {
        set_call(call, SYS_thread_cancel, "thread_cancel", 3, (long)tid, (long)PICK(3, -1, 0x100, rng() | 4u),
                 (long)rng());
    }
}

static void make_gettid(struct call *call)
{
    set_call(call, SYS_gettid, "gettid", 2, (long)rng(), (long)bad_pointer());
}

/* set_tls moves the base of the caller's %gs, which the libc's errno and
 * our own TLS live under. So the call is made and undone in one step: a
 * base the kernel took is kept over a switch away and back (a yield),
 * with no TLS touched meanwhile, and then ours is set again. A risky
 * child tries any base; the others bases the kernel refuses, or ours. */
static long call_set_tls_briefly(struct call *call)
{
    long result = raw_syscall(SYS_set_tls, call->args[0], 0, 0, 0, 0, 0);
    if (result > 0) {
        raw_syscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
        raw_syscall(SYS_set_tls, call->aux, 0, 0, 0, 0, 0);
    }
    return result;
}

static void make_set_tls(struct call *call)
{
    uint32_t base;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(base));
    uint32_t value = chance(50) ? base : PICK(USER_END, USER_END + 4096, 0xfffff000, 0xffffffff);
    if (risky_mode && chance(40))
        value = chance(50) ? rng() : bad_pointer();
    set_call(call, SYS_set_tls, "set_tls", 1, (long)value);
    call->function = call_set_tls_briefly;
    call->aux = (long)base;
}

/* Children only: the first thread ends alone. With threads of ours still
 * there the process lives on without it, until its parent kills it. */
static void make_thread_exit(struct call *call)
{
    if (!child_mode || chance(60))
        return;
    long address = 0, length = 0;
    if (chance(40)) {                       /* an unmap the kernel refuses or ignores, in a risky child any */
        address = (long)(risky_mode ? mapping_address() : PICK(0, USER_END, 0xfffff000));
        length = (long)any_size();
    }
    set_call(call, SYS_thread_exit, "thread_exit", 2, address, length);
}

const struct generator thread_generators[] = {
    { make_thread_create, 6 }, { make_thread_end, 4 }, { make_tkill, 5 }, { make_thread_cancel, 2 },
    { make_gettid, 1 }, { make_set_tls, 2 }, { make_thread_exit, 1 },
};
const unsigned thread_generator_count = sizeof thread_generators / sizeof thread_generators[0];
