/* tests/boot/mprotect_changes_what_pages_allow.c - mprotect(2) as POSIX
 * gives it: "The mprotect() function shall change the access protections
 * to be that specified by prot for those whole pages containing any part
 * of the address space of the process starting at address addr and
 * continuing for len bytes."
 *  - a write to a page made PROT_READ is SIGSEGV ("an implementation shall
 *    ... generate a SIGSEGV signal" on an access the protection does not
 *    allow), caught here by a handler; its neighbours stay writable;
 *  - PROT_NONE faults on reads too, system calls get EFAULT, and the bytes
 *    are there again when the page becomes readable;
 *  - copy-on-write still holds: a private page made read-only, shared by
 *    fork and then made writable again is copied on the first write, in
 *    the parent and in the child; shared memory stays shared;
 *  - heap memory (brk) can be protected, and brk goes on working, also
 *    when it gives back memory below the pieces mprotect made;
 *  - the errors: EINVAL for an addr that is not a multiple of the page
 *    size or a prot with unknown bits, ENOMEM when a page of the range is
 *    not mapped ("Addresses in the range [addr,addr+len) are invalid for
 *    the address space of a process, or specify one or more pages which
 *    are not mapped") - and a refused call changes nothing;
 *  - splitting has a limit (ENOMEM), and changing protections back merges
 *    the pieces again, so to and fro costs no region slots;
 *  - nothing leaks. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
static void a_write_to_a_page_made_read_only_is_sigsegv(void)
{
    volatile char *memory = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    memory[0] = 'a';
    memory[PAGE] = 'b';
    CHECK_EQ(0, mprotect((void *)(memory + PAGE), PAGE, PROT_READ), "mprotect of the middle page to PROT_READ");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, memory + PAGE), "a write to the read-only page");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, memory + 2 * PAGE - 1),
                  "a write to its last byte");
    expect_no_fault(status_of_child_doing(read_a_byte, memory + PAGE), "a read of the read-only page");
    expect_no_fault(status_of_child_doing(write_a_byte, memory), "a write to the page below");
    expect_no_fault(status_of_child_doing(write_a_byte, memory + 2 * PAGE), "a write to the page above (untouched)");
    CHECK_EQ('b', memory[PAGE], "the read-only page's byte");

    /* a page not touched yet becomes read-only too; PROT_EXEC reads */
    CHECK_EQ(0, mprotect((void *)(memory + 2 * PAGE), PAGE, PROT_READ | PROT_EXEC), "mprotect PROT_READ|PROT_EXEC");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, memory + 2 * PAGE), "a write to it");
    CHECK_EQ(0, memory[2 * PAGE], "an untouched PROT_READ|PROT_EXEC page reads as zero");

    /* and back: the page is writable again, with its bytes */
    CHECK_EQ(0, mprotect((void *)memory, 3 * PAGE, PROT_READ | PROT_WRITE), "mprotect back to PROT_READ|PROT_WRITE");
    memory[PAGE + 1] = 'c';
    CHECK(memory[PAGE] == 'b' && memory[PAGE + 1] == 'c', "the page made writable again: expected \"bc\", got "
          "\"%c%c\"", memory[PAGE], memory[PAGE + 1]);
    munmap((void *)memory, 3 * PAGE);
}

static void prot_none_faults_on_any_access_and_keeps_the_bytes(void)
{
    volatile char *memory = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED && shared != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED || shared == MAP_FAILED)
        return;
    strcpy((char *)memory, "kept");
    strcpy((char *)shared, "shared");
    CHECK_EQ(0, mprotect((void *)memory, 2 * PAGE, PROT_NONE), "mprotect PROT_NONE");
    CHECK_EQ(0, mprotect((void *)shared, PAGE, PROT_NONE), "mprotect PROT_NONE of shared memory");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(read_a_byte, memory), "a read of a PROT_NONE page");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(read_a_byte, memory + PAGE), "a read of an untouched one");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, memory + 5), "a write to a PROT_NONE page");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(read_a_byte, shared), "a read of PROT_NONE shared memory");

    int fds[2];
    pipe(fds);
    CHECK_ERROR(write(fds[1], (const void *)memory, 4), EFAULT);
    write(fds[1], "data", 4);
    CHECK_ERROR(read(fds[0], (void *)memory, 4), EFAULT);
    close(fds[0]);
    close(fds[1]);

    CHECK_EQ(0, mprotect((void *)memory, 2 * PAGE, PROT_READ), "mprotect PROT_READ again");
    CHECK(!strcmp((const char *)memory, "kept"), "the bytes after PROT_NONE: expected \"kept\", got \"%s\"",
          (const char *)memory);
    CHECK_EQ(0, mprotect((void *)shared, PAGE, PROT_READ | PROT_WRITE), "shared memory writable again");
    strcat((char *)shared, "!");
    CHECK(!strcmp((const char *)shared, "shared!"), "the shared bytes: expected \"shared!\", got \"%s\"",
          (const char *)shared);
    munmap((void *)memory, 2 * PAGE);
    munmap((void *)shared, PAGE);
}

