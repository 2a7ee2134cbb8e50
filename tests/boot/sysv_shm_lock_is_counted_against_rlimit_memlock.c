/* tests/boot/sysv_shm_lock_is_counted_against_rlimit_memlock.c -
 * shmctl(SHM_LOCK) sets SHM_LOCKED in the segment's mode and SHM_UNLOCK
 * clears it; locking twice or unlocking an unlocked segment is no error.
 * Only root, the owner or the creator may lock (EPERM). A user other
 * than root may not lock with RLIMIT_MEMLOCK at 0 (EPERM), and the
 * segments that user has locked count together against the limit
 * (ENOMEM past it, room again after an unlock or a removal), as on
 * Linux. It passes on Linux too (tools/linux-check). */
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>

#include "boot_test.h"

#define PAGE 4096
#define USER 1000

static int mode_of(int id)
{
    struct shmid_ds status;
    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "IPC_STAT");
    return (int)status.shm_perm.mode;
}

/* A segment of `pages` pages owned by USER, mode 0600. */
static int segment_of_the_user(int pages)
{
    int id = shmget(IPC_PRIVATE, (size_t)pages * PAGE, 0600);
    CHECK(id >= 0, "shmget: %s", strerror(errno));
    struct shmid_ds status;
    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "IPC_STAT");
    status.shm_perm.uid = USER;
    status.shm_perm.gid = USER;
    CHECK_EQ(0, shmctl(id, IPC_SET, &status), "IPC_SET: give it to the user");
    return id;
}

/* Run as USER with RLIMIT_MEMLOCK of `limit_pages` pages; returns 0 when
 * each step answers as it should, else the number of the step that did
 * not. */
static int as_user_with_limit(int limit_pages, int three_pages, int one_page, int not_the_users)
{
    struct rlimit limit = { (rlim_t)limit_pages * PAGE, (rlim_t)limit_pages * PAGE };
    if (setrlimit(RLIMIT_MEMLOCK, &limit) < 0 || setgid(USER) < 0 || setuid(USER) < 0)
        return 99;
    if (shmctl(not_the_users, SHM_LOCK, NULL) != -1 || errno != EPERM)
        return 1;                                 /* not the owner, nor the creator */
    if (limit_pages == 0)
        return shmctl(one_page, SHM_LOCK, NULL) == -1 && errno == EPERM ? 0 : 2;
    /* the limit is 3 pages: the 3-page segment fits, one page more does not */
    if (shmctl(three_pages, SHM_LOCK, NULL) != 0)
        return 3;
    if (shmctl(three_pages, SHM_LOCK, NULL) != 0)
        return 4;                                 /* locked already: counted once */
    if (shmctl(one_page, SHM_LOCK, NULL) != -1 || errno != ENOMEM)
        return 5;
    if (shmctl(three_pages, SHM_UNLOCK, NULL) != 0)
        return 6;
    if (shmctl(one_page, SHM_LOCK, NULL) != 0)
        return 7;                                 /* room again */
    if (shmctl(three_pages, SHM_LOCK, NULL) != -1 || errno != ENOMEM)
        return 8;                                 /* 1 + 3 pages */
    if (shmctl(one_page, SHM_UNLOCK, NULL) != 0 || shmctl(one_page, SHM_UNLOCK, NULL) != 0)
        return 9;                                 /* unlocking twice is no error */
    return 0;
}

/* As USER with RLIMIT_MEMLOCK of `limit_pages` pages: SHM_LOCK of `id`
 * answers 0 or fails with `error`; returns 0 if so. */
static int user_locks(int limit_pages, int id, int error)
{
    struct rlimit limit = { (rlim_t)limit_pages * PAGE, (rlim_t)limit_pages * PAGE };
    if (setrlimit(RLIMIT_MEMLOCK, &limit) < 0 || setgid(USER) < 0 || setuid(USER) < 0)
        return 99;
    int result = shmctl(id, SHM_LOCK, NULL);
    return error ? !(result == -1 && errno == error) : result != 0;
}

