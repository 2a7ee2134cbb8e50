/* user/tools/bench/sysv.c - System V message queues and semaphores.
 *
 * Message queue: one queue, two message types. The parent sends type 1 and
 * waits for type 2; the child waits for type 1 and answers with type 2, so
 * neither ever takes back its own message.
 * Semaphores: one set of two, both starting at 0. The parent raises the
 * first and waits to lower the second; the child does the opposite.
 *
 * The System V calls may not be in the kernel yet: without their headers
 * the benchmarks answer ENOSYS, as a kernel without the calls does. */
#include <errno.h>
#include <unistd.h>

#include "bench.h"

#if __has_include(<sys/msg.h>)
#include <sys/ipc.h>
#include <sys/msg.h>

#define TO_CHILD  1                     /* message types */
#define TO_PARENT 2

struct one_byte_message {
    long type;                          /* > 0: what msgrcv selects on */
    char byte;
};

static int queue = -1;

/* The child: takes each type-1 message and answers with type 2. */
static int answer_messages(int unused)
{
    (void)unused;
    struct one_byte_message message;
    for (int round = 0; round < ROUNDS; round++) {
        if (msgrcv(queue, &message, 1, TO_CHILD, 0) != 1)
            return -1;
        message.type = TO_PARENT;
        if (msgsnd(queue, &message, 1, 0) < 0)
            return -1;
    }
    return 0;
}

static inline int message_round_trip(void)
{
    struct one_byte_message message = { TO_CHILD, 'm' };
    int ok = msgsnd(queue, &message, 1, 0) == 0;
    return ok && msgrcv(queue, &message, 1, TO_PARENT, 0) == 1;
}

int bench_sysv_msg_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    if ((queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
        return last_error();
    pid_t child = start_child(answer_messages, 0);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !message_round_trip());
    int status = finish_child(child, failures ? -EIO : 0);
    msgctl(queue, IPC_RMID, 0);
    return status;
}

#else

int bench_sysv_msg_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                     /* no System V messages in this libc yet */
}

#endif

#if __has_include(<sys/sem.h>)
#include <sys/ipc.h>
#include <sys/sem.h>

static int semaphores = -1;

/* semop on one semaphore of the set: `change` +1 raises it, -1 waits until
 * it can be lowered. */
static inline int change_semaphore(unsigned short number, short change)
{
    struct sembuf operation = { .sem_num = number, .sem_op = change, .sem_flg = 0 };
    return semop(semaphores, &operation, 1);
}

/* The child: waits on semaphore 0, raises semaphore 1. */
static int answer_semaphore(int unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS; round++)
        if (change_semaphore(0, -1) < 0 || change_semaphore(1, +1) < 0)
            return -1;
    return 0;
}

static inline int semaphore_round_trip(void)
{
    int ok = change_semaphore(0, +1) == 0;
    return ok && change_semaphore(1, -1) == 0;
}

int bench_sysv_sem_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    if ((semaphores = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600)) < 0)
        return last_error();
    pid_t child = start_child(answer_semaphore, 0);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !semaphore_round_trip());
    int status = finish_child(child, failures ? -EIO : 0);
    semctl(semaphores, 0, IPC_RMID);
    return status;
}

#else

int bench_sysv_sem_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                     /* no System V semaphores in this libc yet */
}

#endif
