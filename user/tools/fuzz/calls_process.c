/* user/tools/fuzz/calls_process.c - generators for processes and time
 * (signals: calls_signal.c). Only a risky child execs what it finds. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <uapi/syscall.h>
#include <uapi/time.h>
#include <unistd.h>

#include "fuzz.h"

static void after_fork(struct call *call, long result)
{
    if (result == 0)
        become_child((int)call->aux);
    else if (result > 0)
        child_started((int)result, (int)call->aux);
}

static void make_fork(struct call *call)
{
    if (child_mode || child_count() >= CHILDREN_MAX)
        return;                             /* declined: another generator is chosen */
    set_call(call, SYS_fork, "fork", 0);
    call->aux = chance(35);                 /* a risky child */
    call->after = after_fork;
}

static char *exec_arguments[8], *exec_environment[4], *too_many[1100];
static char exec_status[4];

static long good_arguments(void)
{
    exec_arguments[0] = "fuzz";
    exec_arguments[1] = "--exit";
    exec_status[0] = (char)('0' + below(4));
    exec_arguments[2] = exec_status;
    exec_arguments[3] = 0;
    return chance(92) ? (long)exec_arguments : 0;   /* NULL: no arguments at all */
}

static long bad_arguments(void)
{
    switch (below(3)) {
    case 0:
        exec_arguments[0] = "fuzz";
        exec_arguments[1] = (char *)bad_pointer();
        exec_arguments[2] = 0;
        return (long)exec_arguments;
    case 1:
        return (long)bad_pointer();
    default:                                /* more strings than the kernel takes: E2BIG */
        for (int i = 0; i < 1099; i++)
            too_many[i] = "x";
        too_many[1099] = 0;
        return (long)too_many;
    }
}

static long environment(int bad)
{
    exec_environment[0] = "PATH=/bin";
    exec_environment[1] = bad && chance(50) ? (char *)bad_pointer() : 0;
    exec_environment[2] = 0;
    if (bad && !exec_environment[1])
        return (long)bad_pointer();
    return chance(90) ? (long)exec_environment : 0;
}

/* A worker's exec must fail, so its path is one that cannot run (and the
 * kernel must find that out whatever the arguments); a child's may run
 * /bin/true or /bin/fuzz --exit N; a risky child's may run whatever the
 * fuzzers left in /tmp/fuzz or /home/fuzz. */
static void make_execve(struct call *call)
{
    static char path[512];
    unsigned roll = below(100);
    if (child_mode && roll < 30)
        strcpy(path, "/bin/true");
    else if (child_mode && roll < 40)
        strcpy(path, "/bin/fuzz");
    else if (risky_mode && roll < 55)
        path_for_change(path);
    else
        strcpy(path, (const char *)PICK((uint32_t)"/nonexistent", (uint32_t)"/bin", (uint32_t)"/dev/null",
                                        (uint32_t)"", (uint32_t)"/bin/true/", (uint32_t)"/tmp",
                                        (uint32_t)"/dev/zero/x"));
    long argv = chance(30) ? bad_arguments() : good_arguments();
    long envp = environment(chance(15));
    long path_pointer = chance(8) ? (long)bad_pointer() : (long)path;
    set_call(call, SYS_execve, "execve", 3, path_pointer, argv, envp);
}

static void after_wait(struct call *call, long result)
{
    if (result <= 0)
        return;
    if (call->aux && !WIFSTOPPED(*(int *)call->args[1]))
        check_wait_status((int)result, *(int *)call->args[1], "a child");
    if (!call->aux || !WIFSTOPPED(*(int *)call->args[1]))
        child_gone((int)result);
}

static void make_waitpid(struct call *call)
{
    long status;
    if (chance(80)) {
        status = (long)safe_buffer(4);
        *(int *)status = 0;
        call->aux = 1;
    } else {
        status = chance(50) ? 0 : (long)bad_pointer();
    }
    set_call(call, SYS_waitpid, "waitpid", 3, (long)pid_any(), status,
             (long)(chance(60) ? WNOHANG : any_flags(WNOHANG | WUNTRACED)));
    call->may_block = 1;
    call->after = after_wait;
}

static void make_identity(struct call *call)
{
    switch (below(5)) {
    case 0: set_call(call, SYS_getpid, "getpid", 3, (long)rng(), (long)rng(), (long)rng()); break;
    case 1: set_call(call, SYS_getppid, "getppid", 0); break;
    case 2: set_call(call, SYS_sched_yield, "sched_yield", 0); break;
    case 3: set_call(call, SYS_getpgid, "getpgid", 1, (long)pid_any()); break;
    default: set_call(call, SYS_setsid, "setsid", 0); break;
    }
}

/* prctl (kernel/proc/prctl.c): a parent-death signal only of those a
 * worker catches (restore_invariants) or a bad one; a subreaper on or
 * off (the worker reaps whatever comes to it); names good, long, bad. */
