/* tests/boot/thread_bad_arguments_get_errors_and_never_fault_the_kernel.c
 * - the thread calls given wrong arguments (thread_create(2),
 * thread_exit(2), set_tls(2), tkill(2), futex_wait(2)) answer with the
 * errors their pages give, and the kernel lives on. thread_create: an eip
 * or esp outside user space, or a thread-local storage base in the
 * kernel's half, is EINVAL; a clear_tid word unmapped or PROT_NONE is
 * EFAULT; a thread started at an unmapped eip, or on an unmapped or
 * read-only stack, faults in user mode and its process dies of SIGSEGV
 * (a handler cannot run without a stack), nothing else. A thread_create
 * with a base of 0 gets a TLS descriptor of its own with its creator's
 * base, as the page says. thread_exit's unmap of nonsense ranges is
 * ignored: the thread ends
 * and the process goes on. futex_wait and futex_wake on NULL, a
 * misaligned, kernel, unmapped or PROT_NONE word are EFAULT; a word of
 * read-only code may be waited on (EAGAIN, ETIMEDOUT); a bad timeout
 * pointer is EFAULT, a bad timeout EINVAL; a page unmapped under a waiter
 * leaves it waiting until a signal (EINTR). tkill of tid 0, negative,
 * unknown, a thread that ended, or a pid whose first thread ended is
 * ESRCH (while kill of that pid works); a signal out of range EINVAL;
 * detaching twice EINVAL. When the thread table is full, thread_create,
 * pthread_create and fork say EAGAIN. */
#include <limits.h>
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define UNMAPPED 0x60000000L                /* nothing in this test maps here */
#define KERNEL_ADDRESS 0xC0000000L
#define TABLE_SIZE 256                      /* thread(2): 256 threads in all */

static long create(long eip, long esp, long tls, long clear_tid)
{
    return raw_syscall(SYS_thread_create, eip, esp, tls, clear_tid, 0);
}

/* ---- raw threads: a slice of one array each for a stack ------------------------ */

#define SLICE 512
static char stacks[TABLE_SIZE + 8][SLICE] __attribute__((aligned(16)));
static int next_stack;

static long stack_top(void)
{
    return (long)(stacks[next_stack++ % (TABLE_SIZE + 8)] + SLICE - 20);
}

static void __attribute__((noreturn)) pause_forever(void)
{
    for (;;)
        raw_syscall(SYS_pause, 0, 0, 0, 0, 0);
}

static void __attribute__((noreturn)) exit_at_once(void)
{
    raw_syscall(SYS_thread_exit, 0, 0, 0, 0, 0);
    for (;;)
        ;
}

static volatile long unmap_address, unmap_length;

static void __attribute__((noreturn)) exit_unmapping_nonsense(void)
{
    raw_syscall(SYS_thread_exit, unmap_address, unmap_length, 0, 0, 0);
    for (;;)
        ;
}

static volatile long seen_selector, seen_thread_pointer;

static void __attribute__((noreturn)) read_the_gs_selector(void)
{
    long selector = 0, pointer = 0;
    __asm__ volatile("movw %%gs, %w0" : "+r"(selector));
    __asm__ volatile("movl %%gs:0, %0" : "=r"(pointer));
    seen_selector = selector;
    seen_thread_pointer = pointer;
    raw_syscall(SYS_thread_exit, 0, 0, 0, 0, 0);
    for (;;)
        ;
}

/* Waits (2 s at most) until the word a raw thread was given as clear_tid
 * is 0: the thread has ended. */
static int wait_for_the_end(volatile int *clear_tid)
{
    return WAIT_UNTIL(*clear_tid == 0);
}

/* ---- thread_create --------------------------------------------------------------- */

#define HANDLER_RAN 77

static void exit_from_the_handler(int signal)
{
    (void)signal;
    _exit(HANDLER_RAN);
}

/* A child that starts a raw thread at `eip` on stack `esp` (with a SIGSEGV
 * handler if asked); returns its wait status. */
static int status_of_child_starting(long eip, long esp, int with_handler)
{
    pid_t child = fork();
    if (child == 0) {
        if (with_handler)
            install_handler(SIGSEGV, exit_from_the_handler, 0);
        long tid = create(eip, esp, 0, 0);
        if (tid <= 0)
            _exit(90);
        for (;;)
            pause();
    }
    int status = 0;
    waitpid(child, &status, 0);
    return status;
}

