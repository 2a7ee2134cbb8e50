/* tests/boot/mmap_many_mappings_no_leak.c - mappings of every kind, made
 * and undone hundreds of times - touched, split, inherited by children that
 * exit without unmapping, replaced by MAP_FIXED - leave the kernel's frames,
 * heap and memory objects exactly as they were. Mapping until the address
 * space has no room left fails cleanly with ENOMEM, and unmapping it all
 * gives everything back. */
#include <fcntl.h>
#include <sys/mman.h>

#include "boot_test.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_leak_test"
#define ROUNDS 200

static void touch_pages(volatile char *memory, int pages, char value)
{
    for (int i = 0; i < pages; i++)
        memory[i * PAGE] = value;
}

/* One round: four mappings of the four kinds, touched, one split, and every
 * tenth round a child that touches them too and exits holding them. */
static int one_round(int round, int fd)
{
    char *private = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *file = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *file_copy = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (private == MAP_FAILED || shared == MAP_FAILED || file == MAP_FAILED || file_copy == MAP_FAILED) {
        CHECK(0, "round %d: an mmap failed: %s", round, strerror(errno));
        return -1;
    }
    touch_pages(private, 3, 'p');
    touch_pages(shared, 3, 's');
    touch_pages(file, 2, (char)round);
    touch_pages(file_copy, 2, 'c');
    CHECK_EQ(0, munmap(private + PAGE, PAGE), "munmap of a middle page");   /* a split */

    if (round % 10 == 0) {
        pid_t child = fork();
        if (child == 0) {
            private[0] = shared[PAGE] = file[1] = file_copy[PAGE + 1] = 'k';
            _exit(0);                         /* without munmap: exit must free it all */
        }
        waitpid(child, NULL, 0);
        CHECK_EQ('k', shared[PAGE], "the child's write to shared memory");
    }
    if (round % 7 == 0) {                     /* MAP_FIXED over part of the shared mapping */
        char *fixed = mmap(shared + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                           -1, 0);
        CHECK(fixed == shared + PAGE, "round %d: MAP_FIXED: expected %p, got %p", round, (void *)(shared + PAGE),
              (void *)fixed);
        fixed[0] = 'f';
    }
    munmap(private, 3 * PAGE);
    munmap(shared, 3 * PAGE);
    munmap(file, 2 * PAGE);
    munmap(file_copy, 2 * PAGE);
    return 0;
}

static void rounds_of_every_kind_of_mapping_leave_nothing_behind(int fd)
{
    for (int round = 0; round < ROUNDS; round++)
        if (one_round(round, fd) < 0)
            break;
}

static void mapping_until_there_is_no_room_fails_with_enomem_and_unmapping_gives_it_back(void)
{
    enum { MOST = 512 };
    static char *mappings[MOST];
    int count = 0;
    errno = 0;
    while (count < MOST) {
        char *memory = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, count % 2 ? MAP_SHARED | MAP_ANONYMOUS
                                                                          : MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED)
            break;
        memory[0] = (char)count;
        mappings[count++] = memory;
    }
    printf("mapped %d one-page mappings before mmap failed (%s)\n", count, strerror(errno));
    if (count < MOST)
        CHECK_EQ(ENOMEM, errno, "errno when no more mappings fit");
    CHECK(count >= 16, "only %d mappings could be made at once (expected at least 16)", count);
    int wrong = 0;
    for (int i = 0; i < count; i++)
        wrong += mappings[i][0] != (char)i;
    CHECK_EQ(0, wrong, "mappings that lost their byte while the others were made");
    for (int i = 0; i < count; i++)
        CHECK_EQ(0, munmap(mappings[i], PAGE), "munmap");
    char *again = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(again != MAP_FAILED, "mmap after unmapping them all: got MAP_FAILED (%s)", strerror(errno));
    if (again != MAP_FAILED)
        munmap(again, PAGE);
}

int main(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char contents[2 * PAGE];
    write(fd, contents, sizeof contents);

    /* warm up: a first round settles our own pages and the page table */
    unsigned tasks = read_counters().tasks;
    one_round(0, fd);
    struct kinfo_counters before = settled_counters(tasks);

    rounds_of_every_kind_of_mapping_leave_nothing_behind(fd);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);

    mapping_until_there_is_no_room_fails_with_enomem_and_unmapping_gives_it_back();
    after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);

    close(fd);
    unlink(FILE_PATH);
    return test_finish("mmap_many_mappings_no_leak");
}
