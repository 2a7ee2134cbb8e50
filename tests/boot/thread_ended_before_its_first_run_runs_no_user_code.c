/* tests/boot/thread_ended_before_its_first_run_runs_no_user_code.c - a
 * thread (or a fork's child) that has not run yet when its process is
 * told to end or to stop takes that on its way to user mode, as every
 * other thread does on its way back (thread_create(2), _exit(2)): its
 * first instruction is a write of one byte to a pipe, and no byte comes
 * when the creator calls _exit, or execve, right after thread_create, nor
 * when a parent sends SIGKILL to the child right after fork; and when the
 * creator stops the process right after thread_create, the byte comes
 * only after SIGCONT.
 *
 * "Has not run yet" must hold for sure: the test keeps to CPU 0 and runs
 * its cases in SCHED_FIFO, whose tasks run until they block (sched(7),
 * kernel/sched/realtime.h), so a child or thread of the same class waits
 * at the back of the queue until its creator blocks or ends, whatever a
 * timer tick the host's load delays. Without it, a tick that landed
 * between fork and kill let the child run first (seen once in CI). */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

static int write_fd;
static char raw_stack[8192] __attribute__((aligned(16)));

/* A thread of thread_create(2) itself, with no thread-local storage: its
 * first deed is the write. */
static void __attribute__((noreturn)) write_a_byte_first(void)
{
    raw_syscall(SYS_write, write_fd, (long)"x", 1, 0, 0);
    for (;;)
        raw_syscall(SYS_pause, 0, 0, 0, 0, 0);
}

static long start_the_writer(void)
{
    return raw_syscall(SYS_thread_create, (long)write_a_byte_first, (long)(raw_stack + sizeof raw_stack - 20), 0,
                       0, 0);
}

enum ending { EXIT, EXEC, STOP };

/* A child starts the writer thread and at once ends (or stops) itself;
 * returns the child's pid, the pipe's read end in *read_fd. */
static pid_t child_ending_right_after_thread_create(enum ending how, int *read_fd)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        write_fd = fds[1];
        if (start_the_writer() < 0)
            raw_syscall(SYS_exit, 97, 0, 0, 0, 0);
        switch (how) {
        case EXIT:
            raw_syscall(SYS_exit, 0, 0, 0, 0, 0);
            break;
        case EXEC: {
            static char *true_arguments[] = { "true", 0 };
            raw_syscall(SYS_execve, (long)"/bin/true", (long)true_arguments, 0, 0, 0);
            raw_syscall(SYS_exit, 98, 0, 0, 0, 0);
            break;
        }
        case STOP:
            raw_syscall(SYS_kill, raw_syscall(SYS_getpid, 0, 0, 0, 0, 0), SIGSTOP, 0, 0, 0);
            for (;;)
                raw_syscall(SYS_pause, 0, 0, 0, 0, 0);
        }
    }
    close(fds[1]);
    *read_fd = fds[0];
    return child;
}

static void no_byte_after_exit_or_exec(enum ending how, const char *what)
{
    int read_fd;
    pid_t child = child_ending_right_after_thread_create(how, &read_fd);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status 0x%x, expected exit 0", what, status);
    char byte;
    CHECK_EQ(0, read(read_fd, &byte, 1),
             "bytes from a thread that had not run when its creator called _exit or execve (0: end of file)");
    close(read_fd);
}

static void the_byte_comes_only_after_sigcont(void)
{
    int read_fd;
    pid_t child = child_ending_right_after_thread_create(STOP, &read_fd);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, WUNTRACED), "waitpid(WUNTRACED)");
    CHECK(WIFSTOPPED(status), "status 0x%x, expected a stop", status);
    usleep(50000);
    fcntl(read_fd, F_SETFL, O_NONBLOCK);
    char byte;
    CHECK_ERROR(read(read_fd, &byte, 1), EAGAIN);
    kill(child, SIGCONT);
    fcntl(read_fd, F_SETFL, 0);
    CHECK_EQ(1, read(read_fd, &byte, 1), "bytes from the thread after SIGCONT");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(read_fd);
}

static void a_fork_child_killed_before_it_ran_writes_nothing(void)
{
    int fds[2];
    pipe(fds);
    long child = raw_syscall(SYS_fork, 0, 0, 0, 0, 0);
    if (child == 0) {
        raw_syscall(SYS_write, fds[1], (long)"x", 1, 0, 0);
        raw_syscall(SYS_exit, 0, 0, 0, 0, 0);
    }
    raw_syscall(SYS_kill, child, SIGKILL, 0, 0, 0);
    close(fds[1]);
    int status = 0;
    CHECK_EQ(child, waitpid((pid_t)child, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status 0x%x, expected death by SIGKILL", status);
    char byte;
    CHECK_EQ(0, read(fds[0], &byte, 1), "bytes from a child killed before it ran (0: end of file)");
    close(fds[0]);
}

static void cases(void)
{
    struct sched_param fifo = { .sched_priority = 1 }, other = { .sched_priority = 0 };
    CHECK_EQ(0, sched_setscheduler(0, SCHED_FIFO, &fifo), "sched_setscheduler SCHED_FIFO");
    no_byte_after_exit_or_exec(EXIT, "_exit right after thread_create");
    no_byte_after_exit_or_exec(EXEC, "execve right after thread_create");
    the_byte_comes_only_after_sigcont();
    a_fork_child_killed_before_it_ran_writes_nothing();
    CHECK_EQ(0, sched_setscheduler(0, SCHED_OTHER, &other), "sched_setscheduler back to SCHED_OTHER");
}

int main(void)
{
    run_on_one_cpu();                       /* a thread or waiter that has not run yet (boot_test.h) */
    run_cases_checking_leaks(cases);
    return test_finish("thread_ended_before_its_first_run_runs_no_user_code");
}
