/* kernel/ktest/sched_tests.c - one or more tests per step of Brendan's
 * tutorial (docs/scheduler.md has the table), run by `make test` at -O2
 * and again at -O0. Worker tasks report back through a semaphore, so the
 * test (running in the boot task) can wait for them. */
#include "arch/x86/cpu.h"
#include "arch/x86/timestamp_counter.h"
#include "ktest.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "sched/clock.h"
#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "sched/task.h"
#include "sched/wait_queue.h"

static struct kernel_semaphore workers_done;

static void wait_for_workers(int count)
{
    for (int i = 0; i < count; i++)
        semaphore_acquire(&workers_done);
}

/* Waits until the cleaner has freed every terminated task. */
static void wait_for_cleaner(unsigned tasks_expected)
{
    nano_sleep(2 * NS_PER_CLOCK_TICK);   /* the cleaner runs while we sleep */
    for (int i = 0; i < 1000 && task_count() != tasks_expected; i++)
        nano_sleep(NS_PER_CLOCK_TICK);
}

/* ---- steps 1-2: switching and round robin ---------------------------- */

#define LOG_SIZE 64
static char switch_log[LOG_SIZE + 1];
static int switch_log_length;

/* Appends its letter, then hands the CPU on, `rounds` times, with the
 * kernel locked throughout: no timer can interfere, so the order of the
 * log is exactly the order of the switches. */
static void log_and_switch(void *argument)
{
    char letter = (char)(uint32_t)argument;
    kernel_lock();
    for (int i = 0; i < 4; i++) {
        if (switch_log_length < LOG_SIZE)
            switch_log[switch_log_length++] = letter;
        schedule();
    }
    kernel_unlock();
    semaphore_release(&workers_done);
}

KTEST(sched_step1_two_tasks_switch_to_each_other)
{
    semaphore_init(&workers_done, 0);
    switch_log_length = 0;
    memset(switch_log, 0, sizeof switch_log);
    kernel_lock();        /* both start only when we block below */
    create_kernel_task("A", log_and_switch, (void *)'A');
    create_kernel_task("B", log_and_switch, (void *)'B');
    kernel_unlock();
    wait_for_workers(2);
    KTEST_EXPECT(!strcmp(switch_log, "ABABABAB"), "switch order \"%s\", expected \"ABABABAB\"", switch_log);
}

KTEST(sched_step2_round_robin_visits_every_task_in_order)
{
    semaphore_init(&workers_done, 0);
    switch_log_length = 0;
    memset(switch_log, 0, sizeof switch_log);
    kernel_lock();
    create_kernel_task("1", log_and_switch, (void *)'1');
    create_kernel_task("2", log_and_switch, (void *)'2');
    create_kernel_task("3", log_and_switch, (void *)'3');
    create_kernel_task("4", log_and_switch, (void *)'4');
    kernel_unlock();
    wait_for_workers(4);
    const char *expected = "1234123412341234";
    KTEST_EXPECT(!strcmp(switch_log, expected), "order \"%s\", expected \"%s\"", switch_log, expected);
}

/* ---- step 3: time accounting ----------------------------------------- */

static volatile int spin_stop;

static void spin_until_stopped(void *unused)
{
    (void)unused;
    while (!spin_stop)
        ;
    semaphore_release(&workers_done);
}

