/* tests/boot/mmap_shared_anonymous_cannot_exhaust_the_heap.c - the kernel
 * heap a MAP_SHARED|MAP_ANONYMOUS mapping costs grows with the pages touched
 * in it, not with how far into it they lie: a 2.5 GiB mapping with its first
 * and last pages and a few between touched (and one mapped at a big offset,
 * which shared anonymous memory ignores, as on Linux) leaves the heap within
 * 64 KiB of where it was. The pages are one memory with a forked child, both
 * ways. A child that touches more pages of such a mapping than a process may
 * have (PROCESS_MAX_PAGES, which getrlimit(RLIMIT_DATA) reports in bytes)
 * dies of SIGSEGV, as one touching private memory does, and its heap stays
 * within 16 bytes a page. Everything given back once the children have
 * exited and the mappings are gone. */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define HUGE 0xA0000000u                     /* 2.5 GiB: 655360 pages */
#define HUGE_PAGES (HUGE / PAGE)
#define BIG_OFFSET 0x70000000                /* page 458752: the last page would be 1114111 */
#define HEAP_BOUND (64 * 1024)

/* The pages touched: the first, the last and a few spread between. */
static const uint32_t touched[] = { 0, 1, 1023, 1024, 100000, 333333, HUGE_PAGES - 2, HUGE_PAGES - 1 };
#define TOUCHED (sizeof touched / sizeof touched[0])

/* The heap bytes used now less those of `before`, once any child has
 * been freed (its tasks are back at before's). */
static long heap_growth_since(const struct kinfo_counters *before)
{
    return (long)settled_counters(before->tasks).heap_bytes_used - (long)before->heap_bytes_used;
}

static char *map_huge(int kind, off_t offset)
{
    char *memory = mmap(NULL, HUGE, PROT_READ | PROT_WRITE, kind, -1, offset);
    CHECK(memory != MAP_FAILED, "mmap of 0x%x bytes at offset 0x%lx: got MAP_FAILED (%s)", HUGE,
          (long)offset, strerror(errno));
    return memory == MAP_FAILED ? NULL : memory;
}

/* Writes a byte naming each touched page (plus `salt`) at its start and end. */
static void touch(volatile char *memory, char salt)
{
    for (unsigned i = 0; i < TOUCHED; i++) {
        memory[(size_t)touched[i] * PAGE] = (char)(i + salt);
        memory[(size_t)touched[i] * PAGE + PAGE - 1] = (char)(i + salt + 1);
    }
}

/* How many touched pages do not hold what touch(memory, salt) wrote. */
static int wrong_pages(const volatile char *memory, char salt)
{
    int wrong = 0;
    for (unsigned i = 0; i < TOUCHED; i++)
        wrong += memory[(size_t)touched[i] * PAGE] != (char)(i + salt) ||
                 memory[(size_t)touched[i] * PAGE + PAGE - 1] != (char)(i + salt + 1);
    return wrong;
}

static void a_huge_mapping_costs_the_heap_only_its_touched_pages(off_t offset)
{
    struct kinfo_counters before = read_counters();
    char *memory = map_huge(MAP_SHARED | MAP_ANONYMOUS, offset);
    if (!memory)
        return;
    touch(memory, 'a');
    long growth = heap_growth_since(&before);
    printf("offset 0x%lx: %u pages touched, up to page %u: the heap grew by %ld bytes\n", (long)offset,
           (unsigned)TOUCHED, HUGE_PAGES - 1, growth);
    CHECK(growth < HEAP_BOUND, "offset 0x%lx: the heap grew by %ld bytes for %u touched pages (expected < %d)",
          (long)offset, growth, (unsigned)TOUCHED, HEAP_BOUND);
    CHECK_EQ(0, wrong_pages(memory, 'a'), "touched pages that do not read back");
    CHECK_EQ(0, memory[(size_t)200000 * PAGE], "a page never touched reads as zero");
    CHECK_EQ(0, munmap(memory, HUGE), "munmap of the huge mapping");
}

/* The parent touches the pages, the child reads them and writes them
 * again; the parent sees the child's bytes. */