static void make_prctl(struct call *call)
{
    switch (below(7)) {
    case 0:
        set_call(call, SYS_prctl, "prctl", 2, 1 /* PR_SET_PDEATHSIG */,
                 (long)PICK(0, SIGALRM, SIGRTMIN, SIGRTMAX, SIGIO, 65, (uint32_t)-1, rng()));
        break;
    case 1:
        set_call(call, SYS_prctl, "prctl", 2, 2 /* PR_GET_PDEATHSIG */,
                 (long)(chance(80) ? safe_buffer(16) : bad_pointer()));
        break;
    case 2:
        set_call(call, SYS_prctl, "prctl", 2, 15 /* PR_SET_NAME */, (long)(chance(80) ? in_pointer(16) : bad_pointer()));
        break;
    case 3:
        set_call(call, SYS_prctl, "prctl", 2, 16 /* PR_GET_NAME */,
                 (long)(chance(80) ? safe_buffer(16) : bad_pointer()));
        break;
    case 4:
        set_call(call, SYS_prctl, "prctl", 2, 36 /* PR_SET_CHILD_SUBREAPER */, (long)PICK(0, 1, rng()));
        break;
    case 5:
        set_call(call, SYS_prctl, "prctl", 2, 37 /* PR_GET_CHILD_SUBREAPER */,
                 (long)(chance(80) ? safe_buffer(16) : bad_pointer()));
        break;
    default:
        set_call(call, SYS_prctl, "prctl", 5, (long)rng(), (long)rng(), (long)rng(), (long)rng(), (long)rng());
        break;
    }
}

static void make_setpgid(struct call *call)
{
    long pid = chance(50) ? 0 : (long)pid_any();
    set_call(call, SYS_setpgid, "setpgid", 2, pid, (long)group_any());
}

static void make_brk(struct call *call)
{
    uint32_t now = (uint32_t)raw_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
    uint32_t value = PICK(0, now, now + below(65536), now - below(65536), now + 4096, now + (1u << 20),
                          0x08048000, 0xbf7ff000, 0xc0000000, 0x7fffffff, rng());
    if (chance(3))
        value = PICK(0xfffff001, 0xffffffff, 0xfffffffe);   /* the page-rounding edge */
    set_call(call, SYS_brk, "brk", 1, (long)value);
}

struct timespec *some_timespec(void)
{
    struct timespec *time = (struct timespec *)safe_buffer(sizeof *time);
    time->tv_sec = (long)PICK(0, 0, 0, 1, 2, (uint32_t)-1, 0x7fffffff);
    time->tv_nsec = (long)PICK(0, 1, 1000000, 20000000, 999999999, 1000000000, (uint32_t)-1, rng());
    return time;
}

static void make_nanosleep(struct call *call)
{
    uint32_t size = sizeof(struct timespec);
    long request = chance(85) ? (long)some_timespec() : (long)bad_pointer();
    long remaining = chance(30) ? 0 : (long)out_pointer(&size);
    if (size < sizeof(struct timespec))
        remaining = 0;
    set_call(call, SYS_nanosleep, "nanosleep", 2, request, remaining);
    call->may_block = 1;
}

static void make_clock_gettime(struct call *call)
{
    uint32_t size = sizeof(struct timespec);
    uint32_t buffer = out_pointer(&size);
    if (size < sizeof(struct timespec))
        buffer = bad_pointer();
    set_call(call, SYS_clock_gettime, "clock_gettime", 2, (long)PICK(0, 1, 1, 2, 7, (uint32_t)-1), (long)buffer);
}

/* The clock may go anywhere, to the Epoch and the seconds after it too: a
 * file deleted then must still be dead to e2fsck, whose check of the disk
 * reads a deletion time of 0 as none and one below the inode count as a
 * link of the orphan list (kernel/fs/ext2/ext2_inode.c, deletion_time). */
static void make_clock_settime(struct call *call)
{
    long clock = (long)PICK(0, 0, 0, 1, 7, (uint32_t)-1);
    struct timespec *time = some_timespec();
    if (clock == CLOCK_REALTIME && chance(60))
        time->tv_sec = (long)PICK(100, 1u << 20, 1000000000, 0x7ffffff0, 0x80000000);
    set_call(call, SYS_clock_settime, "clock_settime", 2, clock, chance(85) ? (long)time : (long)bad_pointer());
}

static void make_kill(struct call *call)
{
    int signal;
    int pid = pid_for_kill(&signal);
    set_call(call, SYS_kill, "kill", 2, (long)pid, (long)signal);
}

/* Risky children only: /bin/true with its ELF header or program headers
 * changed in a field or two, written to /tmp/fuzz and exec'd. The loader
 * must refuse what it cannot load (ENOEXEC, ENOMEM) and survive what it
 * can: segments at 0, in the kernel half, overlapping, larger in the file
 * than in memory, huge; program headers past the end of the file; any
 * entry point. A mutant that runs is this risky child's own business. */
static const uint32_t interesting[] = {
    0, 1, 0x1000, 0xfff, 0x08048000, 0x08049000, 0xbffff000, 0xc0000000, 0xffffffff, 0x7fffffff,
    0x80000000, 0x100000, 0x2000000, 16, 17, 0xffff,
};

