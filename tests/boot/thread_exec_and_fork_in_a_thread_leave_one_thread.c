/* tests/boot/thread_exec_and_fork_in_a_thread_leave_one_thread.c - exec
 * and fork called by a thread that is not the first (execve(2), fork(2),
 * pthreads(7)). exec ends every other thread (one reading a pipe, one
 * pausing, the first waiting in pthread_join or ended already) and the
 * new program runs alone in the same process: its pid is the old pid, its
 * tid is that pid too (tkill finds it), ps -T lists one thread, it can
 * start and join threads of its own, and the parent's waitpid on the old
 * pid gets the new program's exit code. exec also forgets the clear_tid word thread_create(2) gave the
 * caller: when the new program's first thread ends, nothing is written at
 * that address of the new program's memory. fork in a thread gives a
 * child of one thread, the caller's copy, whose tid is its new pid, that
 * can start threads of its own, while the parent's threads go on. */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define STALE_VALUE 0x5a5a1234

static const char *self_path;
static int exec_report[2];

/* What the program exec'd by a thread reports to the test. */
struct after_exec {
    int pid, tid, kernel_tid, threads, joined, found_by_tkill;
};

static void *return_7(void *unused)
{
    (void)unused;
    return (void *)7L;
}

/* The exec'd program: reports what it is, on the descriptor it got. */
static int after_exec(int report_fd)
{
    struct after_exec report;
    report.pid = getpid();
    report.tid = gettid();
    report.kernel_tid = kernel_tid();
    report.threads = threads_listed(getpid());
    report.found_by_tkill = raw_tkill(getpid(), 0) == 0;
    pthread_t thread;
    void *result = 0;
    report.joined = pthread_create(&thread, NULL, return_7, NULL) == 0 && pthread_join(thread, &result) == 0 &&
                    result == (void *)7L;
    write(report_fd, &report, sizeof report);
    return 23;
}

static int block_pipe[2];

static void *read_a_pipe(void *unused)
{
    (void)unused;
    char c;
    read(block_pipe[0], &c, 1);
    return 0;
}

static void *exec_self(void *unused)
{
    (void)unused;
    char fd[16];
    snprintf(fd, sizeof fd, "%d", exec_report[1]);
    usleep(20000);                              /* the others are waiting by now */
    execl(self_path, self_path, "--after-exec", fd, (char *)NULL);
    _exit(98);
}

/* The first thread waits in pthread_join, or has ended already
 * (`first_ends_first`): then the pid is no thread's tid until the exec
 * gives it to the caller. */
static void exec_in_a_later_thread_ends_the_others(int first_ends_first)
{
    pipe(exec_report);
    pipe(block_pipe);
    pid_t child = fork();
    if (child == 0) {
        pthread_t reader, pauser, execer;
        pthread_create(&reader, NULL, read_a_pipe, NULL);
        pthread_create(&pauser, NULL, pause_forever_thread, NULL);
        pthread_create(&execer, NULL, exec_self, NULL);
        if (first_ends_first)
            pthread_exit(NULL);
        pthread_join(reader, NULL);
        _exit(99);                              /* the reader got a byte: nobody writes one */
    }
    close(exec_report[1]);
    struct after_exec report;
    memset(&report, 0, sizeof report);
    CHECK_EQ((int)sizeof report, read_fully(exec_report[0], &report, sizeof report), "bytes of the report");
    close(exec_report[0]);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid of the pid that exec'd");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 23, "status 0x%x, expected the new program's exit 23",
          status);
    CHECK_EQ(child, report.pid, "the new program's pid");
    CHECK_EQ(child, report.tid, "the new program's gettid()");
    CHECK_EQ(child, report.kernel_tid, "the new program's tid in the kernel");
    CHECK_EQ(1, report.threads, "threads of the new program in ps -T");
    CHECK(report.found_by_tkill, "tkill(pid, 0) in the new program does not find its thread");
    CHECK(report.joined, "the new program could not start and join a thread");
    close(block_pipe[0]);
    close(block_pipe[1]);
}

/* ---- exec and the clear_tid word ----------------------------------------- */

/* The same address in this program and in the one it execs (itself). */
static volatile uint32_t clear_tid_word = 1;
static char raw_stack[16384] __attribute__((aligned(16)));
static char *raw_exec_arguments[3];

