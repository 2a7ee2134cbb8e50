/* kernel/sched/lock_check.c - the lock checker (lock_check.h): for each
 * CPU, the spinlocks it holds and where it took each (a short backtrace);
 * for the whole kernel, every order pair seen (a lock of class A held when
 * one of class B was taken) with the two places that made it. Every
 * report names its two places with a backtrace each.
 *
 * Compiled only with LOCK_CHECK (the Makefile: the kernel the tests boot,
 * or `make LOCK_CHECK=1`). What it deliberately leaves out, for now:
 * nesting two locks of one class (it would need the locks' own order),
 * and chains of three or more classes (A->B, B->C, C->A); each pair of
 * classes is checked both ways, which is what two CPUs need to deadlock
 * on two locks. */
#ifdef LOCK_CHECK

#include "lock_check.h"

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "mm/memory_layout.h"
#include "task.h"

enum {
    PLACE_FRAMES = 6,                  /* return addresses kept per place */
    HELD_MAX = 8,                      /* spinlocks one CPU may hold at once */
    ORDER_PAIRS_MAX = 128,
};

/* Where a lock was taken: the return addresses of the ebp chain, the
 * caller of spinlock_take first; and by whom. */
struct place {
    uint32_t frames[PLACE_FRAMES];
    uint32_t cpu;
    const char *task_name;
};

struct held_lock {
    struct spinlock *lock;
    struct place taken_at;
};

static struct {
    struct held_lock held[HELD_MAX];
    unsigned count;
    uint32_t scheduler_held;           /* bit i: run-queue lock i; LOCK_CHECK_RT_LOCK: rt_lock */
} held_by_cpu[CPU_MAX];

_Static_assert(CPU_MAX < LOCK_CHECK_RT_LOCK, "a bit for every run-queue lock, and one for rt_lock");

/* `first` was held (taken at first_at) when `then` was taken (then_at). */
struct order_pair {
    const struct lock_class *first, *then;
    struct place first_at, then_at;
};

static struct order_pair pairs[ORDER_PAIRS_MAX];
static volatile unsigned pair_count;   /* read by every CPU: an entry is written before it counts */
static int pairs_full_said;
static volatile uint32_t pairs_lock;   /* adding or forgetting pairs (a bare exchange) */

static void pairs_take(void)
{
    while (__atomic_exchange_n(&pairs_lock, 1, __ATOMIC_ACQUIRE) != 0)
        cpu_pause();
}

static void pairs_give(void)
{
    __atomic_store_n(&pairs_lock, 0, __ATOMIC_RELEASE);
}

static int recording;
static unsigned reports[LOCK_CHECK_KINDS];

static const char *const kind_names[LOCK_CHECK_KINDS] = {
    [LOCK_CHECK_ORDER_INVERSION] = "order inversion",
    [LOCK_CHECK_SWITCH_WITH_SPINLOCK] = "switch with a spinlock held",
    [LOCK_CHECK_INTERRUPT_LOCK_WITH_INTERRUPTS_ON] = "interrupt lock with interrupts on",
    [LOCK_CHECK_RECURSION] = "recursion",
    [LOCK_CHECK_LOOKUP_WAIT_WITH_LOCK] = "a lookup wait with a lock held",
};

/* Walks the ebp chain from the frame `ebp` (of a function whose caller is
 * the first place worth showing), as print_backtrace does. Context:
 * interrupts off. */
static void note_place(struct place *place, uint32_t ebp)
{
    int count = 0;
    while (count < PLACE_FRAMES && ebp >= KERNEL_VIRTUAL_BASE && !(ebp & 3)) {
        const uint32_t *frame = (const uint32_t *)ebp;
        if (frame[1] < KERNEL_VIRTUAL_BASE)
            break;
        place->frames[count++] = frame[1] - 1;    /* -1: inside the call instruction */
        if (!(ebp = backtrace_caller_frame(ebp)))
            break;                                /* user mode's ebp, or the chain's end */
    }
    while (count < PLACE_FRAMES)
        place->frames[count++] = 0;
    place->cpu = this_cpu()->index;
    place->task_name = current_task ? current_task->name : "?";
}

/* Prints `what` and the place's frames, named as print_backtrace names
 * them (kernel/panic.c). Context: a report, interrupts off. */
