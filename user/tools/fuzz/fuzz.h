/* user/tools/fuzz/fuzz.h - the system-call fuzzer's shared parts
 * (docs/robustness.md).
 *
 *   supervisor (fuzz SEED COUNT)                 shared page set (MAP_SHARED)
 *     |-- ticker: pokes processes blocked too long    +-------------------------+
 *     |-- worker 0 --+-- child (short fuzz burst)     | calls made, stop, faults |
 *     |-- worker 1   +-- risky child (may die)        | slot[pid % 64]: pid,     |
 *     |-- ...                                         |   kind, signals sent,    |
 *                                                     |   ring of its last calls |
 *                                                     | ids and pids created     |
 *                                                     +-------------------------+
 * Every fuzzing process draws its calls from its own generator, seeded from
 * SEED, its worker slot and its generation, so a seed names the sequence of
 * calls each process makes. The kernel's process table slot of a pid is
 * pid % 64 and a zombie keeps its slot until reaped, so the ring of a dead
 * process is still intact when its parent reaps it and reads it. */
#ifndef USER_FUZZ_FUZZ_H
#define USER_FUZZ_FUZZ_H

#include <stdint.h>

#define PROCESS_SLOTS   64        /* the kernel's process table (kernel/proc/process.h) */
#define WORKERS_MAX     8
#define RING_ENTRIES    32        /* the last calls kept per process */
#define RING_LINE       120       /* one call as text */
#define REGISTRY_MAX    256       /* System V ids remembered for clean-up, per kind */
#define PID_LIMIT       32768     /* pids stay below this (PID_MAX 32767) */
#define REPORT_FD       31        /* the console, kept out of the fuzzer's hands */
#define CHILDREN_MAX    6         /* children a worker keeps at once */
#define FUZZ_DIRECTORY  "/tmp/fuzz"  /* in memory */
#define HOME_FUZZ_DIRECTORY "/home/fuzz"   /* on the disk when /home is mounted (calls_disk.c) */
#define NAME_POOL       6         /* mailbox and POSIX names per run */

enum process_kind { KIND_NONE, KIND_WORKER, KIND_CHILD, KIND_RISKY };

struct ring {
    uint32_t next;                          /* entries written so far */
    char lines[RING_ENTRIES][RING_LINE];
};

struct process_record {
    volatile int pid;                       /* 0: nobody of ours */
    volatile int kind;                      /* enum process_kind */
    volatile uint32_t signals_sent;         /* bit N-1: some fuzzer sent it signal N */
    volatile int finished;                  /* it ended through finish_process */
    struct ring ring;
};

#define SHARED_MAGIC 0x46555a5a            /* "FUZZ" */

struct shared {
    uint32_t magic;                         /* SHARED_MAGIC: a wild write shows here first */
    uint32_t seed, count, workers;
    int trace;                              /* every call is printed too */
    int low_memory;                         /* out of frames, page faults kill: fault deaths not judged */
    int supervisor_pid, ticker_pid;
    volatile int worker_pids[WORKERS_MAX];
    volatile uint32_t calls_made;           /* by every process of this run */
    volatile uint32_t stop;                 /* the supervisor says: finish now */
    volatile uint32_t unexpected;           /* events reported */
    volatile uint32_t pids[PID_LIMIT / 32]; /* every pid this run created */
    volatile uint32_t disk_bytes_grown;     /* written by the disk family's growing writes */
    volatile uint32_t id_counts[3];         /* msg queues, semaphore sets, shm segments */
    volatile int ids[3][REGISTRY_MAX];
    struct process_record records[PROCESS_SLOTS];
};

enum registry_kind { REGISTRY_MSG, REGISTRY_SEM, REGISTRY_SHM };

extern struct shared *shared;

/* ---- random.c: the generator ------------------------------------------- */
void rng_seed(uint32_t a, uint32_t b, uint32_t c);
uint32_t rng(void);
uint32_t below(uint32_t n);                 /* 0 .. n-1 */
int chance(unsigned percent);
uint32_t pick(const uint32_t *values, unsigned count);
#define PICK(...) pick((const uint32_t[]){ __VA_ARGS__ }, \
                       sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t))
uint32_t any_size(void);                    /* 0, 1, page sizes, huge, negative */
uint32_t any_flags(uint32_t valid);         /* mostly valid bits, sometimes any */

/* ---- raw.c: entering the kernel without the libc ----------------------- */
long raw_syscall(long number, long a, long b, long c, long d, long e, long f);
long raw_syscall_by_sysenter(long number, long a, long b, long c, long d, long e);
uint32_t atomic_add(volatile uint32_t *word, uint32_t value);   /* returns the old value */
void atomic_or(volatile uint32_t *word, uint32_t bits);
int say(const char *format, ...) __attribute__((format(printf, 1, 2)));   /* to REPORT_FD */

