/* tests/boot/sysv_ipc_info_and_stat_walk_finds_every_object.c - the way
 * ipcs lists System V objects on Linux: IPC_INFO gives the limits, and
 * each limit holds (a message of msgmax bytes goes, one more byte is
 * EINVAL; semmsl, semopm and semvmx the same; shmmax and shmmin);
 * MSG_INFO, SEM_INFO and SHM_INFO count what is in use, and their return
 * value is the highest slot in use; MSG_STAT, SEM_STAT and SHM_STAT
 * walked over the slots 0 to that one find each object once, with its
 * id and what IPC_STAT says of it; a slot past it is EINVAL. The *_STAT
 * commands need read permission, the *_STAT_ANY ones do not. Counts are
 * taken before and after, so other objects in the system do not matter;
 * it passes on Linux too (tools/linux-check). */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "boot_test.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

struct text_message {
    long mtype;
    char mtext[65536];
};

static struct text_message message;

/* Forks a child that drops root (uid and gid 1000) and returns what
 * check() returns as its exit status; the parent gets that status. */
static int as_another_user(int (*check)(int id), int id)
{
    pid_t child = fork();
    if (child == 0) {
        if (setgid(1000) < 0 || setuid(1000) < 0)
            _exit(99);
        _exit(check(id));
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status), "the child ended by signal %d", WTERMSIG(status));
    return WEXITSTATUS(status);
}

static int found_slot;                    /* the slot the walk found the object in */

static int msg_stat_refused_any_allowed(int id)
{
    struct msqid_ds status;
    if (msgctl(found_slot, MSG_STAT, &status) != -1 || errno != EACCES)
        return 1;
    if (msgctl(found_slot, MSG_STAT_ANY, &status) != id)
        return 2;
    return 0;
}

static int sem_stat_refused_any_allowed(int id)
{
    struct semid_ds status;
    union semun argument = { .buf = &status };
    if (semctl(found_slot, 0, SEM_STAT, argument) != -1 || errno != EACCES)
        return 1;
    if (semctl(found_slot, 0, SEM_STAT_ANY, argument) != id)
        return 2;
    return 0;
}

static int shm_stat_refused_any_allowed(int id)
{
    struct shmid_ds status;
    if (shmctl(found_slot, SHM_STAT, &status) != -1 || errno != EACCES)
        return 1;
    if (shmctl(found_slot, SHM_STAT_ANY, &status) != id)
        return 2;
    return 0;
}