static void print_place(const char *what, const struct place *place)
{
    kprintf("  %s (CPU %u, task %s):\n", what, place->cpu, place->task_name);
    for (int i = 0; i < PLACE_FRAMES && place->frames[i]; i++) {
        uint32_t offset;
        const char *name = ksym_lookup(place->frames[i], &offset);
        if (name)
            kprintf("    #%d 0x%08x %s+0x%x\n", i, place->frames[i], name, offset);
        else
            kprintf("    #%d 0x%08x ?\n", i, place->frames[i]);
    }
}

/* The end of every report, whose first lines the caller printed: counts
 * it under the test hook, else stops the kernel. Context: interrupts
 * off. */
static void report_done(enum lock_check_kind kind)
{
    if (recording) {
        reports[kind]++;
        return;
    }
    panic("LOCK CHECK: %s (above)", kind_names[kind]);
}

/* `lock` among the locks `cpu` holds, or NULL. Context: interrupts off,
 * `cpu` this CPU. */
static struct held_lock *find_held(unsigned cpu, const struct spinlock *lock)
{
    for (unsigned i = 0; i < held_by_cpu[cpu].count; i++)
        if (held_by_cpu[cpu].held[i].lock == lock)
            return &held_by_cpu[cpu].held[i];
    return 0;
}

/* The pair "first held when then was taken", or NULL. Context:
 * interrupts off (the big kernel lock keeps the table). */
static struct order_pair *find_pair(const struct lock_class *first, const struct lock_class *then)
{
    unsigned count = __atomic_load_n(&pair_count, __ATOMIC_ACQUIRE);
    for (unsigned i = 0; i < count; i++)
        if (pairs[i].first == first && pairs[i].then == then)
            return &pairs[i];
    return 0;
}

/* `held` is held here and `lock` is being taken at `here`: reports the
 * pair if the other order was seen, and remembers this one. Context:
 * interrupts off. */
static void check_order(const struct held_lock *held, const struct spinlock *lock, const struct place *here)
{
    const struct lock_class *first = held->lock->class, *then = lock->class;
    if (first == then || find_pair(first, then))
        return;
    const struct order_pair *reverse = find_pair(then, first);
    if (reverse) {
        kprintf("LOCK CHECK: %s: \"%s\" (class %s) taken while \"%s\" (class %s) is held,"
                " but class %s was held when class %s was taken before\n",
                kind_names[LOCK_CHECK_ORDER_INVERSION], lock->name, then->name, held->lock->name,
                first->name, then->name, first->name);
        print_place("this time, the held lock was taken at", &held->taken_at);
        print_place("and the other is taken at", here);
        print_place("the other order: the first lock was taken at", &reverse->first_at);
        print_place("and the second at", &reverse->then_at);
        report_done(LOCK_CHECK_ORDER_INVERSION);
    }
    pairs_take();
    if (find_pair(first, then)) {
        pairs_give();                  /* another CPU added it meanwhile */
        return;
    }
    if (pair_count == ORDER_PAIRS_MAX) {
        pairs_give();
        if (!pairs_full_said)
            kprintf("LOCK CHECK: the order table is full (%d pairs): new pairs go unchecked\n",
                    ORDER_PAIRS_MAX);
        pairs_full_said = 1;
        return;
    }
    pairs[pair_count] = (struct order_pair){ first, then, held->taken_at, *here };
    __atomic_store_n(&pair_count, pair_count + 1, __ATOMIC_RELEASE);
    pairs_give();
}

/* The name of scheduler lock `which`, for a report. */
static const char *scheduler_lock_name(unsigned which, char *buffer, unsigned size)
{
    if (which == LOCK_CHECK_RT_LOCK)
        return "rt_lock";
    ksnprintf(buffer, size, "CPU %u's run-queue lock", which);
    return buffer;
}

/* Interrupts were found on at `here`, `doing` something to `lock`: every
 * spinlock this CPU holds must then be of a class that interrupt
 * handlers do not take. Reports the first that is; returns 1 if it did.
 * Context: interrupts off now (the caller turned them off to look). */
static int check_interrupts_off(unsigned cpu, const struct place *here, const char *doing,
                                const struct spinlock *lock)
{
    for (unsigned i = 0; i < held_by_cpu[cpu].count; i++) {
        const struct held_lock *held = &held_by_cpu[cpu].held[i];
        if (!held->lock->class->taken_by_interrupt_handlers)
            continue;
        kprintf("LOCK CHECK: %s: \"%s\" (class %s, taken by interrupt handlers) is held with"
                " interrupts on, found %s \"%s\"\n",
                kind_names[LOCK_CHECK_INTERRUPT_LOCK_WITH_INTERRUPTS_ON], held->lock->name,
                held->lock->class->name, doing, lock->name);
        print_place("it was taken at", &held->taken_at);
        print_place("interrupts found on at", here);
        report_done(LOCK_CHECK_INTERRUPT_LOCK_WITH_INTERRUPTS_ON);
        return 1;
    }
    return 0;
}

