/* tests/boot/msync_and_madvise_check_their_arguments.c - msync(2),
 * madvise(2) and posix_madvise(3):
 *  - msync: "EINVAL: The value of addr is not a multiple of the page size
 *    ... The value of flags is invalid" (an unknown bit, or MS_ASYNC and
 *    MS_SYNC together); "ENOMEM: The addresses in the range ... are
 *    outside the range allowed for the address space of a process or
 *    specify one or more pages that are not mapped". MS_SYNC, MS_ASYNC
 *    and MS_INVALIDATE succeed on a file mapping, and read() sees what
 *    the mapping wrote (here it did before msync: the mapping is the
 *    file's memory; msync must not undo that);
 *  - madvise: EINVAL for unknown advice or an unaligned addr, ENOMEM for
 *    a range not mapped; MADV_DONTNEED makes private anonymous pages zeros
 *    again (as on Linux) and leaves shared memory and files as they are;
 *  - posix_madvise returns the error number instead of setting errno, and
 *    its POSIX_MADV_DONTNEED throws nothing away;
 *  - nothing leaks. */
#include <fcntl.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define FILE_PATH "/tmp/msync_test"

static void msync_errors_and_success(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, 2 * PAGE);
    char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
    if (map == MAP_FAILED)
        return;
    strcpy(map + PAGE, "synced");
    CHECK_EQ(0, msync(map, 2 * PAGE, MS_SYNC), "msync MS_SYNC");
    CHECK_EQ(0, msync(map, 2 * PAGE, MS_ASYNC), "msync MS_ASYNC");
    CHECK_EQ(0, msync(map, PAGE + 1, MS_SYNC | MS_INVALIDATE), "msync MS_SYNC|MS_INVALIDATE");
    CHECK_EQ(0, msync(map, PAGE, MS_INVALIDATE), "msync MS_INVALIDATE alone");
    CHECK_EQ(0, msync(map, 0, MS_SYNC), "msync of length 0");
    char buffer[8] = { 0 };
    lseek(fd, PAGE, SEEK_SET);
    read(fd, buffer, 6);
    CHECK(!strcmp(buffer, "synced"), "read() after msync: expected \"synced\", got \"%s\"", buffer);
    CHECK(!strcmp(map + PAGE, "synced"), "the mapping after MS_INVALIDATE: expected \"synced\", got \"%s\"",
          map + PAGE);

    CHECK_ERROR(msync(map + 1, PAGE, MS_SYNC), EINVAL);
    CHECK_ERROR(msync(map, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
    CHECK_ERROR(msync(map, PAGE, 0x100), EINVAL);
    CHECK_ERROR(msync(map, 3 * PAGE, MS_SYNC), ENOMEM);          /* a page past the mapping */
    CHECK_ERROR(msync((void *)0xC0000000u, PAGE, MS_SYNC), ENOMEM);
    CHECK_ERROR(msync((void *)0x1000, PAGE, MS_ASYNC), ENOMEM);
    munmap(map, 2 * PAGE);
    CHECK_ERROR(msync(map, PAGE, MS_SYNC), ENOMEM);              /* after munmap */

    /* msync applies to any mapping: anonymous memory too (as on Linux) */
    char *anonymous = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_EQ(0, msync(anonymous, PAGE, MS_SYNC), "msync of anonymous memory");
    munmap(anonymous, PAGE);
    close(fd);
    unlink(FILE_PATH);
}

static void madvise_errors_and_dontneed(void)
{
    char *private = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (private == MAP_FAILED || shared == MAP_FAILED) {
        CHECK(0, "mmap: %s", strerror(errno));
        return;
    }
    strcpy(private, "private");
    strcpy(private + PAGE, "second");
    strcpy(shared, "shared");
    CHECK_EQ(0, madvise(private, 2 * PAGE, MADV_NORMAL), "MADV_NORMAL");
    CHECK_EQ(0, madvise(private, 2 * PAGE, MADV_RANDOM), "MADV_RANDOM");
    CHECK_EQ(0, madvise(private, 2 * PAGE, MADV_SEQUENTIAL), "MADV_SEQUENTIAL");
    CHECK_EQ(0, madvise(private, 2 * PAGE, MADV_WILLNEED), "MADV_WILLNEED");
    CHECK(!strcmp(private, "private"), "the bytes after advice that changes nothing");
    CHECK_EQ(0, madvise(private, PAGE, MADV_DONTNEED), "MADV_DONTNEED of the first page");
    CHECK_EQ(0, private[0], "a private anonymous page after MADV_DONTNEED reads as zero");
    CHECK(!strcmp(private + PAGE, "second"), "the page after it is untouched");
    private[0] = 'x';
    CHECK_EQ('x', private[0], "the page is usable after MADV_DONTNEED");
    CHECK_EQ(0, madvise(shared, PAGE, MADV_DONTNEED), "MADV_DONTNEED of shared memory");
    CHECK(!strcmp(shared, "shared"), "shared memory after MADV_DONTNEED keeps its bytes: got \"%s\"", shared);

    CHECK_ERROR(madvise(private, PAGE, 99), EINVAL);
    CHECK_ERROR(madvise(private + 1, PAGE, MADV_NORMAL), EINVAL);
    CHECK_ERROR(madvise(private, 3 * PAGE, MADV_NORMAL), ENOMEM);
    CHECK_ERROR(madvise((void *)0x1000, PAGE, MADV_NORMAL), ENOMEM);

    /* posix_madvise: the error is the result; DONTNEED keeps the data */
    errno = 0;
    CHECK_EQ(EINVAL, posix_madvise(private, PAGE, 99), "posix_madvise with unknown advice");
    CHECK_EQ(EINVAL, posix_madvise(private + 1, PAGE, POSIX_MADV_NORMAL), "posix_madvise of an unaligned addr");
    CHECK_EQ(ENOMEM, posix_madvise((void *)0x1000, PAGE, POSIX_MADV_NORMAL), "posix_madvise of unmapped memory");
    CHECK_EQ(0, errno, "errno after posix_madvise failed (it is left alone)");
    CHECK_EQ(0, posix_madvise(private, 2 * PAGE, POSIX_MADV_SEQUENTIAL), "POSIX_MADV_SEQUENTIAL");
    CHECK_EQ(0, posix_madvise(private, 2 * PAGE, POSIX_MADV_DONTNEED), "POSIX_MADV_DONTNEED");
    CHECK(!strcmp(private + PAGE, "second"), "the bytes after POSIX_MADV_DONTNEED: got \"%s\"", private + PAGE);
    munmap(private, 2 * PAGE);
    munmap(shared, PAGE);
}

static void cases(void)
{
    msync_errors_and_success();
    madvise_errors_and_dontneed();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("msync_and_madvise_check_their_arguments");
}
