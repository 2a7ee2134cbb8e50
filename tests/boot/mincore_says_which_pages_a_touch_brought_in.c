/* tests/boot/mincore_says_which_pages_a_touch_brought_in.c - mincore(2),
 * as on Linux: pages of a new anonymous mapping are not in memory until
 * touched (a read or a write brings one in), mlock brings every page in,
 * a page of a shared mapping of a file is in memory once anyone has it
 * (another process's touch, a write()), and a private copy of a file's
 * page counts once touched. munmap makes a hole: a range across it is
 * ENOMEM, the pages before it told all the same. A start not page-aligned
 * is EINVAL, a range past the user half ENOMEM, a bad vector EFAULT; a
 * length of 0 is no error. Nothing leaks. It passes on Linux too
 * (tools/linux-check). */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "boot_test.h"

#define PAGE 4096
#define PATH "/tmp/mincore_test_file"

/* The vector of `pages` pages at `address` as a string of 0s and 1s. */
static const char *residency(void *address, int pages)
{
    static char text[64];
    unsigned char vector[64];
    memset(vector, 0x7e, sizeof vector);
    if (mincore(address, (size_t)pages * PAGE, vector) != 0) {
        snprintf(text, sizeof text, "error %s", strerror(errno));
        return text;
    }
    for (int i = 0; i < pages; i++)
        text[i] = (char)('0' + (vector[i] & 1));
    text[pages] = 0;
    return text;
}

#define CHECK_RESIDENCY(address, pages, expected, what)                                      \
    do {                                                                                     \
        const char *got_ = residency(address, pages);                                       \
        CHECK(strcmp(got_, expected) == 0, "%s: expected %s, got %s", what, expected, got_); \
    } while (0)

static void anonymous_pages_come_when_touched(void)
{
    char *area = mmap(0, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED, "mmap");
    CHECK_RESIDENCY(area, 6, "000000", "a new mapping");
    area[0] = 1;
    area[3 * PAGE + 5] = 1;
    CHECK_RESIDENCY(area, 6, "100100", "pages 0 and 3 written");
    CHECK_EQ(0, mlock(area + 4 * PAGE, 2 * PAGE), "mlock pages 4 and 5");
    CHECK_RESIDENCY(area, 6, "100111", "mlock brings pages 4 and 5 in");
    munlock(area + 4 * PAGE, 2 * PAGE);
    unsigned char vector[6];
    CHECK_EQ(0, mincore(area + PAGE, 10, vector), "a length that is not whole pages");
    CHECK_EQ(0, vector[0] & 1, "page 1: not touched");
    CHECK_EQ(0, mincore(area, 0, vector), "length 0");

    CHECK_ERROR(mincore(area + 1, PAGE, vector), EINVAL);
    CHECK_ERROR(mincore(area, PAGE, (unsigned char *)(uintptr_t)-PAGE), EFAULT);   /* the kernel's half */
    CHECK_ERROR(mincore((void *)(uintptr_t)(-16 * PAGE), 3 * PAGE, vector), ENOMEM);
    CHECK_EQ(0, munmap(area + 2 * PAGE, PAGE), "munmap page 2");
    memset(vector, 0x7e, sizeof vector);
    CHECK_ERROR(mincore(area, 6 * PAGE, vector), ENOMEM);
    CHECK(vector[0] == 1 && vector[1] == 0, "the pages before the hole are told (%#x %#x)", vector[0], vector[1]);
    CHECK_RESIDENCY(area + 3 * PAGE, 3, "111", "past the hole (munlock leaves pages in memory)");
    munmap(area, 6 * PAGE);
}

static void a_file_s_pages(void)
{
    unlink(PATH);
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open: %s", strerror(errno));
    CHECK_EQ(0, ftruncate(fd, 4 * PAGE), "ftruncate 4 pages");
    char byte = 'x';
    CHECK_EQ(1, pwrite(fd, &byte, 1, 2 * PAGE), "pwrite into page 2");
    char *shared = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(shared != MAP_FAILED, "mmap MAP_SHARED");
    CHECK(residency(shared, 4)[2] == '1', "a shared mapping's page that a write() made: in memory (%s)",
          residency(shared, 4));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        shared[PAGE] = 'c';               /* the child's touch brings page 1 in for everyone */
        _exit(0);
    }
    waitpid(child, 0, 0);
    CHECK(residency(shared, 4)[1] == '1', "page 1, written by the child: in memory for us too (%s)",
          residency(shared, 4));
    char *private = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(private != MAP_FAILED, "mmap MAP_PRIVATE");
    private[3 * PAGE] = 'p';
    CHECK(residency(private, 4)[3] == '1', "a private page once written (%s)", residency(private, 4));
    munmap(private, 4 * PAGE);
    munmap(shared, 4 * PAGE);
    close(fd);
    unlink(PATH);
}

int main(void)
{
    /* once before counting: the page tables the mappings' addresses
     * need stay with the process until it ends (not a leak) */
    anonymous_pages_come_when_touched();
    a_file_s_pages();
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    anonymous_pages_come_when_touched();
    a_file_s_pages();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mincore_says_which_pages_a_touch_brought_in");
}
