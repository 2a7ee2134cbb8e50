/* tests/boot/mmap_anonymous_memory_and_fork.c - the two kinds of anonymous
 * mapping. Both start as zeros, at a page-aligned address of their own.
 * MAP_SHARED|MAP_ANONYMOUS memory is the same memory in the parent and in
 * its children (and their children) after fork: a write on either side shows
 * on the other, for pages touched before the fork and pages first touched
 * after it alike. MAP_PRIVATE|MAP_ANONYMOUS memory is copied by fork: a
 * write on either side stays on that side. */
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"
#include "boot_wait.h"

#define PAGE 4096

static int all_bytes_are(const volatile char *p, int size, char value)
{
    for (int i = 0; i < size; i++)
        if (p[i] != value)
            return 0;
    return 1;
}

static void anonymous_memory_starts_as_zeros_at_a_page_of_its_own(void)
{
    char *shared = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *private = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS: expected an address, got MAP_FAILED (%s)",
          strerror(errno));
    CHECK(private != MAP_FAILED, "mmap MAP_PRIVATE|MAP_ANONYMOUS: expected an address, got MAP_FAILED (%s)",
          strerror(errno));
    if (shared == MAP_FAILED || private == MAP_FAILED)
        return;
    CHECK_EQ(0, (uintptr_t)shared % PAGE, "shared mapping's address modulo the page size");
    CHECK_EQ(0, (uintptr_t)private % PAGE, "private mapping's address modulo the page size");
    CHECK(shared + 3 * PAGE <= private || private + 3 * PAGE <= shared,
          "the two mappings overlap: %p and %p, 3 pages each", (void *)shared, (void *)private);
    CHECK(all_bytes_are(shared, 3 * PAGE, 0), "a fresh shared anonymous mapping: expected all zeros");
    CHECK(all_bytes_are(private, 3 * PAGE, 0), "a fresh private anonymous mapping: expected all zeros");

    /* a length that is not a page multiple still maps whole pages */
    char *odd = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(odd != MAP_FAILED, "mmap of 100 bytes: expected an address, got MAP_FAILED (%s)", strerror(errno));
    if (odd != MAP_FAILED) {
        odd[PAGE - 1] = 'x';                  /* the rest of the page is ours too */
        CHECK_EQ('x', odd[PAGE - 1], "last byte of the page of a 100-byte mapping");
        CHECK_EQ(0, munmap(odd, 100), "munmap of the 100-byte mapping");
    }
    CHECK_EQ(0, munmap(shared, 3 * PAGE), "munmap shared");
    CHECK_EQ(0, munmap(private, 3 * PAGE), "munmap private");
}

static void shared_anonymous_memory_is_one_memory_with_the_children(void)
{
    volatile char *memory = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS: got MAP_FAILED (%s)", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    memory[0] = 'P';                          /* page 0 touched before the fork, page 1 not */
    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        if (memory[0] != 'P')
            _exit(__LINE__);                  /* the parent's write from before the fork */
        memory[1] = 'c';                      /* into the page the parent touched */
        memory[PAGE] = 'C';                   /* into the page nobody had touched */
        give_turn(turn_out);
        wait_for_turn(turn_in);
        if (memory[2] != 'p' || memory[PAGE + 1] != 'q')
            _exit(__LINE__);                  /* the parent's writes from after the fork */

        pid_t grandchild = fork();            /* and the next generation shares it too */
        if (grandchild == 0) {
            memory[3] = 'g';
            _exit(memory[2] == 'p' ? 0 : 1);
        }
        int status;
        waitpid(grandchild, &status, 0);
        _exit(WIFEXITED(status) && WEXITSTATUS(status) == 0 && memory[3] == 'g' ? 0 : __LINE__);
    }
    wait_for_turn(turn_in);
    CHECK_EQ('c', memory[1], "the child's write into a page touched before fork, seen by the parent");
    CHECK_EQ('C', memory[PAGE], "the child's write into a page first touched after fork, seen by the parent");
    memory[2] = 'p';
    memory[PAGE + 1] = 'q';
    give_turn(turn_out);
    expect_child_success(child, "the child saw the parent's writes (and its own child saw them too)");
    CHECK_EQ('g', memory[3], "the grandchild's write, seen by the parent");
    close(turn_in);
    close(turn_out);
    munmap((void *)memory, 2 * PAGE);
}

static void private_anonymous_memory_is_copied_by_fork(void)
{
    volatile char *memory = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap MAP_PRIVATE|MAP_ANONYMOUS: got MAP_FAILED (%s)", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    memory[0] = 'P';
    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        if (memory[0] != 'P')
            _exit(__LINE__);                  /* the copy holds what was there at the fork */
        memory[0] = 'c';
        memory[PAGE] = 'C';                   /* a page the parent never touched */
        give_turn(turn_out);
        wait_for_turn(turn_in);
        if (memory[0] != 'c' || memory[1] != 0 || memory[PAGE] != 'C')
            _exit(__LINE__);                  /* the parent's later writes do not show here */
        _exit(0);
    }
    wait_for_turn(turn_in);
    CHECK_EQ('P', memory[0], "the parent's byte after the child wrote its copy");
    CHECK_EQ(0, memory[PAGE], "the parent's untouched page after the child wrote its copy");
    memory[0] = 'Q';
    memory[1] = 'q';
    give_turn(turn_out);
    expect_child_success(child, "the child kept its own copy while the parent wrote");
    CHECK_EQ('Q', memory[0], "the parent's own write");
    close(turn_in);
    close(turn_out);
    munmap((void *)memory, 2 * PAGE);
}

static void shared_anonymous_memory_outlives_the_process_that_mapped_it(void)
{
    /* the parent unmaps its view at once; the two children still share theirs */
    volatile int *memory = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    if ((void *)memory == MAP_FAILED)
        return;
    int ready[2];
    pipe(ready);
    pid_t writer = fork();
    if (writer == 0) {
        memory[0] = 1234;
        give_turn(ready[1]);
        _exit(0);
    }
    pid_t reader = fork();
    if (reader == 0) {
        wait_for_turn(ready[0]);
        usleep(10000);                        /* the writer has exited meanwhile */
        _exit(memory[0] == 1234 ? 0 : __LINE__);
    }
    munmap((void *)memory, PAGE);
    expect_child_success(writer, "the writer");
    expect_child_success(reader, "the second child read what the first one wrote after both the parent "
                                 "and the writer had let go of the memory");
    close(ready[0]);
    close(ready[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_mapping_warm_up(tasks);

    anonymous_memory_starts_as_zeros_at_a_page_of_its_own();
    shared_anonymous_memory_is_one_memory_with_the_children();
    private_anonymous_memory_is_copied_by_fork();
    shared_anonymous_memory_outlives_the_process_that_mapped_it();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mmap_anonymous_memory_and_fork");
}
