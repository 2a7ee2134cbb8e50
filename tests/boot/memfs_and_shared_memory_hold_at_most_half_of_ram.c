/* tests/boot/memfs_and_shared_memory_hold_at_most_half_of_ram.c - files in
 * memory, System V segments and shared mappings hold their pages in memory
 * objects, which together may hold at most half of the frames
 * (kernel/mm/memory_object.c), as Linux's tmpfs holds at most half of the
 * memory by default. Before, one user could fill all of memory through
 * /tmp, or by touching and unmapping pages of a huge shared mapping (the
 * object keeps them, and no process's page limit counts them), and every
 * other process's next page was refused.
 *
 *  - statfs("/tmp") says the share: its blocks are half of the frames;
 *    its inodes those in use and room for more;
 *  - files of 16 MiB are written to /tmp until a write is ENOSPC, within
 *    the share; meanwhile another process still gets 16 MiB of its own;
 *  - a process that touches and unmaps pages of a 2.5 GiB shared mapping
 *    one at a time is refused a page (SIGSEGV) within the share, and
 *    while it holds them another process still gets 16 MiB;
 *  - everything removed, the free frames and counters come back. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include "boot_test.h"

#define PAGE          4096u
#define FILE_BYTES    (16u << 20)        /* FILE_SIZE_MAX */
#define FILES_MAX     32
#define CHUNK         (256u << 10)
#define HUGE_MAPPING  0xA0000000u
#define OWN_BYTES     (16u << 20)

/* In a child: 16 MiB of private memory, touched. 0 if every page came. */
static int own_memory_comes(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *memory = mmap(NULL, OWN_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED)
            _exit(2);
        for (uint32_t at = 0; at < OWN_BYTES; at += PAGE)
            memory[at] = 1;
        _exit(0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static void files_stop_at_the_share(long share)
{
    static char chunk[CHUNK];
    memset(chunk, 'f', sizeof chunk);
    char name[40];
    long written = 0;
    int files = 0, error = 0;
    for (; files < FILES_MAX && !error; files++) {
        snprintf(name, sizeof name, "/tmp/half_of_ram_%d", files);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) {
            error = errno;
            break;
        }
        for (uint32_t at = 0; at < FILE_BYTES; at += CHUNK) {
            ssize_t n = write(fd, chunk, CHUNK);
            if (n > 0)
                written += n;
            if (n != (ssize_t)CHUNK) {
                error = n < 0 ? errno : ENOSPC;
                break;
            }
        }
        close(fd);
    }
    CHECK_EQ(ENOSPC, error, "a write past the share: errno");
    CHECK(written / (long)PAGE <= share, "%ld pages written, the share is %ld", written / (long)PAGE, share);
    CHECK(written / (long)PAGE > share / 2, "%ld pages written before ENOSPC (the share: %ld)", written / (long)PAGE,
          share);
    CHECK_EQ(0, own_memory_comes(), "another process's 16 MiB with /tmp full (its exit status)");
    for (int i = 0; i < files; i++) {
        snprintf(name, sizeof name, "/tmp/half_of_ram_%d", i);
        unlink(name);
    }
}

static volatile sig_atomic_t refused;

static void on_refusal(int signal)
{
    (void)signal;
    refused = 1;
    pause();                                   /* hold the pages until killed */
}

/* Touches page after page of a huge shared mapping, unmapping each: the
 * object keeps its frame. Reports how many came, then waits. */
static void hog(int report)
{
    signal(SIGSEGV, on_refusal);
    char *mapping = mmap(NULL, HUGE_MAPPING, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED)
        _exit(2);
    /* the first page stays mapped, so the object lives on */
    mapping[0] = 1;
    uint32_t pages = 1;
    for (uint32_t at = PAGE; at < HUGE_MAPPING; at += PAGE) {
        write(report, &pages, sizeof pages);   /* (a pipe: the last count is the one that holds) */
        mapping[at] = 1;                       /* past the share: SIGSEGV, and on_refusal waits */
        munmap(mapping + at, PAGE);
        pages++;
    }
    _exit(3);
}

static void a_shared_mapping_stops_at_the_share(long share)
{
    int report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    fcntl(report[0], F_SETFL, O_NONBLOCK);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        hog(report[1]);
    }
    close(report[1]);
    uint32_t pages = 0, last = 0;
    long long start = monotonic_ns();
    for (;;) {                                 /* until the counts stop: the hog waits */
        ssize_t n = read(report[0], &pages, sizeof pages);
        if (n == (ssize_t)sizeof pages) {
            last = pages;
            start = monotonic_ns();
            continue;
        }
        if ((monotonic_ns() - start) / 1000000 > 2000)
            break;
        usleep(10 * 1000);
    }
    CHECK(last > 0 && last <= (uint32_t)share, "the hog's pages: %u, the share %ld", last, share);
    CHECK_EQ(0, own_memory_comes(), "another process's 16 MiB while the hog holds its pages (its exit status)");
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the hog was still waiting: status 0x%x", status);
    close(report[0]);
}

static void cases(void)
{
    struct statfs st;
    CHECK_EQ(0, statfs("/tmp", &st), "statfs /tmp");
    struct kinfo_counters counters = read_counters();
    long share = (long)st.f_blocks;
    CHECK(share > 0 && share <= (long)counters.total_frames / 2 + 1,
          "statfs's blocks: %ld, half of the %u frames", share, counters.total_frames);
    /* no table of inodes: some in use, and room for more (df -i is not 100%) */
    CHECK(st.f_ffree > 0 && st.f_files > st.f_ffree, "statfs's inodes: %lu free of %lu",
          (unsigned long)st.f_ffree, (unsigned long)st.f_files);
    files_stop_at_the_share(share);
    a_shared_mapping_stops_at_the_share(share);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("memfs_and_shared_memory_hold_at_most_half_of_ram");
}
