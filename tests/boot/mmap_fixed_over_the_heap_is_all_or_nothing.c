/* tests/boot/mmap_fixed_over_the_heap_is_all_or_nothing.c - mmap with
 * MAP_FIXED replaces what is mapped in its range. Here a range that
 * reaches into the heap is refused (EINVAL: the heap is kept whole,
 * kernel/mm/address_space.c); Linux replaces the heap's pages. Either
 * way a call is all or nothing: the kernel before this test unmapped the
 * other mapping in the range, then refused, and the program had lost it.
 *
 * A page is mapped 1 MiB above the heap's end and marked; then MAP_FIXED
 * over [the heap's last page, that page]. If it fails, the page still
 * holds its mark and the heap its bytes; if it succeeds (Linux), the
 * whole range reads as zeros. */
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"

#define PAGE 4096u
#define GAP  (1u << 20)

int main(void)
{
    char *heap_page = sbrk(PAGE);
    CHECK(heap_page != (char *)-1, "sbrk");
    char *heap_end = sbrk(0);
    uintptr_t page_end = ((uintptr_t)heap_end + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    char *last_heap_page = (char *)(page_end - PAGE);
    memset(heap_page, 'h', PAGE);

    char *above = (char *)(page_end + GAP);
    char *mapped = mmap(above, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(mapped == above, "a page 1 MiB above the heap: %p", (void *)mapped);
    if (mapped != above)
        return test_finish("mmap_fixed_over_the_heap_is_all_or_nothing");
    memset(above, 'm', PAGE);

    size_t length = (size_t)(above + PAGE - last_heap_page);
    errno = 0;
    char *over = mmap(last_heap_page, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
                      0);
    if (over == MAP_FAILED) {
        CHECK_EQ(EINVAL, errno, "MAP_FIXED into the heap refused: errno");
        CHECK(above[0] == 'm' && above[PAGE - 1] == 'm', "the page above kept its mark: '%c'", above[0]);
        CHECK(heap_page[0] == 'h' && heap_page[PAGE - 1] == 'h', "the heap kept its bytes");
        CHECK_EQ(0, munmap(above, PAGE), "munmap of the page above");
    } else {
        CHECK(over == last_heap_page, "MAP_FIXED gave %p, asked %p", (void *)over, (void *)last_heap_page);
        int zeros = over[0] == 0 && above[0] == 0 && above[PAGE - 1] == 0;
        CHECK(zeros, "the range replaced reads as zeros");
    }
    return test_finish("mmap_fixed_over_the_heap_is_all_or_nothing");
}
