/* tests/boot/mmap_file_shared_and_private.c - mapping a file.
 * MAP_SHARED: the mapping IS the file's memory. Two processes that map the
 * file each on their own (at different addresses) see each other's writes;
 * read() sees what a mapping wrote and a mapping sees what write() wrote; an
 * offset maps that part of the file; bytes past the end of the file in its
 * last page read as zeros and writing them does not make the file longer,
 * while a page wholly past the end is SIGBUS (POSIX mmap); the file and its
 * mappings stay one memory across ftruncate, and a page ftruncate cuts off
 * is SIGBUS in every mapping, even where it was mapped before. The mapping lives on after
 * the descriptor is closed and the file unlinked.
 * MAP_PRIVATE: a copy. Writes to it reach neither the file nor anyone
 * else's mapping. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_memory.h"
#include "boot_wait.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_file_test"
#define FILE_SIZE (2 * PAGE + 100)     /* page 0 'A's, page 1 'B's, then 100 'C's */

/* (Re)writes the test file: FILE_SIZE bytes of A..., B..., C... */
static void make_test_file(void)
{
    static char contents[FILE_SIZE];
    memset(contents, 'A', PAGE);
    memset(contents + PAGE, 'B', PAGE);
    memset(contents + 2 * PAGE, 'C', 100);
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open %s: %s", FILE_PATH, strerror(errno));
    CHECK_EQ(FILE_SIZE, write(fd, contents, FILE_SIZE), "write of the test file");
    close(fd);
}

/* The file's bytes [offset, offset+size) through read(). */
static void read_file_at(int fd, off_t offset, char *buffer, int size)
{
    memset(buffer, 0, size);
    lseek(fd, offset, SEEK_SET);
    int got = read(fd, buffer, size);
    CHECK_EQ(size, got, "read() of the file");
}

static void write_file_at(int fd, off_t offset, const char *text)
{
    lseek(fd, offset, SEEK_SET);
    CHECK_EQ((long)strlen(text), write(fd, text, strlen(text)), "write() to the file");
}

static void two_processes_mapping_a_file_shared_share_one_memory(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *mine = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(mine != MAP_FAILED, "mmap MAP_SHARED of the file: got MAP_FAILED (%s)", strerror(errno));
    close(fd);
    if (mine == MAP_FAILED)
        return;
    CHECK(mine[0] == 'A' && mine[PAGE] == 'B' && mine[2 * PAGE] == 'C',
          "the mapping shows the file: expected A, B, C at pages 0, 1, 2, got %c, %c, %c", mine[0], mine[PAGE],
          mine[2 * PAGE]);

    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        /* the child maps the file by itself, at another address than the parent's */
        void *spacer = mmap(NULL, 5 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        int child_fd = open(FILE_PATH, O_RDWR);
        volatile char *theirs = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, child_fd, 0);
        if (theirs == MAP_FAILED || spacer == MAP_FAILED)
            _exit(__LINE__);
        if (theirs == (volatile char *)mine)
            _exit(__LINE__);                  /* not a different address: the test would prove less */
        memcpy((char *)theirs + 10, "child was here", 14);
        give_turn(turn_out);
        wait_for_turn(turn_in);
        if (memcmp((char *)theirs + PAGE + 20, "parent answers", 14) != 0)
            _exit(__LINE__);
        _exit(0);
    }
    wait_for_turn(turn_in);
    CHECK(!memcmp(mine + 10, "child was here", 14),
          "the child's write through its own mapping: expected \"child was here\", got \"%.14s\"", mine + 10);
    memcpy(mine + PAGE + 20, "parent answers", 14);
    give_turn(turn_out);
    expect_child_success(child, "the child saw the parent's write through the parent's mapping");
    close(turn_in);
    close(turn_out);
    munmap(mine, 3 * PAGE);
}