static void thread_create_checks_its_arguments(void)
{
    long good_esp = stack_top();
    CHECK_EQ(-EINVAL, create(0, good_esp, 0, 0), "thread_create at eip 0");
    CHECK_EQ(-EINVAL, create(0xFFFFFFFFL, good_esp, 0, 0), "thread_create at eip 0xffffffff");
    CHECK_EQ(-EINVAL, create((long)pause_forever, 0, 0, 0), "thread_create with esp 0");
    CHECK_EQ(-EINVAL, create((long)pause_forever, 0x1000, 0, 0), "thread_create with esp at the first user page");
    CHECK_EQ(-EINVAL, create((long)pause_forever, good_esp, KERNEL_ADDRESS, 0),
             "thread_create with a thread-local storage base in the kernel");
    CHECK_EQ(-EFAULT, create((long)pause_forever, good_esp, 0, UNMAPPED), "an unmapped clear_tid word");
    void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_EQ(-EFAULT, create((long)pause_forever, good_esp, 0, (long)none), "a PROT_NONE clear_tid word");
    munmap(none, 4096);
    CHECK_EQ(1, threads_listed(getpid()), "threads after the refused thread_creates");

    int status = status_of_child_starting(UNMAPPED, good_esp, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "a thread started at an unmapped eip: status 0x%x, expected death by SIGSEGV", status);
    status = status_of_child_starting(UNMAPPED, good_esp, 1);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == HANDLER_RAN,
          "a thread started at an unmapped eip, a SIGSEGV handler installed: status 0x%x, expected exit %d "
          "from the handler", status, HANDLER_RAN);
    struct {
        const char *what;
        long esp;
    } bad_stacks[] = {
        { "an unmapped stack", UNMAPPED + 0x1000 },
        { "a stack in read-only code", (long)pause_forever + 64 },
    };
    for (unsigned i = 0; i < sizeof bad_stacks / sizeof bad_stacks[0]; i++)
        for (int with_handler = 0; with_handler < 2; with_handler++) {
            status = status_of_child_starting((long)pause_forever, bad_stacks[i].esp, with_handler);
            CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
                  "a thread started on %s%s: status 0x%x, expected death by SIGSEGV", bad_stacks[i].what,
                  with_handler ? " (a SIGSEGV handler installed)" : "", status);
        }
}

/* thread_create(2): a base of 0 gives the new thread a descriptor of its
 * own with its creator's base, as a Linux clone without CLONE_SETTLS. */
static void a_base_of_0_gives_the_creators_base(void)
{
    static volatile int clear_tid;
    clear_tid = 1;
    seen_selector = seen_thread_pointer = -1;
    long own_selector = 0, own_pointer = 0;
    __asm__ volatile("movw %%gs, %w0" : "+r"(own_selector));
    __asm__ volatile("movl %%gs:0, %0" : "=r"(own_pointer));
    CHECK(create((long)read_the_gs_selector, stack_top(), 0, (long)&clear_tid) > 0, "thread_create");
    CHECK(wait_for_the_end(&clear_tid), "the thread did not end");
    CHECK((seen_selector & 7) == 3 && seen_selector >> 3 >= 6 && seen_selector >> 3 < 6 + 256 &&
          seen_selector != own_selector,
          "%%gs of a thread created with base 0 is 0x%lx: a TLS descriptor of its own (ours: 0x%lx)",
          seen_selector, own_selector);
    CHECK(seen_thread_pointer == own_pointer, "its %%gs:0 is 0x%lx, its creator's 0x%lx",
          seen_thread_pointer, own_pointer);
}

static void thread_exit_ignores_a_bad_unmap(void)
{
    long ranges[][2] = { { KERNEL_ADDRESS, 4096 }, { UNMAPPED, 0xFFFFF000L }, { 1, 1 }, { 0, 4096 },
                         { 0xFFFFF000L, 0x2000 } };
    for (unsigned i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        static volatile int clear_tid;
        clear_tid = 1;
        unmap_address = ranges[i][0];
        unmap_length = ranges[i][1];
        CHECK(create((long)exit_unmapping_nonsense, stack_top(), 0, (long)&clear_tid) > 0, "thread_create");
        CHECK(wait_for_the_end(&clear_tid), "thread_exit(0x%lx, 0x%lx) did not end the thread", ranges[i][0],
              ranges[i][1]);
    }
    CHECK(WAIT_UNTIL(threads_listed(getpid()) == 1), "threads left after the thread_exits");
}

