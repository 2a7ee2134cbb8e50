/* kernel/ipc/sysv_sem.c - System V semaphore sets: arrays of counters that one
 * semop call changes several at a time, all or none.
 *
 *   set (id 32, sem_nsems 3)              waiters, oldest first (struct semop_waiter,
 *   +---------+---------+---------+       on each sleeper's kernel stack):
 *   | value 1 | value 0 | value 2 |         pid 7 {#0 -1, #1 -1}  waits on #1: GETNCNT(1) = 1
 *   | pid 5   | pid 7   | pid 9   |         pid 9 {#2  0}         waits on #2: GETZCNT(2) = 1
 *   +---------+---------+---------+
 *   undos (struct sysv_sem_undo, one per process that used SEM_UNDO on the set):
 *     pid 5 {+1, 0, 0}   pid 9 {0, 0, -2}   <- added back to the values when that process exits
 *
 * semop checks its whole array against the values first (try_operations)
 * and changes nothing unless every operation can go through; otherwise it
 * waits (or fails with EAGAIN under IPC_NOWAIT). Whoever changes values
 * later (semop, SETVAL, SETALL, an exit's undo) retries the waiters in
 * arrival order and completes each whose whole array now goes through, on
 * its behalf (sysv_sem_serve_waiters), as Linux does: the waiter wakes with its
 * result, no later caller overtakes it, and GETVAL right after a semop
 * already shows what the woken waiter took.
 *
 * IPC_RMID gives every waiter its result (EIDRM), so a woken waiter
 * never looks at the set again; the set is freed at once on one CPU. On
 * several CPUs semop runs without the big kernel lock under the set's own
 * lock (sysv_sem_without_big_lock.c), and the set is freed when its last
 * reference goes (sysv_sem_internal.h). Everything runs inside system
 * calls with interrupts off: nothing can happen between a check and a
 * sleep. */
#include "sysv_sem.h"
#include "sysv_sem_internal.h"

#include "arch/x86/cpu.h"
#include "ipc/ipc_key.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/lookup.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "syscall.h"
#include "subsystems/sysv_ipc_calls.h"
#include "uapi/errno.h"

#define WOULD_BLOCK   SYSV_SEM_WOULD_BLOCK     /* try_operations: an operation must wait */
#define STILL_WAITING SYSV_SEM_STILL_WAITING   /* semop_waiter.result: nothing decided yet */

static struct ipc_table set_table = IPC_TABLE_INITIALIZER(SEMMNI);
static unsigned live_sets;              /* by atomic steps: a free may come without the big lock */
static unsigned semaphores_in_use;      /* in every set not removed: at most SEMMNS */
static const struct lock_class sysv_sem_lock_class = { "semaphores", 0 };

_Static_assert(SEMMNI <= IPC_TABLE_SLOTS, "the key table is too small for SEMMNI");

unsigned sysv_sem_set_count(void)
{
    return __atomic_load_n(&live_sets, __ATOMIC_RELAXED);
}

void sysv_sem_set_describe(const void *object, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "semaphores %d", ((const struct sysv_sem_set *)object)->object.id);
}

void sysv_sem_set_list_objects(ipc_list_emit emit, void *context)
{
    for (unsigned slot = 0; slot < set_table.capacity; slot++) {
        const struct sysv_sem_set *set = (const struct sysv_sem_set *)set_table.slots[slot];
        if (!set)
            continue;
        struct kinfo_ipc_object entry;
        ipc_object_list_entry(&set->object, "semaphores", &entry);
        entry.count = entry.capacity = set->count;
        sysv_sem_lock_waiters((struct sysv_sem_set *)set);
        list_for_each(node, &set->waiters)
            entry.receivers_waiting += sysv_sem_waiter_asleep(list_entry(node, struct semop_waiter, link));
        sysv_sem_unlock_waiters((struct sysv_sem_set *)set);
        emit(&entry, context);
    }
}