static void read_sees_what_a_mapping_wrote_and_a_mapping_sees_what_write_wrote(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *map = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap MAP_SHARED: got MAP_FAILED (%s)", strerror(errno));
    if (map == MAP_FAILED) {
        close(fd);
        return;
    }
    char buffer[32];

    memcpy(map + PAGE + 7, "via the mapping", 15);
    read_file_at(fd, PAGE + 7, buffer, 15);
    CHECK(!memcmp(buffer, "via the mapping", 15),
          "read() after a write through the mapping: expected \"via the mapping\", got \"%.15s\"", buffer);

    write_file_at(fd, 100, "via write()");
    CHECK(!memcmp(map + 100, "via write()", 11),
          "the mapping after write(): expected \"via write()\", got \"%.11s\"", map + 100);

    /* a write() spanning two pages shows on both */
    write_file_at(fd, PAGE - 3, "ABCDEF");
    CHECK(!memcmp(map + PAGE - 3, "ABCDEF", 6),
          "the mapping after a write() across a page boundary: expected \"ABCDEF\", got \"%.6s\"", map + PAGE - 3);

    /* another process's write() shows in our mapping, too */
    pid_t child = fork();
    if (child == 0) {
        int child_fd = open(FILE_PATH, O_WRONLY);
        lseek(child_fd, 2 * PAGE + 50, SEEK_SET);
        _exit(write(child_fd, "from a child", 12) == 12 ? 0 : __LINE__);
    }
    expect_child_success(child, "the child's write()");
    CHECK(!memcmp(map + 2 * PAGE + 50, "from a child", 12),
          "the mapping after another process's write(): expected \"from a child\", got \"%.12s\"",
          map + 2 * PAGE + 50);
    munmap(map, FILE_SIZE);
    close(fd);
}

static void an_offset_maps_that_part_of_the_file(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *second_page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    CHECK(second_page != MAP_FAILED, "mmap at offset 4096: got MAP_FAILED (%s)", strerror(errno));
    if (second_page != MAP_FAILED) {
        CHECK_EQ('B', second_page[0], "first byte of a mapping at file offset 4096");
        second_page[1] = 'x';
        char c;
        read_file_at(fd, PAGE + 1, &c, 1);
        CHECK_EQ('x', c, "the file's byte 4097 after a write at byte 1 of the offset mapping");
        munmap(second_page, PAGE);
    }
    close(fd);
}

/* POSIX mmap: "The system shall always zero-fill any partial page at the
 * end of an object", and "references within the address range ... to
 * whole pages following the end of an object shall result in delivery of
 * a SIGBUS signal" - for a shared and a private mapping alike. */
static void bytes_past_the_end_of_the_file_read_as_zeros_and_whole_pages_past_it_are_sigbus(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *map = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    char *copy = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(copy != MAP_FAILED, "mmap MAP_PRIVATE: got MAP_FAILED (%s)", strerror(errno));
    if (map == MAP_FAILED || copy == MAP_FAILED) {
        close(fd);
        return;
    }
    CHECK_EQ('C', map[FILE_SIZE - 1], "the last byte of the file");
    CHECK_EQ(0, map[FILE_SIZE], "the first byte past the end of the file, in its last page");
    CHECK_EQ(0, map[3 * PAGE - 1], "the last byte of the file's last page");
    map[FILE_SIZE + 5] = 'z';
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(FILE_SIZE, st.st_size, "the file's size after a write into the mapping past its end");

    int status = status_of_child_doing(read_a_byte, map + 3 * PAGE);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a read of a shared mapping's page wholly past the end of the file: expected SIGBUS (%d), got "
          "status 0x%x", SIGBUS, status);
    status = status_of_child_doing(write_a_byte, copy + 3 * PAGE + 7);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a write to a private mapping's page wholly past the end of the file: expected SIGBUS (%d), got "
          "status 0x%x", SIGBUS, status);
    /* the file grows: the page is the file's now, and no longer SIGBUS */
    CHECK_EQ(0, ftruncate(fd, 4 * PAGE), "ftruncate to 4 pages");
    expect_no_fault(status_of_child_doing(write_a_byte, map + 3 * PAGE), "a write to the page the file grew into");
    CHECK_EQ('w', map[3 * PAGE], "the byte the child wrote into the grown file's last page");
    munmap(map, 4 * PAGE);
    munmap(copy, 4 * PAGE);
    close(fd);
}