/* ---- ring.c: the last calls --------------------------------------------- */
void register_process(int pid, enum process_kind kind);
struct process_record *record_of(int pid);  /* NULL unless pid is registered */
char *ring_begin(void);                     /* the line to fill for the next call */
void ring_about_to_call(const char *line);
void ring_end(long result);
void ring_print(int pid, const char *why);
int pid_is_ours(int pid);
/* Counts `pid` among ours, with no record: the ticker then ends its
 * waits and the last sweep kills it (a vfork child: calls_process.c). */
void pid_mark_ours(int pid);

/* ---- pools.c, pointers.c, oracle.c: what arguments are drawn from ----- */
enum fd_kind { FD_NONE, FD_FILE, FD_DISK_FILE, FD_IMAGE, FD_DIRECTORY, FD_PIPE_READ, FD_PIPE_WRITE,
               FD_FIFO, FD_DEVICE, FD_TERMINAL, FD_MAILBOX, FD_MQUEUE, FD_SOCKET, FD_EPOLL, FD_EVENTFD,
               FD_SIGNALFD, FD_PTY_MASTER, FD_PTY_SLAVE, FD_CLOSED };
#define FD_SLOTS 32
extern uint8_t fd_kinds[FD_SLOTS];
void pools_init(int worker_slot);
void pointers_init(int worker_slot);       /* the arenas */
void scratch_fill(void);
uint32_t scratch_size(void);
int fd_any(void);                           /* open, closed or nonsense */
int fd_of_kind(enum fd_kind kind);          /* -1 when none */
int fd_of_file(void);                       /* a file of ours, in memory or on the disk; -1 when none */
enum fd_kind fd_kind_of(long fd, const char *path);   /* asked of the kernel (calls_files.c) */
/* What an open `fd` (0 or more) is: the pool's record for those it tracks;
 * past the pool (fd_any's 32, 64 ..., which a process with many open may
 * hold) the kernel's answer, where any file counts as the image's. */
enum fd_kind fd_kind_known(long fd);
void fd_duplicated(long old, long result);  /* dup, dup2, dup3, F_DUPFD made `result` of `old` */
int fd_mutable(void);                       /* for close, dup2's target: never REPORT_FD */
void fd_opened(long fd, enum fd_kind kind);
void fd_closed(long fd);
int lowest_free_fd(void);

uint32_t in_pointer(uint32_t size);         /* readable garbage is fine */
uint32_t out_pointer(uint32_t *size);       /* the kernel may write *size bytes; may shrink it */
uint32_t bad_pointer(void);                 /* NULL, unmapped, kernel, PROT_NONE, ... */
uint32_t safe_buffer(uint32_t size);        /* our own scratch memory, at least `size` */
extern uint8_t *scribble_page;              /* a shared page the fuzzers write to directly */
void scratch_begin_call(void);
void scratch_snapshot(void);
long scratch_changed_outside(uint32_t *changed, uint32_t *nearest_buffer);
uint32_t scratch_address(long offset);
int in_scratch(uint32_t address, uint32_t size);   /* our memory, safe to read back */
void scratch_note_to_end(uint32_t address);  /* the kernel may write from here to the end of scratch
                                               memory: a length longer than the buffer it was given */
uint32_t protected_write_target(uint32_t address, uint32_t length);   /* 1: must not be hit */
void guard_range(uint32_t address, uint32_t length);
void unguard_range(uint32_t address);

void path_for_change(char *path);           /* under /tmp/fuzz, /home/fuzz (or /dev/shm/sem.fz*) */
/* Under /tmp/fuzz or /home/fuzz only: where a symbolic link may be made,
 * moved or linked to. In /dev/shm a relative target would name a file
 * there, outside the trees (calls_disk.c). */
void path_for_new_name(char *path);
void path_any(char *path);                  /* also read-only places of the image and the disk */
int in_fuzz_tree(const char *path);         /* under /tmp/fuzz, /home/fuzz or /dev/shm/sem.fz */
const char *mailbox_name(unsigned index);
void name_any(char *name);                  /* a mailbox name, good or bad */

int pid_any(void);                          /* for wait, getpgid, msg_* */
int pid_for_kill(int *signal);              /* a target and a signal safe to send it */
int group_any(void);
void child_started(int pid, int risky);
void child_gone(int pid);
int child_count(void);
void reap_children(int options);
void children_forget(void);
void kill_children_older_than(uint32_t age_ms);
void kill_children_on_schedule(void);            /* waitpid loop; reports strange deaths */
int check_wait_status(int pid, int status, const char *who);

