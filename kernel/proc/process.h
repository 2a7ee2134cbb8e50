/* kernel/proc/process.h - processes: a task plus an address space, open
 * files, a parent and children.
 *
 * Life of a process: created by fork (or, for pid 1, by process_start_init),
 * its image replaced by exec; exit releases its memory and files and leaves a
 * zombie holding the exit status; the parent's wait reaps the zombie. Orphans
 * are handed to pid 1, which reaps them. */
#ifndef KERNEL_PROC_PROCESS_H
#define KERNEL_PROC_PROCESS_H

#include <stdint.h>

#include "fs/file.h"
#include "sched/wait_queue.h"
#include "ipc/signal_pending.h"
#include "rusage.h"
#include "uapi/limits.h"
#include "uapi/resource.h"
#include "uapi/signal.h"

#define MAX_PROCESSES 64              /* the process table: fork beyond it gets EAGAIN */
#define PATH_MAX_LENGTH 256

struct address_space;
struct posix_timer;
struct sysv_sem_undo;
struct thread;

enum process_state {
    PROCESS_FREE,                     /* a table slot nobody uses */
    PROCESS_ALIVE,
    PROCESS_ZOMBIE,                   /* exited, status not yet collected */
};

/* How many threads of a process may wait in sigwaitinfo without the big
 * lock at once (signal_without_big_lock.c); a further one waits with it. */
#define SIGWAITERS_WITHOUT_BIG_LOCK 4

struct process {
    int pid;
    uint32_t serial;                  /* this process alone, never reused (a pid is): cpu_clock_bind */
    uint64_t start_ns;                /* made at this clock_now_ns (/proc/PID/stat's starttime) */
    enum process_state state;
    char name[16];
    struct thread *threads;           /* through next_in_process (thread.h); NULL once exited */
    unsigned thread_count;
    int exiting;                      /* exit, a fatal signal or exec: threads are ending */
    struct thread *survivor;          /* ... all but this one (exec's caller), or all */
    struct wait_queue threads_changed;/* exec waits here for the other threads to end */
    struct address_space *address_space;
    struct process *parent;
    struct process *first_child;      /* children through next_sibling */
    struct process *next_sibling;
    struct thread *parent_thread;     /* of `parent`, whose child it is (waitpid's __WNOTHREAD) */
    struct thread *vfork_parent;      /* a vfork child: the thread that waits while it borrows
                                       * the parent's memory, until its exec or exit (fork.c) */
    struct wait_queue child_changed;  /* the parent waits here in waitpid */
    int wait_status;                  /* for the parent, once a zombie */
    int process_group;
    int session;
    int named_a_group;                /* a group or session was named after it (setpgid, setsid):
                                       * process_free looks whether it outlives it */
    int parent_death_signal;          /* prctl(PR_SET_PDEATHSIG): sent when its parent ends; 0: none */
    int child_subreaper;              /* prctl(PR_SET_CHILD_SUBREAPER): adopts its descendants' orphans */
    struct file *files[MAX_OPEN_FILES];
    struct spinlock descriptors_lock; /* class "descriptors": several CPUs, around a change of
                                       * files[] (descriptor_set) and a look-up and hold without
                                       * the big lock in a process of several threads */
    unsigned files_end;               /* descriptors from here up are free: where fork, exit and exec stop looking */
    uint32_t close_on_exec[MAX_OPEN_FILES / 32];   /* one bit per descriptor: file.h's descriptor_close_on_exec */
    struct inode *cwd;                /* the working directory (counted in its open_count) */

    /* whom it runs as: real, effective and saved ids; 0 is root */
    unsigned uid, euid, suid;
    unsigned gid, egid, sgid;
    unsigned groups[KERNEL_NGROUPS_MAX];   /* supplementary groups (setgroups(2)) */
    unsigned group_count;
    unsigned umask;                   /* mode bits cleared from new objects (umask(2)) */
    struct kernel_rlimit limits[RLIMIT_COUNT];   /* getrlimit(2): fork and exec keep them */

    /* signals (kernel/ipc/signal.c); the masks are the threads' (thread.h).
     * On several CPUs signals_lock guards the pending sets (the process's
     * and its threads'), the queued count and the spares: a sender
     * without the big lock makes a signal pending under it alone
     * (signal_without_big_lock.c), everyone else under both. */
    struct spinlock signals_lock;     /* class "signals" */
    int signals_closed;               /* the process ended: nothing more becomes pending */
    struct signal_pending signals_pending;   /* sent to the process: any thread may take one */
    unsigned signals_queued;          /* real-time signals queued here and at its threads */
    struct queued_signal *spare_queued_signals;   /* entries kept for reuse (signal_pending.c) */
    struct kernel_sigaction signal_actions[NSIG];
    /* several CPUs: the threads in sigwaitinfo without the big lock
     * (signal_without_big_lock.c), each in a slot it took, or NULL */
    struct thread *sigwaiters[SIGWAITERS_WITHOUT_BIG_LOCK];
    int stopped;                      /* by SIGSTOP/SIGTSTP/...: waits for SIGCONT */
    struct wait_queue stopped_threads;/* ... its threads, here (signal.c, wait_while_stopped) */
    int stop_signal;
    int stop_reported;                /* waitpid(WUNTRACED) has seen this stop */
    int stop_announced;               /* no thread runs any more: the parent was told (signal.c) */
    int continued;                    /* SIGCONT ended a stop; waitpid(WCONTINUED) has not seen it */
    uint64_t alarm_deadline_ns;       /* 0: no alarm (alarm, ITIMER_REAL) */

