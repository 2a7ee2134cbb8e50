/* kernel/proc/thread.c - the thread table, creating and ending threads, and
 * their system calls (thread(2)): thread_create, thread_exit, gettid,
 * set_tls. The design is in thread.h. */
#include "thread.h"

#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/smp_for_core.h"
#include "arch/x86/trap.h"
#include "arch/x86/trap_frame.h"
#include "ipc/signal.h"
#include "ipc/timers_for_core.h"
#include "kernel/panic.h"
#include "kernel/syscall.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "process.h"
#include "sched/scheduler.h"
#include "uapi/errno.h"

struct thread *thread_table[MAX_THREADS];      /* thread_find, in thread.h */
/* Holds the slot of a process's pid while its first thread has ended and
 * others live on: no new thread may take it (an exec takes it back,
 * thread_take_pid). Its tid matches no id, so thread_find never finds it. */
static struct thread pid_slot_reserved = { .tid = -1 };
static unsigned live_threads;

#define ID_MAX 32767
static int next_id = 1;

/* The last slots of the process table and of the thread table are root's,
 * as Linux keeps the last files for root: a user's fork or thread bomb
 * leaves root the room to run ps and kill. */
#define SLOTS_KEPT_FOR_ROOT 4

int thread_id_allocate(int for_process)
{
    const struct process *caller = current_task->process;
    unsigned kept = !caller || caller->euid == 0 ? 0 : SLOTS_KEPT_FOR_ROOT;
    if (live_threads + kept >= MAX_THREADS || (for_process && process_count() + kept >= MAX_PROCESSES))
        return 0;
    /* An id is free when its thread slot is, and (for a process) its
     * process slot too, or (for a thread) no process has it as its pid: a
     * process whose first thread has ended keeps its pid. */
    for (int tries = 0; tries < ID_MAX; tries++) {
        int id = next_id;
        next_id = next_id == ID_MAX ? 2 : next_id + 1;   /* ids wrap, skipping 1 (init) */
        if (thread_table[id % MAX_THREADS])
            continue;
        if (for_process ? process_slot(id % MAX_PROCESSES)->state != PROCESS_FREE : process_find(id) != 0)
            continue;
        /* not a pid a group or session still bears: a new process with it
         * would be taken for one of its members (a terminal's foreground
         * group: tty_job_control.c); a thread's id never names a group */
        if (for_process && process_id_names_a_group(id))
            continue;
        return id;
    }
    return 0;
}

/* A new thread's first code: the scheduler is released and the function
 * returns into trap_return, right above it on the stack, which restores
 * the frame and enters user mode. trap_return does not look at the work
 * the way back to user mode must do first, so that is done here: a thread
 * (or a fork's child) told to end or stop before it ever ran (its process
 * exits, execs, takes SIGKILL, stops) does so now, before its first user
 * instruction, as every other thread does on its way back. Interrupts are
 * still off: the kernel lock is held, as on any return path. */
static void thread_first_run(void)
{
    kernel_unlock();
    if (current_task->user_work_pending)
        return_to_user_work(task_user_frame(current_task));
}

struct thread *thread_start(struct process *process, int tid, const struct trap_frame *frame)
{
    extern void trap_return(void);               /* arch/x86/trap_entry.asm */
    struct task *task = create_task_with_stack(sizeof(struct thread), process->name,
                                               process->address_space->page_directory, thread_first_run,
                                               (uint32_t)trap_return, frame, sizeof *frame);
    if (!task)
        return 0;
    struct thread *thread = thread_of(task);
    task->process = process;
    thread->tid = tid;
    msg_port_init(&thread->msg_port);
    signal_sigwait_init(&thread->sigwait);
    thread_table[tid % MAX_THREADS] = thread;
    live_threads++;
    thread->next_in_process = process->threads;
    process->threads = thread;
    process->thread_count++;
    task_start_user_thread(task, current_task);
    return thread;
}

void thread_release_clear_tid(struct thread *thread)
{
    if (!thread->clear_tid_address)
        return;
    /* pthread_join waits for this word to become 0 (a futex) */
    uint32_t zero = 0, *word = (uint32_t *)thread->clear_tid_address;
    thread->clear_tid_address = 0;
    if (copy_to_user(word, &zero, sizeof zero) == 0)
        futex_wake_every_waiter(word, 0x7FFFFFFF);   /* several CPUs: its waiters of both kinds (ipc/futex.h) */
}

