/* tests/boot/shm_open_shares_memory_by_name_until_unlinked.c - POSIX shared
 * memory objects (shm_open(3), shm_unlink(3), and mmap(2)/ftruncate(2) on
 * their descriptors, as POSIX gives them):
 *  - "The shm_open() function shall establish a connection between a shared
 *    memory object and a file descriptor": two processes that open one name
 *    and map it MAP_SHARED share the memory (counts and checksums);
 *  - ftruncate sizes the object; fstat reports its size and mode (the
 *    permission bits of `mode`), and the new descriptor has FD_CLOEXEC;
 *  - the object outlives the process that made it, until shm_unlink;
 *  - "If one or more references to the shared memory object exist when
 *    the object is unlinked, the name shall be removed before shm_unlink()
 *    returns, but the removal of the memory object contents shall be
 *    postponed until all open and map references ... have been removed":
 *    a new shm_open of the name is ENOENT (or, with O_CREAT, another
 *    object), while the old mapping still works;
 *  - and everything is freed once the last process has let go (the
 *    kernel's counters, free frames included, are back where they were). */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define OBJECT_SIZE (3 * PAGE + 100)
#define ROUNDS 200                   /* turns each process takes adding to the counter */

/* The pattern process `who` writes: byte i of the object. */
static unsigned char pattern(int who, unsigned i)
{
    return (unsigned char)(i * 7 + who * 31 + (i >> 8));
}

static unsigned checksum(const volatile unsigned char *bytes, unsigned size)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < size; i++)
        sum = sum * 33 + bytes[i];
    return sum;
}

/* Opens `name` read-write and maps its OBJECT_SIZE bytes shared; NULL
 * (after a FAIL line) if either fails. */
static volatile unsigned char *open_and_map(const char *name, int flags)
{
    int fd = shm_open(name, flags, 0640);
    CHECK(fd >= 0, "shm_open(\"%s\", 0x%x): %s", name, flags, strerror(errno));
    if (fd < 0)
        return NULL;
    void *memory = mmap(NULL, OBJECT_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(memory != MAP_FAILED, "mmap of %s: %s", name, strerror(errno));
    close(fd);                        /* the mapping keeps the object */
    return memory == MAP_FAILED ? NULL : memory;
}

static void two_processes_that_open_one_name_share_its_memory(void)
{
    int fd = shm_open("/shared_counts", O_RDWR | O_CREAT | O_EXCL, 0640);
    CHECK(fd >= 0, "shm_open O_CREAT|O_EXCL: %s", strerror(errno));
    if (fd < 0)
        return;
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat of a new object");
    CHECK_EQ(0, st.st_size, "a new object's size");
    CHECK_EQ(0, ftruncate(fd, OBJECT_SIZE), "ftruncate of the object");
    CHECK_EQ(0, fstat(fd, &st), "fstat after ftruncate");
    CHECK_EQ(OBJECT_SIZE, st.st_size, "the size ftruncate gave");
    CHECK(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640, "st_mode: expected a regular file 0640, got 0%o",
          (unsigned)st.st_mode);
    CHECK_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD), "shm_open's descriptor has FD_CLOEXEC");
    close(fd);

    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        /* the child maps the name on its own: nothing of the parent's mapping */
        volatile unsigned char *memory = open_and_map("/shared_counts", O_RDWR);
        if (!memory)
            _exit(2);
        volatile unsigned *counter = (volatile unsigned *)(memory + OBJECT_SIZE - sizeof(unsigned));
        for (int round = 0; round < ROUNDS; round++) {
            child_waits_for_turn(turn_in);
            ++*counter;
            child_gives_turn(turn_out);
        }
        child_waits_for_turn(turn_in);
        for (unsigned i = 0; i < OBJECT_SIZE - sizeof(unsigned); i++)
            memory[i] = pattern(1, i);
        child_gives_turn(turn_out);
        _exit(0);
    }
    volatile unsigned char *memory = open_and_map("/shared_counts", O_RDWR);
    if (memory) {
        volatile unsigned *counter = (volatile unsigned *)(memory + OBJECT_SIZE - sizeof(unsigned));
        for (int round = 0; round < ROUNDS; round++) {
            ++*counter;
            parent_gives_turn(turn_out);
            parent_waits_for_child(turn_in, "a round of counting");
        }
        CHECK_EQ(2 * ROUNDS, *counter, "the counter both processes added to, each through its own mapping");
        parent_gives_turn(turn_out);
        parent_waits_for_child(turn_in, "the child's pattern");
        unsigned char expected[OBJECT_SIZE - sizeof(unsigned)];
        for (unsigned i = 0; i < sizeof expected; i++)
            expected[i] = pattern(1, i);
        CHECK_EQ(checksum(expected, sizeof expected), checksum(memory, sizeof expected),
                 "the checksum of the bytes the child wrote, as the parent's mapping shows them");
        munmap((void *)memory, OBJECT_SIZE);
    }
    close(turn_in);
    close(turn_out);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child: status 0x%x", status);
    CHECK_EQ(0, shm_unlink("/shared_counts"), "shm_unlink");
}

