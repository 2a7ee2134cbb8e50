/* user/tools/fuzz/calls.c - making one call: choose a generator, let it draw
 * the arguments, write the call into the ring, arm the alarm if it may wait,
 * enter the kernel, and let the generator learn from the result. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <uapi/syscall.h>

#include "fuzz.h"

int risky_mode, child_mode, worker_slot;
static uint32_t sequence;

void set_call(struct call *call, long number, const char *name, int count, ...)
{
    call->number = number;
    call->name = name;
    call->argument_count = count;
    va_list arguments;
    va_start(arguments, count);
    for (int i = 0; i < count; i++)
        call->args[i] = va_arg(arguments, long);
    va_end(arguments);
}

/* Numbers the table does not have (kernel/uapi/syscall.h), or that lie
 * beyond it (SYSCALL_COUNT and up): ENOSYS, always. */
static void make_unknown(struct call *call)
{
    long number = (long)PICK(0, 67, 69, 94, 97, 99, 119, 127, 129, 148, 159, SYSCALL_COUNT, 255, 256,
                             0x7fffffff, 0x80000000, 0xffffffff, 0x1000000);
    set_call(call, number, "unknown", 6, (long)rng(), (long)rng(), (long)any_size(), (long)bad_pointer(),
             (long)rng(), (long)rng());
    call->may_block = 1;                    /* whatever it may be one day */
}

static const struct generator unknown_generators[] = { { make_unknown, 1 } };

struct family {
    const struct generator *generators;
    const unsigned *count;
    unsigned weight;
};

static const unsigned one = 1;
static const struct family families[] = {
    { file_generators, &file_generator_count, 30 },
    { process_generators, &process_generator_count, 14 },
    { signal_generators, &signal_generator_count, 12 },
    { ipc_generators, &ipc_generator_count, 36 },
    { memory_generators, &memory_generator_count, 10 },
    { posix_generators, &posix_generator_count, 14 },
    { thread_generators, &thread_generator_count, 10 },
    { multiplexing_generators, &multiplexing_generator_count, 5 },
    { identity_generators, &identity_generator_count, 6 },
    { disk_generators, &disk_generator_count, 14 },
    { net_generators, &net_generator_count, 12 },
    { epoll_generators, &epoll_generator_count, 5 },
    { event_file_generators, &event_file_generator_count, 4 },
    { pty_generators, &pty_generator_count, 6 },
    { sched_generators, &sched_generator_count, 6 },
    { timer_generators, &timer_generator_count, 8 },
    { descriptor_generators, &descriptor_generator_count, 10 },
    { gaps_generators, &gaps_generator_count, 4 },
    { unknown_generators, &one, 2 },
};
#define FAMILY_COUNT (sizeof families / sizeof families[0])

static const struct generator *choose(void)
{
    unsigned total = 0;
    for (unsigned i = 0; i < FAMILY_COUNT; i++)
        total += families[i].weight;
    unsigned roll = below(total);
    const struct family *family = &families[0];
    for (unsigned i = 0; i < FAMILY_COUNT; i++) {
        if (roll < families[i].weight) {
            family = &families[i];
            break;
        }
        roll -= families[i].weight;
    }
    unsigned weights = 0;
    for (unsigned i = 0; i < *family->count; i++)
        weights += family->generators[i].weight;
    roll = below(weights);
    for (unsigned i = 0; i < *family->count; i++) {
        if (roll < family->generators[i].weight)
            return &family->generators[i];
        roll -= family->generators[i].weight;
    }
    return &family->generators[0];
}

static void describe(char *line, const struct call *call, long cancel_point)
{
    int pid = (int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
    int used = snprintf(line, RING_LINE, "p%d #%u %s%s(", pid, sequence, call->name,
                        cancel_point ? "[cancel point]" : "");
    if (!__builtin_strcmp(call->name, "unknown"))
        used += snprintf(line + used, RING_LINE - used, "[%ld] ", call->number);
    for (int i = 0; i < call->argument_count && used < RING_LINE - 12; i++)
        used += snprintf(line + used, RING_LINE - used, i ? ", %lx" : "%lx", (unsigned long)call->args[i]);
    if (used < RING_LINE - 2)
        snprintf(line + used, RING_LINE - used, ")");
}

void fuzz_one_call(void)
{
    struct call call = { 0 };
    scratch_begin_call();
    for (int tries = 0; tries < 8 && !call.name; tries++)
        choose()->make(&call);              /* a generator may decline (no fork in a child) */
    if (!call.name)
        return;
    scratch_snapshot();
    /* now and then a system call is made as a cancellation point
     * (thread_cancel(2)): as usual, or ECANCELED once we are cancelled */
    long cancel_point = !call.function && chance(4) ? SYSCALL_CANCEL_POINT : 0;
    char *line = ring_begin();
    describe(line, &call, cancel_point);
    ring_about_to_call(line);
    sequence++;
    if (call.may_block)
        raw_syscall(SYS_alarm, 1, 0, 0, 0, 0, 0);
    long result;
    if (call.function) {                    /* a libc-level call: its errno as -errno */
        errno = 0;
        result = call.function(&call);
        if (result == -1 && errno)
            result = -errno;
    } else {
        /* half the calls of up to five arguments come in the libc's way,
         * by sysenter (arch/x86/sysenter.c), the others by int 0x80 */
        long number = call.number | cancel_point;
        result = call.argument_count <= 5 && chance(50) ?
                 raw_syscall_by_sysenter(number, call.args[0], call.args[1], call.args[2], call.args[3], call.args[4]) :
                 raw_syscall(number, call.args[0], call.args[1], call.args[2], call.args[3], call.args[4],
                             call.args[5]);
    }
    if (call.number == SYS_fork && result == 0) {
        call.after(&call, result);          /* the new child: it starts a ring of its own */
        return;
    }
    if (call.may_block)
        raw_syscall(SYS_alarm, 0, 0, 0, 0, 0, 0);
    ring_end(result);
    atomic_add(&shared->calls_made, 1);
    uint32_t changed, buffer;
    long offset = scratch_changed_outside(&changed, &buffer);
    if (offset >= 0 && !risky_mode) {
        char why[160];
        snprintf(why, sizeof why, "saw the kernel write %u byte(s) outside the buffers it was given, first at "
                 "0x%x (%ld bytes past the buffer at 0x%x)", changed, scratch_address(offset),
                 buffer ? (long)(scratch_address(offset) - buffer) : -1L, buffer);
        ring_print((int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), why);
        atomic_add(&shared->unexpected, 1);
    }
    static uint32_t seed_seen;
    if (!seed_seen)
        seed_seen = shared->seed;
    if (shared->magic != SHARED_MAGIC || shared->seed != seed_seen) {
        say("fuzz: the shared page set was overwritten (magic %x, seed %u) just after this call\n",
            shared->magic, shared->seed);
        ring_print((int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), "saw the shared page set overwritten");
        shared->magic = SHARED_MAGIC;
        shared->seed = seed_seen;
    }
    if (call.after)
        call.after(&call, result);
}
