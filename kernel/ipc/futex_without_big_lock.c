/* kernel/ipc/futex_without_big_lock.c - futex_wait and futex_wake on
 * several CPUs without the big kernel lock: under the lock of one of
 * FUTEX_LANES hashed queues, so that two processes' mutexes, semaphores
 * and joins, or two threads' of one, hand off at once on two CPUs
 * (docs/smp.md, "Futexes without the big lock").
 *
 * The rules are futex.c's (futex_wait(2)): compare the word and sleep in
 * one step, no wake-up lost in between; the key of a word is its physical
 * address in shared memory, its address space and virtual address in
 * private memory. This is the usual case of each call, and every other
 * case takes the big lock and goes futex.c's way:
 *
 *   usual here                           the big lock's way
 *   -----------------------------------  -------------------------------------
 *   futex_wait without a timeout         a timeout (a deadline to keep: the
 *                                          sleeping list is the big lock's)
 *   the word present, aligned            absent (the copy fails at once:
 *                                          kernel/mm/page_fault.c), EFAULT
 *   trace off, nothing pending           the trace; a signal to take (one that
 *                                          ends a wait here is answered here,
 *                                          as futex.c answers it)
 *   futex_wake while no futex_wait       one does (big_lock_waiters): it
 *     waits the big lock's way             sleeps on futex.c's queues
 *
 * A waiter here sleeps on its lane's queue, whose lock is the lane's; a
 * waiter the big lock's way sleeps on futex.c's queues. So every wake
 * with the big lock wakes this file's waiters first and then futex.c's
 * (futex_wake_every_waiter in futex.c, from the wake's row and from a
 * thread's exit), and a wake without it goes on only while nobody waits
 * the big lock's way: each such wait counts itself in big_lock_waiters
 * before it reads the word, and a wake reads the count after its lane's
 * lock (a full fence) and so after its caller changed the word. One of
 * the two sees the other: the waiter the new value, or the waker the
 * count, and then the waker takes the big lock and wakes both kinds.
 *
 * The threads of one process may call here at once (unlike the other
 * calls without the big lock, which want a process of one thread): a
 * call reads one word of the process's memory and changes nothing of the
 * process. It reads with interrupts off, through page tables that another
 * thread changes only with the big lock; a frame that a munmap gives back
 * is taken again only with the big lock (mm/frame.c is its), which the
 * munmap keeps until every CPU that runs the process has answered its TLB
 * shootdown (arch/x86/smp_ipi.c), and this CPU answers only once its
 * interrupts are on again: after the read. A page table itself is freed
 * only with its address space, after the last thread. Context of each
 * call: a system call without the big kernel lock, interrupts off. */
#include "futex.h"
#include "futex_wake_order.h"

#include "arch/x86/paging.h"
#include "fs/file_without_big_lock.h"
#include "ipc/signal.h"
#include "kernel/syscall.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/smp_wait.h"
#include "sched/spinlock.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

#define FUTEX_LANE_BITS 5
#define FUTEX_LANES (1u << FUTEX_LANE_BITS)

/* One hashed queue and its lock, a cache line of its own: two CPUs that
 * use two lanes do not pass one line between them. */
struct futex_lane {
    struct spinlock lock;
    struct wait_queue waiters;     /* threads in futex_wait here, their keys in futex_wait */
} __attribute__((aligned(64)));

static const struct lock_class futex_lane_lock_class = { "futex lane", 0 };

static struct futex_lane lanes[FUTEX_LANES];

/* futex_waits that go the big lock's way (sys_futex_wait), from before
 * they read the word until they return: while not 0, a wake needs the
 * big lock to find them. */
static uint32_t big_lock_waiters;

/* The key of the word at `user_word` in *key and *space (futex.h), read
 * into *value: 1, or 0 when it is not aligned or not present (a call
 * without the big lock; with it, the copy makes it present or fails).
 * futex.c's word_key, whose EFAULT this leaves to the big lock's way. */
static int word_key_and_value(uint32_t *user_word, uint32_t *value, uint32_t *key, uint32_t *space)
{
    if (((uint32_t)user_word & 3) || copy_from_user(value, user_word, sizeof *value) < 0)
        return 0;
    uint32_t *entry = page_table_entry(current_task->page_directory, (uint32_t)user_word, 0);
    if (!entry || !(*entry & PTE_PRESENT))
        return 0;
    if (*entry & PTE_SHARED) {
        *space = 0;
        *key = (*entry & PTE_FRAME_MASK) | ((uint32_t)user_word & (PAGE_SIZE - 1));
    } else {
        *space = (uint32_t)current_task->process->address_space;
        *key = (uint32_t)user_word;
    }
    return 1;
}

/* Both halves of the key count: the same word of two processes of one
 * program (one virtual address, two address spaces) goes to two lanes,
 * most of the time. Multiplied by 2^32 / phi, the top bits mix them all. */
static struct futex_lane *lane_for(uint32_t key, uint32_t space)
{
    return &lanes[((key ^ space * 33u) * 0x9E3779B1u) >> (32 - FUTEX_LANE_BITS)];
}

/* Wakes up to `count` waiters of (key, space) on `lane`, in
 * futex_wake_order.h's order; how many. Context: the lane's lock held. */
static int wake_on_lane(struct futex_lane *lane, uint32_t key, uint32_t space, int count)
{
    int woken = 0;
    for (struct task *task; woken < count && (task = futex_next_to_wake(lane->waiters.first, key, space)); woken++)
        wait_queue_wake_task_locked(task);          /* the lane's lock is its queue's */
    return woken;
}