static void a_private_mapping_of_a_file_is_a_copy(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDONLY);       /* read-only is enough for a private copy */
    char *copy = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(copy != MAP_FAILED, "mmap MAP_PRIVATE, PROT_WRITE of an O_RDONLY file: got MAP_FAILED (%s)",
          strerror(errno));
    int shared_fd = open(FILE_PATH, O_RDWR);
    char *shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, shared_fd, 0);
    CHECK(shared != MAP_FAILED, "mmap MAP_SHARED: got MAP_FAILED (%s)", strerror(errno));
    if (copy == MAP_FAILED || shared == MAP_FAILED) {
        close(fd);
        close(shared_fd);
        return;
    }
    CHECK_EQ('A', copy[0], "the private mapping starts with the file's bytes");
    copy[0] = 'x';
    copy[PAGE] = 'y';
    CHECK_EQ('x', copy[0], "the private mapping keeps its own write");
    char c;
    read_file_at(fd, 0, &c, 1);
    CHECK_EQ('A', c, "the file's byte 0 after a write to a private mapping");
    CHECK_EQ('A', shared[0], "a shared mapping's byte 0 after a write to another's private mapping");
    CHECK_EQ('B', shared[PAGE], "a shared mapping's byte 4096 after a write to another's private mapping");

    /* a child's copy of a private file mapping is private to the child */
    pid_t child = fork();
    if (child == 0) {
        copy[1] = 'k';
        _exit(copy[0] == 'x' ? 0 : __LINE__);
    }
    expect_child_success(child, "the child saw the private mapping as it was at fork");
    CHECK_EQ('A', copy[1], "the parent's private byte 1 after the child wrote its copy");
    read_file_at(fd, 1, &c, 1);
    CHECK_EQ('A', c, "the file's byte 1 after the child wrote its private copy");
    munmap(copy, 2 * PAGE);
    munmap(shared, 2 * PAGE);
    close(fd);
    close(shared_fd);
}

static void a_mapping_survives_closing_the_descriptor_and_unlinking_the_file(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    CHECK_EQ(0, close(fd), "close the descriptor");
    CHECK_EQ(0, unlink(FILE_PATH), "unlink the file");
    if (map == MAP_FAILED)
        return;
    CHECK_EQ('A', map[0], "byte 0 after close and unlink");
    CHECK_EQ('B', map[PAGE], "byte 4096 after close and unlink");
    map[PAGE + 1] = 'w';
    pid_t child = fork();
    if (child == 0) {
        map[2] = 'k';                         /* still shared with the parent */
        _exit(map[PAGE + 1] == 'w' ? 0 : __LINE__);
    }
    expect_child_success(child, "the child saw the parent's write into the unlinked file's mapping");
    CHECK_EQ('k', map[2], "the child's write into the unlinked file's mapping, seen by the parent");
    CHECK_EQ(0, munmap(map, 2 * PAGE), "munmap");
}

