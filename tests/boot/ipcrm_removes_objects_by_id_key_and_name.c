/* tests/boot/ipcrm_removes_objects_by_id_key_and_name.c - /bin/ipcrm
 * removes what a killed program left behind: System V message queues,
 * segments and semaphore sets by id (-q -m -s) or key (-Q -M -S, in hex
 * as ipcs shows them), POSIX shared memory objects (-x), message queues
 * (-y) and named semaphores (-z), and mailboxes (-b) by name. A mailbox still open lives on without
 * its name. What it cannot remove it reports, in util-linux's words, and
 * it exits 1; wrong usage is 2. Nothing leaks. */
#include <ipc.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_KEY     0x1a2b01
#define SEGMENT_KEY   0x1a2b02
#define SEMAPHORE_KEY 0x1a2b03

static char output[2048];

/* Runs `command` in sh with stderr into the output too; returns its status
 * as the shell gives it ($?). */
static int run(const char *command)
{
    char line[512];
    snprintf(line, sizeof line, "%s 2>&1", command);
    char *argv[] = { "/bin/sh", "-c", line, NULL };
    int status = run_capturing(argv, output, sizeof output);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void system_v_objects_go_by_id_and_by_key(void)
{
    int queue_by_id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    int queue_by_key = msgget(QUEUE_KEY, IPC_CREAT | 0600);
    int segment_by_id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    int segment_by_key = shmget(SEGMENT_KEY, 4096, IPC_CREAT | 0600);
    int set_by_id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    int set_by_key = semget(SEMAPHORE_KEY, 1, IPC_CREAT | 0600);
    CHECK(queue_by_id >= 0 && queue_by_key >= 0 && segment_by_id >= 0 && segment_by_key >= 0 && set_by_id >= 0 &&
          set_by_key >= 0, "making the objects: %s", strerror(errno));

    char command[256];
    snprintf(command, sizeof command, "ipcrm -q %d -Q 0x%x -m %d -M 0x%x -s%d -S %d", queue_by_id, QUEUE_KEY,
             segment_by_id, SEGMENT_KEY, set_by_id, SEMAPHORE_KEY);
    CHECK_EQ(0, run(command), command);
    CHECK(output[0] == 0, "%s printed: %s", command, output);

    CHECK_ERROR(msgctl(queue_by_id, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);
    CHECK_ERROR(msgget(QUEUE_KEY, 0), ENOENT);
    CHECK_ERROR(shmctl(segment_by_id, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
    CHECK_ERROR(shmget(SEGMENT_KEY, 0, 0), ENOENT);
    CHECK_ERROR(semctl(set_by_id, 0, GETVAL), EINVAL);
    CHECK_ERROR(semget(SEMAPHORE_KEY, 0, 0), ENOENT);
}

static void names_go_and_an_open_mailbox_lives_on(void)
{
    mqd_t queue = mq_open("/ipcrm_queue", O_CREAT | O_RDWR, 0600, NULL);
    sem_t *semaphore = sem_open("/ipcrm_lock", O_CREAT, 0600, 1);
    int box = mbox_open("ipcrm_box", O_CREAT | O_EXCL, 4);
    int memory = shm_open("/ipcrm_memory", O_CREAT | O_EXCL | O_RDWR, 0600);
    CHECK(queue != (mqd_t)-1 && semaphore != SEM_FAILED && box >= 0 && memory >= 0, "making the objects: %s",
          strerror(errno));
    mq_close(queue);
    sem_close(semaphore);
    close(memory);

    CHECK_EQ(0, run("ipcrm -y /ipcrm_queue -z /ipcrm_lock -b ipcrm_box -x /ipcrm_memory"), "ipcrm -y -z -b -x");
    CHECK(output[0] == 0, "ipcrm -y -z -b -x printed: %s", output);
    CHECK_ERROR(shm_open("/ipcrm_memory", O_RDWR, 0), ENOENT);
    CHECK_ERROR(mq_open("/ipcrm_queue", O_RDONLY), ENOENT);
    errno = 0;
    CHECK(sem_open("/ipcrm_lock", 0) == SEM_FAILED && errno == ENOENT, "sem_open after ipcrm -z: errno %d", errno);
    CHECK_ERROR(mbox_open("ipcrm_box", 0, 0), ENOENT);

    struct message m = { .type = 7, .len = 0 };
    CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send on the open mailbox after ipcrm -b");
    CHECK(mbox_recv(box, &m, 0) == 0 && m.type == 7, "mbox_recv after ipcrm -b: type %d", m.type);
    close(box);
}

static void what_is_not_there_is_reported(void)
{
    CHECK_EQ(1, run("ipcrm -q 4000"), "ipcrm -q 4000");
    CHECK(!strcmp(output, "ipcrm: invalid id (4000)\n"), "ipcrm -q 4000 printed: %s", output);
    CHECK_EQ(1, run("ipcrm -M 0x7777"), "ipcrm -M 0x7777");
    CHECK(!strcmp(output, "ipcrm: invalid key (0x7777)\n"), "ipcrm -M 0x7777 printed: %s", output);
    CHECK_EQ(1, run("ipcrm -S 0"), "ipcrm -S 0");
    CHECK(!strcmp(output, "ipcrm: illegal key (0)\n"), "ipcrm -S 0 printed: %s", output);
    CHECK_EQ(1, run("ipcrm -b nosuch"), "ipcrm -b nosuch");
    CHECK(!strcmp(output, "ipcrm: nosuch: No such file or directory\n"), "ipcrm -b nosuch printed: %s", output);

    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    char command[64];
    snprintf(command, sizeof command, "ipcrm -q 4000 -q %d", queue);
    CHECK_EQ(1, run(command), "a failed option and a good one");
    CHECK_ERROR(msgctl(queue, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);

    CHECK_EQ(2, run("ipcrm"), "ipcrm without options");
    CHECK_EQ(2, run("ipcrm -w 1"), "ipcrm -w 1 (no such option)");
    CHECK_EQ(2, run("ipcrm -q"), "ipcrm -q without an id");
}

int main(void)
{
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    system_v_objects_go_by_id_and_by_key();
    names_go_and_an_open_mailbox_lives_on();
    what_is_not_there_is_reported();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("ipcrm_removes_objects_by_id_key_and_name");
}
