/* tests/boot/boot_memory.h - helpers of the tests of mapped and shared
 * memory (mmap_*, mprotect_*, msync_*, shm_open_*, posix_sem_*, sysv_shm_*):
 * the warm-up before they count frames, memory shared with the children, a
 * semaphore's value, a touch in a child that must or must not fault (or
 * whose fault a handler catches), and a parent and child taking turns
 * through pipes.
 * Everything here is static inline: a test uses what it needs. */
#ifndef TESTS_BOOT_BOOT_MEMORY_H
#define TESTS_BOOT_BOOT_MEMORY_H

#include <semaphore.h>
#include <signal.h>
#include <stddef.h>
#include <sys/mman.h>

#include "boot_test.h"

/* ---- warming up before the first count ---------------------------------- */

/* counters_after_warm_up, with one page mapped, touched and unmapped as
 * well: the page table under our mappings is then taken before the count,
 * not by the first mapping a test makes (the mmap_ tests). */
static inline struct kinfo_counters counters_after_mapping_warm_up(unsigned tasks)
{
    warm_up_copy_on_write();
    void *warm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *(volatile char *)warm = 1;
    munmap(warm, 4096);
    return settled_counters(tasks);
}

/* The start of the posix_sem_ tests: `size` bytes of MAP_SHARED|
 * MAP_ANONYMOUS memory, which every child forked later shares. It is
 * zeroed after warm_up_copy_on_write, so that its page too is taken before
 * *before, the counters once the tasks are back at `tasks`. NULL, after a
 * FAIL line, if mmap failed. */
static inline void *shared_memory_after_warm_up(size_t size, unsigned tasks, struct kinfo_counters *before)
{
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
        printf("FAIL: mmap of the shared memory: %s\n", strerror(errno));
        return NULL;
    }
    warm_up_copy_on_write();
    memset(memory, 0, size);
    *before = settled_counters(tasks);
    return memory;
}

/* ---- POSIX semaphores --------------------------------------------------- */

/* The value of a POSIX semaphore, or -12345 (which no test expects) if
 * sem_getvalue fails. */
static inline int semaphore_value(sem_t *semaphore)
{
    int value = -12345;
    sem_getvalue(semaphore, &value);
    return value;
}

/* ---- a touch in a child that must, or must not, fault ------------------- */

/* Runs touch(address) in a child and returns the child's wait status
 * (exit 0 if the touch did not fault). */
static inline int status_of_child_doing(void (*touch)(volatile char *), volatile char *address)
{
    pid_t child = fork();
    if (child == 0) {
        touch(address);
        _exit(0);                             /* no fault */
    }
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

static inline void read_a_byte(volatile char *address) { (void)*address; }
static inline void write_a_byte(volatile char *address) { *address = 'w'; }

/* The child of `status` must have died of SIGSEGV; a failure says how it
 * ended instead. */
static inline void expect_sigsegv(int status, const char *what)
{
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "%s: expected the child to die of SIGSEGV (%d), got status 0x%x (%s %d)", what, SIGSEGV, status,
          WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

/* The exit status of a child whose SIGSEGV handler ran. */
#define CAUGHT_SIGSEGV_EXIT 42

static inline void exit_from_sigsegv_handler(int signal)
{
    _exit(signal == SIGSEGV ? CAUGHT_SIGSEGV_EXIT : 43);
}

/* Runs touch(address) in a child with a SIGSEGV handler that exits
 * CAUGHT_SIGSEGV_EXIT (a handler can catch the fault); returns the
 * child's wait status (exit 0 if the touch did not fault). */
static inline int status_of_child_catching_sigsegv(void (*touch)(volatile char *), volatile char *address)
{
    pid_t child = fork();
    if (child == 0) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = exit_from_sigsegv_handler;
        sigaction(SIGSEGV, &action, NULL);
        touch(address);
        _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

/* The child of `status` must have run its SIGSEGV handler. */
static inline void expect_caught_sigsegv(int status, const char *what)
{
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == CAUGHT_SIGSEGV_EXIT,
          "%s: expected the SIGSEGV handler's exit %d, got status 0x%x", what, CAUGHT_SIGSEGV_EXIT, status);
}

/* The child of `status` must have exited 0: its touch did not fault. */
static inline void expect_no_fault(int status, const char *what)
{
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: expected the child to exit 0, got status 0x%x",
          what, status);
}

/* ---- a parent and a child taking turns through pipes -------------------- */

/* A turn is one byte through a pipe, so that no write races a read of the
 * memory both see. Each process closes the pipe ends it does not use, so
 * when one side ends early the other reads end of file instead of waiting
 * forever, and a turn given to it is a failed write (SIGPIPE, unless the
 * test ignores it as the sysv_shm_ tests do). */

/* Forks a child that takes turns with its parent through two pipes. In
 * each process *turn_in is the end it waits for its turn on and *turn_out
 * the end it gives the other its turn through; the other two are closed.
 * Returns what fork returned. */
static inline pid_t fork_taking_turns(int *turn_in, int *turn_out)
{
    int to_child[2], to_parent[2];
    pipe(to_child);
    pipe(to_parent);
    pid_t child = fork();
    if (child == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        *turn_in = to_child[0];
        *turn_out = to_parent[1];
    } else {
        close(to_child[0]);
        close(to_parent[1]);
        *turn_in = to_parent[0];
        *turn_out = to_child[1];
    }
    return child;
}

/* Waits for the other side to give us the turn on `fd`; 0 if end of file
 * came instead (the other side ended early). */
static inline int wait_for_turn(int fd)
{
    char token;
    return read(fd, &token, 1) == 1;
}

/* Gives the other side its turn through `fd`; 0 if it has gone. */
static inline int give_turn(int fd)
{
    return write(fd, "t", 1) == 1;
}

/* In a child: waits for its turn, or exits 90 if the parent has gone. */
static inline void child_waits_for_turn(int fd)
{
    if (!wait_for_turn(fd))
        _exit(90);
}

/* In a child: gives the parent its turn, or exits 91 if it has gone. */
static inline void child_gives_turn(int fd)
{
    if (!give_turn(fd))
        _exit(91);
}

/* In the parent: waits for the child's turn; if the child ended early
 * instead, a failed check names `step`. */
static inline void parent_waits_for_child(int fd, const char *step)
{
    CHECK(wait_for_turn(fd), "%s: expected the child's turn, got end of file (the child ended early)", step);
}

static inline void parent_gives_turn(int fd)
{
    give_turn(fd);
}

/* In a child: execs `self --after-exec OUT IN` with its two turn ends, so
 * that the new program (after_exec_taking_turns) takes the turns on; exits
 * 3 if the exec fails. */
static inline void exec_self_taking_turns(const char *self, int turn_in, int turn_out)
{
    char out[16], in[16];
    snprintf(out, sizeof out, "%d", turn_out);
    snprintf(in, sizeof in, "%d", turn_in);
    execl(self, self, "--after-exec", out, in, (char *)NULL);
    _exit(3);
}

/* The program exec_self_taking_turns runs: tells the parent it runs, waits
 * for one more turn and returns 0, its exit status. */
static inline int after_exec_taking_turns(int turn_out, int turn_in)
{
    child_gives_turn(turn_out);
    child_waits_for_turn(turn_in);
    return 0;
}

#endif
