/* tests/boot/mmap_past_the_largest_file_offset_gives_eoverflow.c
 * - mmap's overflow rules, as Linux has them (do_mmap, file_mmap_ok) and
 * POSIX names them ("EOVERFLOW: the file is a regular file and the value
 * of off plus len exceeds the offset maximum"):
 *  - a regular file mapped where offset + length, rounded up to pages,
 *    passes off_t's largest value: EOVERFLOW, for MAP_SHARED and
 *    MAP_PRIVATE, whatever the protection or the other flags; a negative
 *    offset too; the last whole page below the limit maps;
 *  - anonymous memory has no file offset: the same offsets map;
 *  - a length that wraps when rounded up to a page, or larger than the
 *    address space: ENOMEM; a length of 0 or an offset off a page
 *    boundary: EINVAL; a MAP_FIXED range past the top: ENOMEM;
 *  - but a regular file at a negative offset is EOVERFLOW before the
 *    length's ENOMEM (the Open POSIX Test Suite's mmap/31-1: offset -4096,
 *    length 0xfffff000, with our 32-bit off_t; on Linux, whose off_t
 *    there is 64 bits, its offset overflows the page offset, which Linux
 *    checks before it looks for room);
 *  - MAP_NORESERVE, MAP_POPULATE, MAP_STACK are accepted (Linux ignores
 *    flags it does not know); neither MAP_SHARED nor MAP_PRIVATE: EINVAL;
 *  - MAP_HUGETLB: no huge pages are kept, ENOMEM; with a file, or a size
 *    of 2^63 bytes, EINVAL; every flag at once (~0, the Open POSIX Test
 *    Suite's mmap/21-1): EINVAL;
 *  - the order: an unaligned offset (EINVAL) before a bad descriptor
 *    (EBADF) before the length (EINVAL, ENOMEM) before EOVERFLOW before
 *    the flags (EINVAL) and the access (EACCES); a directory is ENODEV.
 * Nothing is left mapped and nothing leaks. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_eoverflow_file"

/* The largest off_t, and the start of the last whole page below it. */
#define OFF_T_MAX ((off_t)((1ull << (8 * sizeof(off_t) - 1)) - 1))
#define LAST_PAGE_OFFSET (OFF_T_MAX & ~(off_t)(PAGE - 1))

static void check_maps(size_t length, int flags, int fd, off_t offset, const char *what)
{
    void *memory = mmap(NULL, length, PROT_READ, flags, fd, offset);
    CHECK(memory != MAP_FAILED, "%s: expected a mapping, got %s", what, strerror(errno));
    if (memory != MAP_FAILED)
        CHECK_EQ(0, munmap(memory, length), "munmap");
}

static void past_the_largest_offset_is_eoverflow(int fd)
{
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, LAST_PAGE_OFFSET), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, LAST_PAGE_OFFSET), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, LAST_PAGE_OFFSET - PAGE), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, PAGE + 1, PROT_READ, MAP_SHARED, fd, LAST_PAGE_OFFSET - PAGE), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, -PAGE), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, -PAGE), EOVERFLOW);
    /* the last page wholly below the limit maps (past the end of the
     * file: touching it would be SIGBUS, so it is not touched) */
    check_maps(PAGE, MAP_SHARED, fd, LAST_PAGE_OFFSET - PAGE, "the last page below off_t's largest");
}

static void anonymous_memory_has_no_file_offset(void)
{
    check_maps(2 * PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1, LAST_PAGE_OFFSET, "anonymous at the last offset");
    check_maps(PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1, -PAGE, "anonymous at a negative offset");
    check_maps(PAGE, MAP_SHARED | MAP_ANONYMOUS, -1, -PAGE, "shared anonymous at a negative offset");
}

static void lengths_that_cannot_be_mapped(int fd)
{
    CHECK_ERROR(mmap(NULL, SIZE_MAX, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
    CHECK_ERROR(mmap(NULL, SIZE_MAX - 2 * PAGE + 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
    CHECK_ERROR(mmap(NULL, SIZE_MAX, PROT_READ, MAP_SHARED, fd, 0), ENOMEM);
    CHECK_ERROR(mmap(NULL, SIZE_MAX - 2 * PAGE + 1, PROT_READ, MAP_SHARED, fd, 0), ENOMEM);
    if (sizeof(off_t) == 4)          /* (on Linux, off_t is 64 bits here: -PAGE is another case) */
        CHECK_ERROR(mmap(NULL, SIZE_MAX - PAGE + 1, PROT_READ, MAP_SHARED, fd, -PAGE), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE + 1), EINVAL);
    void *top = (void *)(~(uintptr_t)0 & ~(uintptr_t)(PAGE - 1));
    CHECK_ERROR(mmap(top, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
}

/* Linux ignores the flags it does not know; these three ask nothing. */
static void flags_that_ask_nothing_are_accepted(int fd)
{
    check_maps(PAGE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0, "MAP_NORESERVE");
    check_maps(PAGE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0, "MAP_STACK");
    check_maps(PAGE, MAP_SHARED | MAP_POPULATE, fd, 0, "MAP_POPULATE of a file");
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_NORESERVE | MAP_ANONYMOUS, -1, 0), EINVAL);
}

static void huge_pages_are_none(int fd)
{
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0), ENOMEM);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED | MAP_HUGETLB, fd, 0), EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (63 << MAP_HUGE_SHIFT), -1, 0),
                EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, ~0, fd, 0), EINVAL);
}

static void which_error_comes_first(int fd)
{
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, 99, LAST_PAGE_OFFSET + 1), EINVAL);
    CHECK_ERROR(mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, 99, LAST_PAGE_OFFSET), EBADF);
    CHECK_ERROR(mmap(NULL, SIZE_MAX, PROT_READ, MAP_SHARED, 99, 0), EBADF);
    CHECK_ERROR(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, LAST_PAGE_OFFSET), EINVAL);
    CHECK_ERROR(mmap(NULL, SIZE_MAX, PROT_READ, 0, fd, LAST_PAGE_OFFSET), ENOMEM);
    CHECK_ERROR(mmap(NULL, 2 * PAGE, PROT_READ, 0, fd, LAST_PAGE_OFFSET), EOVERFLOW);
    int read_only = open(FILE_PATH, O_RDONLY);
    CHECK(read_only >= 0, "open O_RDONLY");
    CHECK_ERROR(mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, read_only, LAST_PAGE_OFFSET), EOVERFLOW);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, read_only, 0), EACCES);
    close(read_only);
    int directory = open("/tmp", O_RDONLY);
    CHECK(directory >= 0, "open /tmp");
    CHECK_ERROR(mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, directory, LAST_PAGE_OFFSET), ENODEV);
    close(directory);
}

static void cases(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open %s: %s", FILE_PATH, strerror(errno));
    CHECK_EQ(0, ftruncate(fd, PAGE), "ftruncate");
    past_the_largest_offset_is_eoverflow(fd);
    anonymous_memory_has_no_file_offset();
    lengths_that_cannot_be_mapped(fd);
    which_error_comes_first(fd);
    flags_that_ask_nothing_are_accepted(fd);
    huge_pages_are_none(fd);
    close(fd);
    CHECK_EQ(0, unlink(FILE_PATH), "unlink");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mmap_past_the_largest_file_offset_gives_eoverflow");
}