struct sysv_sem_set *sysv_sem_find_set(int id)
{
    return (struct sysv_sem_set *)ipc_table_find(&set_table, id);   /* object comes first */
}

void sysv_sem_free(struct sysv_sem_set *set)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        lookups_wait();                           /* a semop without the big lock may have found it (lookup.h) */
    kfree(set);
    __atomic_sub_fetch(&live_sets, 1, __ATOMIC_RELAXED);
}

/* The index of the last operation before ops[i] on the same semaphore, or -1. */
static int earlier_on_same_semaphore(const struct sembuf *ops, unsigned i)
{
    for (int j = (int)i - 1; j >= 0; j--)
        if (ops[j].sem_num == ops[i].sem_num)
            return j;
    return -1;
}

/* One operation on a semaphore now holding `value`, with the process's undo
 * adjustment `adjustment` for it: 0 with the new value and adjustment, or
 * WOULD_BLOCK / -EAGAIN (IPC_NOWAIT) / -ERANGE when the value would pass
 * SEMVMX or the adjustment SEMAEM (semop(2)). */
static inline int check_operation(const struct sembuf *op, int value, int adjustment,
                                  int *new_value, int *new_adjustment)
{
    int operation = op->sem_op;
    /* a negative operation waits until it can subtract; zero waits for zero */
    if ((operation < 0 && value + operation < 0) || (operation == 0 && value != 0))
        return (op->sem_flg & IPC_NOWAIT) ? -EAGAIN : WOULD_BLOCK;
    if (value + operation > SEMVMX)
        return -ERANGE;
    if (op->sem_flg & SEM_UNDO) {
        adjustment -= operation;
        if (adjustment < -SEMAEM - 1 || adjustment > SEMAEM)
            return -ERANGE;
    }
    *new_value = value + operation;
    *new_adjustment = adjustment;
    return 0;
}

/* Checks ops[0..count) against the values in order, each as if the ones
 * before it had been applied; changes nothing. Returns 0 when all can go
 * through; WOULD_BLOCK with *blocking = the first that must wait, or
 * -EAGAIN when that one has IPC_NOWAIT; -ERANGE (check_operation). */
static int try_operations(const struct sysv_sem_set *set, const struct sembuf *ops, unsigned count,
                          const struct sysv_sem_undo *undo, unsigned *blocking)
{
    int value, adjustment;
    if (count == 1) {                            /* the usual call: no bookkeeping needed */
        *blocking = 0;
        unsigned number = ops[0].sem_num;
        return check_operation(&ops[0], set->semaphores[number].value, undo ? undo->adjustments[number] : 0,
                               &value, &adjustment);
    }
    int values[SEMOPM], adjustments[SEMOPM];     /* of ops[i]'s semaphore, after ops[i] */
    for (unsigned i = 0; i < count; i++) {
        unsigned number = ops[i].sem_num;
        int earlier = earlier_on_same_semaphore(ops, i);
        value = earlier >= 0 ? values[earlier] : set->semaphores[number].value;
        adjustment = earlier >= 0 ? adjustments[earlier] : undo ? undo->adjustments[number] : 0;
        int result = check_operation(&ops[i], value, adjustment, &values[i], &adjustments[i]);
        if (result != 0) {
            *blocking = i;
            return result;
        }
    }
    return 0;
}

/* Applies operations that try_operations accepted, for process `pid`. */
static void apply_operations(struct sysv_sem_set *set, const struct sembuf *ops, unsigned count,
                             struct sysv_sem_undo *undo, int pid)
{
    for (unsigned i = 0; i < count; i++) {
        struct sysv_semaphore *semaphore = &set->semaphores[ops[i].sem_num];
        semaphore->value += ops[i].sem_op;
        semaphore->last_pid = pid;
        if (ops[i].sem_flg & SEM_UNDO)
            undo->adjustments[ops[i].sem_num] -= ops[i].sem_op;   /* exit gives it back */
    }
    set->operation_time = ipc_now_seconds();
}