static void copy_on_write_holds_across_mprotect_and_fork(void)
{
    volatile char *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (private == MAP_FAILED || shared == MAP_FAILED) {
        CHECK(0, "mmap: %s", strerror(errno));
        return;
    }
    private[0] = 'o';
    mprotect((void *)private, PAGE, PROT_READ);   /* read-only: fork shares the frame as it is */
    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        if (mprotect((void *)private, PAGE, PROT_READ | PROT_WRITE) < 0)
            _exit(2);
        private[0] = 'c';                         /* must copy: the parent holds the frame */
        shared[0] = 'c';
        child_gives_turn(turn_out);
        child_waits_for_turn(turn_in);
        /* the parent wrote its copy meanwhile: ours is unchanged */
        _exit(private[0] == 'c' && shared[0] == 'p' ? 0 : 3);
    }
    parent_waits_for_child(turn_in, "the child's write");
    CHECK_EQ('o', private[0], "the parent's private page after the child made its copy writable and wrote");
    CHECK_EQ('c', shared[0], "the shared page after the child wrote");
    CHECK_EQ(0, mprotect((void *)private, PAGE, PROT_READ | PROT_WRITE), "mprotect in the parent");
    private[0] = 'p';
    shared[0] = 'p';
    parent_gives_turn(turn_out);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child, after the parent wrote its copy: expected exit 0, got status 0x%x", status);
    CHECK_EQ('p', private[0], "the parent's own write");
    close(turn_in);
    close(turn_out);

    /* a read-only shared page in one process stays writable in the other */
    pid_t reader = fork();
    if (reader == 0) {
        mprotect((void *)shared, PAGE, PROT_READ);
        _exit(0);
    }
    waitpid(reader, NULL, 0);
    shared[1] = 'w';
    CHECK_EQ('w', shared[1], "the parent's write after the child made its shared page read-only");
    munmap((void *)private, PAGE);
    munmap((void *)shared, PAGE);
}

static void heap_memory_can_be_protected(void)
{
    char *start = sbrk(0);
    char *page = (char *)(((uintptr_t)start + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
    CHECK(sbrk(page - start + 3 * PAGE) != (void *)-1, "sbrk: %s", strerror(errno));
    page[PAGE] = 'h';
    CHECK_EQ(0, mprotect(page + PAGE, PAGE, PROT_READ), "mprotect of a heap page");
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, page + PAGE), "a write to the read-only heap page");
    CHECK(sbrk(4 * PAGE) != (void *)-1, "sbrk after the heap was split: %s", strerror(errno));
    page[6 * PAGE] = 'g';                         /* the heap grew past the piece */
    CHECK_EQ(0, mprotect(page + PAGE, PAGE, PROT_READ | PROT_WRITE), "mprotect back");
    page[PAGE + 1] = 'i';
    CHECK(page[PAGE] == 'h' && page[PAGE + 1] == 'i', "the heap page after mprotect back");
    CHECK(sbrk(-(page - start + 7 * PAGE)) != (void *)-1, "sbrk giving the memory back: %s", strerror(errno));
    CHECK(sbrk(0) == start, "the break after giving back: expected %p, got %p", (void *)start, sbrk(0));
}

/* A heap cut by mprotect, then given back below its pieces: they go with
 * it (a touch there is SIGSEGV), and the heap grows again from the new
 * break, every page of it writable and zero, as Linux's brk unmaps and
 * maps. (The heap's region once kept its start at the top piece, so the
 * memory regrown below it belonged to no region: SIGSEGV at the first
 * touch of what sbrk had just given.) */