static void the_object_outlives_its_creator_until_unlinked(void)
{
    pid_t creator = fork();
    if (creator == 0) {
        int fd = shm_open("/outlives", O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || ftruncate(fd, OBJECT_SIZE) < 0)
            _exit(2);
        char *memory = mmap(NULL, OBJECT_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (memory == MAP_FAILED)
            _exit(3);
        for (unsigned i = 0; i < OBJECT_SIZE; i++)
            memory[i] = (char)pattern(2, i);
        _exit(0);                     /* exit closes and unmaps: the object stays */
    }
    int status = -1;
    waitpid(creator, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the creator: status 0x%x", status);

    volatile unsigned char *memory = open_and_map("/outlives", O_RDWR);
    if (!memory)
        return;
    unsigned char expected[OBJECT_SIZE];
    for (unsigned i = 0; i < OBJECT_SIZE; i++)
        expected[i] = pattern(2, i);
    CHECK_EQ(checksum(expected, OBJECT_SIZE), checksum(memory, OBJECT_SIZE),
             "the checksum of what the creator wrote before it exited");
    munmap((void *)memory, OBJECT_SIZE);
    CHECK_EQ(0, shm_unlink("/outlives"), "shm_unlink");
    CHECK_ERROR(shm_open("/outlives", O_RDWR, 0), ENOENT);
}

static void an_unlinked_object_lives_on_while_mapped_or_open(void)
{
    int fd = shm_open("/unlinked", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "shm_open: %s", strerror(errno));
    if (fd < 0)
        return;
    ftruncate(fd, PAGE);
    char *memory = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(memory != MAP_FAILED, "mmap: %s", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    strcpy(memory, "before");
    CHECK_EQ(0, shm_unlink("/unlinked"), "shm_unlink of a mapped, open object");
    CHECK_ERROR(shm_open("/unlinked", O_RDWR, 0), ENOENT);
    CHECK_ERROR(shm_unlink("/unlinked"), ENOENT);

    /* the old object still works, through the mapping and the descriptor */
    strcpy(memory, "after");
    char buffer[8] = { 0 };
    lseek(fd, 0, SEEK_SET);
    CHECK_EQ(5, read(fd, buffer, 5), "read of the unlinked object");
    CHECK(!strcmp(buffer, "after"), "read() after the unlink: expected \"after\", got \"%s\"", buffer);

    /* the name may be taken again: by another, empty object */
    int other = shm_open("/unlinked", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(other >= 0, "shm_open O_CREAT|O_EXCL of the unlinked name: %s", strerror(errno));
    struct stat st;
    fstat(other, &st);
    CHECK_EQ(0, st.st_size, "the size of the new object under the old name");
    close(other);
    shm_unlink("/unlinked");

    /* closed first, then unmapped: the mapping alone keeps it */
    close(fd);
    CHECK(!strcmp(memory, "after"), "the mapping after close: expected \"after\", got \"%s\"", memory);
    munmap(memory, PAGE);
}

static void cases(void)
{
    two_processes_that_open_one_name_share_its_memory();
    the_object_outlives_its_creator_until_unlinked();
    an_unlinked_object_lives_on_while_mapped_or_open();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("shm_open_shares_memory_by_name_until_unlinked");
}