int ipc_id_any(enum registry_kind kind);
void ipc_id_created(enum registry_kind kind, long id);
int ipc_key_any(void);

void mapping_added(uint32_t address, uint32_t length, int writable);
void mapping_removed(uint32_t address, uint32_t length);
uint32_t mapping_address(void);             /* for munmap, shmdt, MAP_FIXED */
/* for mprotect, msync, madvise: never our own memory, heap, or the
 * PROT_NONE arena that bad pointers count on */
uint32_t changeable_mapping_address(uint32_t length);

/* ---- calls.c and calls_*.c: one generator per system call --------------- */
struct call {
    long number;
    const char *name;
    long args[6];
    int argument_count;
    int may_block;                          /* arm the alarm first */
    long aux;                               /* what the generator wants `after` to know */
    long (*function)(struct call *call);    /* a libc-level call instead of a system call */
    void (*after)(struct call *call, long result);
};
struct generator {
    void (*make)(struct call *call);
    unsigned weight;
};
extern const struct generator file_generators[], process_generators[], ipc_generators[],
                              memory_generators[], posix_generators[], thread_generators[],
                              signal_generators[], multiplexing_generators[];
extern const unsigned file_generator_count, process_generator_count, ipc_generator_count,
                      memory_generator_count, posix_generator_count, thread_generator_count,
                      signal_generator_count, multiplexing_generator_count;
extern const struct generator identity_generators[];   /* calls_identity.c */
extern const unsigned identity_generator_count;
extern const struct generator disk_generators[];       /* calls_disk.c */
extern const unsigned disk_generator_count;
extern const struct generator net_generators[];        /* calls_net.c: Internet sockets */
extern const unsigned net_generator_count;
extern const struct generator epoll_generators[];      /* calls_epoll.c */
extern const unsigned epoll_generator_count;
extern const struct generator event_file_generators[]; /* calls_event_files.c: eventfd, signalfd */
extern const unsigned event_file_generator_count;
extern const struct generator pty_generators[];        /* calls_ptys.c: /dev/ptmx, /dev/pts/N */
extern const unsigned pty_generator_count;
extern const struct generator sched_generators[];      /* calls_sched.c: classes, getrusage, wait4, waitid */
extern const unsigned sched_generator_count;
extern const struct generator timer_generators[];      /* calls_timers.c: timers and clocks */
extern const unsigned timer_generator_count;
extern const struct generator descriptor_generators[]; /* calls_descriptors.c: vectors, positions, passing */
extern const unsigned descriptor_generator_count;
extern const struct generator gaps_generators[];       /* calls_gaps.c: mlock, CPU affinity */
extern const unsigned gaps_generator_count;
void fuzz_one_call(void);
void set_call(struct call *call, long number, const char *name, int count, ...);
extern int risky_mode;                      /* a risky child: may wreck itself */
extern int child_mode;                      /* a child of a worker: no forks */
extern int worker_slot;
extern volatile uint32_t signals_caught;

/* ---- calls_thread.c: threads of our own ------------------------------------ */
void threads_reap(void);                    /* frees the slots of threads that ended */
void threads_forget(void);                  /* a fork's child: none of them is ours */
int thread_tid_any(void);                   /* a live thread of ours, 0 if none */

/* ---- worker.c: one fuzzing process --------------------------------------- */
void worker_main(unsigned slot, unsigned generation) __attribute__((noreturn));
void become_child(int risky);
void restore_invariants(void);              /* our SIGALRM handler, SIGALRM unblocked */
void finish_process(int status) __attribute__((noreturn));

/* ---- cleanup.c and checker.c (the supervisor's side) -------------------- */
void cleanup_run(int whole);
/* Every process of ours but the caller gets SIGCONT and SIGKILL (the
 * signals recorded as ours): the way out of a run whose killed workers
 * cannot die (main.c's run). */
void kill_everyone_of_ours(void);
int sweep_new_ipc_objects(const void *baseline, int baseline_size);
int snapshot_ipc_objects(void *buffer, int size);
int check_kernel_still_works(void);
void remove_tree(const char *path);
void remove_fuzz_names(void);
void list_tree(const char *path, int depth);

/* ---- home.c: the disk under /home, before and after a run ---------------- */
void home_warm_up(void);                    /* before the first count */
void home_clean_up(void);                   /* /home/fuzz gone, the disk mounted read-write again */
int home_is_on_disk(void);                  /* statfs says ext2 */

#endif
