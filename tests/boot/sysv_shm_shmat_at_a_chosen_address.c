/* tests/boot/sysv_shm_shmat_at_a_chosen_address.c - shmat(2) with an
 * address: a page-aligned one is used as given, and the memory there is
 * the segment's (the same bytes as another attachment, in this process
 * and in a child after fork). An unaligned one is EINVAL, unless SHM_RND
 * asks to round it down to a multiple of SHMLBA. An address where the
 * segment would overlap something already mapped (another attachment,
 * the program, the stack), the room kept for the stack to grow into, or
 * the kernel's half is EINVAL. */
#include <stdint.h>
#include <sys/shm.h>

#include "boot_test.h"

#define PAGE 4096
#define SIZE (2 * PAGE)
#define CHOSEN 0x70000000u           /* far from the program, the heap and the stack */
#define KERNEL_HALF 0xc0000000u
#define STACK_RESERVE 0xbf800000u    /* the stack may grow down to here (USER_MMAP_TOP, kernel/mm/memory_layout.h) */

static long attaches(int id)
{
    struct shmid_ds status;
    return shmctl(id, IPC_STAT, &status) == 0 ? (long)status.shm_nattch : -1;
}

int main(void)
{
    CHECK_EQ(PAGE, SHMLBA, "SHMLBA");
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *anywhere = shmat(id, NULL, 0);
    strcpy(anywhere + PAGE, "the second page");

    /* aligned: used as given, and it is the same memory */
    char *chosen = shmat(id, (void *)CHOSEN, 0);
    CHECK_EQ(CHOSEN, (uint32_t)chosen, "shmat at a page-aligned address returns it");
    if (chosen == (char *)CHOSEN) {
        CHECK(!strcmp(chosen + PAGE, "the second page"),
              "at the chosen address: expected \"the second page\", got \"%s\"", chosen + PAGE);
        chosen[0] = 'c';
        CHECK_EQ('c', anywhere[0], "a byte written at the chosen address, read at the other");
        pid_t child = fork();
        if (child == 0)
            _exit(((char *)CHOSEN)[0] == 'c' && !strcmp((char *)CHOSEN + PAGE, "the second page") ? 0 : 1);
        int status;
        waitpid(child, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "a child at the same chosen address: expected exit 0, got status 0x%x", status);
    }
    CHECK_EQ(2, attaches(id), "shm_nattch with two attachments");

    /* overlapping what is there: EINVAL */
    CHECK_ERROR(shmat(id, (void *)CHOSEN, 0), EINVAL);
    CHECK_ERROR(shmat(id, (void *)(CHOSEN + PAGE), 0), EINVAL);      /* its second page */
    CHECK_ERROR(shmat(id, (void *)(CHOSEN - PAGE), 0), EINVAL);      /* would run into it */
    CHECK_ERROR(shmat(id, (void *)((uint32_t)main & ~(PAGE - 1)), 0), EINVAL);  /* the program */
    int local;
    CHECK_ERROR(shmat(id, (void *)((uint32_t)&local & ~(PAGE - 1)), 0), EINVAL);  /* the stack */
    CHECK_ERROR(shmat(id, (void *)STACK_RESERVE, 0), EINVAL);        /* where the stack may grow */
    CHECK_ERROR(shmat(id, (void *)(STACK_RESERVE + (1u << 20)), 0), EINVAL);
    CHECK_ERROR(shmat(id, (void *)(STACK_RESERVE - PAGE), 0), EINVAL);  /* runs into it */
    CHECK_ERROR(shmat(id, (void *)KERNEL_HALF, 0), EINVAL);
    CHECK_ERROR(shmat(id, (void *)(KERNEL_HALF - PAGE), 0), EINVAL);  /* runs into it */
    CHECK_EQ(2, attaches(id), "shm_nattch after the refused attaches");
    CHECK_EQ(0, shmdt(chosen), "shmdt at the chosen address");

    /* unaligned: EINVAL, or rounded down with SHM_RND */
    CHECK_ERROR(shmat(id, (void *)(CHOSEN + 0x123), 0), EINVAL);
    CHECK_ERROR(shmat(id, (void *)(CHOSEN + PAGE - 1), 0), EINVAL);
    char *rounded = shmat(id, (void *)(CHOSEN + 0x123), SHM_RND);
    CHECK_EQ(CHOSEN, (uint32_t)rounded, "SHM_RND rounds the address down to SHMLBA");
    if (rounded == (char *)CHOSEN) {
        CHECK_EQ('c', rounded[0], "the first byte at the rounded address");
        shmdt(rounded);
    }
    rounded = shmat(id, (void *)CHOSEN, SHM_RND);
    CHECK_EQ(CHOSEN, (uint32_t)rounded, "SHM_RND leaves an aligned address as it is");
    shmdt(rounded);
    CHECK_EQ(1, attaches(id), "shm_nattch at the end: the attachment made anywhere");

    shmdt(anywhere);
    shmctl(id, IPC_RMID, NULL);
    return test_finish("sysv_shm_shmat_at_a_chosen_address");
}