int lock_check_take(struct spinlock *lock, uint32_t flags, uint32_t ebp)
{
    unsigned cpu = this_cpu()->index;
    if (!lock->class)
        panic("LOCK CHECK: spinlock \"%s\" has no class (spinlock_init)", lock->name ? lock->name : "?");
    struct place here;
    note_place(&here, ebp);

    const struct held_lock *again = find_held(cpu, lock);
    if (again) {
        kprintf("LOCK CHECK: %s: \"%s\" (class %s) taken again by the CPU that holds it\n",
                kind_names[LOCK_CHECK_RECURSION], lock->name, lock->class->name);
        print_place("it was taken at", &again->taken_at);
        print_place("and is taken again at", &here);
        report_done(LOCK_CHECK_RECURSION);
        return 1;
    }
    if (flags & EFLAGS_INTERRUPT_ENABLE)
        check_interrupts_off(cpu, &here, "taking", lock);
    uint32_t scheduler_held = held_by_cpu[cpu].scheduler_held;
    if (scheduler_held) {
        char name[32];
        kprintf("LOCK CHECK: %s: \"%s\" (class %s) taken while %s is held: the scheduler's locks"
                " come after every spinlock\n", kind_names[LOCK_CHECK_ORDER_INVERSION], lock->name,
                lock->class->name,
                scheduler_lock_name((uint32_t)__builtin_ctz(scheduler_held), name, sizeof name));
        print_place("the spinlock is taken at", &here);
        report_done(LOCK_CHECK_ORDER_INVERSION);
    }
    for (unsigned i = 0; i < held_by_cpu[cpu].count; i++)
        check_order(&held_by_cpu[cpu].held[i], lock, &here);

    if (held_by_cpu[cpu].count == HELD_MAX)
        panic("LOCK CHECK: CPU %u holds %d spinlocks, the most it keeps track of", cpu, HELD_MAX);
    held_by_cpu[cpu].held[held_by_cpu[cpu].count++] = (struct held_lock){ lock, here };
    return 0;
}

int lock_check_give(struct spinlock *lock, int interrupts_on, uint32_t ebp)
{
    uint32_t flags = cpu_save_and_disable_interrupts();   /* interrupts_on: the CPU is ours from here */
    unsigned cpu = this_cpu()->index;
    struct place here;
    note_place(&here, ebp);
    int reported = interrupts_on && check_interrupts_off(cpu, &here, "giving", lock);

    struct held_lock *held = find_held(cpu, lock);
    if (!held)
        panic("LOCK CHECK: \"%s\" given by CPU %u, which does not hold it", lock->name, cpu);
    *held = held_by_cpu[cpu].held[--held_by_cpu[cpu].count];   /* the last one takes its slot */
    cpu_restore_interrupts(flags);
    return reported;
}

void lock_check_scheduler_take(unsigned which, int tried)
{
    unsigned cpu = this_cpu()->index;
    uint32_t held = held_by_cpu[cpu].scheduler_held, bit = 1u << which;
    char name[32], other[32];
    struct place here;
    if (held & bit) {
        note_place(&here, cpu_read_ebp());
        kprintf("LOCK CHECK: %s: %s taken again by CPU %u, which holds it\n", kind_names[LOCK_CHECK_RECURSION],
                scheduler_lock_name(which, name, sizeof name), cpu);
        print_place("it is taken again at", &here);
        report_done(LOCK_CHECK_RECURSION);
    } else if (held & ~(bit - 1) & ~bit && !tried) {
        /* one after it held: a later CPU's run-queue lock, or rt_lock */
        note_place(&here, cpu_read_ebp());
        unsigned after = (uint32_t)__builtin_ctz(held & ~(bit - 1) & ~bit);
        kprintf("LOCK CHECK: %s: %s taken while %s is held: run-queue locks in CPU order, rt_lock last\n",
                kind_names[LOCK_CHECK_ORDER_INVERSION], scheduler_lock_name(which, name, sizeof name),
                scheduler_lock_name(after, other, sizeof other));
        print_place("it is taken at", &here);
        report_done(LOCK_CHECK_ORDER_INVERSION);
    }
    held_by_cpu[cpu].scheduler_held = held | bit;
}