/* After values changed: retries the waiters oldest first, and completes,
 * on its behalf, each whose whole array now goes through (or now fails),
 * waking it with the result. A completed one changes values, which may let
 * an older one go, so the scan starts over. A waiter that a signal already
 * woke is left alone: it takes itself off. Context: interrupts
 * off (a system call, or exit). Never sleeps. */
void sysv_sem_serve_waiters(struct sysv_sem_set *set)
{
    struct list_node *node = set->waiters.head.next;
    while (node != &set->waiters.head) {
        struct semop_waiter *waiter = list_entry(node, struct semop_waiter, link);
        int result = !sysv_sem_waiter_asleep(waiter) ? WOULD_BLOCK
                   : try_operations(set, waiter->operations, waiter->count, waiter->undo, &waiter->blocking);
        if (result == WOULD_BLOCK) {
            node = node->next;
            continue;
        }
        list_remove(node);
        waiter->result = result;
        if (result == 0)
            apply_operations(set, waiter->operations, waiter->count, waiter->undo, waiter->pid);
        wait_queue_wake_task_locked(waiter->task);
        node = set->waiters.head.next;           /* values changed: from the oldest again */
    }
}

void sysv_sem_waiter_add(struct sysv_sem_set *set, struct semop_waiter *waiter, const struct sembuf *operations,
                         unsigned count, struct sysv_sem_undo *undo, unsigned blocking)
{
    waiter->operations = operations;             /* every field set: no zeroing of the whole */
    waiter->count = count;
    waiter->undo = undo;
    waiter->pid = current_task->process->pid;
    waiter->blocking = blocking;
    waiter->result = STILL_WAITING;
    waiter->task = current_task;
    wait_queue_init(&waiter->wake);
    waiter->queue = &waiter->wake;               /* (semop without the big lock: the set's) */
    list_push_back(&set->waiters, &waiter->link);   /* the newest waits last */
    wait_queue_say_object(set, sysv_sem_set_describe);
}

/* Sleeps until sysv_sem_serve_waiters completes the caller's operations, or
 * IPC_RMID removes the set. Returns that result (0, -EAGAIN, -ERANGE,
 * -EIDRM), or -ERESTARTNOHAND for a signal: EINTR once a handler runs,
 * even under SA_RESTART, as on Linux; the call starts again only when no
 * handler ran (a stop and a continue: Linux's semop would fail with EINTR
 * there, which signal(7) says POSIX does not allow). `several_cpus`: as
 * operate's. Caller holds the kernel lock. May sleep. */
static inline __attribute__((always_inline)) int wait_for_operations(struct sysv_sem_set *set,
                                                                     const struct sembuf *ops, unsigned count,
                                                                     struct sysv_sem_undo *undo, unsigned blocking,
                                                                     int several_cpus)
{
    struct semop_waiter waiter;
    if (several_cpus)
        spinlock_take(&set->lock);               /* the waiters locked (sysv_sem_internal.h) */
    sysv_sem_waiter_add(set, &waiter, ops, count, undo, blocking);
    if (several_cpus)
        spinlock_give(&set->lock);
    wait_queue_sleep(&waiter.wake, "semop", 0, WAIT_INTERRUPTIBLE);
    if (waiter.result != STILL_WAITING)
        return waiter.result;                     /* decided for us: the set may be removed */
    /* a signal, and nobody decided: the set still exists and still lists us */
    if (several_cpus)
        spinlock_take(&set->lock);
    list_remove(&waiter.link);
    if (several_cpus)
        spinlock_give(&set->lock);
    return -ERESTARTNOHAND;
}

/* ---- the system calls --------------------------------------------------- */

