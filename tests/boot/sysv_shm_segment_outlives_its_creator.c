/* tests/boot/sysv_shm_segment_outlives_its_creator.c - "a shared segment
 * lives on after its creator exits until it is removed and its last
 * process has detached" (shmget(2)). A child creates a segment by
 * key, attaches, writes and exits without IPC_RMID; afterwards the segment
 * is still counted, IPC_STAT names the dead child as creator with nobody
 * attached, and a second child, which never saw the first, finds it by key
 * (without IPC_CREAT), attaches and reads the data. Only IPC_RMID, with
 * nobody attached, frees it. */
#include <sys/shm.h>

#include "boot_test.h"

#define SIZE 20000
#define MESSAGE "left behind by the creator"
#define LAST_PAGE_OFFSET (SIZE - 100)

static key_t key(void)
{
    return ftok("/tmp", 'o');
}

static int creator(void)
{
    int id = shmget(key(), SIZE, IPC_CREAT | IPC_EXCL | 0600);
    char *memory = shmat(id, NULL, 0);
    if (id < 0 || memory == (char *)-1)
        return 1;
    strcpy(memory, MESSAGE);
    strcpy(memory + LAST_PAGE_OFFSET, "and on the last page");
    return 0;                                /* exit: detached, never removed */
}

static int finder(void)
{
    int id = shmget(key(), SIZE, 0);
    if (id < 0)
        return 1;
    char *memory = shmat(id, NULL, SHM_RDONLY);
    if (memory == (char *)-1)
        return 2;
    if (strcmp(memory, MESSAGE))
        return 3;
    if (strcmp(memory + LAST_PAGE_OFFSET, "and on the last page"))
        return 4;
    return 0;
}

static int run_child(int (*body)(void), pid_t *pid)
{
    *pid = fork();
    if (*pid == 0)
        _exit(body());
    int status;
    waitpid(*pid, &status, 0);
    return status;
}

int main(void)
{
    unsigned segments_before = read_counters().sysv_shm_segments;
    CHECK_ERROR(shmget(key(), SIZE, 0), ENOENT);

    pid_t creator_pid, finder_pid;
    int status = run_child(creator, &creator_pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the creator: expected exit 0, got status 0x%x", status);
    CHECK_EQ(segments_before + 1, read_counters().sysv_shm_segments, "sysv_shm_segments after the creator exited");

    int id = shmget(key(), 0, 0);
    CHECK(id >= 0, "shmget by key after the creator exited: expected an id, got %d (%s)", id, strerror(errno));
    struct shmid_ds info;
    CHECK_EQ(0, shmctl(id, IPC_STAT, &info), "IPC_STAT");
    CHECK_EQ(0, info.shm_nattch, "shm_nattch after the creator exited");
    CHECK_EQ(creator_pid, info.shm_cpid, "shm_cpid: the creator, though it is gone");
    CHECK_EQ(creator_pid, info.shm_lpid, "shm_lpid: the creator detached last, by exiting");
    CHECK_EQ(SIZE, info.shm_segsz, "shm_segsz");

    status = run_child(finder, &finder_pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the finder: expected exit 0 (found the data by key), got status 0x%x "
          "(1: shmget, 2: shmat, 3: first page, 4: last page)", status);
    CHECK_EQ(0, shmctl(id, IPC_STAT, &info), "IPC_STAT after the finder");
    CHECK_EQ(0, info.shm_nattch, "shm_nattch after the finder exited");
    CHECK_EQ(finder_pid, info.shm_lpid, "shm_lpid: the finder");
    CHECK_EQ(segments_before + 1, read_counters().sysv_shm_segments, "sysv_shm_segments after the finder exited");

    /* a second finder after the first: still there, the data too */
    status = run_child(finder, &finder_pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the second finder: expected exit 0, got status 0x%x", status);

    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_EQ(segments_before, read_counters().sysv_shm_segments, "sysv_shm_segments after IPC_RMID with nobody attached");
    CHECK_ERROR(shmget(key(), 0, 0), ENOENT);
    status = run_child(finder, &finder_pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "a finder after IPC_RMID: expected exit 1 (no key), got status 0x%x", status);
    return test_finish("sysv_shm_segment_outlives_its_creator");
}