/* ---- futexes --------------------------------------------------------------------- */

static volatile int page_word_waiter_result = 1, page_word_waiter_done, page_word_waiter_tid;
static volatile int *page_word;

static void *wait_on_the_page_word(void *unused)
{
    (void)unused;
    page_word_waiter_tid = gettid();
    page_word_waiter_result = (int)raw_futex_wait(page_word, 0, NULL);
    page_word_waiter_done = 1;
    return 0;
}

static void ignore(int signal)
{
    (void)signal;
}

static void futex_calls_check_their_words(void)
{
    void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long bad_words[] = { 0, 1, 0x1002, KERNEL_ADDRESS, 0xFFFFFFFCL, UNMAPPED, (long)none, (long)none + 4092 };
    for (unsigned i = 0; i < sizeof bad_words / sizeof bad_words[0]; i++) {
        CHECK(raw_futex_wait((void *)bad_words[i], 0, NULL) == -EFAULT, "futex_wait on 0x%lx is not EFAULT",
              bad_words[i]);
        CHECK(raw_futex_wake((void *)bad_words[i], 1) == -EFAULT, "futex_wake on 0x%lx is not EFAULT",
              bad_words[i]);
    }
    munmap(none, 4096);

    static volatile int word;
    struct timespec short_time = { 0, 10000000 };
    CHECK_EQ(-EFAULT, raw_futex_wait(&word, 0, (void *)KERNEL_ADDRESS), "a timeout pointer in the kernel");
    CHECK_EQ(-EFAULT, raw_futex_wait(&word, 0, (void *)UNMAPPED), "an unmapped timeout pointer");
    struct timespec bad_times[] = { { 0, -1 }, { 0, 1000000000 }, { -1, 0 } };
    for (unsigned i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++)
        CHECK(raw_futex_wait(&word, 0, &bad_times[i]) == -EINVAL, "timeout {%ld, %ld} is not EINVAL",
              (long)bad_times[i].tv_sec, bad_times[i].tv_nsec);

    const volatile int *code = (const volatile int *)((long)pause_forever & ~3L);
    CHECK_EQ(-EAGAIN, raw_futex_wait(code, *code + 1, NULL), "futex_wait on read-only code, another value");
    CHECK_EQ(-ETIMEDOUT, raw_futex_wait(code, *code, &short_time), "futex_wait on read-only code, 10 ms");
    CHECK_EQ(0, raw_futex_wake(code, 1), "futex_wake on read-only code");
    CHECK_EQ(0, raw_futex_wake(&word, 0), "futex_wake of 0 waiters");
    CHECK_EQ(0, raw_futex_wake(&word, -5), "futex_wake of -5 waiters");

    /* the page goes while a thread waits on a word of it */
    install_handler(SIGUSR1, ignore, 0);
    page_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *page_word = 0;
    page_word_waiter_done = page_word_waiter_tid = 0;
    pthread_t waiter;
    pthread_create(&waiter, NULL, wait_on_the_page_word, NULL);
    CHECK(WAIT_UNTIL(page_word_waiter_tid && thread_is_blocked_in(page_word_waiter_tid, "futex")),
          "the waiter does not wait on the page's word");
    munmap((void *)page_word, 4096);
    CHECK_EQ(-EFAULT, raw_futex_wake(page_word, 1), "futex_wake on the unmapped page");
    usleep(10000);
    CHECK_EQ(0, page_word_waiter_done, "the waiter left when its page went");
    pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
    CHECK_EQ(-EINTR, page_word_waiter_result, "the wait on the unmapped page, ended by a signal");
}

/* ---- tkill ------------------------------------------------------------------------ */