int sys_semget(int key, int count, int flags)
{
    /* EINVAL: nsems below 0 or above SEMMSL (semget(2)) */
    if (count < 0 || count > SEMMSL)
        return -EINVAL;
    struct ipc_object *existing;
    int result = ipc_key_lookup(&set_table, key, flags, &existing);
    if (result < 0)
        return result;
    if (existing) {
        /* EINVAL: the set of that key has fewer semaphores than nsems asks */
        unsigned existing_count = ((struct sysv_sem_set *)existing)->count;
        if ((unsigned)count > existing_count)
            return -EINVAL;
        result = ipc_object_permission(&existing->owner, (unsigned)flags & IPC_MODE_BITS);   /* EACCES */
        return result < 0 ? result : existing->id;
    }
    /* EINVAL: a new set needs at least one semaphore; ENOSPC: SEMMNS are in use */
    if (count == 0)
        return -EINVAL;
    if (semaphores_in_use + (unsigned)count > SEMMNS)
        return -ENOSPC;
    /* zeroed: new semaphores start at 0 */
    struct sysv_sem_set *set = kzalloc(sizeof *set + (unsigned)count * sizeof set->semaphores[0]);
    if (!set)
        return -ENOMEM;
    set->count = (unsigned)count;
    list_init(&set->waiters);
    set->change_time = ipc_now_seconds();
    set->references = 1;                          /* the key table's */
    spinlock_init(&set->lock, "semaphores", &sysv_sem_lock_class);
    wait_queue_init(&set->sleepers);
    set->sleepers.lock = &set->lock;
    int id = ipc_table_insert(&set_table, &set->object, key, flags);   /* whole before the table shows it */
    if (id < 0) {
        kfree(set);
        return id;                                /* ENOSPC: SEMMNI sets exist */
    }
    semaphores_in_use += set->count;
    __atomic_add_fetch(&live_sets, 1, __ATOMIC_RELAXED);
    return id;
}

/* semop's steps, inline in sys_semop (the semaphore round trip of
 * docs/performance.md goes through them four times); out of line below
 * for sysv_sem_without_big_lock.c. */
static inline __attribute__((always_inline)) int operations_in(const struct sembuf *user_operations, unsigned count,
                                                               int id, struct sembuf *operations)
{
    /* EINVAL: no operations or a negative id; E2BIG: more than SEMOPM (semop(2)) */
    if (count < 1 || id < 0)
        return -EINVAL;
    if (count > SEMOPM)
        return -E2BIG;
    if (copy_from_user(operations, user_operations, count * sizeof operations[0]) < 0)
        return -EFAULT;
    return 0;
}

static inline __attribute__((always_inline)) int operations_refused(const struct sysv_sem_set *set,
                                                                    const struct sembuf *operations, unsigned count,
                                                                    int *wants_undo)
{
    int alters = 0;
    *wants_undo = 0;
    for (unsigned i = 0; i < count; i++) {
        /* EFBIG: sem_num is not a semaphore of the set */
        if (operations[i].sem_num >= set->count)
            return -EFBIG;
        *wants_undo |= operations[i].sem_flg & SEM_UNDO;
        alters |= operations[i].sem_op != 0;
    }
    /* EACCES: changing a value needs write permission, waiting for zero read */
    return ipc_object_permission(&set->object.owner, alters ? IPC_ACCESS_WRITE : IPC_ACCESS_READ);
}

static inline __attribute__((always_inline)) int try_and_apply(struct sysv_sem_set *set,
                                                               const struct sembuf *operations, unsigned count,
                                                               struct sysv_sem_undo *undo, unsigned *blocking)
{
    int result = try_operations(set, operations, count, undo, blocking);
    if (result == 0) {
        apply_operations(set, operations, count, undo, current_task->process->pid);
        sysv_sem_serve_waiters(set);
    }
    return result;
}

/* semop's work, once the set is found; `several_cpus`, a constant in
 * each copy: the set used with the big lock, and its waiters locked
 * (sysv_sem_internal.h), so that one CPU tests for several only once. */
