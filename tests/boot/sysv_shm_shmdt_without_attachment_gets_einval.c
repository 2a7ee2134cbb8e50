/* tests/boot/sysv_shm_shmdt_without_attachment_gets_einval.c - shmdt(2)
 * takes the address shmat returned and nothing else: an address where
 * nothing is attached is EINVAL, and so are NULL, a page in the middle of
 * an attachment, an unaligned address, a heap address, a MAP_SHARED
 * mapping (shared, but not a System V segment) and an attachment already
 * detached. None of these failures changes shm_nattch. */
#include <sys/mman.h>
#include <sys/shm.h>

#include "boot_test.h"

#define PAGE 4096
#define SIZE (3 * PAGE)

static long attaches(int id)
{
    struct shmid_ds status;
    return shmctl(id, IPC_STAT, &status) == 0 ? (long)status.shm_nattch : -1;
}

int main(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *memory = shmat(id, NULL, 0);
    CHECK(memory != (char *)-1, "shmat: expected an address, got -1 (%s)", strerror(errno));
    memory[0] = 1;

    CHECK_ERROR(shmdt(NULL), EINVAL);
    CHECK_ERROR(shmdt(memory + PAGE), EINVAL);           /* inside, but not where it starts */
    CHECK_ERROR(shmdt(memory + 1), EINVAL);
    CHECK_ERROR(shmdt(memory + SIZE), EINVAL);           /* just past its end */
    CHECK_ERROR(shmdt((void *)0x70000000), EINVAL);      /* nothing there at all */
    CHECK_ERROR(shmdt((void *)0xc0000000), EINVAL);      /* the kernel's half */
    char *heap = malloc(64);
    CHECK_ERROR(shmdt(heap), EINVAL);
    int local;
    CHECK_ERROR(shmdt(&local), EINVAL);                  /* the stack */
    CHECK_ERROR(shmdt((void *)main), EINVAL);            /* the program */
    char *mapped = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(mapped != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS: %s", strerror(errno));
    CHECK_ERROR(shmdt(mapped), EINVAL);
    CHECK_EQ(1, attaches(id), "shm_nattch after the refused shmdt calls");
    CHECK_EQ(1, memory[0], "the segment's first byte after the refused shmdt calls");
    mapped[0] = 2;
    CHECK_EQ(2, mapped[0], "the mmap'd page is still mapped");

    CHECK_EQ(0, shmdt(memory), "shmdt of the address shmat returned");
    CHECK_EQ(0, attaches(id), "shm_nattch after it");
    CHECK_ERROR(shmdt(memory), EINVAL);                  /* twice */

    /* a child's shmdt of an address only its parent attached */
    memory = shmat(id, NULL, 0);
    pid_t child = fork();
    if (child == 0) {
        if (shmdt(memory) != 0)                          /* inherited: fine */
            _exit(1);
        _exit(shmdt(memory) == -1 && errno == EINVAL ? 0 : 2);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child: expected exit 0 (shmdt once, then EINVAL), got status 0x%x", status);
    CHECK_EQ(1, attaches(id), "shm_nattch after the child: ours is still there");
    CHECK_EQ(0, shmdt(memory), "our shmdt after the child's");

    munmap(mapped, PAGE);
    free(heap);
    shmctl(id, IPC_RMID, NULL);
    return test_finish("sysv_shm_shmdt_without_attachment_gets_einval");
}
