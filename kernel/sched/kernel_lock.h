/* kernel/sched/kernel_lock.h - the kernel lock, under its one name,
 * and the table of every lock the kernel has.
 *
 * THE LOCKS. Nine kinds, and nothing else waits for anything:
 *
 *   lock                  kind          what it protects             who takes it
 *   --------------------  ------------  ---------------------------  --------------------------------
 *   kernel_lock           interrupts    everything in memory: tasks, system calls from entry (the gate),
 *   (this file)           off, nests    wait queues, ready lists,    interrupt handlers (the gate),
 *                                       every IPC object, pages      kernel tasks around shared state
 *   big kernel lock       test-and-set, on several CPUs, the same    every turn of interrupts off from
 *   (arch/x86/            lock, one per as kernel_lock: that one     "on" in kernel code (cpu.h): trap
 *   big_kernel_lock.c)    machine       CPU at a time has them off   entry, kernel_lock, the heap...
 *   spinlocks             test-and-set, the structure each names;    spinlock_take: with interrupts off
 *   (sched/spinlock.h)    interrupts    the tests' (ktest/lock_      (it nests), or from "on", taking
 *                         off, per CPU  tests.c), and:               the big kernel lock first
 *     a pipe's lock       spinlock,     its ring, its counts as      a pipe's read and write without the
 *     (ipc/pipe.h)        class "pipe"  calls without the big lock   big lock (ipc/pipe_without_big_
 *                                       see them, its two wait       lock.c); calls with it, to count
 *                                       queues' waiters              themselves (big_lock_users) and to
 *                                                                    wake or interrupt a waiter
 *     a port's lock       spinlock,     a thread's message port      msg_call, msg_reply(_recv), msg_recv
 *     (ipc/messages_      class "msg    while its owner sleeps on    without the big lock (ipc/msg_
 *     for_core.h)         port"         own_wait, and that queue     without_big_lock.c); every waker of
 *                                                                    the port's owner (msg_wake_owner)
 *     a mailbox's lock    spinlock,     its held messages, its       mbox_send and mbox_recv without the
 *     (ipc/mbox.h)        class         queues' waiters, and its     big lock (ipc/mbox_without_big_lock
 *                         "mailbox"     counts as calls without the  .c); calls with it, to count
 *                                       big lock see them            themselves (big_lock_users)
 *     a POSIX queue's     spinlock,     its messages and counts,     mq_timedsend and mq_timedreceive
 *     lock (ipc/posix_    class         its queues' waiters, as      without a timeout, without the big
 *     mq_internal.h)      "mqueue"      calls without the big lock   lock (ipc/posix_mq_without_big_lock
 *                                       see them                     .c); calls with it, to count
 *                                                                    themselves (big_lock_users)
 *     a System V          spinlock,     its messages and counts,     msgsnd and msgrcv without the big
 *     queue's lock        class         its waiters and the notes    lock (ipc/sysv_msgq_without_big_lock
 *     (ipc/sysv_msgq_     "msgqueue"    of the receivers waiting     .c); calls with it, to count
 *     internal.h)                       for a type                   themselves (big_lock_users), and to
 *                                                                    change that list of notes
 *     a System V          spinlock,     its values, its waiters and  semop without the big lock (ipc/
 *     semaphore set's     class         the wait queue of each that  sysv_sem_without_big_lock.c); calls
 *     lock (ipc/sysv_     "semaphores"  waits without the big lock   with it, to count themselves
 *     sem_internal.h)                                                (big_lock_users) and around what
 *                                                                    they do to the waiters
 *     a socket's lock:    spinlock,     a stream's two rings, a      read and write of a connected AF_UNIX
 *     a stream's (both    class         datagram socket's queue;     stream, send and receive of a
 *     ends), a datagram   "socket", one shutdown bits and wait       datagram socket, without the big
 *     socket's own (a     of a table    queues, as calls without     lock (ipc/socket_(datagram_)without_
 *     pair's ends share   of 32; two    the big lock see them        big_lock.c); calls with it, to count
 *     one) (ipc/socket_   are taken                                  themselves (big_lock_users); the
 *     internal.h)         lower address                              collector of descriptors in flight,
 *                         first                                      for its walk
 *     a futex lane's      spinlock,     the waiters of the words     futex_wait and futex_wake without the
 *     lock (ipc/futex_    class         that hash to it, which wait  big lock (ipc/futex_without_big_lock
 *     without_big_lock    "futex lane", without the big lock         .c); a wake with it (thread exit,
 *     .c)                 one of 32                                  the wake's row), to wake them first
 *     a thread's sigwait  spinlock,     what it waits for in         kill, sigqueue, sigtimedwait,
 *     lock (ipc/signal_   class         sigwaitinfo, sigsuspend or   sigsuspend and pause without the
 *     pending.h)          "sigwait"     pause without the big lock,  big lock (ipc/signal_without_big_
 *                                       the signal handed to it,     lock.c); a sender with it, to
 *                                       its wait queue               interrupt that wait
 *     a process's         spinlock,     its pending set and its      kill and sigqueue without the big
 *     signal lock (proc/  class         threads', its count of       lock, to make a signal pending (ipc/
 *     process.h)          "signals"     queued signals, its spare    signal_without_big_lock.c); every
 *                                       entries, and that it ended   add, take and drop with it (signal.c)
 *     a process's         spinlock,     the slots of its descriptor  read and write without the big lock
 *     descriptors lock    class         table (files[]) as a look-   in a process of several threads, to
 *     (proc/process.h)    "descriptors" up without the big lock      look up and take a reference (fs/
 *                                       holds a file                 file_without_big_lock.c); every
 *                                                                    change of a slot (descriptor_set,
 *                                                                    fs/file.c), on several CPUs
 *     the heap's lock     spinlock,     the heap's blocks and        kmalloc and kfree on several CPUs,
 *     (mm/heap.c)         class "heap", free list                    interrupt handlers too; nothing is
 *                         interrupts                                 taken inside it
 *   a CPU's kept          interrupts    the few small freed blocks   kmalloc and kfree on several CPUs,
 *   blocks (mm/heap_      off, on that  it keeps for itself, and     interrupt handlers too; nothing is
 *   cpu_cache.c)          CPU alone     their counts                 taken inside (the heap's lock after)
 *   lookups               a count per   a thread, System V queue or  calls without the big lock count
 *   (sched/lookup.h)      CPU, odd      semaphore set found without  themselves; the cleaner, the message
 *                         during one    the big lock, until it ends: calls with the big lock and a queue's
 *                                       whoever frees them waits     or set's free wait for them (never the
 *                                       for them                     other way); and a process's slot's
 *                                                                    free (a signal's sender found it)
 *   run-queue locks       test-and-set, a CPU's ready lists, and     the scheduler on several CPUs:
 *   (sched/run_queue_     one per CPU   the state of its tasks       blocking, waking, switching (held
 *   lock.h)                             (blocked, ready, running)    across it), stealing, balancing
 *   rt_lock               test-and-set  the real-time ready list     rt_append/rt_remove, and a CPU
 *   (sched/realtime.h)                                               looking for its next task
 *   fs_lock               sleeping,     inodes, names, mounts, the   every file-system system call,
 *   (fs/fs_lock.h)        FIFO owner    block cache, ext2's state    exec's file read, the flusher,
 *                                                                    kinfo's mount list
 *   ATA one_request       mutex         the drive's registers while  begin_request (drivers/ata.c),
 *   (drivers/ata.c)       (sched/mutex) one command is in flight      under fs_lock
 *   lock_stuff            postpones     the switch asked for while   interrupt handlers that wake
 *   (sched/scheduler.h)   switches      several tasks are woken      several tasks (timer, tty, e1000)
 *
 * The order: fs_lock, then ATA's mutex; the kernel lock is held around
 * each (a sleeping lock gives it up while it waits, as every wait does).
 * The sleeping locks never nest the other way. The big kernel lock is
 * the kernel lock on several CPUs: taken and given where "interrupts off"
 * begins and ends, passed with it from task to task at a switch. The
 * spinlocks come last, INSIDE the big kernel lock: a spinlock is taken
 * with it held (or spinlock_take takes it first) or, in a call without
 * it (a pipe's read and write, msg_call's round trip, a mailbox's
 * rendezvous), while the big
 * lock is not held; never
 * the big lock inside a spinlock. Inside a spinlock nothing sleeps,
 * switches or turns interrupts on, and no sleeping lock is taken (a
 * wait gives a pipe's, a port's or a mailbox's lock first: wait_queue.h). A call
 * without the big lock holds one port's lock at a time. Between spinlocks, the
 * order is their classes' (the lock checker, sched/lock_check.h, reports
 * an inversion; docs/locks.md); then the run-queue locks (the lowest CPU
 * first when two), then rt_lock (run_queue_lock.h).
 *
 * Who may sleep holding one: fs_lock's and the mutex's holders may (they
 * are sleeping locks); the kernel lock's and the big kernel lock's may,
 * and give them up while they wait; a spinlock's never.
 *
 * The locking rule itself, what "held" means for a system call, an
 * interrupt and a kernel task: kernel/sched/wait_queue.h. */