static void message_queues(void)
{
    struct msginfo limits, before, after;
    int highest = msgctl(0, IPC_INFO, (struct msqid_ds *)&limits);
    CHECK(highest >= 0, "msgctl IPC_INFO: %s", strerror(errno));
    CHECK(limits.msgmax > 0 && limits.msgmax <= (int)sizeof message.mtext, "msgmax %d", limits.msgmax);
    CHECK(limits.msgmnb >= limits.msgmax, "msgmnb %d below msgmax %d", limits.msgmnb, limits.msgmax);
    CHECK(limits.msgmni >= 2, "msgmni %d", limits.msgmni);
    CHECK(msgctl(0, MSG_INFO, (struct msqid_ds *)&before) >= 0, "MSG_INFO: %s", strerror(errno));

    int readable = msgget(IPC_PRIVATE, 0600);
    int unreadable = msgget(IPC_PRIVATE, 0600);
    CHECK(readable >= 0 && unreadable >= 0, "msgget: %s", strerror(errno));
    struct msqid_ds status;
    CHECK_EQ(0, msgctl(readable, IPC_STAT, &status), "IPC_STAT");
    CHECK_EQ(limits.msgmnb, status.msg_qbytes, "a new queue holds msgmnb bytes");

    /* msgmax is the longest message (msgmnb is large enough here) */
    message.mtype = 1;
    CHECK_EQ(0, msgsnd(readable, &message, (size_t)limits.msgmax, IPC_NOWAIT), "a message of msgmax bytes");
    CHECK_ERROR(msgsnd(readable, &message, (size_t)limits.msgmax + 1, IPC_NOWAIT), EINVAL);
    CHECK_EQ(limits.msgmax, msgrcv(readable, &message, sizeof message.mtext, 0, IPC_NOWAIT), "take it back");
    CHECK_EQ(0, msgsnd(readable, &message, 10, 0), "msgsnd 10 bytes");
    CHECK_EQ(0, msgsnd(readable, &message, 20, 0), "msgsnd 20 bytes");
    CHECK_EQ(0, msgsnd(unreadable, &message, 30, 0), "msgsnd 30 bytes");

    highest = msgctl(0, MSG_INFO, (struct msqid_ds *)&after);
    CHECK(highest >= 0, "MSG_INFO: %s", strerror(errno));
    CHECK_EQ(before.msgpool + 2, after.msgpool, "MSG_INFO msgpool: the queues in use");
    CHECK_EQ(before.msgmap + 3, after.msgmap, "MSG_INFO msgmap: the messages queued");
    CHECK_EQ(before.msgtql + 60, after.msgtql, "MSG_INFO msgtql: their bytes");
    CHECK_EQ(limits.msgmax, after.msgmax, "MSG_INFO keeps msgmax");

    /* the walk */
    int seen_readable = 0, seen_unreadable = 0, unreadable_slot = -1;
    for (int slot = 0; slot <= highest; slot++) {
        struct msqid_ds by_slot;
        int id = msgctl(slot, MSG_STAT, &by_slot);
        if (id < 0) {
            CHECK(errno == EINVAL || errno == EACCES, "MSG_STAT of slot %d: %s", slot, strerror(errno));
            continue;
        }
        CHECK_EQ(0, msgctl(id, IPC_STAT, &status), "IPC_STAT of the id MSG_STAT gave");
        CHECK(memcmp(&status, &by_slot, sizeof status) == 0, "MSG_STAT and IPC_STAT of id %d differ", id);
        if (id == readable) {
            seen_readable++;
            CHECK_EQ(2, by_slot.msg_qnum, "MSG_STAT of the first queue: its 2 messages");
        }
        if (id == unreadable)
            seen_unreadable++, unreadable_slot = slot;
    }
    CHECK_EQ(1, seen_readable, "the walk found the first queue once");
    CHECK_EQ(1, seen_unreadable, "the walk found the second queue once");
    CHECK_ERROR(msgctl(highest + 1, MSG_STAT, &status), EINVAL);
    CHECK_ERROR(msgctl(-1, MSG_STAT, &status), EINVAL);

    /* MSG_STAT reads the queue; MSG_STAT_ANY does not ask */
    CHECK_EQ(0, msgctl(unreadable, IPC_STAT, &status), "IPC_STAT");
    status.msg_perm.mode = 0;
    CHECK_EQ(0, msgctl(unreadable, IPC_SET, &status), "IPC_SET mode 0");
    found_slot = unreadable_slot;
    CHECK_EQ(0, as_another_user(msg_stat_refused_any_allowed, unreadable),
             "another user: MSG_STAT EACCES, MSG_STAT_ANY gives the id");

    CHECK_ERROR(msgctl(-1, IPC_INFO, (struct msqid_ds *)&limits), EINVAL);
    CHECK_ERROR(msgctl(0, MSG_INFO, (struct msqid_ds *)16), EFAULT);
    CHECK_EQ(0, msgctl(readable, IPC_RMID, NULL), "IPC_RMID");
    CHECK_EQ(0, msgctl(unreadable, IPC_RMID, NULL), "IPC_RMID");
    CHECK(msgctl(0, MSG_INFO, (struct msqid_ds *)&after) >= 0, "MSG_INFO: %s", strerror(errno));
    CHECK_EQ(before.msgpool, after.msgpool, "MSG_INFO msgpool after IPC_RMID");
    CHECK_EQ(before.msgmap, after.msgmap, "MSG_INFO msgmap after IPC_RMID");
    CHECK_EQ(before.msgtql, after.msgtql, "MSG_INFO msgtql after IPC_RMID");
}