/* A thread started by thread_create(2) itself, with clear_tid_word as its
 * clear_tid word and no thread-local storage of its own: it execs this
 * program again, by system calls only. */
static void __attribute__((noreturn)) raw_thread_execs(void)
{
    raw_syscall(SYS_execve, (long)self_path, (long)raw_exec_arguments, 0, 0, 0);
    raw_syscall(SYS_exit, 98, 0, 0, 0, 0);
    __builtin_unreachable();
}

static void *watch_the_word(void *unused)
{
    (void)unused;
    while (threads_listed(getpid()) != 1)      /* until the first thread has ended */
        usleep(1000);
    usleep(20000);
    exit(clear_tid_word == STALE_VALUE ? 0 : 1);
}

/* The program the raw thread exec'd: its first thread (that thread) ends
 * while another lives on and watches clear_tid_word. */
static int after_raw_exec(void)
{
    clear_tid_word = STALE_VALUE;
    pthread_t watcher;
    pthread_create(&watcher, NULL, watch_the_word, NULL);
    pthread_exit(NULL);
}

static void exec_forgets_the_clear_tid_word(void)
{
    pid_t child = fork();
    if (child == 0) {
        raw_exec_arguments[0] = (char *)self_path;
        raw_exec_arguments[1] = "--after-raw-exec";
        raw_exec_arguments[2] = 0;
        long tid = raw_syscall(SYS_thread_create, (long)raw_thread_execs, (long)(raw_stack + sizeof raw_stack - 20),
                               0, (long)&clear_tid_word, 0);
        if (tid < 0)
            _exit(97);
        for (;;)
            pause();                            /* the exec ends this thread */
    }
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "status 0x%x: expected exit 0 (1: the end of the new program's first thread wrote 0 at the "
          "clear_tid address of the thread that exec'd it)", status);
}

/* ---- fork in a thread ----------------------------------------------------- */

static volatile int parent_spinner_count;

static void *count_in_the_parent(void *unused)
{
    (void)unused;
    for (;;) {
        parent_spinner_count++;
        sched_yield();
    }
    return 0;
}

static void *fork_and_check_the_child(void *unused)
{
    (void)unused;
    int forker_tid = gettid();
    pid_t child = fork();
    if (child == 0) {
        int ok = threads_listed(getpid()) == 1 && gettid() == getpid() && kernel_tid() == getpid() &&
                 gettid() != forker_tid;
        pthread_t threads[3];
        for (int i = 0; i < 3; i++)
            ok &= pthread_create(&threads[i], NULL, return_7, NULL) == 0;
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            void *result = 0;
            pthread_join(threads[i], &result);
            sum += (long)result;
        }
        _exit(ok && sum == 21 ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return (void *)(long)status;
}

static void fork_in_a_thread_gives_a_one_thread_child(void)
{
    pthread_t spinner, forker;
    pthread_create(&spinner, NULL, count_in_the_parent, NULL);
    pthread_create(&forker, NULL, fork_and_check_the_child, NULL);
    void *status = (void *)-1L;
    pthread_join(forker, &status);
    CHECK_EQ(0, (long)status, "the child of a fork in a thread: one thread, tid = its pid, threads of its own");
    int before = parent_spinner_count;
    CHECK(wait_until_at_least(&parent_spinner_count, before + 10), "the parent's other thread stopped");
    CHECK_EQ(2, threads_listed(getpid()), "threads of the parent after the fork (the first and the spinner)");
}

static void cases(void)
{
    exec_in_a_later_thread_ends_the_others(0);
    exec_in_a_later_thread_ends_the_others(1);
    exec_forgets_the_clear_tid_word();
    pid_t child = fork();                        /* its spinning thread ends with it */
    if (child == 0) {
        fork_in_a_thread_gives_a_one_thread_child();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    expect_child_success(child, "fork in a thread");
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--after-exec"))
        return after_exec(atoi(argv[2]));
    if (argc == 2 && !strcmp(argv[1], "--after-raw-exec"))
        return after_raw_exec();
    self_path = argv[0];
    run_cases_checking_leaks(cases);
    return test_finish("thread_exec_and_fork_in_a_thread_leave_one_thread");
}
