/* tests/boot/cow_page_made_writable_again_takes_no_new_frame.c - a private
 * page made read-only and then writable again (mprotect(2)) can be
 * written, and keeps its bytes. Here the page comes back copy-on-write
 * (kernel/mm/protection.c: a fork may share its frame), so its first
 * write is a copy-on-write fault; the frame is ours alone, so the fault
 * takes it back instead of copying it: the free frames (kinfo) do not
 * change. The bytes and the write hold on Linux too (there kinfo answers
 * ENOSYS, and the test says that it did not count). */
#include <sys/mman.h>

#include "boot_test.h"

#define PAGE 4096
#define PAGES 8

int main(void)
{
    volatile char *memory = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return test_finish("cow_page_made_writable_again_takes_no_new_frame");
    for (int page = 0; page < PAGES; page++)
        memory[page * PAGE] = (char)('a' + page);

    CHECK_EQ(0, mprotect((void *)memory, PAGES * PAGE, PROT_READ), "mprotect to PROT_READ");
    CHECK_EQ(0, mprotect((void *)memory, PAGES * PAGE, PROT_READ | PROT_WRITE), "mprotect back to PROT_READ|PROT_WRITE");

    read_counters();                          /* our stack page is ours before the count */
    struct kinfo_counters before = read_counters();
    for (int page = 0; page < PAGES; page++)
        memory[page * PAGE + 1] = (char)('A' + page);
    struct kinfo_counters after;
    if (kinfo(KINFO_COUNTERS, &after, sizeof after) < 0)
        printf("kinfo: %s: the frames the writes took are not counted\n", strerror(errno));
    else
        CHECK_EQ(0, (int)(before.free_frames - after.free_frames),
                 "frames taken by writing pages no other process holds");

    int wrong = 0;
    for (int page = 0; page < PAGES; page++)
        wrong += memory[page * PAGE] != 'a' + page || memory[page * PAGE + 1] != 'A' + page;
    CHECK_EQ(0, wrong, "pages whose two bytes are not what was written");
    munmap((void *)memory, PAGES * PAGE);
    return test_finish("cow_page_made_writable_again_takes_no_new_frame");
}
