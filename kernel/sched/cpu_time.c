/* kernel/sched/cpu_time.c - CPU time as a clock: the scheduler measures
 * what each thread runs (switch.h: charge_switch, at each switch),
 * the CPU-time clocks read it (cpu_time.h), and the tick
 * counts down the process's ITIMER_VIRTUAL and ITIMER_PROF.
 *
 * The interval timers are sampled: the whole tick goes to whoever the
 * tick interrupts, in user mode (both) or in the kernel (ITIMER_PROF),
 * so they expire at a tick, as Linux's do. */
#include "cpu_time.h"

#include "clock.h"
#include "ipc/signal.h"
#include "proc/process.h"
#include "proc/rusage.h"
#include "proc/thread.h"
#include "scheduler.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/time.h"

/* One tick off an armed interval timer; at 0 it expires: `signal`, and
 * a periodic one reloads (less what this tick ran past its expiry). */
static void count_down(struct process *process, struct cpu_itimer *timer, int signal)
{
    if (!timer->left_ns)
        return;
    if (timer->left_ns > NS_PER_CLOCK_TICK) {
        timer->left_ns -= NS_PER_CLOCK_TICK;
        return;
    }
    uint64_t past = NS_PER_CLOCK_TICK - timer->left_ns;
    timer->left_ns = timer->interval_ns ? timer->interval_ns - past % timer->interval_ns : 0;
    signal_send(process, signal);
}

void cpu_time_tick(int from_user)
{
    struct process *process = current_task->process;
    if (!process)
        return;                           /* a kernel task, or the idle one */
    count_down(process, &process->itimer_prof, SIGPROF);
    if (from_user)
        count_down(process, &process->itimer_virtual, SIGVTALRM);
}

int cpu_clock_decode(int clock, struct cpu_clock *which)
{
    which->serial = 0;                    /* whoever has the id: cpu_clock_bind ties it */
    if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
        which->of_thread = clock == CLOCK_THREAD_CPUTIME_ID;
        which->id = which->of_thread ? current_thread()->tid : current_task->process->pid;
        return 0;
    }
    int kind = clock & 7;
    if (clock >= 0 || (kind != 2 && kind != (2 | 4)))
        return -EINVAL;                   /* not Linux's "scheduled time" of a process or thread */
    which->of_thread = (clock & 4) != 0;
    which->id = (int)~(unsigned)(clock >> 3);
    if (which->id == 0)
        which->id = which->of_thread ? current_thread()->tid : current_task->process->pid;
    if (which->of_thread) {               /* a thread's clock: of the caller's threads only (Linux) */
        struct thread *thread = thread_find(which->id);
        return thread && thread->task.process == current_task->process ? 0 : -EINVAL;
    }
    uint64_t unused;
    return cpu_clock_read(which, &unused);
}

void cpu_clock_bind(struct cpu_clock *which)
{
    if (which->of_thread) {
        struct thread *thread = thread_find(which->id);
        which->serial = thread ? thread->task.id : 0;
    } else {
        struct process *process = process_find(which->id);
        which->serial = process ? process->serial : 0;
    }
}

int cpu_clock_read(const struct cpu_clock *which, uint64_t *ns)
{
    if (which->of_thread) {
        struct thread *thread = thread_find(which->id);
        if (!thread || (which->serial && thread->task.id != which->serial))
            return -EINVAL;
        *ns = task_cpu_time_ns(&thread->task);
        return 0;
    }
    struct process *process = process_find(which->id);
    if (!process || process->state != PROCESS_ALIVE || (which->serial && process->serial != which->serial))
        return -EINVAL;
    *ns = rusage_cpu_time_ns(process);
    return 0;
}

int clock_read_ns(int clock, uint64_t *ns)
{
    if (clock == CLOCK_MONOTONIC) {
        *ns = clock_now_ns();
        return 0;
    }
    if (clock == CLOCK_REALTIME) {
        *ns = (uint64_t)clock_realtime_ns();   /* never negative */
        return 0;
    }
    struct cpu_clock which;
    int status = cpu_clock_decode(clock, &which);
    return status < 0 ? status : cpu_clock_read(&which, ns);
}