KTEST(sched_step3_cpu_time_adds_up_to_elapsed_time)
{
    semaphore_init(&workers_done, 0);
    spin_stop = 0;
    nano_sleep(2 * NS_PER_CLOCK_TICK);   /* the cleaner frees earlier tests' tasks now: one
                                            freed mid-measurement would take its time along */
    struct task *a = create_kernel_task("spin-a", spin_until_stopped, 0);
    struct task *b = create_kernel_task("spin-b", spin_until_stopped, 0);
    kernel_lock();
    uint64_t start = cpu_read_timestamp();
    uint64_t cpu_start = 0;
    for (struct task *t = all_tasks; t; t = t->all_next)
        cpu_start += task_cpu_time_ns(t);
    kernel_unlock();
    nano_sleep(50 * 1000000ull);
    kernel_lock();
    uint64_t elapsed = timestamp_to_ns(cpu_read_timestamp() - start);
    uint64_t cpu_end = 0;
    for (struct task *t = all_tasks; t; t = t->all_next)
        cpu_end += task_cpu_time_ns(t);
    uint64_t a_time = task_cpu_time_ns(a), b_time = task_cpu_time_ns(b);
    kernel_unlock();
    spin_stop = 1;
    wait_for_workers(2);
    /* Every nanosecond goes to some task (the idle task's too): the sums
     * differ by what passed between the reads of the counter and the
     * clocks, and by the charges' rounding down to whole nanoseconds. */
    int64_t difference = (int64_t)(cpu_end - cpu_start) - (int64_t)elapsed;
    KTEST_EXPECT(difference > -20000 && difference < 20000,
                 "CPU time of all tasks %llu ns, %lld ns off the %llu ns that passed", cpu_end - cpu_start,
                 difference, elapsed);
    KTEST_EXPECT(a_time > 0 && b_time > 0, "a spinning task got no CPU time (%llu, %llu)", a_time, b_time);
}

/* ---- step 4: the ready list ------------------------------------------ */

KTEST(sched_step4_yield_with_nothing_ready_does_not_switch)
{
    nano_sleep(3 * NS_PER_CLOCK_TICK);   /* earlier tests' tasks finish meanwhile */
    kernel_lock();
    uint64_t before = task_switch_count();
    schedule();
    uint64_t after = task_switch_count();
    kernel_unlock();
    KTEST_EXPECT_EQ(before, after, "task switches when nothing was ready");
    KTEST_EXPECT(current_task->state == TASK_RUNNING, "the running task's state is %d", current_task->state);
}

/* ---- step 5: locking ------------------------------------------------- */

KTEST(sched_step5_lock_nests_and_restores_the_interrupt_flag)
{
    KTEST_EXPECT(cpu_interrupts_enabled(), "interrupts off at the start");
    kernel_lock();
    kernel_lock();
    KTEST_EXPECT(!cpu_interrupts_enabled(), "interrupts on inside the lock");
    kernel_unlock();
    KTEST_EXPECT(!cpu_interrupts_enabled(), "interrupts on after the inner unlock");
    kernel_unlock();
    KTEST_EXPECT(cpu_interrupts_enabled(), "interrupts off after the outer unlock");
    /* as in an interrupt handler: interrupts already off stay off */
    cpu_disable_interrupts();
    kernel_lock();
    kernel_unlock();
    int enabled = cpu_interrupts_enabled();
    cpu_enable_interrupts();
    KTEST_EXPECT(!enabled, "unlock enabled interrupts that were off before the lock");
}

/* ---- step 6: blocking and unblocking --------------------------------- */

#define PING_PONG_ROUNDS 10000
static struct task *ping_task, *pong_task;
static volatile int ping_count, pong_count;

static void pong(void *unused)
{
    (void)unused;
    for (int i = 0; i < PING_PONG_ROUNDS; i++) {
        kernel_lock();
        while (pong_count == ping_count)       /* wait for a ping */
            block_task("waiting for ping");
        pong_count++;
        unblock_task(ping_task);
        kernel_unlock();
    }
    semaphore_release(&workers_done);
}

KTEST(sched_step6_block_unblock_ping_pong_counts_exactly)
{
    semaphore_init(&workers_done, 0);
    ping_count = pong_count = 0;
    ping_task = current_task;
    pong_task = create_kernel_task("pong", pong, 0);
    for (int i = 0; i < PING_PONG_ROUNDS; i++) {
        kernel_lock();
        ping_count++;
        unblock_task(pong_task);
        while (pong_count != ping_count)
            block_task("waiting for pong");
        kernel_unlock();
    }
    wait_for_workers(1);
    KTEST_EXPECT_EQ(PING_PONG_ROUNDS, ping_count, "pings");
    KTEST_EXPECT_EQ(PING_PONG_ROUNDS, pong_count, "pongs");
}

/* ---- steps 7-8: postponed switches ----------------------------------- */

#define POSTPONE_ROUNDS 5000
static volatile int postponed_wakeups;