static void a_huge_mapping_is_one_memory_with_a_child(void)
{
    struct kinfo_counters before = read_counters();
    char *memory = map_huge(MAP_SHARED | MAP_ANONYMOUS, BIG_OFFSET);
    if (!memory)
        return;
    touch(memory, 'p');
    pid_t child = fork();
    if (child == 0) {
        int wrong = wrong_pages(memory, 'p');
        touch(memory, 'c');
        memory[(size_t)444444 * PAGE] = 'n';  /* a page the parent never touched */
        _exit(wrong ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child reading the parent's pages: expected exit 0, got status 0x%x", status);
    CHECK_EQ(0, wrong_pages(memory, 'c'), "pages that do not hold the child's bytes in the parent");
    CHECK_EQ('n', memory[(size_t)444444 * PAGE], "the page only the child touched, in the parent");
    long growth = heap_growth_since(&before);
    CHECK(growth < HEAP_BOUND, "after the fork: the heap grew by %ld bytes (expected < %d)", growth, HEAP_BOUND);
    CHECK_EQ(0, munmap(memory, HUGE), "munmap of the shared mapping");
}

/* What the child of touch_beyond_the_limit writes, in memory it shares
 * with the parent: how far it got, and the most the heap had grown. */
struct progress {
    volatile uint32_t pages_touched;
    volatile long most_heap_growth;
};

/* In a child: touches every 64th page of a huge mapping of `kind`, one
 * page more than a process may have, noting its progress; exits 0 if no
 * touch faulted. */
static void touch_beyond_the_limit(int kind, uint32_t limit_pages, struct progress *progress)
{
    struct kinfo_counters before = read_counters();
    char *memory = mmap(NULL, HUGE, PROT_READ | PROT_WRITE, kind, -1, 0);
    if (memory == MAP_FAILED)
        _exit(2);
    for (uint32_t i = 0; i <= limit_pages; i++) {
        memory[(size_t)i * 64 * PAGE] = 1;
        progress->pages_touched = i + 1;
        if (i % 256 == 0) {
            long growth = heap_growth_since(&before);
            if (growth > progress->most_heap_growth)
                progress->most_heap_growth = growth;
        }
    }
    _exit(0);
}

static void touching_beyond_the_page_limit_is_sigsegv_as_for_private_memory(void)
{
    struct rlimit data;
    CHECK_EQ(0, getrlimit(RLIMIT_DATA, &data), "getrlimit(RLIMIT_DATA)");
    uint32_t limit_pages = (uint32_t)data.rlim_max / PAGE;
    CHECK(limit_pages > 0 && limit_pages * 64 < HUGE_PAGES, "a page limit of %u pages: expected 1 to %u",
          limit_pages, HUGE_PAGES / 64 - 1);
    if (limit_pages == 0 || limit_pages * 64 >= HUGE_PAGES)
        return;
    struct progress *progress = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(progress != MAP_FAILED, "mmap of the progress page: %s", strerror(errno));
    if (progress == MAP_FAILED)
        return;

    static const struct {
        int kind;
        const char *name;
    } kinds[] = { { MAP_PRIVATE | MAP_ANONYMOUS, "private" }, { MAP_SHARED | MAP_ANONYMOUS, "shared" } };
    for (unsigned k = 0; k < 2; k++) {
        memset(progress, 0, sizeof *progress);
        fflush(stdout);
        pid_t child = fork();
        if (child == 0)
            touch_beyond_the_limit(kinds[k].kind, limit_pages, progress);
        int status = -1;
        waitpid(child, &status, 0);
        printf("%s: the child touched %u of %u pages, the heap grew by at most %ld bytes, status 0x%x\n",
               kinds[k].name, progress->pages_touched, limit_pages + 1, progress->most_heap_growth, status);
        char what[64];
        snprintf(what, sizeof what, "%s memory touched beyond the page limit", kinds[k].name);
        expect_sigsegv(status, what);
        CHECK(progress->pages_touched <= limit_pages && progress->pages_touched + 256 > limit_pages,
              "%s: the fault came after %u touched pages (expected near the limit, %u)", kinds[k].name,
              progress->pages_touched, limit_pages);
        CHECK(progress->most_heap_growth <= 16 * (long)limit_pages + 4096,
              "%s: the heap grew by %ld bytes for %u pages (expected at most 16 bytes a page)", kinds[k].name,
              progress->most_heap_growth, progress->pages_touched);
    }
    munmap(progress, PAGE);
}

static void cases(void)
{
    a_huge_mapping_costs_the_heap_only_its_touched_pages(0);
    a_huge_mapping_costs_the_heap_only_its_touched_pages(BIG_OFFSET);
    a_huge_mapping_is_one_memory_with_a_child();
    touching_beyond_the_page_limit_is_sigsegv_as_for_private_memory();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mmap_shared_anonymous_cannot_exhaust_the_heap");
}