static void run_user_locks(int limit_pages, int id, int error, const char *what)
{
    pid_t child = fork();
    if (child == 0)
        _exit(user_locks(limit_pages, id, error));
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status 0x%x", what, status);
}

static int run_as_user(int limit_pages, int three_pages, int one_page, int not_the_users)
{
    pid_t child = fork();
    if (child == 0)
        _exit(as_user_with_limit(limit_pages, three_pages, one_page, not_the_users));
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status), "the child ended by signal %d", WTERMSIG(status));
    return WEXITSTATUS(status);
}

int main(void)
{
    /* root locks and unlocks any segment, with any limit */
    int id = shmget(IPC_PRIVATE, 100 * PAGE, 0640);
    CHECK(id >= 0, "shmget: %s", strerror(errno));
    CHECK_EQ(0640, mode_of(id), "mode of a new segment");
    CHECK_EQ(0, shmctl(id, SHM_LOCK, NULL), "SHM_LOCK by root");
    CHECK_EQ(0640 | SHM_LOCKED, mode_of(id), "SHM_LOCKED in the mode");
    CHECK_EQ(0, shmctl(id, SHM_LOCK, NULL), "SHM_LOCK again");
    char *memory = shmat(id, NULL, 0);
    CHECK(memory != (char *)-1, "shmat: %s", strerror(errno));
    memset(memory, 7, 100 * PAGE);
    CHECK_EQ(7, memory[100 * PAGE - 1], "a locked segment is used as any other");
    CHECK_EQ(0, shmdt(memory), "shmdt");
    struct shmid_ds status;
    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "IPC_STAT");
    status.shm_perm.mode = 0600;
    CHECK_EQ(0, shmctl(id, IPC_SET, &status), "IPC_SET mode 0600");
    CHECK_EQ(0600 | SHM_LOCKED, mode_of(id), "IPC_SET keeps SHM_LOCKED");
    CHECK_EQ(0, shmctl(id, SHM_UNLOCK, NULL), "SHM_UNLOCK");
    CHECK_EQ(0600, mode_of(id), "SHM_LOCKED cleared");
    CHECK_EQ(0, shmctl(id, SHM_UNLOCK, NULL), "SHM_UNLOCK of an unlocked segment");
    CHECK_ERROR(shmctl(id + 1000 * 32768, SHM_LOCK, NULL), EINVAL);
    CHECK_ERROR(shmctl(-1, SHM_UNLOCK, NULL), EINVAL);

    /* another user: its own segments only, and within RLIMIT_MEMLOCK */
    int three_pages = segment_of_the_user(3);
    int one_page = segment_of_the_user(1);
    CHECK_EQ(0, run_as_user(0, three_pages, one_page, id), "RLIMIT_MEMLOCK 0: EPERM (step that failed)");
    CHECK_EQ(0, run_as_user(3, three_pages, one_page, id), "RLIMIT_MEMLOCK 3 pages (step that failed)");

    /* a lock outlives the process that took it, and is charged to its
     * user until an unlock or the segment's removal */
    run_user_locks(3, three_pages, 0, "the user locks 3 pages, then exits");
    CHECK_EQ(0600 | SHM_LOCKED, mode_of(three_pages), "still locked after the process exited");
    int another = segment_of_the_user(1);
    run_user_locks(3, another, ENOMEM, "a fourth page: ENOMEM");
    CHECK_EQ(0, shmctl(three_pages, IPC_RMID, NULL), "IPC_RMID of the locked segment");
    run_user_locks(3, another, 0, "after the removal the page fits");
    CHECK_EQ(0, shmctl(another, IPC_RMID, NULL), "IPC_RMID");

    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_EQ(0, shmctl(one_page, IPC_RMID, NULL), "IPC_RMID");
    return test_finish("sysv_shm_lock_is_counted_against_rlimit_memlock");
}