static void count_wakeups(void *unused)
{
    (void)unused;
    for (int i = 0; i < POSTPONE_ROUNDS; i++) {
        kernel_lock();
        block_task("waiting for a postponed wake-up");
        postponed_wakeups++;
        kernel_unlock();
    }
    semaphore_release(&workers_done);
}

KTEST(sched_step7_unblock_while_switches_postponed_is_not_lost)
{
    semaphore_init(&workers_done, 0);
    postponed_wakeups = 0;
    struct task *sleeper = create_kernel_task("postponed", count_wakeups, 0);
    for (int i = 0; i < POSTPONE_ROUNDS; i++) {
        while (sleeper->state != TASK_BLOCKED)   /* timer keeps running meanwhile */
            yield();
        lock_stuff();
        unblock_task(sleeper);                   /* readied now, switched to later */
        int ran_early = postponed_wakeups != i;
        unlock_stuff();
        KTEST_EXPECT(!ran_early, "round %d: the woken task ran before unlock_stuff", i);
    }
    wait_for_workers(1);
    KTEST_EXPECT_EQ(POSTPONE_ROUNDS, postponed_wakeups, "wake-ups that arrived");
}

static struct mutex shared_mutex;
static volatile uint64_t mutex_released_at, sleeper_ran_at;

static void sleep_then_take_mutex(void *argument)
{
    nano_sleep_until((uint64_t)(uint32_t)argument * 1000ull);   /* woken by the timer */
    mutex_lock(&shared_mutex);
    sleeper_ran_at = clock_now_ns();
    mutex_unlock(&shared_mutex);
    semaphore_release(&workers_done);
}

KTEST(sched_step8_task_woken_by_timer_while_lock_held_runs_after_release)
{
    semaphore_init(&workers_done, 0);
    mutex_init(&shared_mutex);
    mutex_lock(&shared_mutex);
    uint64_t wake_at = clock_now_ns() + 5 * NS_PER_CLOCK_TICK;
    create_kernel_task("sleeper", sleep_then_take_mutex, (void *)(uint32_t)(wake_at / 1000));
    while (clock_now_ns() < wake_at + 5 * NS_PER_CLOCK_TICK)
        ;                                        /* hold the lock past the wake-up */
    mutex_released_at = clock_now_ns();
    mutex_unlock(&shared_mutex);
    wait_for_workers(1);
    KTEST_EXPECT(sleeper_ran_at >= mutex_released_at, "the sleeper got the mutex at %llu, before its release at %llu",
                 sleeper_ran_at, mutex_released_at);
}

/* ---- step 9: sleeping ------------------------------------------------ */

static volatile uint64_t woke_at[4];

static void sleep_for_ticks(void *argument)
{
    int index = (int)(uint32_t)argument;
    uint64_t when = clock_now_ns() + (uint64_t)(index * 3 + 1) * NS_PER_CLOCK_TICK + 1234;
    nano_sleep_until(when);
    woke_at[index] = clock_now_ns() - when;     /* how late, never negative */
    if (clock_now_ns() < when)
        woke_at[index] = ~0ull;                 /* woke early */
    semaphore_release(&workers_done);
}

KTEST(sched_step9_sleep_never_wakes_early_and_wakes_within_a_tick)
{
    semaphore_init(&workers_done, 0);
    for (int i = 0; i < 4; i++)
        create_kernel_task("sleeper", sleep_for_ticks, (void *)i);
    wait_for_workers(4);
    for (int i = 0; i < 4; i++) {
        KTEST_EXPECT(woke_at[i] != ~0ull, "sleeper %d woke early", i);
        KTEST_EXPECT(woke_at[i] < NS_PER_CLOCK_TICK, "sleeper %d woke %llu ns late", i, woke_at[i]);
    }
    uint64_t before = clock_now_ns();
    nano_sleep_until(before - 1);               /* the past: returns at once */
    nano_sleep_until(before - 1);
    KTEST_EXPECT(cpu_interrupts_enabled(), "the early-return path left interrupts off");
}

/* ---- step 10: idle ---------------------------------------------------- */