static inline __attribute__((always_inline)) int operate(struct sysv_sem_set *set, const struct sembuf *operations,
                                                         unsigned count, int several_cpus)
{
    int wants_undo;
    int refused = operations_refused(set, operations, count, &wants_undo);
    if (refused < 0)
        return refused;
    struct sysv_sem_undo *undo = 0;
    if (wants_undo && !(undo = sysv_sem_undo_for(set, current_task->process)))
        return -ENOMEM;
    unsigned blocking;
    if (several_cpus)
        spinlock_take(&set->lock);
    int result = try_and_apply(set, operations, count, undo, &blocking);
    if (several_cpus)
        spinlock_give(&set->lock);
    if (result == WOULD_BLOCK)
        result = wait_for_operations(set, operations, count, undo, blocking, several_cpus);
    return result;
}

int sys_semop(int id, const struct sembuf *user_operations, unsigned count)
{
    struct sembuf operations[SEMOPM];
    int refused = operations_in(user_operations, count, id, operations);   /* EINVAL, E2BIG, EFAULT */
    if (refused < 0)
        return refused;
    struct sysv_sem_set *set = sysv_sem_find_set(id);
    if (!set)
        return -EINVAL;
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        sysv_sem_begin_big_lock_use(set);
        int result = operate(set, operations, count, 1);
        sysv_sem_end_big_lock_use(set);
        return result;
    }
    return operate(set, operations, count, 0);
}

int sysv_sem_operations_in(const struct sembuf *user_operations, unsigned count, int id, struct sembuf *operations)
{
    return operations_in(user_operations, count, id, operations);
}

int sysv_sem_operations_refused(const struct sysv_sem_set *set, const struct sembuf *operations, unsigned count,
                                int *wants_undo)
{
    return operations_refused(set, operations, count, wants_undo);
}

int sysv_sem_try_and_apply(struct sysv_sem_set *set, const struct sembuf *operations, unsigned count,
                           struct sysv_sem_undo *undo, unsigned *blocking)
{
    return try_and_apply(set, operations, count, undo, blocking);
}

/* IPC_RMID: the id stops working, every waiter wakes with EIDRM, every
 * process's undo record for the set goes; the caller drops the key
 * table's reference, which frees the set unless a call still uses it. */
static void set_remove(struct sysv_sem_set *set)
{
    ipc_table_remove(&set_table, &set->object);
    struct list_node *node;
    sysv_sem_lock_waiters(set);
    while ((node = list_pop_front(&set->waiters))) {
        struct semop_waiter *waiter = list_entry(node, struct semop_waiter, link);
        waiter->result = -EIDRM;
        wait_queue_wake_task_locked(waiter->task);   /* (a signal may have woken it already) */
    }
    sysv_sem_unlock_waiters(set);
    sysv_sem_undo_forget_set(set);
    semaphores_in_use -= set->count;
}

/* GETNCNT (for_zero 0) / GETZCNT (1): sleepers whose waiting operation is
 * on semaphore `number` and needs it to grow / to be zero. Only the
 * operation a caller waits on counts, as POSIX says and Linux does. */
static int count_waiters(struct sysv_sem_set *set, unsigned number, int for_zero)
{
    int count = 0;
    sysv_sem_lock_waiters(set);
    list_for_each(node, &set->waiters) {
        const struct semop_waiter *waiter = list_entry(node, struct semop_waiter, link);
        const struct sembuf *operation = &waiter->operations[waiter->blocking];
        if (sysv_sem_waiter_asleep(waiter) && operation->sem_num == number &&
            (for_zero ? operation->sem_op == 0 : operation->sem_op < 0))
            count++;
    }
    sysv_sem_unlock_waiters(set);
    return count;
}

