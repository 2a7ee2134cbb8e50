/* user/demos/msgq/ipc_walk.c - how a program finds every System V object
 * in the system, as Linux's ipcs does it (docs/msgq.md).
 *
 *   ipc_walk
 *
 * There is no call that lists ids. Instead, IPC_INFO (or MSG_INFO,
 * SEM_INFO, SHM_INFO) returns the highest slot of the kernel's table in
 * use, and msgctl(slot, MSG_STAT, ...) is IPC_STAT of the object in that
 * slot, returning its id; a loop over the slots finds them all. The demo
 * makes a queue with two messages, a set of three semaphores and a
 * segment of 10000 bytes, prints the limits and every object the walks
 * find (its own and any others), then removes its own. Exit status 0
 * when each walk found the object it made. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int walk_queues(int mine)
{
    struct msginfo info;
    int highest = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
    if (highest < 0) {
        perror("msgctl MSG_INFO");
        return 0;
    }
    printf("message queues: %d in use, %d messages, %d bytes; highest slot %d\n", info.msgpool, info.msgmap,
           info.msgtql, highest);
    printf("  slot  id      key         perms  messages  bytes\n");
    int found = 0;
    for (int slot = 0; slot <= highest; slot++) {
        struct msqid_ds status;
        int id = msgctl(slot, MSG_STAT, &status);
        if (id < 0)
            continue;                    /* an empty slot (EINVAL), or not ours to read (EACCES) */
        printf("  %4d  %-6d  0x%08x  %4o   %8lu  %5lu\n", slot, id, (unsigned)status.msg_perm.__key,
               status.msg_perm.mode, status.msg_qnum, status.msg_cbytes);
        found += id == mine;
    }
    return found == 1;
}

static int walk_sets(int mine)
{
    struct seminfo info;
    union semun argument = { .__buf = &info };
    int highest = semctl(0, 0, SEM_INFO, argument);
    if (highest < 0) {
        perror("semctl SEM_INFO");
        return 0;
    }
    printf("semaphore sets: %d in use, %d semaphores; highest slot %d\n", info.semusz, info.semaem, highest);
    printf("  slot  id      key         perms  nsems\n");
    int found = 0;
    for (int slot = 0; slot <= highest; slot++) {
        struct semid_ds status;
        argument.buf = &status;
        int id = semctl(slot, 0, SEM_STAT, argument);
        if (id < 0)
            continue;
        printf("  %4d  %-6d  0x%08x  %4o   %5lu\n", slot, id, (unsigned)status.sem_perm.__key,
               status.sem_perm.mode, status.sem_nsems);
        found += id == mine;
    }
    return found == 1;
}

static int walk_segments(int mine)
{
    struct shm_info info;
    int highest = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
    if (highest < 0) {
        perror("shmctl SHM_INFO");
        return 0;
    }
    printf("shared memory: %d segments, %lu pages, %lu of them in memory; highest slot %d\n", info.used_ids,
           info.shm_tot, info.shm_rss, highest);
    printf("  slot  id      key         perms  bytes  nattch\n");
    int found = 0;
    for (int slot = 0; slot <= highest; slot++) {
        struct shmid_ds status;
        int id = shmctl(slot, SHM_STAT, &status);
        if (id < 0)
            continue;
        printf("  %4d  %-6d  0x%08x  %4o   %5lu  %6lu\n", slot, id, (unsigned)status.shm_perm.__key,
               status.shm_perm.mode, (unsigned long)status.shm_segsz, (unsigned long)status.shm_nattch);
        found += id == mine;
    }
    return found == 1;
}

int main(void)
{
    struct msginfo limits;
    struct seminfo semaphore_limits;
    struct shminfo memory_limits;
    union semun argument = { .__buf = &semaphore_limits };
    if (msgctl(0, IPC_INFO, (struct msqid_ds *)&limits) < 0 || semctl(0, 0, IPC_INFO, argument) < 0 ||
        shmctl(0, IPC_INFO, (struct shmid_ds *)&memory_limits) < 0) {
        perror("IPC_INFO");
        return 1;
    }
    printf("limits: a message of %d bytes, a queue of %d, %d queues; %d semaphores in a set, %d sets;\n"
           "        a segment of %lu bytes at most, %lu segments\n",
           limits.msgmax, limits.msgmnb, limits.msgmni, semaphore_limits.semmsl, semaphore_limits.semmni,
           memory_limits.shmmax, memory_limits.shmmni);

    struct {
        long mtype;
        char mtext[32];
    } message = { 1, "hello" };
    int queue = msgget(IPC_PRIVATE, 0600);
    int set = semget(IPC_PRIVATE, 3, 0640);
    int segment = shmget(IPC_PRIVATE, 10000, 0644);
    if (queue < 0 || set < 0 || segment < 0) {
        perror("msgget, semget or shmget");
        return 1;
    }
    msgsnd(queue, &message, 6, 0);
    msgsnd(queue, &message, 6, 0);
    char *memory = shmat(segment, NULL, 0);
    if (memory != (char *)-1)
        strcpy(memory, "touched: one page in memory");

    int all_found = walk_queues(queue) & walk_sets(set) & walk_segments(segment);
    printf("%s\n", all_found ? "each walk found the object this demo made" : "a walk missed an object");

    shmdt(memory);
    msgctl(queue, IPC_RMID, NULL);
    semctl(set, 0, IPC_RMID);
    shmctl(segment, IPC_RMID, NULL);
    return all_found ? 0 : 1;
}