static void tkill_finds_only_live_threads(void)
{
    long bad_tids[] = { 0, -1, INT_MIN, 999999, 32768 };
    for (unsigned i = 0; i < sizeof bad_tids / sizeof bad_tids[0]; i++)
        CHECK(raw_tkill(bad_tids[i], SIGUSR1) == -ESRCH, "tkill(%ld) is not ESRCH", bad_tids[i]);
    long bad_signals[] = { -1, NSIG, 100, INT_MIN };
    for (unsigned i = 0; i < sizeof bad_signals / sizeof bad_signals[0]; i++)
        CHECK(raw_tkill(getpid(), bad_signals[i]) == -EINVAL, "tkill with signal %ld is not EINVAL",
              bad_signals[i]);

    pthread_t thread;
    static volatile int clear_tid;
    clear_tid = 1;
    long tid = create((long)exit_at_once, stack_top(), 0, (long)&clear_tid);
    CHECK(wait_for_the_end(&clear_tid), "the thread did not end");
    CHECK_EQ(-ESRCH, raw_tkill(tid, 0), "tkill of a thread that ended");

    pthread_create(&thread, NULL, pause_forever_thread, NULL);
    CHECK_EQ(0, pthread_kill(thread, 0), "pthread_kill(0) of a live thread");
    CHECK_EQ(0, pthread_detach(thread), "pthread_detach");
    CHECK_EQ(EINVAL, pthread_detach(thread), "pthread_detach a second time");

    /* a process whose first thread ended: its pid is no thread's tid */
    int report[2];
    pipe(report);
    pid_t child = fork();
    if (child == 0) {
        pthread_t other;
        pthread_create(&other, NULL, pause_forever_thread, NULL);
        write(report[1], "r", 1);
        pthread_exit(NULL);
    }
    char c;
    read(report[0], &c, 1);
    CHECK(WAIT_UNTIL(threads_listed(child) == 1), "the child's first thread did not end");
    CHECK_EQ(-ESRCH, raw_tkill(child, 0), "tkill of the pid whose first thread ended");
    CHECK_EQ(0, kill(child, 0), "kill(0) of that pid");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_EQ(-ESRCH, raw_tkill(child, 0), "tkill of a reaped pid");
    close(report[0]);
    close(report[1]);

    pthread_t joined;
    pthread_create(&joined, NULL, return_at_once_thread, NULL);
    pthread_join(joined, NULL);
}

/* ---- a full thread table ------------------------------------------------------------ */

static void a_full_table_says_eagain(void)
{
    int report[2];
    pipe(report);
    pid_t child = fork();
    if (child == 0) {
        long result = 0;
        int created = 0;
        while ((result = create((long)pause_forever, stack_top(), 0, 0)) > 0 && created < TABLE_SIZE + 8)
            created++;
        pthread_t thread;
        int results[4] = { (int)result, created, pthread_create(&thread, NULL, return_at_once_thread, NULL), fork() };
        if (results[3] == 0)
            _exit(0);                       /* the fork worked after all: reported by -1 below */
        if (results[3] > 0)
            results[3] = -1;
        else
            results[3] = errno;
        write(report[1], results, sizeof results);
        for (;;)
            pause();
    }
    int results[4] = { 0, 0, 0, 0 };
    CHECK_EQ((int)sizeof results, read_fully(report[0], results, sizeof results), "bytes of the report");
    CHECK_EQ(-EAGAIN, results[0], "thread_create with the thread table full");
    CHECK(results[1] > TABLE_SIZE / 2 && results[1] < TABLE_SIZE, "%d threads made before the table was full",
          results[1]);
    CHECK_EQ(EAGAIN, results[2], "pthread_create with the thread table full");
    CHECK_EQ(EAGAIN, results[3], "fork's errno with the thread table full");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(report[0]);
    close(report[1]);
    pid_t after = fork();
    if (after == 0)
        _exit(0);
    CHECK(after > 0, "fork after the full process died: %s", strerror(errno));
    waitpid(after, NULL, 0);
}

static void cases(void)
{
    thread_create_checks_its_arguments();
    a_base_of_0_gives_the_creators_base();
    thread_exit_ignores_a_bad_unmap();
    futex_calls_check_their_words();
    tkill_finds_only_live_threads();
    a_full_table_says_eagain();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_bad_arguments_get_errors_and_never_fault_the_kernel");
}
