/* libc_aligned_allocation_honours_the_alignment: posix_memalign,
 * aligned_alloc and memalign give memory at a multiple of the alignment
 * (8 to 4096), all of it usable, that free and realloc take like any
 * other; posix_memalign refuses an alignment that is not a power of two
 * or not a multiple of sizeof(void *) with EINVAL, returned, leaving the
 * pointer alone; memalign rounds 48 up to 64; valloc aligns to the page
 * (4096); many rounds reuse memory. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot_test.h"

int main(void)
{
    void *blocks[10];
    int count = 0;
    for (size_t alignment = 8; alignment <= 4096; alignment *= 2) {
        void *memory = (void *)1;
        CHECK_EQ(0, posix_memalign(&memory, alignment, 100 + alignment), "posix_memalign");
        CHECK((uintptr_t)memory % alignment == 0, "aligned to %zu: %p", alignment, memory);
        memset(memory, 0xa5, 100 + alignment);
        blocks[count++] = memory;
    }
    for (int i = 0; i < count; i++)
        CHECK(((unsigned char *)blocks[i])[99] == 0xa5, "block %d kept its bytes", i);
    void *grown = realloc(blocks[3], 20000);
    CHECK(grown && ((unsigned char *)grown)[50] == 0xa5, "realloc of an aligned block keeps its bytes");
    blocks[3] = grown;
    for (int i = 0; i < count; i++)
        free(blocks[i]);

    void *left_alone = (void *)&count;
    CHECK_EQ(EINVAL, posix_memalign(&left_alone, 24, 10), "alignment 24 is not a power of two");
    CHECK_EQ(EINVAL, posix_memalign(&left_alone, 2, 10), "alignment 2 is below sizeof(void *)");
    CHECK_EQ(EINVAL, posix_memalign(&left_alone, 0, 10), "alignment 0");
    CHECK(left_alone == (void *)&count, "the pointer is left alone on error");
    void *empty = NULL;
    CHECK_EQ(0, posix_memalign(&empty, 64, 0), "size 0");
    free(empty);

    void *c11 = aligned_alloc(256, 1000);
    CHECK(c11 && (uintptr_t)c11 % 256 == 0, "aligned_alloc(256): %p", c11);
    free(c11);
    void *old = memalign(48, 10);
    CHECK(old && (uintptr_t)old % 64 == 0, "memalign rounds 48 up to 64: %p", old);
    free(old);
    char *paged = valloc(5000);
    CHECK(paged && (uintptr_t)paged % 4096 == 0, "valloc gives a page's start: %p", paged);
    if (paged)
        memset(paged, 0x5a, 5000);
    free(paged);

    void *first = NULL;
    for (int round = 0; round < 2000; round++) {
        void *memory = aligned_alloc(1024, 3000);
        CHECK(memory != NULL, "round %d", round);
        if (!memory)
            break;
        if (round == 0)
            first = memory;
        free(memory);
    }
    void *small = malloc(16);
    CHECK(small != NULL && first != NULL, "memory given back is used again");
    free(small);
    return test_finish("libc_aligned_allocation_honours_the_alignment");
}
