/* user/tools/stress/sysv.c - System V IPC under load.
 *
 *   msgq      producers msgsnd records typed by sender (mtype = sender + 1),
 *             consumers msgrcv any type; the queue's 16 KiB limit keeps
 *             senders waiting for room and receivers for messages.
 *   sem       a semaphore as a counter: producers add 1, consumers take 1
 *             (waiting when it is 0), as many times in all; it ends at 0.
 *   shm+sem   a counter in a shared segment, incremented under a semaphore
 *             used as a lock, with a yield inside the critical section so
 *             that a broken lock would show: it ends at exactly the total.
 *
 * msgsnd, msgrcv and semop fail with EINTR when a signal interrupts them,
 * even under SA_RESTART (as on Linux): the call is simply made again, and
 * nothing was sent, taken or changed by the interrupted one. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "stress.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

struct sysv {
    int queue, semaphores;
    int segment;
    volatile uint32_t *counter;
};

static struct sysv *sysv_of(struct run *run)
{
    return run->context;
}

/* ---- message queue ------------------------------------------------------------ */

struct typed_record {
    long type;
    struct record record;
};

static int msgq_setup(struct run *run)
{
    static struct sysv sysv;
    run->context = &sysv;
    sysv.queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    return sysv.queue < 0 ? -1 : 0;
}

static void msgq_produce(struct run *run, unsigned producer)
{
    struct typed_record message;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        message.type = producer + 1;
        record_fill(&message.record, producer, sequence, stress_seed());
        while (msgsnd(sysv_of(run)->queue, &message, record_size(&message.record), 0) < 0)
            if (!interrupted(run)) {
                note_error(run, "msgsnd", errno);
                return;
            }
        note_progress(run);
    }
}

static void msgq_consume(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct typed_record message;
    for (;;) {
        int got = (int)msgrcv(sysv_of(run)->queue, &message, sizeof message.record, 0, 0);
        if (got < 0) {
            if (!interrupted(run)) {
                note_error(run, "msgrcv", errno);
                for (;;)
                    pause();
            }
            continue;
        }
        if (message.type != (long)message.record.sender + 1)
            note_error(run, "msgrcv: a message with the wrong type", EIO);
        record_take(run, &message.record, (unsigned)got, 0);
    }
}

static void msgq_teardown(struct run *run)
{
    msgctl(sysv_of(run)->queue, IPC_RMID, 0);
}

/* ---- a semaphore as a counter ------------------------------------------------- */

static int semaphore_setup(struct run *run)
{
    static struct sysv sysv;
    run->context = &sysv;
    sysv.semaphores = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    return sysv.semaphores < 0 ? -1 : 0;
}

static int semaphore_change(struct run *run, short change)
{
    struct sembuf operation = { 0, change, 0 };
    while (semop(sysv_of(run)->semaphores, &operation, 1) < 0)
        if (!interrupted(run)) {
            note_error(run, change > 0 ? "semop +1" : "semop -1", errno);
            return -1;
        }
    return 0;
}

static void semaphore_produce(struct run *run, unsigned producer)
{
    (void)producer;
    for (unsigned i = 0; i < run->per_producer; i++) {
        if (semaphore_change(run, 1) < 0)
            return;
        note_progress(run);
    }
}

/* Takes its share of the units; the parent counts them on the scoreboard. */
static void semaphore_consume(struct run *run, unsigned consumer)
{
    unsigned total = run->producers * run->per_producer;
    unsigned share = total / run->consumers + (consumer < total % run->consumers);
    for (unsigned i = 0; i < share; i++) {
        if (semaphore_change(run, -1) < 0)
            break;
        __asm__ volatile("lock addl $1, %0" : "+m"(run->board->received) :: "memory");
        note_progress(run);
    }
    for (;;)                                /* until the parent ends the run */
        pause();
}

static int semaphore_check(struct run *run)
{
    int value = semctl(sysv_of(run)->semaphores, 0, GETVAL);
    if (value != 0) {
        note_error(run, "the semaphore did not end at 0", EIO);
        return -1;
    }
    return 0;
}

static void semaphore_teardown(struct run *run)
{
    semctl(sysv_of(run)->semaphores, 0, IPC_RMID);
}

/* ---- a shared counter under a semaphore lock ------------------------------ */

static int counter_setup(struct run *run)
{
    static struct sysv sysv;
    run->context = &sysv;
    sysv.semaphores = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    sysv.segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (sysv.semaphores < 0 || sysv.segment < 0)
        return -1;
    union semun one = { .val = 1 };
    semctl(sysv.semaphores, 0, SETVAL, one);
    void *address = shmat(sysv.segment, 0, 0);
    if (address == (void *)-1)
        return -1;
    sysv.counter = address;                 /* the children inherit the attachment */
    *sysv.counter = 0;
    shmctl(sysv.segment, IPC_RMID, 0);      /* gone once the last process detaches */
    return 0;
}

static void counter_produce(struct run *run, unsigned producer)
{
    volatile uint32_t *counter = sysv_of(run)->counter;
    for (unsigned i = 0; i < run->per_producer; i++) {
        if (semaphore_change(run, -1) < 0)
            return;
        uint32_t value = *counter;          /* read, give up the CPU, write back: */
        if ((i + producer) % 4 == 0)        /* without the lock, updates would be lost */
            sched_yield();
        *counter = value + 1;
        if (semaphore_change(run, 1) < 0)
            return;
        __asm__ volatile("lock addl $1, %0" : "+m"(run->board->received) :: "memory");
        note_progress(run);
    }
}

static void no_consumer(struct run *run, unsigned consumer)
{
    (void)run, (void)consumer;
    for (;;)
        pause();
}

static int counter_check(struct run *run)
{
    uint32_t expected = run->producers * run->per_producer;
    run->board->counter = *sysv_of(run)->counter;
    if (run->board->counter != expected) {
        note_error(run, "the shared counter lost updates", EIO);
        return -1;
    }
    return 0;
}

static void counter_teardown(struct run *run)
{
    shmdt((void *)sysv_of(run)->counter);
    semctl(sysv_of(run)->semaphores, 0, IPC_RMID);
}

const struct mechanism sysv_mechanisms[] = {
    { "msgq", 16, 16, 0, msgq_setup, msgq_produce, msgq_consume, 0, msgq_teardown },
    { "sem", 16, 16, 0, semaphore_setup, semaphore_produce, semaphore_consume, semaphore_check,
      semaphore_teardown },
    { "shm+sem", 32, 0, 0, counter_setup, counter_produce, no_consumer, counter_check, counter_teardown },
};
const unsigned sysv_count = sizeof sysv_mechanisms / sizeof sysv_mechanisms[0];
