/* tests/boot/clock_page_gives_the_kernels_time_without_a_system_call.c -
 * the clock page (kernel/uapi/clock_page.h, docs/timers.md): every
 * program maps one page the kernel's clock writes, and the libc's
 * clock_gettime reads CLOCK_MONOTONIC and CLOCK_REALTIME there, as Linux's
 * vDSO:
 *  - the auxiliary vector names it (getauxval(AT_CLOCK_PAGE), page
 *    aligned) beside AT_PAGESZ; an entry it lacks is 0 with ENOENT;
 *  - what the page gives lies between two reads of the system call made
 *    before and after it, on both clocks, thousands of times (on two CPUs
 *    too: the reads may move between them);
 *  - clock_gettime reads it: in a child that unmapped it, reading
 *    CLOCK_MONOTONIC dies of SIGSEGV, while the CPU-time clock, a system
 *    call, still answers;
 *  - the page cannot be written: a store dies of SIGSEGV, and mprotect
 *    may not make it writable (EACCES);
 *  - clock_settime moves the page's CLOCK_REALTIME at once;
 *  - a forked child has it at the same address, and reads the same time;
 *  - a bad pointer to CLOCK_REALTIME's read faults (SIGSEGV, as with
 *    Linux's vDSO), where a system call's clock still says EFAULT;
 *  - clock_getres gives 1 ns: the page's clocks are read to it. */
#include <signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <uapi/clock_page.h>
#include <uapi/syscall.h>

#include "boot_test.h"
#include "boot_memory.h"

#define NS_PER_SECOND 1000000000ll
#define SANDWICHES    5000

static const volatile struct clock_page *page;

static long long ns_of(struct timespec t)
{
    return (long long)t.tv_sec * NS_PER_SECOND + t.tv_nsec;
}

/* The clock read by the system call, not the page. */
static long long kernel_ns(clockid_t clock)
{
    struct timespec t = { -1, -1 };
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(SYS_clock_gettime), "b"(clock), "c"(&t) : "memory");
    CHECK_EQ(0, result, "the system call clock_gettime");
    return ns_of(t);
}

static long long library_ns(clockid_t clock)
{
    struct timespec t = { -1, -1 };
    CHECK_EQ(0, clock_gettime(clock, &t), "clock_gettime");
    CHECK(t.tv_nsec >= 0 && t.tv_nsec < NS_PER_SECOND, "tv_nsec %ld", t.tv_nsec);
    return ns_of(t);
}

static void the_auxiliary_vector_names_the_page(void)
{
    CHECK_EQ(4096, getauxval(AT_PAGESZ), "getauxval(AT_PAGESZ)");
    unsigned long address = getauxval(AT_CLOCK_PAGE);
    CHECK(address != 0 && address % 4096 == 0, "getauxval(AT_CLOCK_PAGE) is %#lx", address);
    page = (const volatile struct clock_page *)address;
    errno = 0;
    CHECK_EQ(0, getauxval(0x7777), "getauxval of a type it lacks");
    CHECK_EQ(ENOENT, errno, "its errno");
}

/* kernel <= page <= kernel, `count` times on each clock. */
static void page_reads_lie_between_system_calls(int count)
{
    int out_of_order = 0;
    for (int i = 0; i < count; i++) {
        clockid_t clock = i % 2 ? CLOCK_MONOTONIC : CLOCK_REALTIME;
        long long before = kernel_ns(clock), read = library_ns(clock), after = kernel_ns(clock);
        if (!(before <= read && read <= after)) {
            if (out_of_order++ < 3)
                CHECK(0, "clock %d: kernel %lld, page %lld, kernel %lld", clock, before, read, after);
        }
    }
    CHECK_EQ(0, out_of_order, "page reads outside the system calls' around them");
}

/* The children's bodies, for boot_memory.h's status_of_child_doing. */
static void read_monotonic_without_the_page(volatile char *page_address)
{
    struct timespec t;
    if (munmap((void *)page_address, 4096) != 0)
        _exit(3);
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)   /* a system call: unharmed */
        _exit(4);
    clock_gettime(CLOCK_MONOTONIC, &t);   /* the page: SIGSEGV */
    _exit(5);
}

static void read_realtime_into(volatile char *address)
{
    clock_gettime(CLOCK_REALTIME, (struct timespec *)address);
    _exit(7);
}

static void clock_gettime_reads_the_page(void)
{
    expect_sigsegv(status_of_child_doing(read_monotonic_without_the_page, (volatile char *)page),
                   "reading CLOCK_MONOTONIC with the page unmapped");
}

static void the_page_is_read_only(void)
{
    uint64_t ticks = page->tick_count;
    /* a store into the top byte of the tick count, 0 for ages */
    expect_sigsegv(status_of_child_doing(write_a_byte, (volatile char *)&page->tick_count + 7),
                   "a store into the page");
    CHECK(page->tick_count >= ticks && page->tick_count >> 56 == 0, "the store reached the page");
    CHECK_ERROR(mprotect((void *)page, 4096, PROT_READ | PROT_WRITE), EACCES);
    CHECK_EQ(0, mprotect((void *)page, 4096, PROT_READ), "mprotect(PROT_READ)");
    page_reads_lie_between_system_calls(64);
}

static void setting_the_time_moves_the_page_at_once(void)
{
    struct timespec now;
    CHECK_EQ(0, clock_gettime(CLOCK_REALTIME, &now), "clock_gettime");
    struct timespec later = { now.tv_sec + 1000, now.tv_nsec };
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &later), "clock_settime, 1000 s on");
    long long read = library_ns(CLOCK_REALTIME), after = kernel_ns(CLOCK_REALTIME);
    CHECK(read >= ns_of(later) && read <= after, "after the set: page %lld, set %lld, kernel %lld", read,
          ns_of(later), after);
    page_reads_lie_between_system_calls(64);
    struct timespec back = { later.tv_sec - 1000, later.tv_nsec };
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &back), "clock_settime, back");
    read = library_ns(CLOCK_REALTIME);
    CHECK(read >= ns_of(back) && read < ns_of(back) + 100 * NS_PER_SECOND, "after setting back: %lld", read);
}

static void in_a_forked_child(void)
{
    CHECK_EQ((unsigned long)page, getauxval(AT_CLOCK_PAGE), "the child's clock page");
    page_reads_lie_between_system_calls(256);
}

static void bad_pointers(void)
{
    expect_sigsegv(status_of_child_doing(read_realtime_into, (volatile char *)16),
                   "CLOCK_REALTIME into address 16 (Linux's vDSO faults too)");
    CHECK_ERROR(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)16), EFAULT);
}

int main(void)
{
    the_auxiliary_vector_names_the_page();
    if (!page)
        return test_finish("clock_page_gives_the_kernels_time_without_a_system_call");
    struct timespec resolution = { -1, -1 };
    CHECK_EQ(0, clock_getres(CLOCK_MONOTONIC, &resolution), "clock_getres");
    CHECK(resolution.tv_sec == 0 && resolution.tv_nsec == 1, "resolution %ld.%09ld", resolution.tv_sec,
          resolution.tv_nsec);
    page_reads_lie_between_system_calls(SANDWICHES);
    clock_gettime_reads_the_page();
    the_page_is_read_only();
    setting_the_time_moves_the_page_at_once();
    run_checks_in_child(in_a_forked_child);
    bad_pointers();
    return test_finish("clock_page_gives_the_kernels_time_without_a_system_call");
}