void thread_exit_current(void)
{
    struct thread *self = current_thread();
    struct process *process = self->task.process;
    thread_release_clear_tid(self);
    /* a thread that ends while its process goes on; the end of the whole
     * process (an exit in any thread, the last thread's end) is its `exit` */
    if (process->thread_count > 1 && !(process->exiting && !process->survivor))
        trace_event("thread_exit pid=%d tid=%d task=%u", process->pid, self->tid, self->task.id);
    msg_port_exit(self);
    signal_thread_exit(self);
    posix_timers_thread_ended(self);
    rusage_thread_ended(self);

    struct thread **link = &process->threads;
    while (*link != self)
        link = &(*link)->next_in_process;
    *link = self->next_in_process;
    process->thread_count--;
    wait_thread_ended(self);
    int keep_pid_slot = self->tid == process->pid && process->thread_count > 0;
    thread_table[self->tid % MAX_THREADS] = keep_pid_slot ? &pid_slot_reserved : 0;
    if (process->thread_count == 0 && thread_table[process->pid % MAX_THREADS] == &pid_slot_reserved)
        thread_table[process->pid % MAX_THREADS] = 0;
    live_threads--;
    if (process->thread_count > 0)
        signal_thread_ended(self);               /* every signal pending for the process, passed on */
    wait_queue_wake_all(&process->threads_changed);

    if (process->thread_count == 0)
        process_exit_last_thread(process);       /* never returns */
    current_task->process = 0;
    terminate_task();                            /* the cleaner frees the stack and this */
}

void thread_take_pid(struct thread *thread)
{
    int pid = thread->task.process->pid;
    if (thread->tid == pid)
        return;
    thread_table[thread->tid % MAX_THREADS] = 0;
    thread->tid = pid;
    thread_table[pid % MAX_THREADS] = thread;   /* pid_slot_reserved since the first thread ended */
}

unsigned thread_count(void)
{
    return live_threads;
}

_Static_assert(MAX_THREADS == GDT_TLS_ENTRIES, "a TLS descriptor for every slot of thread_table");

uint16_t thread_tls_selector(int tid, uint32_t tls_base)
{
    if (!tls_base)
        return USER_DATA_SELECTOR;
    unsigned slot = (unsigned)tid % MAX_THREADS;
    gdt_set_tls(slot, tls_base);
    return gdt_tls_selector(slot);
}

void thread_inherit_tls(struct thread *thread, uint32_t tls_base)
{
    thread->tls_base = tls_base;
    struct trap_frame *frame = task_user_frame(&thread->task);
    if (gdt_is_tls_selector(frame->gs))
        frame->gs = thread_tls_selector(thread->tid, tls_base);
}

/* ---- the system calls ---------------------------------------------------- */

static int is_user_address(uint32_t address)
{
    return address >= USER_START && address < USER_END;
}

int sys_thread_create(uint32_t eip, uint32_t esp, uint32_t tls_base, uint32_t clear_tid_address)
{
    struct process *process = current_task->process;
    if (!is_user_address(eip) || !is_user_address(esp - 1) || (tls_base && !is_user_address(tls_base)))
        return -EINVAL;                          /* the base: as set_tls checks it */
    if (clear_tid_address) {
        uint32_t probe;
        if ((clear_tid_address & 3) || copy_from_user(&probe, (void *)clear_tid_address, sizeof probe) < 0)
            return -EFAULT;
    }
    if (process->exiting)
        return -EAGAIN;
    int tid = thread_id_allocate(0);
    if (!tid)
        return -EAGAIN;                          /* as Linux's clone at its thread limit */

    /* The new thread starts at eip on stack esp with every other register
     * 0, the same segments as its creator, and its own %gs base. */
    struct trap_frame frame = *task_user_frame(current_task);
    frame.eax = frame.ebx = frame.ecx = frame.edx = frame.esi = frame.edi = frame.ebp = 0;
    frame.eip = eip;
    frame.user_esp = esp;
    /* base 0: the creator's base (thread_create(2)), in a descriptor of
     * the new thread's own, as a Linux clone without CLONE_SETTLS */
    uint32_t base = tls_base ? tls_base : current_thread()->tls_base;
    frame.gs = thread_tls_selector(tid, base);
    struct thread *thread = thread_start(process, tid, &frame);
    if (!thread)
        return -ENOMEM;
    thread->tls_base = base;
    thread->clear_tid_address = clear_tid_address;
    signal_thread_start(thread, current_thread());
    trace_event("thread_create pid=%d tid=%d by=%d task=%u", process->pid, tid, current_thread()->tid,
                thread->task.id);
    return tid;
}

int sys_thread_exit(uint32_t unmap_address, uint32_t unmap_length)
{
    /* A detached thread cannot free the stack it runs on: the kernel does,
     * once it is off it (it runs on its kernel stack now). */
    if (unmap_length)
        sys_munmap(unmap_address, unmap_length);
    thread_exit_current();
}

int sys_gettid(void)
{
    return current_thread()->tid;
}

int sys_set_tls(uint32_t base)
{
    if (base && !is_user_address(base))
        return -EINVAL;
    current_thread()->tls_base = base;
    return thread_tls_selector(current_thread()->tid, base);
}

void thread_id_describe(const void *object, char *buffer, unsigned size)
{
    int id = (int)(intptr_t)object;
    struct thread *thread = thread_find(id);
    if (id == -1)
        ksnprintf(buffer, size, "any process");          /* -1: MSG_ANY, P_ALL */
    else if (thread && thread->task.process->pid != id)
        ksnprintf(buffer, size, "thread %d", id);   /* not a process's first thread */
    else
        ksnprintf(buffer, size, "process %d", id);
}

struct thread *thread_of_process(struct process *process)
{
    struct thread *thread = thread_find(process->pid);
    return thread && thread->task.process == process ? thread : process->threads;
}
