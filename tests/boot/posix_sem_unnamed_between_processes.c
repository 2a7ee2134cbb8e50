/* tests/boot/posix_sem_unnamed_between_processes.c - an unnamed POSIX
 * semaphore (sem_init with pshared = 1) placed in shared memory works
 * between processes. sem_init sets the value and sem_getvalue reads it;
 * sem_trywait takes a unit or fails with EAGAIN; sem_post past
 * SEM_VALUE_MAX is EOVERFLOW. A process in sem_wait is blocked in the kernel
 * (ps shows it 'B', waiting on a futex) and uses no CPU. One sem_post wakes
 * exactly one of several waiters; posts made before anyone waits are kept.
 * Two processes meet on the semaphore even when they map it at different
 * addresses, because the kernel knows the word by its physical address. */
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"
#include "boot_wait.h"

#define PAGE 4096
#define FILE_PATH "/tmp/posix_sem_unnamed_test"
#define WAITERS 3

struct shared {
    sem_t semaphore;
    sem_t second;
    volatile int proceeded;         /* waiters that got past sem_wait */
    volatile int sequence[400];     /* who ran each turn of the ping-pong */
};

static struct shared *shared;

static int value_of(sem_t *semaphore)
{
    int value = -12345;
    CHECK_EQ(0, sem_getvalue(semaphore, &value), "sem_getvalue");
    return value;
}

static void init_getvalue_trywait_and_post_count_units(void)
{
    CHECK_EQ(0, sem_init(&shared->semaphore, 1, 3), "sem_init(pshared = 1, value 3)");
    CHECK_EQ(3, value_of(&shared->semaphore), "value after sem_init");
    for (int i = 0; i < 3; i++)
        CHECK_EQ(0, sem_trywait(&shared->semaphore), "sem_trywait while units are left");
    CHECK_ERROR(sem_trywait(&shared->semaphore), EAGAIN);
    CHECK_EQ(0, value_of(&shared->semaphore), "value after three units were taken and a fourth refused");
    CHECK_EQ(0, sem_post(&shared->semaphore), "sem_post");
    CHECK_EQ(1, value_of(&shared->semaphore), "value after one post");
    CHECK_EQ(0, sem_wait(&shared->semaphore), "sem_wait with a unit there (does not block)");
    CHECK_EQ(0, sem_destroy(&shared->semaphore), "sem_destroy");

    CHECK_ERROR(sem_init(&shared->semaphore, 1, (unsigned)SEM_VALUE_MAX + 1), EINVAL);
    CHECK_EQ(0, sem_init(&shared->semaphore, 1, SEM_VALUE_MAX), "sem_init at SEM_VALUE_MAX");
    CHECK_ERROR(sem_post(&shared->semaphore), EOVERFLOW);
    CHECK_EQ(SEM_VALUE_MAX, value_of(&shared->semaphore), "value after the refused post");
    sem_destroy(&shared->semaphore);
}

static void a_waiter_blocks_in_the_kernel_and_uses_no_cpu(void)
{
    sem_init(&shared->semaphore, 1, 0);
    pid_t child = fork();
    if (child == 0)
        _exit(sem_wait(&shared->semaphore) == 0 ? 0 : __LINE__);
    CHECK(wait_until_blocked_on_a_futex(child), "the child in sem_wait: expected state 'B' waiting on a futex");
    struct kinfo_process before, after;
    process_info(child, &before);
    usleep(50000);
    CHECK(process_info(child, &after) && after.state == 'B',
          "the child 50 ms later: expected still state 'B', got '%c'", after.state);
    CHECK(after.cpu_time_ns - before.cpu_time_ns < 1000000,
          "CPU time the waiting child used in 50 ms: expected under 1 ms, got %llu ns",
          after.cpu_time_ns - before.cpu_time_ns);
    CHECK_EQ(0, sem_post(&shared->semaphore), "sem_post");
    expect_child_success(child, "the child's sem_wait returned 0 after the post");
    CHECK_EQ(0, value_of(&shared->semaphore), "value after the woken child took the unit");
    sem_destroy(&shared->semaphore);
}