/* SETALL: every value from the user's unsigned short array. */
static int set_all(struct sysv_sem_set *set, const unsigned short *user_values)
{
    unsigned short values[SEMMSL];
    if (copy_from_user(values, user_values, set->count * sizeof values[0]) < 0)
        return -EFAULT;
    /* ERANGE: a value above SEMVMX; nothing is set then */
    for (unsigned i = 0; i < set->count; i++)
        if (values[i] > SEMVMX)
            return -ERANGE;
    for (unsigned i = 0; i < set->count; i++) {
        set->semaphores[i].value = values[i];
        set->semaphores[i].last_pid = current_task->process->pid;
    }
    sysv_sem_undo_clear(set, ALL_SEMAPHORES);
    set->change_time = ipc_now_seconds();
    sysv_sem_lock_waiters(set);
    sysv_sem_serve_waiters(set);
    sysv_sem_unlock_waiters(set);
    return 0;
}

/* GETALL: every value into the user's unsigned short array. */
static int get_all(const struct sysv_sem_set *set, unsigned short *user_values)
{
    unsigned short values[SEMMSL];
    for (unsigned i = 0; i < set->count; i++)
        values[i] = (unsigned short)set->semaphores[i].value;
    return copy_to_user(user_values, values, set->count * sizeof values[0]) < 0 ? -EFAULT : 0;
}

/* What IPC_STAT reports of `set`. */
static void fill_status(const struct sysv_sem_set *set, struct semid_ds *status)
{
    ipc_object_get_perm(&set_table, &set->object, &status->sem_perm);
    status->sem_otime = set->operation_time;
    status->sem_ctime = set->change_time;
    status->sem_nsems = set->count;
}

void sysv_sem_set_each_status(sysv_sem_status_emit emit, void *context)
{
    for (unsigned slot = 0; slot < set_table.capacity; slot++) {
        const struct sysv_sem_set *set = (const struct sysv_sem_set *)set_table.slots[slot];
        if (!set)
            continue;
        struct semid_ds status;
        memset(&status, 0, sizeof status);
        fill_status(set, &status);
        emit(&status, set->object.id, context);
    }
}

/* IPC_STAT (user_status written) and IPC_SET (read: uid, gid, mode). */
static int set_status(struct sysv_sem_set *set, int command, struct semid_ds *user_status)
{
    struct semid_ds status;
    if (command == IPC_SET) {
        if (copy_from_user(&status, user_status, sizeof status) < 0)
            return -EFAULT;
        ipc_object_set_perm(&set->object, &status.sem_perm);
        set->change_time = ipc_now_seconds();
        return 0;
    }
    fill_status(set, &status);
    return copy_to_user(user_status, &status, sizeof status) < 0 ? -EFAULT : 0;
}

/* The semctl commands on one set (the others: IPC_INFO, SEM_INFO). */
static int command_on_a_set(int command)
{
    return command == IPC_RMID || command == IPC_SET || command == IPC_STAT ||
           command == SEM_STAT || command == SEM_STAT_ANY || (command >= GETPID && command <= SETALL);
}

/* IPC_INFO: the limits; SEM_INFO: the same with the sets and semaphores
 * in use in semusz and semaem (struct seminfo in uapi/sysv_ipc.h).
 * Returns the highest slot in use, as Linux's. */
static int set_info(int command, struct seminfo *user_buffer)
{
    struct seminfo info = {
        .semmap = SEMMNS, .semmni = SEMMNI, .semmns = SEMMNS, .semmnu = SEMMNS,
        .semmsl = SEMMSL, .semopm = SEMOPM, .semume = SEMOPM, .semusz = 20,   /* Linux's SEMUSZ */
        .semvmx = SEMVMX, .semaem = SEMAEM,
    };
    if (command == SEM_INFO) {
        info.semusz = info.semaem = 0;
        for (unsigned slot = 0; slot < set_table.capacity; slot++) {
            const struct sysv_sem_set *set = (const struct sysv_sem_set *)set_table.slots[slot];
            if (!set)
                continue;
            info.semusz++;
            info.semaem += (int)set->count;
        }
    }
    if (copy_to_user(user_buffer, &info, sizeof info) < 0)
        return -EFAULT;
    return ipc_table_highest_slot(&set_table);
}