/* A call may go on without the big lock: begun without it, the trace
 * off (its events are the big lock's), nothing pending for the way back
 * to user mode (a signal: the big lock's way takes it). Any number of
 * threads (the file's opening comment says why). */
static inline int futex_may_go_without_big_lock(void)
{
    return running_without_big_lock() && !trace_on && !current_task->user_work_pending;
}

/* wait_without_big_lock's answer when a signal or other work ended
 * the wait, or came before it began (not an error code, not a count). */
#define WAIT_ENDED_BY_WORK 0x7FFFFFF0

/* futex_wait without a timeout: EAGAIN, 0 once woken,
 * TRANSFER_NEEDS_BIG_LOCK (the word absent), or WAIT_ENDED_BY_WORK. */
static int wait_without_big_lock(uint32_t *user_word, uint32_t expected)
{
    uint32_t value, key, space;
    if (!word_key_and_value(user_word, &value, &key, &space))
        return TRANSFER_NEEDS_BIG_LOCK;
    struct futex_lane *lane = lane_for(key, space);
    spinlock_take(&lane->lock);
    /* read again under the lock: a waker changes the word, then takes it */
    if (copy_from_user(&value, user_word, sizeof value) < 0) {
        spinlock_give(&lane->lock);
        return TRANSFER_NEEDS_BIG_LOCK;
    }
    if (value != expected) {
        spinlock_give(&lane->lock);
        return -EAGAIN;                           /* it changed already: look again */
    }
    struct futex_wait *wait = &current_thread()->futex_wait;
    wait->key = key;
    wait->space = space;
    int woken = wait_queue_sleep_giving(&lane->waiters, "futex (semaphore)");
    wait->key = 0;
    spinlock_give(&lane->lock);
    return woken == WAKE_NORMAL ? 0 : WAIT_ENDED_BY_WORK;
}

/* futex_wake: how many woken, or TRANSFER_NEEDS_BIG_LOCK (the word
 * absent; a waiter the big lock's way). */
static int wake_without_big_lock(uint32_t *user_word, int count)
{
    uint32_t value, key, space;
    if (!word_key_and_value(user_word, &value, &key, &space))
        return TRANSFER_NEEDS_BIG_LOCK;
    struct futex_lane *lane = lane_for(key, space);
    spinlock_take(&lane->lock);                   /* a full fence: then the count */
    if (__atomic_load_n(&big_lock_waiters, __ATOMIC_SEQ_CST)) {
        spinlock_give(&lane->lock);
        return TRANSFER_NEEDS_BIG_LOCK;
    }
    int woken = wake_on_lane(lane, key, space, count);
    spinlock_give(&lane->lock);
    return woken;
}

int futex_wake_without_big_lock_waiters(uint32_t *user_word, int count)
{
    uint32_t value, key, space;
    if (!big_kernel_lock_in_use || !word_key_and_value(user_word, &value, &key, &space))
        return 0;                                 /* one CPU; or no word: sys_futex_wake's EFAULT */
    struct futex_lane *lane = lane_for(key, space);
    spinlock_take(&lane->lock);
    int woken = wake_on_lane(lane, key, space, count);
    spinlock_give(&lane->lock);
    return woken;
}

/* futex_wait's row in the table. */
static int futex_wait_row(uint32_t *user_word, uint32_t expected, const struct timespec *user_timeout)
{
    int status = !user_timeout && futex_may_go_without_big_lock() ? wait_without_big_lock(user_word, expected)
                                                                 : TRANSFER_NEEDS_BIG_LOCK;
    int ended_by_work = status == WAIT_ENDED_BY_WORK;
    if (syscall_done_without_big_lock(status != TRANSFER_NEEDS_BIG_LOCK && !ended_by_work))
        return status;
    /* With the big lock now. A signal ended the wait (or came first):
     * futex.c's answer for a wait without a timeout that a signal ends,
     * whatever became of the word since (munmap'ed, changed). Other work
     * (a reschedule) ended nothing: wait again, futex.c's way. */
    if (ended_by_work && current_task->user_work_pending && signal_has_deliverable(current_task))
        return -ERESTARTSYS;
    __atomic_add_fetch(&big_lock_waiters, 1, __ATOMIC_SEQ_CST);   /* before it reads the word */
    int result = sys_futex_wait(user_word, expected, user_timeout);
    __atomic_sub_fetch(&big_lock_waiters, 1, __ATOMIC_SEQ_CST);
    return result;
}

/* futex_wake's row in the table: this file's waiters, then futex.c's. */
static int futex_wake_row(uint32_t *user_word, int count)
{
    int status = futex_may_go_without_big_lock() ? wake_without_big_lock(user_word, count)
                                                  : TRANSFER_NEEDS_BIG_LOCK;
    if (syscall_done_without_big_lock(status != TRANSFER_NEEDS_BIG_LOCK))
        return status;
    return futex_wake_every_waiter(user_word, count);
}

void futex_calls_without_big_lock_start(void)
{
    for (unsigned index = 0; index < FUTEX_LANES; index++) {
        spinlock_init(&lanes[index].lock, "futex lane", &futex_lane_lock_class);
        wait_queue_init(&lanes[index].waiters);
        lanes[index].waiters.lock = &lanes[index].lock;
    }
    /* the libc's pthread_cond_wait and pthread_join wait as cancellation
     * points: a cancellation ends the wait as a signal does (above) */
    syscall_replace_without_big_lock_as_cancel_point(SYS_futex_wait, futex_wait_row);
    syscall_replace_without_big_lock(SYS_futex_wake, futex_wake_row);
}