KTEST(sched_step10_idle_time_grows_while_every_task_sleeps)
{
    uint64_t idle_before = idle_time_ns();
    nano_sleep(30 * 1000000ull);
    uint64_t idle = idle_time_ns() - idle_before;
    KTEST_EXPECT(idle >= 28 * 1000000ull, "idle time grew by only %llu ns over a 30 ms sleep", idle);
}

/* ---- step 11: time slices -------------------------------------------- */

static volatile uint32_t progress[2];

static void count_forever(void *argument)
{
    int index = (int)(uint32_t)argument;
    while (!spin_stop)
        progress[index]++;
    semaphore_release(&workers_done);
}

KTEST(sched_step11_two_cpu_bound_tasks_both_progress)
{
    semaphore_init(&workers_done, 0);
    spin_stop = 0;
    progress[0] = progress[1] = 0;
    struct task *a = create_kernel_task("busy-0", count_forever, (void *)0);
    struct task *b = create_kernel_task("busy-1", count_forever, (void *)1);
    /* spin ourselves too: only preemption lets the others run */
    uint64_t end = clock_now_ns() + 100 * 1000000ull;
    while (clock_now_ns() < end)
        ;
    uint32_t seen0 = progress[0], seen1 = progress[1];
    uint64_t time_a = task_cpu_time_ns(a), time_b = task_cpu_time_ns(b);
    spin_stop = 1;
    wait_for_workers(2);
    KTEST_EXPECT(seen0 > 0 && seen1 > 0, "progress %u and %u: a task never ran", seen0, seen1);
    KTEST_EXPECT(time_a >= 20 * 1000000ull && time_b >= 20 * 1000000ull,
                 "CPU time %llu and %llu ns in 100 ms of three busy tasks", time_a, time_b);
}

/* ---- step 12: termination -------------------------------------------- */

static void return_at_once(void *unused)
{
    (void)unused;
}

KTEST(sched_step12_200_tasks_created_and_terminated_leak_nothing)
{
    wait_for_cleaner(task_count());
    unsigned tasks_before = task_count();
    size_t heap_before = heap_bytes_in_use();
    unsigned frames_before = frame_free_count();
    for (int i = 0; i < 200; i++)
        KTEST_EXPECT(create_kernel_task("short", return_at_once, 0), "task %d not created", i);
    wait_for_cleaner(tasks_before);
    KTEST_EXPECT_EQ(tasks_before, task_count(), "tasks alive");
    KTEST_EXPECT_EQ(heap_before, heap_bytes_in_use(), "heap bytes in use");
    KTEST_EXPECT_EQ(frames_before, frame_free_count(), "free frames");
}

/* ---- step 13: mutexes and semaphores --------------------------------- */

static volatile uint32_t shared_counter;

static void increment_under_mutex(void *unused)
{
    (void)unused;
    for (int i = 0; i < 1000; i++) {
        mutex_lock(&shared_mutex);
        uint32_t value = shared_counter;
        if (i % 7 == 0)
            yield();                 /* invite a race the mutex must prevent */
        shared_counter = value + 1;
        mutex_unlock(&shared_mutex);
    }
    semaphore_release(&workers_done);
}

KTEST(sched_step13_mutex_keeps_a_shared_counter_exact)
{
    semaphore_init(&workers_done, 0);
    mutex_init(&shared_mutex);
    shared_counter = 0;
    for (int i = 0; i < 4; i++)
        create_kernel_task("incrementer", increment_under_mutex, 0);
    wait_for_workers(4);
    KTEST_EXPECT_EQ(4000, shared_counter, "counter after 4 x 1000 locked increments");
}

static struct kernel_semaphore gate;
static char arrival_log[8];
static volatile int arrivals;

static void wait_at_gate(void *argument)
{
    semaphore_acquire(&gate);
    arrival_log[arrivals++] = (char)(uint32_t)argument;
    semaphore_release(&workers_done);
}