void lock_check_scheduler_give(unsigned which)
{
    unsigned cpu = this_cpu()->index;
    if (!(held_by_cpu[cpu].scheduler_held & (1u << which))) {
        char name[32];
        panic("LOCK CHECK: %s given by CPU %u, which does not hold it", scheduler_lock_name(which, name, sizeof name),
              cpu);
    }
    held_by_cpu[cpu].scheduler_held &= ~(1u << which);
}

void lock_check_lookups_wait(void)
{
    unsigned cpu = this_cpu()->index;
    uint32_t scheduler_held = held_by_cpu[cpu].scheduler_held;
    int in_lookup = cpus[cpu].lookup_sequence & 1;
    if (!held_by_cpu[cpu].count && !scheduler_held && !in_lookup)
        return;
    struct place here;
    note_place(&here, cpu_read_ebp());
    char name[32];
    kprintf("LOCK CHECK: %s: CPU %u waits for the other CPUs' lookups %s\n",
            kind_names[LOCK_CHECK_LOOKUP_WAIT_WITH_LOCK], cpu,
            in_lookup ? "from inside a lookup of its own" : "holding a lock");
    if (held_by_cpu[cpu].count)
        print_place("it holds a spinlock taken at", &held_by_cpu[cpu].held[0].taken_at);
    else if (scheduler_held)
        kprintf("  it holds %s\n", scheduler_lock_name((uint32_t)__builtin_ctz(scheduler_held), name, sizeof name));
    print_place("the wait is at", &here);
    report_done(LOCK_CHECK_LOOKUP_WAIT_WITH_LOCK);
}

void lock_check_switch(const struct task *previous, const struct task *next)
{
    unsigned cpu = this_cpu()->index;
    uint32_t scheduler_extra = held_by_cpu[cpu].scheduler_held & ~(1u << cpu);
    if (scheduler_extra) {
        char name[32];
        struct place here;
        note_place(&here, cpu_read_ebp());
        kprintf("LOCK CHECK: %s: task %s switches to %s while CPU %u holds %s (only its own run-queue"
                " lock may cross a switch)\n", kind_names[LOCK_CHECK_SWITCH_WITH_SPINLOCK], previous->name,
                next->name, cpu, scheduler_lock_name((uint32_t)__builtin_ctz(scheduler_extra), name, sizeof name));
        print_place("the switch is at", &here);
        report_done(LOCK_CHECK_SWITCH_WITH_SPINLOCK);
    }
    if (held_by_cpu[cpu].count == 0)
        return;
    const struct held_lock *held = &held_by_cpu[cpu].held[0];
    struct place here;
    note_place(&here, cpu_read_ebp());
    kprintf("LOCK CHECK: %s: task %s switches to %s while CPU %u holds %u spinlock(s), \"%s\""
            " (class %s) first\n",
            kind_names[LOCK_CHECK_SWITCH_WITH_SPINLOCK], previous->name, next->name, cpu,
            held_by_cpu[cpu].count, held->lock->name, held->lock->class->name);
    print_place("it was taken at", &held->taken_at);
    print_place("the switch is at", &here);
    report_done(LOCK_CHECK_SWITCH_WITH_SPINLOCK);
}

void lock_check_record_reports(int on)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    recording = on;
    if (on)
        for (int kind = 0; kind < LOCK_CHECK_KINDS; kind++)
            reports[kind] = 0;
    cpu_restore_interrupts(flags);
}

unsigned lock_check_reports(enum lock_check_kind kind)
{
    return reports[kind];
}

unsigned lock_check_forget_class(const struct lock_class *class)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    pairs_take();
    unsigned kept = 0, forgotten = 0;
    for (unsigned i = 0; i < pair_count; i++) {
        if (pairs[i].first == class || pairs[i].then == class)
            forgotten++;
        else
            pairs[kept++] = pairs[i];
    }
    pair_count = kept;
    pairs_give();
    cpu_restore_interrupts(flags);
    return forgotten;
}

unsigned lock_check_order_pairs(void)
{
    return pair_count;
}

unsigned lock_check_held_here(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    unsigned count = held_by_cpu[this_cpu()->index].count;
    cpu_restore_interrupts(flags);
    return count;
}

#endif
