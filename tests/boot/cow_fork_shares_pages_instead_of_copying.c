/* tests/boot/cow_fork_shares_pages_instead_of_copying.c - fork(2) copies
 * no page of private memory: parent and child share every frame, read-only
 * and copy-on-write (kernel/mm/address_space.c, address_space_clone).
 * Seen in the free frames (kinfo): a parent with BUFFER_PAGES pages of
 * its own, all written, forks a child that waits; the free frames drop by
 * what the child's own tables and kernel stack take, a few frames, not by
 * the buffer's pages. The count is this kernel's: on Linux, where kinfo
 * answers ENOSYS, only the child's byte is checked, and the test says so. */
#include "boot_test.h"

#define PAGE 4096
#define BUFFER_PAGES 256                       /* 1 MiB */
#define MOST_FRAMES_A_FORK_TAKES (BUFFER_PAGES / 4)

static unsigned char buffer[BUFFER_PAGES * PAGE] __attribute__((aligned(PAGE)));

int main(void)
{
    for (int i = 0; i < BUFFER_PAGES; i++)
        buffer[i * PAGE] = (unsigned char)i;  /* every page present, and ours alone */
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    int release[2];
    pipe(release);
    pid_t child = fork();
    if (child == 0) {
        char byte;
        read(release[0], &byte, 1);           /* holds its pages until the parent has counted */
        _exit(buffer[7 * PAGE] == 7 ? 0 : 1);
    }
    struct kinfo_counters with_child;
    if (kinfo(KINFO_COUNTERS, &with_child, sizeof with_child) < 0) {
        printf("kinfo: %s: the frames the fork took are not counted\n", strerror(errno));
    } else {
        unsigned taken = before.free_frames - with_child.free_frames;
        CHECK(taken < MOST_FRAMES_A_FORK_TAKES,
              "a fork took %u frames with %d private pages written before it: expected fewer than %d "
              "(the pages shared, not copied)", taken, BUFFER_PAGES, MOST_FRAMES_A_FORK_TAKES);
    }

    write(release[1], "x", 1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child read the parent's byte: status 0x%x", status);
    close(release[0]);
    close(release[1]);
    return test_finish("cow_fork_shares_pages_instead_of_copying");
}
