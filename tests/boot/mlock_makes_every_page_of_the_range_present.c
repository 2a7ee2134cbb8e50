/* tests/boot/mlock_makes_every_page_of_the_range_present.c - mlock(2) as
 * Linux: every page of the range is made present at once (the resident
 * set, getrusage's ru_maxrss, grows by the range before any touch);
 * munlock keeps the bytes; the range is checked: a part not mapped, or
 * past the user space, is ENOMEM, a length that wraps past the end of
 * the address space EINVAL, a zero length nothing; mlockall takes only
 * MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT with one of the first two
 * (EINVAL). A user other than root may lock no more than RLIMIT_MEMLOCK
 * bytes (ENOMEM; a range locked twice counts once; munlock gives them
 * back), none at all with a limit of 0 (EPERM); mlockall(MCL_CURRENT) of
 * more than the limit is ENOMEM. msync(MS_INVALIDATE) of a locked page is
 * EBUSY (mlockall/3-6, 3-7 of the Open POSIX Test Suite). */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "boot_test.h"

#define PAGE 4096
#define BIG (4u << 20)                /* 4 MiB: more than the test's own pages */

static long peak_resident_kib(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

static void the_pages_come_at_once(void)
{
    char *memory = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    long before = peak_resident_kib();
    CHECK_EQ(0, mlock(memory, BIG), "mlock of 4 MiB never touched");
    long after = peak_resident_kib();
    CHECK(after - before >= (long)(BIG / 1024) * 3 / 4,
          "ru_maxrss after mlock: expected about 4096 KiB more, got %ld -> %ld", before, after);
    memory[0] = 'x';
    memory[BIG - 1] = 'y';
    CHECK_ERROR(msync(memory, 4096, MS_SYNC | MS_INVALIDATE), EBUSY);
    CHECK_EQ(0, munlock(memory, BIG), "munlock");
    CHECK_EQ(0, msync(memory, 4096, MS_SYNC | MS_INVALIDATE), "msync(MS_INVALIDATE) once unlocked");
    CHECK(memory[0] == 'x' && memory[BIG - 1] == 'y', "the bytes stay after munlock");
    CHECK_EQ(0, mlock(memory + 10, 1), "mlock of one byte mid-page");
    CHECK_EQ(0, munlock(memory + 10, 1), "munlock of it");
    munmap(memory, BIG);
}

static void the_range_is_checked(void)
{
    char *pages = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED, "mmap: %s", strerror(errno));
    if (pages == MAP_FAILED)
        return;
    CHECK_EQ(0, mlock(pages, 0), "mlock of 0 bytes");
    CHECK_ERROR(mlock(pages, (size_t)0 - 2 * PAGE), EINVAL);   /* the end wraps around */
    CHECK_ERROR(munlock(pages, (size_t)0 - 2 * PAGE), EINVAL);
    munmap(pages + PAGE, PAGE);
    CHECK_ERROR(mlock(pages, 3 * PAGE), ENOMEM);
    CHECK_ERROR(munlock(pages, 3 * PAGE), ENOMEM);
    CHECK_EQ(0, mlock(pages + 2 * PAGE, PAGE), "mlock of the last page, still mapped");
    munmap(pages, 3 * PAGE);
    CHECK_ERROR(mlock(pages, PAGE), ENOMEM);
    CHECK_ERROR(mlock(NULL, PAGE), ENOMEM);
    CHECK_ERROR(mlock((void *)(uintptr_t)-(2 * PAGE), PAGE), ENOMEM);   /* near the top: never the user's */
    CHECK_ERROR(mlockall(0), EINVAL);
    CHECK_ERROR(mlockall(MCL_ONFAULT), EINVAL);
    CHECK_ERROR(mlockall(0x40), EINVAL);
    CHECK_EQ(0, munlockall(), "munlockall with nothing locked");
}

/* In a child that is no longer root, RLIMIT_MEMLOCK at 64 KiB. */
static void users_are_limited(void)
{
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;               /* count only this child's */
        struct rlimit limit = { 64 * 1024, 64 * 1024 };
        CHECK_EQ(0, setrlimit(RLIMIT_MEMLOCK, &limit), "setrlimit(RLIMIT_MEMLOCK, 64 KiB)");
        CHECK_EQ(0, setuid(65534), "setuid(65534)");
        char *memory = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK_ERROR(mlock(memory, 17 * PAGE), ENOMEM);
        CHECK_EQ(0, mlock(memory, 8 * PAGE), "mlock of 32 KiB");
        CHECK_EQ(0, mlock(memory, 8 * PAGE), "mlock of the same 32 KiB again (counted once)");
        CHECK_ERROR(mlock(memory + 8 * PAGE, 9 * PAGE), ENOMEM);
        CHECK_EQ(0, mlock(memory + 8 * PAGE, 8 * PAGE), "mlock of 32 KiB more: 64 KiB in all");
        CHECK_EQ(0, munlock(memory, 8 * PAGE), "munlock of 32 KiB");
        CHECK_EQ(0, mlock(memory + 16 * PAGE, 8 * PAGE), "mlock of 32 KiB after munlock");
        CHECK_ERROR(mlockall(MCL_CURRENT), ENOMEM);
        limit.rlim_cur = limit.rlim_max = 0;
        CHECK_EQ(0, setrlimit(RLIMIT_MEMLOCK, &limit), "setrlimit(RLIMIT_MEMLOCK, 0)");
        CHECK_ERROR(mlock(memory, PAGE), EPERM);
        CHECK_ERROR(mlockall(MCL_CURRENT), EPERM);
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child that is not root: status 0x%x", status);
}

int main(void)
{
    if (getuid() != 0)
        printf("not root: the limits are checked as this user\n");
    run_cases_checking_leaks(the_pages_come_at_once);
    run_cases_checking_leaks(the_range_is_checked);
    if (getuid() == 0)
        users_are_limited();
    return test_finish("mlock_makes_every_page_of_the_range_present");
}
