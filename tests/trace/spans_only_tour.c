/* tests/trace/spans_only_tour.c - the mechanisms the IPC trace has no
 * events for, for the example in docs/tracing.md: each shows only as the
 * span of a process blocked on it (its `block` and `wake` lines); and a
 * POSIX semaphore to compare, whose futex writes futex_wait and futex_wake.
 *
 *   parent                                   child
 *                                            semop(-1) on semaphore 0: waits
 *   writes 42 into the shared memory
 *   semop(+1) on semaphore 0       ------->  wakes, reads 42 from the segment
 *                                            mq_receive "/tour": waits
 *   mq_send "/tour" "job"          ------->  wakes with it
 *                                            sem_wait "/tour": waits
 *   sem_post "/tour"               ------->  wakes
 *                                            recv on a socketpair: waits
 *   send "x"                       ------->  wakes with it; exits 0
 * The parent sleeps a little before each step, so that the child waits
 * first. Exit status 0 when everything arrived. */
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAUSE_US 3000          /* a few ticks: long enough for the child to block */

static int change(int set, int by)
{
    struct sembuf operation = { .sem_num = 0, .sem_op = (short)by, .sem_flg = 0 };
    return semop(set, &operation, 1);
}

static int child(int set, int *shared, mqd_t queue, sem_t *semaphore, int socket)
{
    if (change(set, -1) != 0 || *shared != 42)
        return 10;
    char buffer[16];
    if (mq_receive(queue, buffer, sizeof buffer, NULL) != 3)
        return 11;
    if (sem_wait(semaphore) != 0)
        return 12;
    if (recv(socket, buffer, 1, 0) != 1)
        return 13;
    return 0;
}

int main(void)
{
    int set = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    int segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    int *shared = segment < 0 ? (int *)-1 : shmat(segment, NULL, 0);
    struct mq_attr limits = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t queue = mq_open("/tour", O_CREAT | O_RDWR, 0600, &limits);
    sem_t *semaphore = sem_open("/tour", O_CREAT, 0600, 0);
    int pair[2];
    if (set < 0 || shared == (int *)-1 || queue < 0 || semaphore == SEM_FAILED ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0)
        _exit(child(set, shared, queue, semaphore, pair[1]));

    usleep(PAUSE_US);
    *shared = 42;
    change(set, +1);
    usleep(PAUSE_US);
    mq_send(queue, "job", 3, 0);
    usleep(PAUSE_US);
    sem_post(semaphore);
    usleep(PAUSE_US);
    send(pair[0], "x", 1, 0);

    int status = 0;
    waitpid(pid, &status, 0);
    semctl(set, 0, IPC_RMID);
    shmdt(shared);
    shmctl(segment, IPC_RMID, NULL);
    mq_unlink("/tour");
    sem_unlink("/tour");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