static void semaphore_sets(void)
{
    struct seminfo limits, before, after;
    union semun argument = { .__buf = &limits };
    int highest = semctl(0, 0, IPC_INFO, argument);
    CHECK(highest >= 0, "semctl IPC_INFO: %s", strerror(errno));
    CHECK(limits.semmsl >= 3 && limits.semopm >= 1 && limits.semvmx >= 1, "semmsl %d semopm %d semvmx %d",
          limits.semmsl, limits.semopm, limits.semvmx);
    argument.__buf = &before;
    CHECK(semctl(0, 0, SEM_INFO, argument) >= 0, "SEM_INFO: %s", strerror(errno));

    /* semmsl semaphores in a set at most */
    CHECK_ERROR(semget(IPC_PRIVATE, limits.semmsl + 1, 0600), EINVAL);
    int largest = semget(IPC_PRIVATE, limits.semmsl, 0600);
    CHECK(largest >= 0, "a set of semmsl (%d) semaphores: %s", limits.semmsl, strerror(errno));
    int small = semget(IPC_PRIVATE, 3, 0600);
    CHECK(small >= 0, "semget of 3: %s", strerror(errno));

    /* semvmx the largest value, semopm operations in one semop at most */
    CHECK_EQ(0, semctl(small, 0, SETVAL, limits.semvmx), "SETVAL semvmx");
    CHECK_ERROR(semctl(small, 0, SETVAL, limits.semvmx + 1), ERANGE);
    CHECK_EQ(0, semctl(small, 0, SETVAL, 0), "SETVAL 0");
    static struct sembuf operations[1024];
    CHECK(limits.semopm < 1024, "semopm %d", limits.semopm);
    for (int i = 0; i <= limits.semopm; i++)
        operations[i] = (struct sembuf){ .sem_num = 1, .sem_op = 1 };
    CHECK_EQ(0, semop(small, operations, (size_t)limits.semopm), "semopm operations at once");
    CHECK_ERROR(semop(small, operations, (size_t)limits.semopm + 1), E2BIG);

    argument.__buf = &after;
    highest = semctl(0, 0, SEM_INFO, argument);
    CHECK(highest >= 0, "SEM_INFO: %s", strerror(errno));
    CHECK_EQ(before.semusz + 2, after.semusz, "SEM_INFO semusz: the sets in use");
    CHECK_EQ(before.semaem + limits.semmsl + 3, after.semaem, "SEM_INFO semaem: the semaphores in them");

    int seen_small = 0, seen_largest = 0, small_slot = -1;
    for (int slot = 0; slot <= highest; slot++) {
        struct semid_ds by_slot, status;
        union semun stat_argument = { .buf = &by_slot };
        int id = semctl(slot, 0, SEM_STAT, stat_argument);
        if (id < 0) {
            CHECK(errno == EINVAL || errno == EACCES, "SEM_STAT of slot %d: %s", slot, strerror(errno));
            continue;
        }
        stat_argument.buf = &status;
        CHECK_EQ(0, semctl(id, 0, IPC_STAT, stat_argument), "IPC_STAT of the id SEM_STAT gave");
        CHECK(memcmp(&status, &by_slot, sizeof status) == 0, "SEM_STAT and IPC_STAT of id %d differ", id);
        if (id == small) {
            seen_small++, small_slot = slot;
            CHECK_EQ(3, by_slot.sem_nsems, "SEM_STAT sem_nsems");
        }
        if (id == largest)
            seen_largest++;
    }
    CHECK_EQ(1, seen_small, "the walk found the small set once");
    CHECK_EQ(1, seen_largest, "the walk found the large set once");
    struct semid_ds status;
    union semun stat_argument = { .buf = &status };
    CHECK_ERROR(semctl(highest + 1, 0, SEM_STAT, stat_argument), EINVAL);

    CHECK_EQ(0, semctl(small, 0, IPC_STAT, stat_argument), "IPC_STAT");
    status.sem_perm.mode = 0;
    CHECK_EQ(0, semctl(small, 0, IPC_SET, stat_argument), "IPC_SET mode 0");
    found_slot = small_slot;
    CHECK_EQ(0, as_another_user(sem_stat_refused_any_allowed, small),
             "another user: SEM_STAT EACCES, SEM_STAT_ANY gives the id");

    argument.__buf = (struct seminfo *)16;
    CHECK_ERROR(semctl(0, 0, SEM_INFO, argument), EFAULT);
    CHECK_ERROR(semctl(-1, 0, IPC_INFO, argument), EINVAL);
    CHECK_EQ(0, semctl(small, 0, IPC_RMID), "IPC_RMID");
    CHECK_EQ(0, semctl(largest, 0, IPC_RMID), "IPC_RMID");
    argument.__buf = &after;
    CHECK(semctl(0, 0, SEM_INFO, argument) >= 0, "SEM_INFO: %s", strerror(errno));
    CHECK_EQ(before.semusz, after.semusz, "SEM_INFO semusz after IPC_RMID");
    CHECK_EQ(before.semaem, after.semaem, "SEM_INFO semaem after IPC_RMID");
}

