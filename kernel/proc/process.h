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
#include "ipc/msg.h"
#include "sched/wait_queue.h"
#include "uapi/signal.h"

#define MAX_PROCESSES 64              /* the process table: fork beyond it gets EAGAIN */
#define PATH_MAX_LENGTH 256

struct address_space;
struct sysv_sem_undo;
struct task;

enum process_state {
    PROCESS_FREE,                     /* a table slot nobody uses */
    PROCESS_ALIVE,
    PROCESS_ZOMBIE,                   /* exited, status not yet collected */
};

struct process {
    int pid;
    enum process_state state;
    char name[16];
    struct task *task;                /* NULL once it has exited */
    struct address_space *address_space;
    struct process *parent;
    struct process *first_child;      /* children through next_sibling */
    struct process *next_sibling;
    struct wait_queue child_changed;  /* the parent waits here in waitpid */
    int wait_status;                  /* for the parent, once a zombie */
    int process_group;
    int session;
    struct file *files[MAX_OPEN_FILES];
    uint32_t close_on_exec;           /* one bit per descriptor */
    struct inode *cwd;                /* the working directory (counted in its open_count) */

    /* signals (kernel/ipc/signal.c): one bit per signal, bit N-1 for N */
    uint32_t signals_pending;
    uint32_t signals_blocked;
    uint32_t blocked_before_suspend;  /* sigsuspend's mask is temporary ... */
    int restore_blocked_after_signal; /* ... and this says to put this one back */
    struct kernel_sigaction signal_actions[NSIG];
    int stopped;                      /* by SIGSTOP/SIGTSTP/...: waits for SIGCONT */
    int stop_signal;
    int stop_reported;                /* waitpid(WUNTRACED) has seen this stop */
    int continued;                    /* SIGCONT ended a stop; waitpid(WCONTINUED) has not seen it */
    uint64_t alarm_deadline_ns;       /* 0: no alarm */
    uint64_t sleep_resume_deadline_ns;/* nanosleep interrupted and restarted: its deadline */
    /* A system call that returns -ERESTART* keeping state for its restart
     * (nanosleep's deadline, msg_call's sent call) names here what to
     * forget if a handler ends it with EINTR instead; signal.c calls it
     * then, and clears it either way (as Linux's restart_block). */
    void (*abandon_interrupted_call)(struct process *process);

    struct msg_port msg_port; /* direct messages (kernel/ipc/msg.c) */
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

/* How many table entries are in use (alive or zombie). */
unsigned process_count(void);

/* Starts pid 1 from `path` with the given arguments, descriptors 0-2 on
 * the console. Returns 0 or -errno. */
int process_start_init(const char *path, const char *const *arguments);

/* Creates the kernel task that runs `process` in user mode from `frame`. */
struct trap_frame;
int process_create_task(struct process *process, const struct trap_frame *frame);

/* Ends the running process with `wait_status` (see uapi/wait.h).
 * Never returns. */
void process_exit(int wait_status) __attribute__((noreturn));

/* Where exec gets programs: the regular file at `path`, or -ENOENT/-EACCES. */
struct inode;
int process_read_program(const char *path, struct inode **program);

#endif
