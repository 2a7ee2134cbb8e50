/* user/tools/fuzz/worker.c - one fuzzing process: a worker started by the
 * supervisor, or a child a worker forked (a short burst of calls, then
 * exit), or a risky child (the same, but it may also wreck itself).
 *
 * Every wait must end: SIGALRM has our handler, without SA_RESTART, and is
 * never blocked, so the alarm armed before each call that may wait turns
 * the wait into EINTR; the ticker does the same sooner. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#define ALARM_BIT (1ull << (SIGALRM - 1))
#define CHILD_AGE_LIMIT_MS 3000     /* older children are killed, mid-call as it comes */

/* The signals a faulting instruction raises. Our handler returns, and the
 * instruction runs again: a process whose registers a forged sigreturn
 * wrecked (a risky child) would fault and be handled for ever, and if it
 * runs at a real-time priority, the tasks of its priority on its CPU,
 * among them the worker that would kill it, never run again. */
#define SYNCHRONOUS_FAULTS ((1u << (SIGSEGV - 1)) | (1u << (SIGBUS - 1)) | (1u << (SIGILL - 1)) | \
                            (1u << (SIGFPE - 1)) | (1u << (SIGTRAP - 1)))
#define FAULT_LOOP_LIMIT 1000       /* such signals caught while one call is made: a loop */

volatile uint32_t signals_caught;
static volatile uint32_t faults_this_call;
static int budget;                  /* a child's calls left */

static void install_handler(int signal, unsigned long handler, unsigned long flags)
{
    struct kernel_sigaction action = { .handler = handler, .flags = flags };
    raw_syscall(SYS_sigaction, signal, (long)&action, 0, 0, 0, 0);
}

/* Past the limit, the signal gets its default action back: the next
 * fault ends the process by that signal (the kernel forces a fault's
 * signal through a mask), and its death is judged as any other
 * (check_wait_status): a risky child's own doing, or a kernel bug. */
void fuzz_signal_handler(int signal);
void fuzz_signal_handler(int signal)
{
    signals_caught++;
    if (signal >= 1 && signal < 32 && (SYNCHRONOUS_FAULTS & (1u << (signal - 1))) &&
        ++faults_this_call > FAULT_LOOP_LIMIT)
        install_handler(signal, SIG_DFL_VALUE, 0);
}

static void install(int signal, unsigned long flags)
{
    install_handler(signal, (unsigned long)fuzz_signal_handler, flags);
}

void restore_invariants(void)
{
    install(SIGALRM, 0);
    install(SIGRTMIN, SA_SIGINFO);          /* sigqueue's favourites (calls_signal.c) */
    install(SIGRTMAX, 0);
    install(SIGIO, 0);                      /* signal-driven I/O's (fcntl O_ASYNC, calls_files.c) */
    uint64_t set = ALARM_BIT;
    raw_syscall(SYS_sigprocmask, SIG_UNBLOCK, (long)&set, 0, 0, 0, 0);
}

static int own_pid(void)
{
    return (int)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

void finish_process(int status)
{
    if (!child_mode) {
        kill_children_older_than(0);
        raw_syscall(SYS_alarm, 2, 0, 0, 0, 0, 0);
        reap_children(0);
    }
    struct process_record *record = record_of(own_pid());
    if (record)
        record->finished = 1;
    for (;;)
        raw_syscall(SYS_exit, status, 0, 0, 0, 0, 0);
}

/* The child side of a fuzzed fork: a generator of its own, derived from
 * its parent's, a short budget, and nobody else's children. */
void become_child(int risky)
{
    uint32_t derived = rng();
    child_mode = 1;
    risky_mode = risky;
    children_forget();
    threads_forget();
    register_process(own_pid(), risky ? KIND_RISKY : KIND_CHILD);
    if (risky) {
        /* A risky child may end up running its own code with garbage
         * registers (a forged sigreturn): it keeps a private copy of the
         * shared page set, so that it can wreck nobody's state but its own. */
        struct shared *copy = mmap(0, sizeof *shared, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (copy != MAP_FAILED) {
            memcpy(copy, shared, sizeof *shared);
            munmap(shared, sizeof *shared);
            shared = copy;
        }
    }
    rng_seed(shared->seed, derived, 0xc41d);
    budget = 5 + (int)below(150);
}

static void loop(void) __attribute__((noreturn));
static void loop(void)
{
    for (unsigned n = 0;; n++) {
        if (shared->stop)
            finish_process(0);
        if (child_mode) {
            if (budget-- <= 0)
                finish_process((int)below(3));
        } else {
            if (shared->calls_made >= shared->count)
                finish_process(0);
            kill_children_on_schedule();
            if (n % 8 == 0) {
                reap_children(WNOHANG);
                kill_children_older_than(CHILD_AGE_LIMIT_MS);
            }
        }
        threads_reap();
        faults_this_call = 0;
        fuzz_one_call();
    }
}

/* Descriptors 0-2 become /dev/null (the fuzzer writes garbage to whatever
 * it holds); REPORT_FD stays the console, and no generator names it. */
static void quiet_descriptors(void)
{
    int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; fd++)
        if (null >= 0 && fd != null)
            dup2(null, fd);
    if (null > 2)
        close(null);
    for (int fd = 0; fd < 3; fd++)
        fd_opened(fd, FD_DEVICE);
}

void worker_main(unsigned slot, unsigned generation)
{
    worker_slot = (int)slot;
    int pid = own_pid();
    rng_seed(shared->seed, slot, generation);
    raw_syscall(SYS_setpgid, 0, 0, 0, 0, 0, 0);   /* kill(0, ...) reaches only our own */
    register_process(pid, KIND_WORKER);
    shared->worker_pids[slot] = pid;
    install(SIGALRM, 0);
    install(SIGUSR1, SA_RESTART);
    install(SIGUSR2, 0);
    install(SIGCHLD, SA_RESTART);
    install(SIGPIPE, 0);
    mkdir(FUZZ_DIRECTORY, 0777);
    mkdir(HOME_FUZZ_DIRECTORY, 0777);
    pools_init((int)slot);
    quiet_descriptors();
    loop();
}