#ifndef KERNEL_SCHED_KERNEL_LOCK_H
#define KERNEL_SCHED_KERNEL_LOCK_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "kernel/panic.h"
#include "task.h"

/* Step 5: the kernel lock, which is the kernel's one lock (the locking
 * rule: kernel/sched/wait_queue.h). On one CPU it is "interrupts off":
 * system calls and interrupt handlers hold it from their first
 * instruction; a kernel task, which runs with interrupts on, takes it
 * here. Masks interrupts; nests; the outermost unlock restores the
 * interrupt flag as the outermost lock found it. Context: anywhere (in a
 * system call or an interrupt handler it only counts). Inline: the
 * functions of kernel/sched take it on every wake-up. The depth and the
 * saved flag belong to the task holding the lock: they live in struct
 * task, and a task switched to releases its own hold, the one it took
 * before it was switched away. */

static inline void kernel_lock(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    struct task *task = current_task;
    if (task->lock_depth++ == 0)
        task->lock_saved_flags = flags;
}

static inline void kernel_unlock(void)
{
    struct task *task = current_task;
    ASSERT(task->lock_depth > 0);
    if (--task->lock_depth == 0)
        cpu_restore_interrupts(task->lock_saved_flags);
}

/* True while the running task holds the kernel lock: interrupts are off
 * (a system call, an interrupt handler, or a kernel task between
 * kernel_lock and kernel_unlock). */
static inline int kernel_lock_held(void)
{
    return !cpu_interrupts_enabled();
}

#endif