static void a_heap_given_back_below_its_pieces_grows_again(void)
{
    char *start = sbrk(0);
    char *page = (char *)(((uintptr_t)start + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
    CHECK(sbrk(page - start + 3 * PAGE) != (void *)-1, "sbrk: %s", strerror(errno));
    page[PAGE] = 'h';
    CHECK_EQ(0, mprotect(page + PAGE, PAGE, PROT_READ), "mprotect of the heap's middle page");
    CHECK(sbrk(-(page - start + 3 * PAGE)) != (void *)-1, "sbrk giving all of it back: %s", strerror(errno));
    CHECK(sbrk(0) == start, "the break after giving back: expected %p, got %p", (void *)start, sbrk(0));
    expect_caught_sigsegv(status_of_child_catching_sigsegv(read_a_byte, page + PAGE),
                          "a read of the read-only piece after the break went below it");

    CHECK(sbrk(page - start + 3 * PAGE) != (void *)-1, "sbrk growing the heap again: %s", strerror(errno));
    expect_no_fault(status_of_child_doing(write_a_byte, page), "a write to the regrown heap's first page");
    expect_no_fault(status_of_child_doing(write_a_byte, page + PAGE),
                    "a write to the regrown heap where the read-only piece was");
    expect_no_fault(status_of_child_doing(write_a_byte, page + 2 * PAGE), "a write to the regrown heap's top page");
    CHECK_EQ(0, page[PAGE], "the regrown heap's middle page: a fresh zero, not the old 'h'");
    CHECK(sbrk(-(page - start + 3 * PAGE)) != (void *)-1, "sbrk giving it back again: %s", strerror(errno));
}

static void the_errors(void)
{
    char *memory = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    CHECK_ERROR(mprotect(memory + 1, PAGE, PROT_READ), EINVAL);
    CHECK_ERROR(mprotect(memory, PAGE, 0x100), EINVAL);
    CHECK_EQ(0, mprotect(memory + PAGE, 0, PROT_NONE), "mprotect of length 0");
    CHECK_EQ(0, mprotect(memory, PAGE + 1, PROT_READ), "a length that is not a page multiple: whole pages");
    CHECK_EQ(0, mprotect(memory, 2 * PAGE, PROT_READ | PROT_WRITE), "and back");
    munmap(memory + PAGE, PAGE);
    CHECK_ERROR(mprotect(memory, 3 * PAGE, PROT_READ), ENOMEM);        /* a hole in the range */
    expect_no_fault(status_of_child_doing(write_a_byte, (volatile char *)memory),
                    "a write to the first page after the refused mprotect");
    CHECK_ERROR(mprotect((void *)0xC0000000u, PAGE, PROT_READ), ENOMEM);  /* the kernel's half */
    CHECK_ERROR(mprotect((void *)0xBFFFF000u, 2 * PAGE, PROT_READ), ENOMEM);
    CHECK_ERROR(mprotect((void *)0x1000, PAGE, PROT_READ), ENOMEM);      /* never mapped */
    munmap(memory, 3 * PAGE);
}

#define REGIONS_MAX 512              /* ADDRESS_SPACE_MAX_REGIONS in kernel/mm/address_space.h */
#define SPLIT_PAGES (2 * REGIONS_MAX + 20)

static void splitting_has_a_limit_and_merging_gives_the_slots_back(void)
{
    char *memory = mmap(NULL, SPLIT_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    int changed = 0;
    errno = 0;
    for (int i = 1; i < SPLIT_PAGES; i += 2, changed++)
        if (mprotect(memory + i * PAGE, PAGE, PROT_READ) < 0)
            break;
    /* each page cut out of the middle costs two regions; the program, its
     * heap, stack and the test's own mappings hold a few already */
    CHECK(changed > (REGIONS_MAX - 16) / 2 && changed < REGIONS_MAX / 2 && errno == ENOMEM,
          "every other page of %d made read-only: expected ENOMEM after about %d, when the regions ran out, got "
          "%d done, errno %d", SPLIT_PAGES, REGIONS_MAX / 2, changed, errno);
    CHECK_EQ(0, mprotect(memory, SPLIT_PAGES * PAGE, PROT_READ | PROT_WRITE), "all of it read-write again");
    for (int round = 0; round < 300; round++) {
        char *page = memory + (round % SPLIT_PAGES) * PAGE;
        if (mprotect(page, PAGE, PROT_READ) < 0 || mprotect(page, PAGE, PROT_READ | PROT_WRITE) < 0) {
            CHECK(0, "round %d of read-only and back: %s", round, strerror(errno));
            break;
        }
        page[0] = (char)round;
    }
    munmap(memory, SPLIT_PAGES * PAGE);
}

static void cases(void)
{
    a_write_to_a_page_made_read_only_is_sigsegv();
    prot_none_faults_on_any_access_and_keeps_the_bytes();
    copy_on_write_holds_across_mprotect_and_fork();
    heap_memory_can_be_protected();
    a_heap_given_back_below_its_pieces_grows_again();
    the_errors();
    splitting_has_a_limit_and_merging_gives_the_slots_back();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mprotect_changes_what_pages_allow");
}
