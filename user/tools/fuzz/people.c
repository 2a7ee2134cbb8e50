/* user/tools/fuzz/people.c - processes and System V ids as arguments: whom a
 * fuzzer may wait for, signal, message or regroup, and the ids it made.
 *
 * Never a target: pid 1, kill(-1, ...), the supervisor, the ticker, or
 * one's own parent. A worker puts itself in a process group of its own
 * first, so kill(0, ...) never reaches the supervisor or init; groups given
 * to setpgid come from the fuzzers' own pids or from numbers no process has. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <uapi/syscall.h>

#include "fuzz.h"

struct child { int pid; int risky; uint32_t started_ms; int kill_after; };
static struct child children[CHILDREN_MAX];
static int dead_pids[8];
static unsigned dead_next;
static int local_ids[3][8];

/* The signals a kernel bug would show as. Not SIGBUS: a worker's named
 * semaphore lives in a mapped file of /dev/shm that another worker may
 * truncate (path_for_change), and touching a mapped page past a file's end
 * is SIGBUS by POSIX's rule (mmap(2)): the fuzzers' own doing. */
#define FAULT_SIGNALS ((1u << (SIGSEGV - 1)) | (1u << (SIGILL - 1)) | \
                       (1u << (SIGFPE - 1)) | (1u << (SIGTRAP - 1)) | (1u << (SIGSYS - 1)))

/* Signals any fuzzing process may receive without being wrecked: handled,
 * ignored by default, or stops that the ticker undoes with SIGCONT. */
static const uint32_t gentle_signals[] = {
    0, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
};
#define GENTLE_COUNT (sizeof gentle_signals / sizeof gentle_signals[0])

