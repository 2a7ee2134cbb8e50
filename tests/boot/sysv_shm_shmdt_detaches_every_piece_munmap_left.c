/* tests/boot/sysv_shm_shmdt_detaches_every_piece_munmap_left.c - munmap(2)
 * on part of an attachment leaves pieces of it, and each piece counts in
 * shm_nattch (as on Linux, where a split region is one more attach).
 * shmdt(2) of the address shmat returned detaches the whole attachment,
 * every piece that is left of it, as Linux's do_shmdt does: afterwards
 * shm_nattch is 0, no piece can be touched (a child that tries dies of
 * SIGSEGV), and after IPC_RMID the segment is gone. Otherwise a removed
 * segment would live on in a forgotten piece until the process exits.
 * munmap of all of an attachment detaches it too. */
#include <signal.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "boot_test.h"

#define PAGE 4096
#define PAGES 3
#define SIZE (PAGES * PAGE)

static long attaches(int id)
{
    struct shmid_ds status;
    return shmctl(id, IPC_STAT, &status) == 0 ? (long)status.shm_nattch : -1;
}

static void expect_sigsegv_touching(const char *what, char *address)
{
    pid_t child = fork();
    if (child == 0) {
        *(volatile char *)address = 'X';
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "%s: expected death by SIGSEGV (%d), got status 0x%x", what, SIGSEGV, status);
}

/* Attaches, munmaps page `hole` of it, then shmdt at the start. */
static void shmdt_after_munmap_of_page(int hole, const char *which, long pieces)
{
    unsigned segments_before = read_counters().sysv_shm_segments;
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *memory = shmat(id, NULL, 0);
    for (int page = 0; page < PAGES; page++)
        memory[page * PAGE] = (char)('a' + page);
    CHECK_EQ(0, munmap(memory + hole * PAGE, PAGE), "munmap of one page of the attachment");
    CHECK_EQ(pieces, attaches(id), "shm_nattch: one per piece left");

    errno = 0;
    int result = shmdt(memory);
    CHECK(result == 0, "shmdt at the attach address after munmap of the %s page: expected 0, got %d (%s)",
          which, result, strerror(errno));
    CHECK_EQ(0, attaches(id), "shm_nattch after shmdt: every piece detached");
    for (int page = 0; page < PAGES; page++)
        if (page != hole)
            expect_sigsegv_touching("a child touching a piece left after shmdt", memory + page * PAGE);

    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_EQ(segments_before, read_counters().sysv_shm_segments, "sysv_shm_segments after shmdt and IPC_RMID");
    for (int page = 0; page < PAGES; page++)          /* clean up whatever the kernel left */
        munmap(memory + page * PAGE, PAGE);
}

int main(void)
{
    /* munmap of a whole attachment is a detach */
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *memory = shmat(id, NULL, 0);
    CHECK_EQ(0, munmap(memory, SIZE), "munmap of the whole attachment");
    CHECK_EQ(0, attaches(id), "shm_nattch after munmap of the whole attachment");
    CHECK_ERROR(shmdt(memory), EINVAL);
    shmctl(id, IPC_RMID, NULL);

    shmdt_after_munmap_of_page(1, "middle", 2);
    shmdt_after_munmap_of_page(0, "first", 1);
    shmdt_after_munmap_of_page(PAGES - 1, "last", 1);
    return test_finish("sysv_shm_shmdt_detaches_every_piece_munmap_left");
}