static long call_exec_mutant(struct call *call)
{
    static uint8_t image[28 * 1024];
    static char path[48];
    for (int fd = 24; fd < REPORT_FD; fd++)     /* room in a table the fuzzing filled */
        close(fd);
    int fd = open("/bin/true", O_RDONLY);
    int size = fd < 0 ? -1 : (int)read(fd, image, sizeof image);
    if (fd >= 0)
        close(fd);
    if (size < 256)
        return -1;
    for (long k = 0; k < call->args[0]; k++) {
        /* a 32-bit field of the ELF header (entry, phoff, ...) or of one of
         * the first four program headers (type, offset, vaddr, sizes, flags) */
        static const uint8_t header_fields[] = { 24, 28, 40, 44 };
        uint32_t field = chance(40) ? header_fields[below(4)] : 52 + 32 * below(4) + 4 * below(7);
        uint32_t value = interesting[below(sizeof interesting / sizeof interesting[0])];
        if (field == 44 || field == 40)     /* e_phentsize and e_phnum share this word */
            value = (value & 0xffff) | ((uint32_t)(chance(50) ? 32 : below(64)) << 16);
        memcpy(image + field, &value, 4);
    }
    snprintf(path, sizeof path, FUZZ_DIRECTORY "/mutant.%d", getpid());
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0)
        return -1;
    int wrote = (int)write(fd, image, (size_t)size);
    close(fd);
    if (wrote != size)
        return -1;
    char *argv[] = { "mutant", 0 };
    return execve(path, argv, 0);           /* comes back only when the kernel refused it */
}

static void make_exec_mutant(struct call *call)
{
    if (!risky_mode)
        return;
    set_call(call, 0, "exec_mutant", 1, (long)(1 + below(3)));
    call->function = call_exec_mutant;
}

/* vfork's whole life (kernel/proc/fork.c): the child runs on this
 * worker's memory and stack while the worker waits, so it touches
 * neither: every choice is made before, and it never returns from here.
 * It makes a few calls, perhaps vforks a grandchild of its own, and ends
 * one of four ways: an exec that fails (ENOENT, EFAULT) and then _exit,
 * an exec of /bin/fuzz --exit N, _exit, or its own SIGKILL. Each of them
 * must let the worker go on; the worker then reaps the child (the alarm
 * may end that wait: init reaps it later). Only SIGKILL ends the
 * worker's wait for the child (vfork(2)), so the child counts itself
 * among ours first: a wait of its own (a write into a full pipe the
 * worker reads) then gets the ticker's SIGALRM, and the last sweep's
 * SIGKILL reaches it too. */
static long churn_vfork(struct call *call)
{
    static char *const fuzz_arguments[] = { "fuzz", "--exit", "3", 0 };
    long ending = (long)below(4), calls = (long)below(4), nested = chance(20), status = 0;
    long fd = fd_any();
    long bad_path = (long)(chance(50) ? (const char *)"/nonexistent/vforked" : (const char *)bad_pointer());
    long pid = vfork();
    if (pid == 0) {
        pid_mark_ours((int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0));
        for (long i = 0; i < calls; i++) {
            raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
            raw_syscall(SYS_write, fd, (long)"v", 1, 0, 0, 0);
        }
        if (nested) {
            long grandchild = vfork();
            if (grandchild == 0) {
                pid_mark_ours((int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0));
                raw_syscall(SYS_exit, 7, 0, 0, 0, 0, 0);
            }
            if (grandchild > 0)
                raw_syscall(SYS_wait4, grandchild, 0, 0, 0, 0, 0);
        }
        if (ending == 0)
            raw_syscall(SYS_execve, bad_path, (long)fuzz_arguments, 0, 0, 0, 0);
        else if (ending == 1)
            raw_syscall(SYS_execve, (long)"/bin/fuzz", (long)fuzz_arguments, 0, 0, 0, 0);
        else if (ending == 2)
            raw_syscall(SYS_kill, raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), SIGKILL, 0, 0, 0, 0);
        raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
    }
    (void)call;
    if (pid > 0)
        raw_syscall(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
    return pid;
}

static void make_vfork_churn(struct call *call)
{
    set_call(call, SYS_vfork, "vfork_churn", 0);
    call->function = churn_vfork;
    call->may_block = 1;                    /* the wait for the child */
}

/* Children only: the end, mid-way through their burst. */
static void make_exit(struct call *call)
{
    if (!child_mode || chance(70))
        return;
    set_call(call, SYS_exit, "exit", 1, (long)PICK(0, 1, 255, 256, (uint32_t)-1));
}

const struct generator process_generators[] = {
    { make_fork, 6 }, { make_execve, 4 }, { make_waitpid, 6 }, { make_identity, 4 }, { make_setpgid, 2 },
    { make_brk, 3 }, { make_nanosleep, 2 }, { make_clock_gettime, 2 }, { make_clock_settime, 1 }, { make_kill, 8 },
    { make_exec_mutant, 2 }, { make_exit, 2 }, { make_prctl, 2 }, { make_vfork_churn, 1 },
};
const unsigned process_generator_count = sizeof process_generators / sizeof process_generators[0];
