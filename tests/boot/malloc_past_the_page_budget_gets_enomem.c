/* tests/boot/malloc_past_the_page_budget_gets_enomem.c - a process that
 * takes memory with malloc until there is none gets NULL and ENOMEM, and
 * goes on: brk refuses pages that would not fit the process's budget
 * beside the pages it has (kernel/mm/address_space.c), so malloc, which
 * touches what it takes, never meets a refused page fault (SIGSEGV).
 * (The Open POSIX Test Suite's pthread_atfork/3-3 registers handlers for
 * a second, and so mallocs until memory runs out.) The blocks are then
 * freed and taken again, and the memory written holds what was written.
 * Nearly all of the 32 MiB comes in 4 KiB blocks: malloc cuts a block
 * from the head of a free one, so the heap's growths merge (cut from the
 * tail, a quarter of the heap was lost in holes: 24 MiB). */
#include <stdint.h>
#include <sys/wait.h>

#include "boot_test.h"

#define BIG 4096
#define SMALL 24

struct block {
    struct block *next;
    uint32_t stamp;
};

/* Takes blocks of `size` bytes, each written whole, until malloc says
 * no; returns them as a list, counting them in *count. */
static struct block *take_until_enomem(struct block *list, size_t size, long *count, int *last_errno)
{
    for (;;) {
        errno = 0;
        struct block *block = malloc(size);
        if (!block) {
            *last_errno = errno;
            return list;
        }
        memset(block, 0x5a, size);
        block->next = list;
        block->stamp = (uint32_t)*count;
        list = block;
        ++*count;
    }
}

/* The child: exits 0 when every check held, else the number of the one
 * that failed. */
static int take_everything_twice(void)
{
    for (int round = 0; round < 2; round++) {
        long count = 0;
        int big_errno = 0, small_errno = 0;
        struct block *list = take_until_enomem(0, BIG, &count, &big_errno);
        long big = count;
        list = take_until_enomem(list, SMALL, &count, &small_errno);
        printf("round %d: %ld blocks of %d bytes (%ld KiB), then %ld of %d; errno %d, %d\n", round, big, BIG,
               big * BIG / 1024, count - big, SMALL, big_errno, small_errno);
        fflush(stdout);
        if (big_errno != ENOMEM || small_errno != ENOMEM)
            return 1;
        if (big * BIG < (30L << 20))
            return 2;                   /* the budget is 32 MiB: nearly all of it in 4 KiB blocks */
        long expected = count;
        for (struct block *block = list; block;) {
            struct block *next = block->next;
            if (block->stamp != (uint32_t)--expected)
                return 3;
            free(block);
            block = next;
        }
        if (expected != 0)
            return 4;
    }
    return 0;
}

int main(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(take_everything_twice());
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(!WIFSIGNALED(status), "the process that took all memory was killed by signal %d",
          WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child's check %d failed (1: not ENOMEM, 2: under 30 MiB in 4 KiB blocks, 3: a block changed, 4: a block lost)",
          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return test_finish("malloc_past_the_page_budget_gets_enomem");
}
