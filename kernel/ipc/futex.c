/* kernel/ipc/futex.c - waiting on a word of shared memory.
 *
 * The primitive under the libc's POSIX semaphores: futex_wait sleeps only
 * if the word still holds the value the caller saw (checked with
 * interrupts off, so a futex_wake between the check and the sleep cannot be
 * missed); futex_wake wakes waiters on the same word. A word in shared
 * memory (a MAP_SHARED mapping, System V shared memory) is known by its
 * PHYSICAL address, so two processes that map the same frame meet on it
 * even at different virtual addresses. A word in private memory is known
 * by its address space and VIRTUAL address: its frame may change under it
 * (a fork makes it copy-on-write, and the next write copies it), but the
 * threads of one process still meet on it. Waiters live in a few hashed
 * FIFO queues. */
#include "futex.h"
#include "futex_wake_order.h"

#include "arch/x86/paging.h"
#include "ipc/signal.h"
#include "kernel/trace.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/time.h"

// LAB(futex) BEGIN: the hashed wait queues, and the key that names a word
#define FUTEX_BUCKETS 32

static struct wait_queue buckets[FUTEX_BUCKETS];

/* The key of the user word at `address` (made present first): its
 * physical address and space 0 if it is shared memory (PTE_SHARED), else
 * its virtual address and its address space. Key 0 when it is not
 * accessible. */
static uint32_t word_key(uint32_t *user_word, uint32_t *value, uint32_t *space)
{
    if (((uint32_t)user_word & 3) || copy_from_user(value, user_word, sizeof *value) < 0)
        return 0;
    uint32_t *entry = page_table_entry(current_task->page_directory, (uint32_t)user_word, 0);
    if (!entry || !(*entry & PTE_PRESENT))
        return 0;
    if (!(*entry & PTE_SHARED)) {
        *space = (uint32_t)current_task->process->address_space;
        return (uint32_t)user_word;
    }
    *space = 0;
    return (*entry & PTE_FRAME_MASK) | ((uint32_t)user_word & (PAGE_SIZE - 1));
}

static struct wait_queue *bucket_for(uint32_t key)
{
    return &buckets[(key >> 2) % FUTEX_BUCKETS];
}

/* The trace line of a wake (`woken`: the woken task, or NULL when nobody
 * was). The threads of an ending process clear and wake their clear_tid
 * words as they go (thread.c): no IPC, like the SIGKILLs that end them.
 * Out of line: only when the trace is on. */
static void __attribute__((cold, noinline)) futex_trace_wake(uint32_t *user_word, struct task *woken)
{
    struct process *process = current_task->process;
    if (process->exiting && !process->survivor)
        return;
    trace_current_event("futex_wake", "word=0x%08x woke=%d", (uint32_t)user_word,
                        woken ? thread_of(woken)->tid : 0);
}
// LAB(futex) STUB
// LAB(futex) END

int sys_futex_wait(uint32_t *user_word, uint32_t expected, const struct timespec *user_timeout)
{
    // LAB(futex) BEGIN: compare the word and sleep, with no wake-up lost in between
    uint32_t value, space;
    uint32_t key = word_key(user_word, &value, &space);
    if (!key)
        return -EFAULT;
    uint64_t deadline = 0;
    if (user_timeout) {
        struct timespec timeout;
        if (copy_from_user(&timeout, user_timeout, sizeof timeout) < 0)
            return -EFAULT;
        if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= 1000000000)
            return -EINVAL;
        deadline = clock_now_ns() + (uint64_t)timeout.tv_sec * 1000000000ull + (uint64_t)timeout.tv_nsec + 1;
    }
    trace_current_event("futex_wait", "word=0x%08x value=%u expected=%u key=%s result=%s", (uint32_t)user_word,
                        value, expected, space ? "private" : "shared", value != expected ? "EAGAIN" : "sleep");
    if (value != expected)
        return -EAGAIN;                    /* it changed already: look again */
    struct futex_wait *wait = &current_thread()->futex_wait;
    wait->key = key;
    wait->space = space;
    int woken = wait_queue_sleep(bucket_for(key), "futex (semaphore)", deadline, WAIT_INTERRUPTIBLE);
    wait->key = 0;
    if (woken == WAKE_TIMEOUT)
        return -ETIMEDOUT;
    /* a signal: with a timeout, EINTR; without one, as Linux's FUTEX_WAIT,
     * made again after a stop and continue and after a handler under
     * SA_RESTART (so sem_wait is restarted, as on Linux), EINTR else */
    return woken == WAKE_INTERRUPTED ? (user_timeout ? -EINTR : -ERESTARTSYS) : 0;
    // LAB(futex) STUB
    // (void)user_word, (void)expected, (void)user_timeout;
    // yield();                 /* not written yet: the libc's waits spin, giving the CPU away each turn */
    // return -ENOSYS;
    // LAB(futex) END
}

int sys_futex_wake(uint32_t *user_word, int count)
{
    // LAB(futex) BEGIN: wake up to `count` waiters of the word, the highest real-time priority first, then the oldest
    uint32_t value, space;
    uint32_t key = word_key(user_word, &value, &space);
    if (!key)
        return -EFAULT;
    int woken = 0;
    struct wait_queue *bucket = bucket_for(key);
    for (struct task *task; woken < count && (task = futex_next_to_wake(bucket->first, key, space)); woken++) {
        if (__builtin_expect(trace_on, 0))
            futex_trace_wake(user_word, task);
        wait_queue_wake_task(task);                  /* off the queue: the next look passes it */
    }
    if (__builtin_expect(trace_on, 0) && !woken)
        futex_trace_wake(user_word, 0);
    return woken;
    // LAB(futex) STUB
    // (void)user_word, (void)count;
    // return -ENOSYS;                              /* not written yet: nobody sleeps to be woken */
    // LAB(futex) END
}

int futex_wake_every_waiter(uint32_t *user_word, int count)
{
    int woken = futex_wake_without_big_lock_waiters(user_word, count);   /* 0 on one CPU */
    int more = sys_futex_wake(user_word, count - woken);
    return more < 0 ? (woken ? woken : more) : woken + more;
}