    /* timers and CPU time (docs/timers.md): the POSIX timers it created
     * (kernel/ipc/posix_timer.c), ITIMER_REAL's period beside the alarm's
     * deadline above, and ITIMER_VIRTUAL and ITIMER_PROF, counted down
     * by the tick (kernel/sched/cpu_time.c). Neither fork nor exec passes on the POSIX
     * timers; exec keeps the interval timers, as on Linux. */
    struct posix_timer *posix_timers; /* through next_of_process */
    unsigned posix_timer_count;
    int next_posix_timer_id;
    uint64_t alarm_interval_ns;       /* ITIMER_REAL's it_interval; 0: once */
    struct cpu_itimer {
        uint64_t left_ns;             /* CPU time until it expires; 0: disarmed */
        uint64_t interval_ns;         /* reloaded with this; 0: once */
    } itimer_virtual, itimer_prof;

    /* resource use (getrusage(2), rusage.h); its live threads count their own */
    struct rusage_totals ended_threads;   /* its threads that have ended; maxrss: of address
                                           * spaces gone at exec or exit */
    struct rusage_totals children;        /* its children waited for, and theirs */

    struct sysv_sem_undo *sysv_sem_undo_list;   /* SEM_UNDO records, one per semaphore set (kernel/ipc/sysv_sem.c) */
};

/* The process with this pid (alive or zombie), or NULL. O(1): a pid lives
 * in slot pid % MAX_PROCESSES (process_allocate picks pids so). Inline:
 * every message and signal names a process by pid. */
extern struct process process_table[MAX_PROCESSES];
static inline struct process *process_find(int pid)
{
    if (pid <= 0)
        return 0;
    struct process *process = &process_table[(unsigned)pid % MAX_PROCESSES];
    return process->state != PROCESS_FREE && process->pid == pid ? process : 0;
}

/* The table entry at `slot` (0 .. MAX_PROCESSES-1), in use or not: for
 * walking every process (ps). */
struct process *process_slot(int slot);

/* A fresh table entry with a new pid, or NULL when the table is full. */
struct process *process_allocate(void);

/* Returns a reaped (or never started) entry to the table. */
void process_free(struct process *process);

/* Whether `id`, though no process has it as its pid, still names a
 * process group or session whose leader is gone: then it is not free for
 * a new process (thread_id_allocate), as Linux keeps a pid while a group
 * or session bears it. Context: the big lock. */
int process_id_names_a_group(int id);

/* How many table entries are in use (alive or zombie). */
unsigned process_count(void);

/* Starts pid 1 from `path` with the given arguments, descriptors 0-2 on
 * the console. Returns 0 or -errno. */
int process_start_init(const char *path, const char *const *arguments);

/* Creates the first thread of `process` (tid = pid), which runs in user
 * mode from `frame`. */
struct trap_frame;
int process_create_task(struct process *process, const struct trap_frame *frame);

/* Ends the running process with `wait_status` (see uapi/wait.h): every
 * thread ends, the last one out frees the process's memory and files and
 * leaves the zombie. Never returns. */
void process_exit(int wait_status) __attribute__((noreturn));

/* The other threads of the running process end (exec does this first);
 * returns 0 once the caller is the only one, or -EINTR if the process is
 * ending meanwhile. Context: a system call; sleeps. */
int process_end_other_threads(void);

/* The last thread of `process` has left it (thread_exit_current): free its
 * memory and files and leave the zombie. Never returns. */
void process_exit_last_thread(struct process *process) __attribute__((noreturn));

/* A vfork child stops borrowing its parent's memory (its exec has given
 * it its own, or it is exiting): the parent's thread waiting in vfork
 * goes on. Nothing for any other process. Context: a system call. */
void fork_vfork_release(struct process *child);

/* `thread` is ending while its process goes on: its children become the
 * children of the process's first other thread (as Linux gives them to a
 * live thread of the group), for waitpid's __WNOTHREAD (wait.c).
 * Context: kernel lock held, `thread` already off the process's list. */
void wait_thread_ended(struct thread *thread);

/* Where exec gets programs: the regular file at `path`, or -ENOENT/-EACCES. */
struct inode;
int process_read_program(const char *path, struct inode **program);

#endif