static int self(void)
{
    return (int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

static int parent(void)
{
    return (int)raw_syscall(SYS_getppid, 0, 0, 0, 0, 0, 0);
}

/* Never messaged, waited on or signalled: init, the supervisor, the
 * ticker, and whatever is not ours (pids from PID_LIMIT on exist nowhere). */
static int outsider(int pid)
{
    return pid == 1 || pid == shared->supervisor_pid || pid == shared->ticker_pid ||
           (pid > 0 && pid < PID_LIMIT && !pid_is_ours(pid));
}

static int forbidden_target(int pid)
{
    return pid == -1 || outsider(pid) || pid == parent();
}

static int some_child(void)
{
    int candidates[CHILDREN_MAX], count = 0;
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (children[i].pid)
            candidates[count++] = children[i].pid;
    return count ? candidates[below(count)] : 0;
}

static int some_worker(void)
{
    int pid = shared->worker_pids[below(shared->workers)];
    return pid > 0 ? pid : self();
}

static int some_dead(void)
{
    int pid = dead_pids[below(8)];
    return pid ? pid : PID_LIMIT + (int)below(2000);
}

int pid_any(void)
{
    int pid;
    switch (below(10)) {
    case 0: case 1: pid = some_child(); break;
    case 2: pid = some_worker(); break;
    case 3: pid = self(); break;
    case 4: pid = some_dead(); break;
    case 5: pid = (int)PICK(0, (uint32_t)-1, (uint32_t)-2, 0x80000000, 0x7fffffff, 32767, 32768, 64, 65);
            break;
    case 6: pid = -(int)below(40000); break;
    case 7:
        if ((pid = thread_tid_any()))
            return pid;                     /* a thread of ours where a pid belongs */
        break;
    default: pid = chance(50) ? some_child() : some_worker(); break;
    }
    if (pid == 0 && chance(50))
        pid = self();
    /* a message to the supervisor would stay in its inbox; -1 only where harmless */
    if (pid > 0 && outsider(pid))
        pid = self();
    return pid;
}

static void note_signal(int pid, int signal)
{
    struct process_record *record = record_of(pid);
    if (record && signal > 0 && signal < 32)
        atomic_or(&record->signals_sent, 1u << (signal - 1));
}

int pid_for_kill(int *signal)
{
    int pid;
    unsigned roll = below(100);
    if (roll < 40 && (pid = some_child())) {
        *signal = chance(90) ? (int)below(32) : (int)PICK(32, 33, 64, (uint32_t)-1, 0x80000000);
    } else if (roll < 55) {
        pid = some_worker();
        *signal = (int)gentle_signals[below(GENTLE_COUNT)];
    } else if (roll < 65) {
        pid = self();
        *signal = risky_mode ? (int)below(32) : (int)gentle_signals[below(GENTLE_COUNT)];
    } else if (roll < 80) {
        pid = chance(50) ? 0 : -(int)raw_syscall(SYS_getpgid, 0, 0, 0, 0, 0, 0);
        *signal = (int)gentle_signals[below(GENTLE_COUNT)];
    } else if (roll < 90) {
        pid = some_dead();
        *signal = (int)below(34);
    } else {
        pid = -(int)(50000 + below(1000));   /* a group nobody is in: setpgid never makes these */
        *signal = (int)below(34);
    }
    int supervisor_group = (int)raw_syscall(SYS_getpgid, shared->supervisor_pid, 0, 0, 0, 0, 0);
    if (pid == -1 || (pid > 0 && forbidden_target(pid)) || (pid < -1 && (-pid == shared->supervisor_pid ||
                                                                      -pid == supervisor_group))) {
        pid = self();
        *signal = (int)gentle_signals[below(GENTLE_COUNT)];
    }
    if (pid == 0 && (int)raw_syscall(SYS_getpgid, 0, 0, 0, 0, 0, 0) == supervisor_group)
        pid = self();                       /* in the supervisor's group: kill(0) would reach it */
    /* a child's group is its parent's until it moves: kill(0) would reach it */
    if (child_mode && pid <= 0 &&
        (pid == 0 ? (int)raw_syscall(SYS_getpgid, 0, 0, 0, 0, 0, 0) : -pid) ==
        (int)raw_syscall(SYS_getpgid, parent(), 0, 0, 0, 0, 0))
        pid = self();
    /* a risky child notes signals in its private copy of the shared page
     * set, where nobody would see them: it signals only itself */
    if (risky_mode && pid != self() && (pid <= 0 || pid < PID_LIMIT))
        pid = self();
    if (pid > 0)
        note_signal(pid, *signal);
    return pid;
}

int group_any(void)
{
    int group;
    switch (below(8)) {
    case 0: group = 0; break;
    case 1: group = self(); break;
    case 2: group = some_child(); break;
    case 3: group = some_worker(); break;
    case 4: group = 40000 + (int)below(1000); break;
    case 5: group = (int)PICK((uint32_t)-1, 0x80000000, 0x7fffffff); break;
    default: group = (int)raw_syscall(SYS_getpgid, 0, 0, 0, 0, 0, 0); break;
    }
    int supervisor_group = (int)raw_syscall(SYS_getpgid, shared->supervisor_pid, 0, 0, 0, 0, 0);
    if (group == 1 || group == shared->supervisor_pid || group == supervisor_group)
        group = self();
    return group;
}

/* ---- children ---------------------------------------------------------------- */

static uint32_t now_ms(void)
{
    struct timespec now;
    raw_syscall(SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, (long)&now, 0, 0, 0, 0);
    return (uint32_t)now.tv_sec * 1000u + (uint32_t)now.tv_nsec / 1000000u;
}

void child_started(int pid, int risky)
{
    register_process(pid, risky ? KIND_RISKY : KIND_CHILD);
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (!children[i].pid) {
            /* a third die by SIGKILL after a few of our calls: in the middle
             * of whatever they are doing (exit mid-call) */
            children[i] = (struct child){ pid, risky, now_ms(), chance(33) ? 1 + (int)below(20) : -1 };
            return;
        }
}

/* A new child knows none of its parent's children as its own. */
void children_forget(void)
{
    memset(children, 0, sizeof children);
}

/* Counts down the children's kill_after, and kills those at zero. */
void kill_children_on_schedule(void)
{
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (children[i].pid && children[i].kill_after > 0 && --children[i].kill_after == 0) {
            note_signal(children[i].pid, SIGKILL);
            raw_syscall(SYS_kill, children[i].pid, SIGKILL, 0, 0, 0, 0);
        }
}

/* Children older than `age_ms` (or all, with 0) get SIGKILL, often in the
 * middle of a call: exit mid-call. */
void kill_children_older_than(uint32_t age_ms)
{
    uint32_t now = now_ms();
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (children[i].pid && now - children[i].started_ms >= age_ms) {
            note_signal(children[i].pid, SIGKILL);
            raw_syscall(SYS_kill, children[i].pid, SIGKILL, 0, 0, 0, 0);
        }
}

void child_gone(int pid)
{
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (children[i].pid == pid)
            children[i].pid = 0;
    dead_pids[dead_next++ % 8] = pid;
}

int child_count(void)
{
    int count = 0;
    for (int i = 0; i < CHILDREN_MAX; i++)
        count += children[i].pid != 0;
    return count;
}

static int is_risky(int pid)
{
    for (int i = 0; i < CHILDREN_MAX; i++)
        if (children[i].pid == pid)
            return children[i].risky;
    struct process_record *record = record_of(pid);
    return record && record->kind == KIND_RISKY;
}

/* A death is unexpected when a signal that only a fault raises killed a
 * process that did nothing to itself on purpose and that no fuzzer sent
 * that signal: the kernel answered a bad argument by killing the caller. */
int check_wait_status(int pid, int status, const char *who)
{
    if (!WIFSIGNALED(status))
        return 0;
    int signal = WTERMSIG(status);
    if (signal >= 32)
        return 0;                           /* a real-time signal: no fault's */
    uint32_t bit = 1u << (signal - 1);
    struct process_record *record = record_of(pid);
    if (!(bit & FAULT_SIGNALS) || is_risky(pid) || (record && (record->signals_sent & bit)) ||
        shared->low_memory)
        return 0;
    char why[96];
    snprintf(why, sizeof why, "(%s) was killed by signal %d, which no fuzzer sent it", who, signal);
    ring_print(pid, why);
    atomic_add(&shared->unexpected, 1);
    return 1;
}

void reap_children(int options)
{
    for (;;) {
        int status = 0;
        long pid = raw_syscall(SYS_waitpid, -1, (long)&status, options, 0, 0, 0);
        if (pid <= 0)
            return;
        if (WIFSTOPPED(status))
            continue;
        check_wait_status((int)pid, status, is_risky((int)pid) ? "a risky child" : "a child");
        child_gone((int)pid);
    }
}

/* ---- System V ids ---------------------------------------------------------- */

void ipc_id_created(enum registry_kind kind, long id)
{
    if (id < 0)
        return;
    local_ids[kind][below(8)] = (int)id;
    uint32_t index = atomic_add(&shared->id_counts[kind], 1);
    if (index < REGISTRY_MAX)
        shared->ids[kind][index] = (int)id;
}

int ipc_id_any(enum registry_kind kind)
{
    unsigned roll = below(100);
    uint32_t known = shared->id_counts[kind];
    if (known > REGISTRY_MAX)
        known = REGISTRY_MAX;
    if (roll < 45 && known)
        return shared->ids[kind][below(known)];
    if (roll < 75 && local_ids[kind][below(8)])
        return local_ids[kind][below(8)];
    if (roll < 85 && known)
        return shared->ids[kind][known - 1];
    return (int)PICK(0, 1, 31, 32, 33, (uint32_t)-1, 0x7fffffff, 0x80000000, 65536 + 5);
}

int ipc_key_any(void)
{
    switch (below(4)) {
    case 0: return 0;                                    /* IPC_PRIVATE */
    case 1: return (int)rng();
    default: return 0x46000000 + (int)(shared->seed % 4096) * 16 + (int)below(4);
    }
}