static int set_command(struct sysv_sem_set *set, int number, int command, uint32_t argument);

/* `argument` is union semun, passed by value: an int (SETVAL) or a
 * pointer (IPC_STAT, IPC_SET, SEM_STAT: struct semid_ds; GETALL, SETALL:
 * an array; IPC_INFO, SEM_INFO: struct seminfo). SEM_STAT and
 * SEM_STAT_ANY name the set by its slot and return its id. */
int sys_semctl(int id, int number, int command, uint32_t argument)
{
    /* EINVAL: a negative id or a command that is not provided (semctl(2)) */
    if (id < 0)
        return -EINVAL;
    if (command == IPC_INFO || command == SEM_INFO)
        return set_info(command, (struct seminfo *)argument);
    if (!command_on_a_set(command))
        return -EINVAL;
    /* ERANGE: SETVAL beyond 0..SEMVMX, checked first as Linux does */
    if (command == SETVAL && ((int)argument < 0 || (int)argument > SEMVMX))
        return -ERANGE;
    int by_slot = command == SEM_STAT || command == SEM_STAT_ANY;
    struct sysv_sem_set *set = by_slot ? (struct sysv_sem_set *)ipc_table_at_slot(&set_table, id)
                                       : sysv_sem_find_set(id);
    if (!set)
        return -EINVAL;
    /* EPERM: IPC_SET and IPC_RMID are the owner's, the creator's or root's;
     * EACCES: SETVAL and SETALL write, the other commands read */
    int refused = command == IPC_SET || command == IPC_RMID ? ipc_object_may_administer(&set->object.owner)
                : command == SEM_STAT_ANY ? 0
                : ipc_object_permission(&set->object.owner,
                                 command == SETVAL || command == SETALL ? IPC_ACCESS_WRITE : IPC_ACCESS_READ);
    if (refused < 0)
        return refused;
    sysv_sem_begin_big_lock_use(set);             /* semop without the big lock keeps off */
    int result = set_command(set, number, by_slot ? IPC_STAT : command, argument);
    if (by_slot && result == 0)
        result = set->object.id;
    sysv_sem_end_big_lock_use(set);
    if (command == IPC_RMID)
        sysv_sem_put(set);                        /* the key table's reference */
    return result;
}

/* semctl's command on the set, which is used with the big lock. */
static int set_command(struct sysv_sem_set *set, int number, int command, uint32_t argument)
{
    switch (command) {
    case IPC_RMID: set_remove(set); return 0;
    case IPC_STAT:
    case IPC_SET: return set_status(set, command, (struct semid_ds *)argument);
    case GETALL: return get_all(set, (unsigned short *)argument);
    case SETALL: return set_all(set, (const unsigned short *)argument);
    }
    /* the others name one semaphore: EINVAL when semnum is not one of the set */
    if (number < 0 || (unsigned)number >= set->count)
        return -EINVAL;
    struct sysv_semaphore *semaphore = &set->semaphores[number];
    switch (command) {
    case GETVAL: return semaphore->value;
    case GETPID: return semaphore->last_pid;
    case GETNCNT: return count_waiters(set, (unsigned)number, 0);
    case GETZCNT: return count_waiters(set, (unsigned)number, 1);
    default:                                      /* SETVAL */
        semaphore->value = (int)argument;
        semaphore->last_pid = current_task->process->pid;
        sysv_sem_undo_clear(set, number);
        set->change_time = ipc_now_seconds();
        sysv_sem_lock_waiters(set);
        sysv_sem_serve_waiters(set);
        sysv_sem_unlock_waiters(set);
        return 0;
    }
}
