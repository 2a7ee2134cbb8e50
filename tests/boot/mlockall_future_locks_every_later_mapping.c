/* tests/boot/mlockall_future_locks_every_later_mapping.c - mlockall(2) as
 * Linux: MCL_CURRENT makes every page mapped now present, MCL_FUTURE
 * makes every later mapping come with its pages present (the resident
 * set, getrusage's ru_maxrss, grows at the mmap, before any touch), and
 * munlockall ends both. For a user other than root, with MCL_FUTURE in
 * force, a mapping that would pass RLIMIT_MEMLOCK is refused with
 * EAGAIN. Locks are not inherited by fork: a child of a process that
 * called mlockall(MCL_FUTURE) maps without that limit. */
#include <sys/mman.h>
#include <sys/resource.h>

#include "boot_test.h"

#define PAGE 4096
#define BIG (4u << 20)

static long peak_resident_kib(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

static void later_mappings_come_present(void)
{
    char *before_lock = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long before = peak_resident_kib();
    CHECK_EQ(0, mlockall(MCL_CURRENT | MCL_FUTURE), "mlockall(MCL_CURRENT | MCL_FUTURE)");
    long after = peak_resident_kib();
    CHECK(after - before >= (long)(BIG / 1024) * 3 / 4,
          "ru_maxrss after mlockall(MCL_CURRENT): expected about 4096 KiB more, got %ld -> %ld", before, after);
    before = after;
    char *later = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(later != MAP_FAILED, "mmap under MCL_FUTURE: %s", strerror(errno));
    after = peak_resident_kib();
    CHECK(after - before >= (long)(BIG / 1024) * 3 / 4,
          "ru_maxrss after an mmap under MCL_FUTURE: expected about 4096 KiB more, got %ld -> %ld", before, after);
    CHECK_EQ(0, munlockall(), "munlockall");
    before = peak_resident_kib();
    char *unlocked = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    after = peak_resident_kib();
    CHECK(after - before < (long)(BIG / 1024) / 4,
          "ru_maxrss after an mmap once munlockall ended MCL_FUTURE: expected no growth, got %ld -> %ld", before,
          after);
    munmap(before_lock, BIG);
    munmap(later, BIG);
    munmap(unlocked, BIG);
}

static void users_are_limited(void)
{
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        struct rlimit limit = { 64 * 1024, 64 * 1024 };
        CHECK_EQ(0, setrlimit(RLIMIT_MEMLOCK, &limit), "setrlimit(RLIMIT_MEMLOCK, 64 KiB)");
        CHECK_EQ(0, setuid(65534), "setuid(65534)");
        CHECK_EQ(0, mlockall(MCL_FUTURE), "mlockall(MCL_FUTURE): nothing locked yet");
        void *small = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(small != MAP_FAILED, "mmap of 32 KiB under MCL_FUTURE: %s", strerror(errno));
        errno = 0;
        void *big = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(big == MAP_FAILED && errno == EAGAIN,
              "mmap of 64 KiB more under MCL_FUTURE: expected EAGAIN, got %p, errno %d", big, errno);
        pid_t grandchild = fork();
        if (grandchild == 0) {
            void *free_of_locks = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            _exit(free_of_locks == MAP_FAILED ? 1 : 0);
        }
        int status = 0;
        waitpid(grandchild, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the fork's child maps 64 KiB: MCL_FUTURE is not inherited");
        CHECK_EQ(0, munlockall(), "munlockall");
        big = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(big != MAP_FAILED, "mmap of 64 KiB after munlockall: %s", strerror(errno));
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child that is not root: status 0x%x", status);
}

int main(void)
{
    run_cases_checking_leaks(later_mappings_come_present);
    if (getuid() == 0)
        users_are_limited();
    return test_finish("mlockall_future_locks_every_later_mapping");
}
