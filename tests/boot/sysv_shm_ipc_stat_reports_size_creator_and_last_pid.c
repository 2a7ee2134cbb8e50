/* tests/boot/sysv_shm_ipc_stat_reports_size_creator_and_last_pid.c -
 * shmctl(IPC_STAT) fills struct shmid_ds as shmctl(2) says:
 *   shm_segsz  the size given to shmget, not rounded to pages;
 *   shm_cpid   the creator's pid (here a child that has exited since);
 *   shm_lpid   the pid of the last shmat or shmdt (exit's detach counts);
 *   shm_nattch the attachments;
 *   shm_perm   the key and the permission bits given to shmget;
 *   times      0 until the first shmat / shmdt, then in order.
 * An existing segment found by key keeps its creator and size. */
#include <sys/shm.h>

#include "boot_test.h"

#define SIZE 5000                    /* 1 page and a bit: shm_segsz stays 5000 */
#define MODE 0640

static struct shmid_ds stat_of(int id)
{
    struct shmid_ds status;
    memset(&status, 0xff, sizeof status);
    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "shmctl IPC_STAT");
    return status;
}

int main(void)
{
    key_t key = ftok("/tmp", 's');
    pid_t creator = fork();
    if (creator == 0)
        _exit(shmget(key, SIZE, IPC_CREAT | IPC_EXCL | MODE) >= 0 ? 0 : 1);
    int wait_status;
    waitpid(creator, &wait_status, 0);
    CHECK(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0,
          "the creating child: expected exit 0, got status 0x%x", wait_status);

    int id = shmget(key, 0, 0);
    struct shmid_ds status = stat_of(id);
    CHECK_EQ(SIZE, status.shm_segsz, "shm_segsz: the size asked for");
    CHECK_EQ(creator, status.shm_cpid, "shm_cpid: the child that created it");
    CHECK_EQ(0, status.shm_lpid, "shm_lpid before any shmat");
    CHECK_EQ(0, status.shm_nattch, "shm_nattch before any shmat");
    CHECK_EQ(key, status.shm_perm.__key, "shm_perm.__key");
    CHECK_EQ(MODE, status.shm_perm.mode & 0777, "shm_perm.mode's permission bits");
    CHECK_EQ(0, status.shm_atime, "shm_atime before any shmat");
    CHECK_EQ(0, status.shm_dtime, "shm_dtime before any shmdt");

    /* finding it again by key, with IPC_CREAT and other bits, changes nothing */
    CHECK_EQ(id, shmget(key, SIZE, IPC_CREAT | 0600), "shmget(IPC_CREAT) of the existing key");
    status = stat_of(id);
    CHECK_EQ(creator, status.shm_cpid, "shm_cpid after shmget by key");
    CHECK_EQ(SIZE, status.shm_segsz, "shm_segsz after shmget by key");
    CHECK_EQ(MODE, status.shm_perm.mode & 0777, "shm_perm.mode after shmget by key");

    char *memory = shmat(id, NULL, 0);
    status = stat_of(id);
    CHECK_EQ(getpid(), status.shm_lpid, "shm_lpid after our shmat");
    CHECK_EQ(1, status.shm_nattch, "shm_nattch after our shmat");
    CHECK(status.shm_atime >= status.shm_ctime, "shm_atime %ld before shm_ctime %ld", status.shm_atime, status.shm_ctime);
    memory[SIZE - 1] = 'z';                  /* the last byte of the size asked for is ours */

    pid_t child = fork();
    if (child == 0) {
        int fine = memory[SIZE - 1] == 'z' && shmdt(memory) == 0;
        _exit(fine ? 0 : 1);
    }
    waitpid(child, &wait_status, 0);
    CHECK(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0, "the detaching child: got status 0x%x", wait_status);
    status = stat_of(id);
    CHECK_EQ(child, status.shm_lpid, "shm_lpid after a child's shmdt");
    CHECK_EQ(1, status.shm_nattch, "shm_nattch after a child's shmdt");
    CHECK(status.shm_dtime >= status.shm_atime, "shm_dtime %ld before shm_atime %ld", status.shm_dtime, status.shm_atime);
    CHECK_EQ(creator, status.shm_cpid, "shm_cpid stays the creator's");

    child = fork();
    if (child == 0) {
        if (shmat(id, NULL, SHM_RDONLY) == (void *)-1)
            _exit(1);
        _exit(0);                            /* exit detaches both of its attachments */
    }
    waitpid(child, &wait_status, 0);
    status = stat_of(id);
    CHECK_EQ(child, status.shm_lpid, "shm_lpid after a child attached and exited");
    CHECK_EQ(1, status.shm_nattch, "shm_nattch after that child exited");

    CHECK_EQ(0, shmdt(memory), "our shmdt");
    status = stat_of(id);
    CHECK_EQ(getpid(), status.shm_lpid, "shm_lpid after our shmdt");
    CHECK_EQ(0, status.shm_nattch, "shm_nattch after our shmdt");
    CHECK_EQ(SIZE, status.shm_segsz, "shm_segsz at the end");

    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_shm_ipc_stat_reports_size_creator_and_last_pid");
}