static void shared_memory(void)
{
    struct shminfo limits;
    struct shm_info before, after;
    int highest = shmctl(0, IPC_INFO, (struct shmid_ds *)&limits);
    CHECK(highest >= 0, "shmctl IPC_INFO: %s", strerror(errno));
    CHECK(limits.shmmin >= 1 && limits.shmmax >= 3 * 4096 && limits.shmmni >= 2, "shmmin %lu shmmax %lu shmmni %lu",
          (unsigned long)limits.shmmin, (unsigned long)limits.shmmax, (unsigned long)limits.shmmni);
    if (limits.shmmax < (unsigned long)-1)
        CHECK_ERROR(shmget(IPC_PRIVATE, limits.shmmax + 1, 0600), EINVAL);
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&before) >= 0, "SHM_INFO: %s", strerror(errno));

    int id = shmget(IPC_PRIVATE, 10000, 0600);    /* 3 pages */
    CHECK(id >= 0, "shmget: %s", strerror(errno));
    highest = shmctl(0, SHM_INFO, (struct shmid_ds *)&after);
    CHECK(highest >= 0, "SHM_INFO: %s", strerror(errno));
    CHECK_EQ(before.used_ids + 1, after.used_ids, "SHM_INFO used_ids");
    CHECK_EQ(before.shm_tot + 3, after.shm_tot, "SHM_INFO shm_tot: 10000 bytes are 3 pages");
    CHECK_EQ(before.shm_rss, after.shm_rss, "SHM_INFO shm_rss: no page touched yet");

    char *memory = shmat(id, NULL, 0);
    CHECK(memory != (char *)-1, "shmat: %s", strerror(errno));
    memory[0] = 1;
    memory[2 * 4096] = 1;
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&after) >= 0, "SHM_INFO: %s", strerror(errno));
    CHECK_EQ(before.shm_rss + 2, after.shm_rss, "SHM_INFO shm_rss: two pages touched");
    CHECK_EQ(0, after.shm_swp, "SHM_INFO shm_swp");

    int seen = 0, slot_of_id = -1;
    for (int slot = 0; slot <= highest; slot++) {
        struct shmid_ds by_slot, status;
        int found = shmctl(slot, SHM_STAT, &by_slot);
        if (found < 0) {
            CHECK(errno == EINVAL || errno == EACCES, "SHM_STAT of slot %d: %s", slot, strerror(errno));
            continue;
        }
        CHECK_EQ(0, shmctl(found, IPC_STAT, &status), "IPC_STAT of the id SHM_STAT gave");
        CHECK_EQ(status.shm_segsz, by_slot.shm_segsz, "SHM_STAT shm_segsz");
        CHECK_EQ(status.shm_nattch, by_slot.shm_nattch, "SHM_STAT shm_nattch");
        CHECK_EQ(status.shm_perm.mode, by_slot.shm_perm.mode, "SHM_STAT mode");
        if (found == id) {
            seen++, slot_of_id = slot;
            CHECK_EQ(10000, by_slot.shm_segsz, "SHM_STAT of our segment: its size");
            CHECK_EQ(1, by_slot.shm_nattch, "SHM_STAT of our segment: attached once");
        }
    }
    CHECK_EQ(1, seen, "the walk found the segment once");
    struct shmid_ds status;
    CHECK_ERROR(shmctl(highest + 1, SHM_STAT, &status), EINVAL);

    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "IPC_STAT");
    status.shm_perm.mode = 0;
    CHECK_EQ(0, shmctl(id, IPC_SET, &status), "IPC_SET mode 0");
    found_slot = slot_of_id;
    CHECK_EQ(0, as_another_user(shm_stat_refused_any_allowed, id),
             "another user: SHM_STAT EACCES, SHM_STAT_ANY gives the id");

    /* removed but attached: still walked, with SHM_DEST */
    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID while attached");
    CHECK_EQ(id, shmctl(slot_of_id, SHM_STAT_ANY, &status), "SHM_STAT_ANY of a removed, attached segment");
    CHECK(status.shm_perm.mode & SHM_DEST, "SHM_DEST in its mode (0%o)", (unsigned)status.shm_perm.mode);
    CHECK_EQ(0, shmdt(memory), "shmdt");
    CHECK_ERROR(shmctl(slot_of_id, SHM_STAT_ANY, &status), EINVAL);
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&after) >= 0, "SHM_INFO: %s", strerror(errno));
    CHECK_EQ(before.used_ids, after.used_ids, "SHM_INFO used_ids after the last detach");
    CHECK_EQ(before.shm_tot, after.shm_tot, "SHM_INFO shm_tot after the last detach");
    CHECK_ERROR(shmctl(0, SHM_INFO, (struct shmid_ds *)16), EFAULT);
    CHECK_ERROR(shmctl(-1, IPC_INFO, &status), EINVAL);
}

int main(void)
{
    message_queues();
    semaphore_sets();
    shared_memory();
    return test_finish("sysv_ipc_info_and_stat_walk_finds_every_object");
}
