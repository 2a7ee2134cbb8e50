/* tests/boot/mmap_munmap_and_map_fixed.c - taking mappings apart and
 * replacing them. munmap of a middle page splits a mapping in two: the hole
 * faults, both ends keep their contents (and a file mapping's tail still
 * shows, and writes, the right part of the file); munmap of the first or
 * last pages keeps the rest; any access after munmap is SIGSEGV; munmap of
 * a range where nothing is mapped succeeds, and one range may cover
 * several mappings. MAP_FIXED puts a mapping exactly at the address asked,
 * replacing whatever was mapped there. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_munmap_test"

/* A private anonymous mapping of `pages` pages, page i filled with 'a' + i. */
static char *map_lettered_pages(int pages)
{
    char *memory = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap of %d pages: got MAP_FAILED (%s)", pages, strerror(errno));
    if (memory != MAP_FAILED)
        for (int i = 0; i < pages; i++)
            memset(memory + i * PAGE, 'a' + i, PAGE);
    return memory;
}

static void munmap_of_a_middle_page_splits_the_mapping(void)
{
    char *memory = map_lettered_pages(3);
    if (memory == MAP_FAILED)
        return;
    CHECK_EQ(0, munmap(memory + PAGE, PAGE), "munmap of the middle page");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory + PAGE), "a read of the unmapped middle page");
    expect_sigsegv(status_of_child_doing(write_a_byte, memory + 2 * PAGE - 1), "a write to its last byte");
    CHECK(memory[0] == 'a' && memory[PAGE - 1] == 'a', "the first page after the split: expected 'a', got %c/%c",
          memory[0], memory[PAGE - 1]);
    CHECK(memory[2 * PAGE] == 'c' && memory[3 * PAGE - 1] == 'c',
          "the last page after the split: expected 'c', got %c/%c", memory[2 * PAGE], memory[3 * PAGE - 1]);
    memory[2 * PAGE] = 'C';                   /* both halves are still writable */
    memory[0] = 'A';
    CHECK(memory[0] == 'A' && memory[2 * PAGE] == 'C', "writes into both halves");
    CHECK_EQ(0, munmap(memory, 3 * PAGE), "munmap of the whole range, hole included");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory), "a read of the first page after munmap");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory + 2 * PAGE), "a read of the last page after munmap");
}

static void a_split_file_mapping_keeps_showing_the_right_part_of_the_file(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char contents[4 * PAGE];
    for (int i = 0; i < 4; i++)
        memset(contents + i * PAGE, 'P' + i, PAGE);   /* pages P, Q, R, S */
    write(fd, contents, sizeof contents);
    char *map = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap of the file: got MAP_FAILED (%s)", strerror(errno));
    if (map == MAP_FAILED) {
        close(fd);
        return;
    }
    CHECK_EQ(0, munmap(map + PAGE, PAGE), "munmap of page 1 of the file mapping");
    /* page 2 and 3 were never touched: they must come from file pages 2 and 3 */
    CHECK_EQ('R', map[2 * PAGE], "the tail's first byte (file page 2)");
    CHECK_EQ('S', map[3 * PAGE], "the tail's second page (file page 3)");
    map[3 * PAGE + 1] = 's';
    char c = 0;
    lseek(fd, 3 * PAGE + 1, SEEK_SET);
    read(fd, &c, 1);
    CHECK_EQ('s', c, "the file's byte 3*4096+1 after a write through the tail of the split mapping");
    lseek(fd, PAGE, SEEK_SET);
    read(fd, &c, 1);
    CHECK_EQ('Q', c, "the file's page 1 after its mapping was removed (unmapping does not change the file)");
    CHECK_EQ(0, munmap(map, 4 * PAGE), "munmap of the rest");
    close(fd);
    unlink(FILE_PATH);
}

static void munmap_of_the_first_or_last_pages_keeps_the_rest(void)
{
    char *memory = map_lettered_pages(4);
    if (memory == MAP_FAILED)
        return;
    CHECK_EQ(0, munmap(memory, PAGE), "munmap of the first page");
    CHECK_EQ(0, munmap(memory + 3 * PAGE, PAGE), "munmap of the last page");
    CHECK(memory[PAGE] == 'b' && memory[3 * PAGE - 1] == 'c',
          "the two middle pages: expected 'b' and 'c', got %c and %c", memory[PAGE], memory[3 * PAGE - 1]);
    expect_sigsegv(status_of_child_doing(read_a_byte, memory), "a read of the unmapped first page");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory + 3 * PAGE), "a read of the unmapped last page");
    expect_no_fault(status_of_child_doing(write_a_byte, memory + PAGE), "a write to the kept second page");
    munmap(memory + PAGE, 2 * PAGE);
}

