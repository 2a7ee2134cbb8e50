/* user/tools/fuzz/calls_sched.c - generators for the scheduling classes
 * (sched_setscheduler and the rest), getrusage, wait4 and waitid.
 *
 * Any process may put itself or another into SCHED_FIFO or SCHED_RR at
 * any priority, a worker too (the fuzzer runs as root): the kernel's
 * real-time throttling (docs/scheduler.md) must keep the supervisor, the
 * ticker and the other workers going even beside a real-time worker.
 * The waits keep a worker's list of children right: a child that wait4
 * or waitid reaped is gone; waitid reaps without saying whom only when
 * its siginfo_t cannot be written, so then it gets WNOWAIT. */
#include <signal.h>
#include <uapi/resource.h>
#include <uapi/sched.h>
#include <uapi/signal.h>
#include <uapi/syscall.h>
#include <uapi/wait.h>

#include "fuzz.h"

#define RUSAGE_BYTES  72              /* struct kernel_rusage */
#define SIGINFO_BYTES 128             /* siginfo_t */

static long target_thread(void)
{
    switch (below(4)) {
    case 0: return 0;
    case 1: return thread_tid_any();
    case 2: return (long)PICK(-1, 1, 0x7fffffff, 0x80000000);
    default: return pid_any();
    }
}

static long any_policy(void)
{
    return (long)PICK(SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_FIFO | SCHED_RESET_ON_FORK,
                      SCHED_RR | SCHED_RESET_ON_FORK, 4, 6, 0xffffffff, 0x7fffffff);
}

/* A struct sched_param with a priority good for some class or none. */
static long any_param(void)
{
    if (chance(10))
        return (long)bad_pointer();
    int *param = (int *)safe_buffer(4);
    *param = (int)PICK(0, 1, 2, 50, 98, 99, 100, 0xffffffff, 0x80000000);
    return (long)param;
}

static void make_set_class(struct call *call)
{
    if (chance(60))
        set_call(call, SYS_sched_setscheduler, "sched_setscheduler", 3, target_thread(), any_policy(), any_param());
    else
        set_call(call, SYS_sched_setparam, "sched_setparam", 2, target_thread(), any_param());
}

static void make_get_class(struct call *call)
{
    uint32_t size = 8;
    long out = chance(85) ? (long)out_pointer(&size) : (long)bad_pointer();
    switch (below(5)) {
    case 0: set_call(call, SYS_sched_getscheduler, "sched_getscheduler", 1, target_thread()); break;
    case 1: set_call(call, SYS_sched_getparam, "sched_getparam", 2, target_thread(), out); break;
    case 2: set_call(call, SYS_sched_get_priority_max, "sched_get_priority_max", 1, any_policy()); break;
    case 3: set_call(call, SYS_sched_get_priority_min, "sched_get_priority_min", 1, any_policy()); break;
    default: set_call(call, SYS_sched_rr_get_interval, "sched_rr_get_interval", 2, target_thread(), out); break;
    }
}

static void make_getrusage(struct call *call)
{
    uint32_t size = RUSAGE_BYTES;
    set_call(call, SYS_getrusage, "getrusage", 2, (long)PICK(RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD, 2, -2),
             chance(85) ? (long)out_pointer(&size) : (long)bad_pointer());
}

/* An out pointer for a struct rusage, or none. */
static long rusage_or_none(void)
{
    uint32_t size = RUSAGE_BYTES;
    return chance(40) ? 0 : chance(85) ? (long)out_pointer(&size) : (long)bad_pointer();
}

static void after_wait4(struct call *call, long result)
{
    if (result <= 0)
        return;
    int *status = (int *)call->args[1];
    if (call->aux && !WIFSTOPPED(*status) && !WIFCONTINUED(*status))
        check_wait_status((int)result, *status, "a child");
    if (!call->aux || (!WIFSTOPPED(*status) && !WIFCONTINUED(*status)))
        child_gone((int)result);
}

static void make_wait4(struct call *call)
{
    long status = 0;
    if (chance(80)) {
        status = (long)safe_buffer(4);
        *(int *)status = 0;
        call->aux = 1;
    } else if (chance(50)) {
        status = (long)bad_pointer();
    }
    set_call(call, SYS_wait4, "wait4", 4, (long)pid_any(), status,
             (long)(chance(60) ? WNOHANG : any_flags(WNOHANG | WUNTRACED | WCONTINUED)), rusage_or_none());
    call->may_block = 1;
    call->after = after_wait4;
}

/* The fields of siginfo_t waitid fills. */
struct waitid_info {
    int signo, errno_value, code, pid;
    unsigned uid;
    int status;
};

static void after_waitid(struct call *call, long result)
{
    struct waitid_info *info = (struct waitid_info *)call->args[2];
    if (result != 0 || !call->aux || info->pid <= 0 || (call->args[3] & WNOWAIT))
        return;
    if (info->code == CLD_EXITED || info->code == CLD_KILLED || info->code == CLD_DUMPED) {
        int status = info->code == CLD_EXITED ? W_EXITCODE(info->status & 0xff, 0) : info->status & 0x7f;
        check_wait_status(info->pid, status, "a child");
        child_gone(info->pid);
    }
}

static void make_waitid(struct call *call)
{
    long kind = (long)PICK(P_ALL, P_PID, P_PGID, 3, -1);
    long id = kind == P_PID ? pid_any() : kind == P_PGID ? (chance(50) ? 0 : group_any()) : (long)rng();
    long options = chance(70) ? (long)(WEXITED | WSTOPPED | WCONTINUED) & (long)rng() : (long)any_flags(0x0100000f);
    if (chance(60))
        options |= WNOHANG;
    long info;
    if (chance(85)) {
        info = (long)safe_buffer(SIGINFO_BYTES);
        ((struct waitid_info *)info)->pid = 0;
        call->aux = 1;
    } else {
        info = chance(50) ? 0 : (long)bad_pointer();
        options |= WNOWAIT;                 /* reaped unseen, a child would be lost to our list */
    }
    set_call(call, SYS_waitid, "waitid", 5, kind, id, info, options, rusage_or_none());
    call->may_block = 1;
    call->after = after_waitid;
}

const struct generator sched_generators[] = {
    { make_set_class, 4 }, { make_get_class, 3 }, { make_getrusage, 2 }, { make_wait4, 3 }, { make_waitid, 3 },
};
const unsigned sched_generator_count = sizeof sched_generators / sizeof sched_generators[0];