KTEST(sched_step13_semaphore_serves_waiters_in_arrival_order)
{
    semaphore_init(&workers_done, 0);
    semaphore_init(&gate, 0);
    arrivals = 0;
    memset(arrival_log, 0, sizeof arrival_log);
    for (char c = 'a'; c <= 'e'; c++) {
        create_kernel_task("waiter", wait_at_gate, (void *)(uint32_t)c);
        while (gate.waiters.length != (unsigned)(c - 'a' + 1))
            yield();                 /* let it reach the gate before the next comes */
    }
    for (int i = 0; i < 5; i++) {
        semaphore_release(&gate);
        /* handed to the first waiter, not left for a newcomer to take */
        KTEST_EXPECT_EQ(0, gate.count, "units left free while tasks wait");
    }
    wait_for_workers(5);
    KTEST_EXPECT(!strcmp(arrival_log, "abcde"), "served in order \"%s\", expected \"abcde\"", arrival_log);
}

/* ---- wait queues ------------------------------------------------------ */

static struct wait_queue test_queue;
static volatile int wake_results[8];

static void wait_on_test_queue(void *argument)
{
    int index = (int)(uint32_t)argument;
    kernel_lock();
    wake_results[index] = wait_queue_sleep(&test_queue, "test queue", 0, WAIT_INTERRUPTIBLE);
    kernel_unlock();
    semaphore_release(&workers_done);
}

KTEST(sched_wait_queue_times_out_at_its_deadline)
{
    wait_queue_init(&test_queue);
    uint64_t deadline = clock_now_ns() + 3 * NS_PER_CLOCK_TICK;
    kernel_lock();
    int result = wait_queue_sleep(&test_queue, "timeout test", deadline, WAIT_UNINTERRUPTIBLE);
    kernel_unlock();
    uint64_t now = clock_now_ns();
    KTEST_EXPECT_EQ(WAKE_TIMEOUT, result, "wake result");
    KTEST_EXPECT(now >= deadline, "woke %llu ns before the deadline", deadline - now);
    KTEST_EXPECT_EQ(0, test_queue.length, "waiters left on the queue");
}

KTEST(sched_wait_queue_wake_all_and_interrupt)
{
    semaphore_init(&workers_done, 0);
    wait_queue_init(&test_queue);
    struct task *waiters[5];
    for (int i = 0; i < 5; i++) {
        wake_results[i] = -1;
        waiters[i] = create_kernel_task("queue-waiter", wait_on_test_queue, (void *)i);
    }
    while (test_queue.length != 5)
        yield();
    KTEST_EXPECT(wait_queue_interrupt(waiters[2]), "interrupting waiter 2 failed");
    KTEST_EXPECT_EQ(4, wait_queue_wake_all(&test_queue), "tasks woken by wake_all");
    wait_for_workers(5);
    for (int i = 0; i < 5; i++)
        KTEST_EXPECT_EQ(i == 2 ? WAKE_INTERRUPTED : WAKE_NORMAL, wake_results[i], "wake result");
    KTEST_EXPECT(wait_queue_wake_one(&test_queue) == 0, "wake_one on an empty queue woke someone");
}

/* ---- ktest=sched-demo: a readable trace -------------------------------- */

static void demo_worker(void *argument)
{
    int n = (int)(uint32_t)argument;
    kprintf("  [%s] starts; sleeps %d ms\n", current_task->name, n * 10);
    nano_sleep((uint64_t)n * 10 * 1000000ull);
    kprintf("  [%s] woke; blocks on the gate\n", current_task->name);
    semaphore_acquire(&gate);
    kprintf("  [%s] passed the gate; yields\n", current_task->name);
    yield();
    kprintf("  [%s] ends (CPU time %llu us)\n", current_task->name, task_cpu_time_ns(current_task) / 1000);
    semaphore_release(&workers_done);
}

KTEST_NAMED_ONLY(sched_demo)
{
    semaphore_init(&workers_done, 0);
    semaphore_init(&gate, 0);
    kprintf("sched-demo: three tasks sleep, block on a semaphore, yield and end\n");
    create_kernel_task("one", demo_worker, (void *)1);
    create_kernel_task("two", demo_worker, (void *)2);
    create_kernel_task("three", demo_worker, (void *)3);
    nano_sleep(50 * 1000000ull);
    for (int i = 0; i < 3; i++) {
        kprintf("  [boot] opens the gate once\n");
        semaphore_release(&gate);
        yield();
    }
    wait_for_workers(3);
    kprintf("sched-demo: %llu task switches so far, idle %llu us\n", task_switch_count(), idle_time_ns() / 1000);
}