static void the_file_and_its_mapping_stay_one_memory_across_ftruncate(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    char *map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(map != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    if (map == MAP_FAILED) {
        close(fd);
        return;
    }
    CHECK_EQ('A', map[0], "byte 0 before the truncation");
    /* cut the file to nothing and grow it back: its first page is zeros now */
    CHECK_EQ(0, ftruncate(fd, 0), "ftruncate to 0");
    CHECK_EQ(0, ftruncate(fd, PAGE), "ftruncate back to 4096");
    char buffer[8];
    read_file_at(fd, 0, buffer, 3);
    CHECK(!memcmp(buffer, "\0\0\0", 3), "read() after the file was cut and grown back: expected zeros, got "
          "%02x %02x %02x", buffer[0] & 0xff, buffer[1] & 0xff, buffer[2] & 0xff);
    CHECK_EQ(0, map[0], "the mapping's byte 0 after the file was cut and grown back (the file's zero)");
    write_file_at(fd, 0, "new");
    CHECK(!memcmp(map, "new", 3), "the mapping after write() to the regrown file: expected \"new\", got \"%.3s\"",
          map);
    map[10] = 'm';
    read_file_at(fd, 10, buffer, 1);
    CHECK_EQ('m', buffer[0], "read() of the regrown file after a write through the mapping");
    munmap(map, PAGE);
    close(fd);
}

/* A file cut short by ftruncate: Linux (truncate_pagecache) unmaps the
 * pages past the new end from every mapping, private copies too, so a
 * touch there is SIGBUS even where the page was mapped before - in this
 * process, and in another that mapped it earlier and is waiting. Grown
 * back, the pages are the file's zeros again. */
static void a_page_cut_off_by_ftruncate_is_sigbus_in_every_mapping(void)
{
    make_test_file();
    int fd = open(FILE_PATH, O_RDWR);
    volatile char *map = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    volatile char *copy = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(map != MAP_FAILED && copy != MAP_FAILED, "mmap MAP_SHARED and MAP_PRIVATE: %s", strerror(errno));
    if (map == MAP_FAILED || copy == MAP_FAILED) {
        close(fd);
        return;
    }
    CHECK_EQ('B', map[PAGE], "the shared mapping's page 1 before the cut");
    map[2 * PAGE] = 's';
    copy[PAGE] = 'p';                         /* a private copy of page 1 */

    int turn_in, turn_out;
    pid_t waiter = fork_taking_turns(&turn_in, &turn_out);
    if (waiter == 0) {
        char seen = map[PAGE];                /* mapped in this process before the cut */
        give_turn(turn_out);
        wait_for_turn(turn_in);
        seen = map[PAGE];                     /* after it: SIGBUS ends the child here */
        _exit(seen == 'B' ? 2 : 3);
    }
    wait_for_turn(turn_in);
    CHECK_EQ(0, ftruncate(fd, 100), "ftruncate to 100 bytes");
    give_turn(turn_out);
    int status;
    CHECK_EQ(waiter, waitpid(waiter, &status, 0), "waitpid for the child that mapped page 1 before the cut");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a process that had page 1 mapped before the cut reads it after: expected SIGBUS (%d), got status "
          "0x%x (exit 2: it still read the old 'B')", SIGBUS, status);
    close(turn_in);
    close(turn_out);

    status = status_of_child_doing(read_a_byte, map + PAGE);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a read of the shared mapping's page 1, touched before the cut: expected SIGBUS (%d), got status 0x%x",
          SIGBUS, status);
    status = status_of_child_doing(write_a_byte, map + 2 * PAGE);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a write to the shared mapping's page 2, written before the cut: expected SIGBUS (%d), got status 0x%x",
          SIGBUS, status);
    status = status_of_child_doing(read_a_byte, copy + PAGE);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "a read of the private copy of page 1, made before the cut: expected SIGBUS (%d), got status 0x%x",
          SIGBUS, status);
    CHECK_EQ('A', map[99], "the last byte kept, in the page the cut falls inside");
    CHECK_EQ(0, map[100], "the first byte cut off, in the page the cut falls inside");

    CHECK_EQ(0, ftruncate(fd, 3 * PAGE), "ftruncate back to 3 pages");
    CHECK_EQ(0, map[PAGE], "the shared mapping's page 1 after the file grew back (the file's zeros)");
    CHECK_EQ(0, map[2 * PAGE], "the shared mapping's page 2 after the file grew back");
    CHECK_EQ(0, copy[PAGE], "the private mapping's page 1 after the file grew back (a copy of its zeros)");
    munmap((void *)map, 3 * PAGE);
    munmap((void *)copy, 3 * PAGE);
    close(fd);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_mapping_warm_up(tasks);

    two_processes_mapping_a_file_shared_share_one_memory();
    read_sees_what_a_mapping_wrote_and_a_mapping_sees_what_write_wrote();
    an_offset_maps_that_part_of_the_file();
    bytes_past_the_end_of_the_file_read_as_zeros_and_whole_pages_past_it_are_sigbus();
    a_private_mapping_of_a_file_is_a_copy();
    a_mapping_survives_closing_the_descriptor_and_unlinking_the_file();
    the_file_and_its_mapping_stay_one_memory_across_ftruncate();
    a_page_cut_off_by_ftruncate_is_sigbus_in_every_mapping();
    unlink(FILE_PATH);

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mmap_file_shared_and_private");
}
