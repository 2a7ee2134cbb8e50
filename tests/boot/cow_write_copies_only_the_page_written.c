/* tests/boot/cow_write_copies_only_the_page_written.c - after fork(2), the
 * first write to a shared private page copies that page and no other
 * (kernel/mm/address_space.c, address_space_handle_fault):
 *  - in the child, writing one byte in each of WRITTEN_PAGES pages takes
 *    exactly one frame per page (kinfo's free frames), and reading the
 *    pages it did not write takes none;
 *  - the copy holds the page's bytes: the child's bytes beside the one it
 *    wrote are the parent's;
 *  - the parent, which holds the old frames, still sees its own bytes.
 * The frame counts are this kernel's (kinfo); on Linux, where kinfo
 * answers ENOSYS, only the bytes are checked, and the test says so. */
#include "boot_test.h"

#define PAGE 4096
#define BUFFER_PAGES 64
#define WRITTEN_PAGES 32

static unsigned char buffer[BUFFER_PAGES * PAGE] __attribute__((aligned(PAGE)));

static unsigned char pattern(int page, int offset)
{
    return (unsigned char)(page * 7 + offset);
}

static void the_childs_writes(void)
{
    volatile unsigned char *bytes = buffer;   /* every access done, none optimized away */
    read_counters();                          /* our stack page is copied now, not below */
    struct kinfo_counters before = read_counters();
    for (int page = 0; page < WRITTEN_PAGES; page++)
        bytes[page * PAGE] = 0xEE;
    struct kinfo_counters after_writes;
    memset(&after_writes, 0, sizeof after_writes);
    int counted = kinfo(KINFO_COUNTERS, &after_writes, sizeof after_writes) >= 0;
    if (counted)
        CHECK_EQ(WRITTEN_PAGES, (int)(before.free_frames - after_writes.free_frames),
                 "frames taken by one write to each of the shared pages");
    else
        printf("kinfo: %s: the frames taken are not counted\n", strerror(errno));

    for (int page = WRITTEN_PAGES; page < BUFFER_PAGES; page++)
        (void)bytes[page * PAGE + 1];
    struct kinfo_counters after_reads = read_counters();
    CHECK_EQ(0, (int)(after_writes.free_frames - after_reads.free_frames),
             "frames taken by reading the pages not written");

    int wrong = 0;
    for (int page = 0; page < WRITTEN_PAGES; page++)
        for (int offset = 1; offset < PAGE; offset += 509)
            wrong += bytes[page * PAGE + offset] != pattern(page, offset);
    CHECK_EQ(0, wrong, "bytes of the copied pages that are not the parent's");
}

int main(void)
{
    for (int page = 0; page < BUFFER_PAGES; page++)
        for (int offset = 0; offset < PAGE; offset++)
            buffer[page * PAGE + offset] = pattern(page, offset);
    warm_up_copy_on_write();

    run_checks_in_child(the_childs_writes);

    int changed = 0;
    for (int page = 0; page < BUFFER_PAGES; page++)
        changed += buffer[page * PAGE] != pattern(page, 0);
    CHECK_EQ(0, changed, "pages of the parent that the child's writes changed");
    return test_finish("cow_write_copies_only_the_page_written");
}