static void one_post_wakes_exactly_one_of_three_waiters(void)
{
    sem_init(&shared->semaphore, 1, 0);
    shared->proceeded = 0;
    pid_t children[WAITERS];
    for (int i = 0; i < WAITERS; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            if (sem_wait(&shared->semaphore) != 0)
                _exit(__LINE__);
            __sync_fetch_and_add(&shared->proceeded, 1);
            _exit(0);
        }
    }
    for (int i = 0; i < WAITERS; i++)
        CHECK(wait_until_blocked_on_a_futex(children[i]), "waiter %d: expected it blocked on a futex", i);

    sem_post(&shared->semaphore);
    usleep(50000);                            /* time for any number of them to run */
    CHECK_EQ(1, shared->proceeded, "waiters past sem_wait 50 ms after one post");
    int still_blocked = 0;
    for (int i = 0; i < WAITERS; i++)
        still_blocked += is_blocked_on_a_futex(children[i]);
    CHECK_EQ(WAITERS - 1, still_blocked, "waiters still blocked on the futex after one post");
    CHECK_EQ(0, value_of(&shared->semaphore), "value after one post to three waiters");

    sem_post(&shared->semaphore);
    sem_post(&shared->semaphore);
    for (int i = 0; i < WAITERS; i++)
        expect_child_success(children[i], "a waiter");
    CHECK_EQ(WAITERS, shared->proceeded, "waiters past sem_wait after three posts in all");
    CHECK_EQ(0, value_of(&shared->semaphore), "value at the end");
    sem_destroy(&shared->semaphore);
}

static void posts_made_before_anyone_waits_are_kept(void)
{
    sem_init(&shared->semaphore, 1, 0);
    for (int i = 0; i < 5; i++)
        sem_post(&shared->semaphore);
    pid_t children[5];
    for (int i = 0; i < 5; i++) {
        children[i] = fork();
        if (children[i] == 0)
            _exit(sem_wait(&shared->semaphore) == 0 ? 0 : __LINE__);
    }
    for (int i = 0; i < 5; i++)
        expect_child_success(children[i], "a child taking one of five units posted before it waited");
    CHECK_EQ(0, value_of(&shared->semaphore), "value after five posts and five waits");
    sem_destroy(&shared->semaphore);
}

static void two_semaphores_make_parent_and_child_take_turns(void)
{
    enum { TURNS = 200 };
    sem_init(&shared->semaphore, 1, 1);       /* the parent's turn first */
    sem_init(&shared->second, 1, 0);
    pid_t child = fork();
    if (child == 0) {
        for (int turn = 1; turn < 2 * TURNS; turn += 2) {
            sem_wait(&shared->second);
            shared->sequence[turn] = 'c';
            sem_post(&shared->semaphore);
        }
        _exit(0);
    }
    for (int turn = 0; turn < 2 * TURNS; turn += 2) {
        sem_wait(&shared->semaphore);
        shared->sequence[turn] = 'p';
        if (turn % 20 == 0)
            sched_yield();                    /* give the child every chance to jump its turn */
        sem_post(&shared->second);
    }
    expect_child_success(child, "the child's turns");
    int out_of_turn = 0;
    for (int turn = 0; turn < 2 * TURNS; turn++)
        out_of_turn += shared->sequence[turn] != (turn % 2 ? 'c' : 'p');
    CHECK_EQ(0, out_of_turn, "turns taken out of order (p, c, p, c, ...)");
    sem_destroy(&shared->semaphore);
    sem_destroy(&shared->second);
}

static void processes_meet_on_a_semaphore_mapped_at_different_addresses(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, PAGE);
    char *mine = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(mine != MAP_FAILED, "mmap of the file: got MAP_FAILED (%s)", strerror(errno));
    if (mine == MAP_FAILED) {
        close(fd);
        return;
    }
    sem_t *semaphore = (sem_t *)(mine + 1000);
    sem_init(semaphore, 1, 0);
    int report[2];
    pipe(report);
    pid_t child = fork();
    if (child == 0) {
        /* a mapping of its own, elsewhere, of the same file page */
        char *theirs = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (theirs == MAP_FAILED || theirs == mine)
            _exit(__LINE__);
        write(report[1], "m", 1);
        _exit(sem_wait((sem_t *)(theirs + 1000)) == 0 ? 0 : __LINE__);
    }
    char c;
    read(report[0], &c, 1);
    CHECK(wait_until_blocked_on_a_futex(child), "the child waiting at its own address: expected it blocked");
    sem_post(semaphore);                      /* at the parent's address */
    expect_child_success(child, "the child woken by a post at another virtual address of the same memory");
    CHECK_EQ(0, value_of(semaphore), "value after the child took the unit");
    munmap(mine, PAGE);
    close(fd);
    close(report[0]);
    close(report[1]);
    unlink(FILE_PATH);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before;
    shared = shared_memory_after_warm_up(sizeof *shared, tasks, &before);
    if (!shared)
        return 1;

    init_getvalue_trywait_and_post_count_units();
    a_waiter_blocks_in_the_kernel_and_uses_no_cpu();
    one_post_wakes_exactly_one_of_three_waiters();
    posts_made_before_anyone_waits_are_kept();
    two_semaphores_make_parent_and_child_take_turns();
    processes_meet_on_a_semaphore_mapped_at_different_addresses();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("posix_sem_unnamed_between_processes");
}