static void an_access_after_munmap_is_sigsegv(void)
{
    char *memory = map_lettered_pages(1);
    char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED || shared == MAP_FAILED)
        return;
    shared[0] = 1;
    CHECK_EQ(0, munmap(memory, PAGE), "munmap private");
    CHECK_EQ(0, munmap(shared, PAGE), "munmap shared");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory), "a read after munmap of private memory");
    expect_sigsegv(status_of_child_doing(write_a_byte, memory), "a write after munmap of private memory");
    expect_sigsegv(status_of_child_doing(read_a_byte, shared), "a read after munmap of shared memory");
}

static void munmap_may_cover_holes_and_several_mappings(void)
{
    /* three pages, then the middle one replaced by a second mapping: one
     * munmap over all three removes both */
    char *memory = map_lettered_pages(3);
    if (memory == MAP_FAILED)
        return;
    CHECK_EQ(0, munmap(memory + PAGE, PAGE), "munmap of the middle page");
    CHECK_EQ(0, munmap(memory + PAGE, PAGE), "munmap of the same, now empty, page again");
    char *middle = mmap(memory + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(middle == memory + PAGE, "MAP_FIXED into the hole: expected %p, got %p", (void *)(memory + PAGE),
          (void *)middle);
    CHECK_EQ(0, munmap(memory, 3 * PAGE), "one munmap over three pages of two mappings");
    for (int i = 0; i < 3; i++)
        expect_sigsegv(status_of_child_doing(read_a_byte, memory + i * PAGE), "a read after the wide munmap");
}

static void map_fixed_replaces_what_was_mapped_there(void)
{
    char *memory = map_lettered_pages(3);
    if (memory == MAP_FAILED)
        return;
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "file page", 9);

    char *file_page = mmap(memory + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
    CHECK(file_page == memory + PAGE, "MAP_FIXED of a file over the middle page: expected %p, got %p",
          (void *)(memory + PAGE), (void *)file_page);
    CHECK(!memcmp(memory + PAGE, "file page", 9),
          "the middle page after MAP_FIXED of the file: expected \"file page\", got \"%.9s\"", memory + PAGE);
    CHECK(memory[0] == 'a' && memory[2 * PAGE] == 'c', "the pages around it: expected 'a' and 'c', got %c and %c",
          memory[0], memory[2 * PAGE]);

    char *zeros = mmap(memory, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(zeros == memory, "MAP_FIXED anonymous over the first two pages: expected %p, got %p", (void *)memory,
          (void *)zeros);
    CHECK(memory[0] == 0 && memory[PAGE] == 0, "the first two pages after MAP_FIXED anonymous: expected zeros, got "
          "%d and %d", memory[0], memory[PAGE]);
    CHECK_EQ('c', memory[2 * PAGE], "the third page, not covered by MAP_FIXED");
    memory[PAGE] = 'X';
    char c = 0;
    lseek(fd, 0, SEEK_SET);
    read(fd, &c, 1);
    CHECK_EQ('f', c, "the file's first byte after its mapping was replaced and the new page written");
    munmap(memory, 3 * PAGE);
    close(fd);
    unlink(FILE_PATH);
}

static void a_large_mapping_is_paged_in_as_touched(void)
{
    enum { PAGES = 256 };                     /* 1 MiB */
    struct kinfo_counters before = read_counters();
    unsigned char *memory = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap of 1 MiB: got MAP_FAILED (%s)", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    struct kinfo_counters mapped = read_counters();
    CHECK(before.free_frames - mapped.free_frames < 4,
          "mmap of 1 MiB took %u frames before anything was touched (expected almost none)",
          before.free_frames - mapped.free_frames);
    for (int i = 0; i < PAGES; i++)
        memory[i * PAGE + i % PAGE] = (unsigned char)i;
    struct kinfo_counters touched = read_counters();
    CHECK(mapped.free_frames - touched.free_frames >= PAGES,
          "touching 256 pages took %u frames (expected at least 256)", mapped.free_frames - touched.free_frames);
    int wrong = 0;
    for (int i = 0; i < PAGES; i++)
        wrong += memory[i * PAGE + i % PAGE] != (unsigned char)i;
    CHECK_EQ(0, wrong, "pages of the 1 MiB mapping that did not keep their byte");
    munmap(memory, PAGES * PAGE);
    struct kinfo_counters unmapped = read_counters();
    CHECK(unmapped.free_frames - touched.free_frames >= PAGES,
          "munmap of the 1 MiB gave back %u frames (expected at least 256)",
          unmapped.free_frames - touched.free_frames);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_mapping_warm_up(tasks);

    munmap_of_a_middle_page_splits_the_mapping();
    a_split_file_mapping_keeps_showing_the_right_part_of_the_file();
    munmap_of_the_first_or_last_pages_keeps_the_rest();
    an_access_after_munmap_is_sigsegv();
    munmap_may_cover_holes_and_several_mappings();
    map_fixed_replaces_what_was_mapped_there();
    a_large_mapping_is_paged_in_as_touched();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mmap_munmap_and_map_fixed");
}
