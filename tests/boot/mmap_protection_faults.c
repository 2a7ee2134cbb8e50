/* tests/boot/mmap_protection_faults.c - what PROT_* allows. A PROT_READ
 * mapping can be read; a write to it is SIGSEGV, which by default kills the
 * writer (and only the writer: the parent goes on, its mapping unharmed) and
 * which a handler can catch. PROT_NONE memory faults on a read too. The
 * kernel honours the same rules when it touches the memory for a system
 * call: read() into a PROT_READ mapping and write() from a PROT_NONE one
 * fail with EFAULT. */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_protection_test"

static void a_write_to_a_read_only_mapping_is_sigsegv(void)
{
    volatile char *anonymous = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(anonymous != MAP_FAILED, "mmap PROT_READ anonymous: got MAP_FAILED (%s)", strerror(errno));

    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "read me", 7);
    volatile char *file = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(file != MAP_FAILED, "mmap PROT_READ, MAP_SHARED of a file: got MAP_FAILED (%s)", strerror(errno));
    if (anonymous == MAP_FAILED || file == MAP_FAILED)
        return;

    expect_no_fault(status_of_child_doing(read_a_byte, anonymous), "a read of PROT_READ anonymous memory");
    CHECK_EQ(0, anonymous[0], "a PROT_READ anonymous page reads as zero");
    CHECK(!memcmp((const char *)file, "read me", 7), "a PROT_READ file mapping: expected \"read me\", got \"%.7s\"",
          (const char *)file);

    /* a page already present (read above) faults, and so does one never touched */
    expect_sigsegv(status_of_child_doing(write_a_byte, anonymous), "a write to PROT_READ anonymous memory");
    expect_sigsegv(status_of_child_doing(write_a_byte, anonymous + PAGE), "a write to its untouched second page");
    expect_sigsegv(status_of_child_doing(write_a_byte, file), "a write to a PROT_READ shared file mapping");
    expect_sigsegv(status_of_child_doing(write_a_byte, file + PAGE - 1), "a write to its last byte");

    /* the parent lives on and its memory is as it was */
    CHECK_EQ(0, anonymous[0], "the parent's PROT_READ page after the child's attempt");
    char buffer[8] = { 0 };
    lseek(fd, 0, SEEK_SET);
    read(fd, buffer, 7);
    CHECK(!memcmp(buffer, "read me", 7), "the file after the child's attempt: expected \"read me\", got \"%.7s\"",
          buffer);
    munmap((void *)anonymous, 2 * PAGE);
    munmap((void *)file, PAGE);
    close(fd);
    unlink(FILE_PATH);
}

static void the_sigsegv_of_a_read_only_write_can_be_caught(void)
{
    volatile char *memory = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    if (memory == MAP_FAILED)
        return;
    expect_caught_sigsegv(status_of_child_catching_sigsegv(write_a_byte, memory),
                          "a write to PROT_READ memory with a SIGSEGV handler");
    munmap((void *)memory, PAGE);
}

static void prot_none_faults_on_any_access(void)
{
    volatile char *memory = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap PROT_NONE: got MAP_FAILED (%s)", strerror(errno));
    volatile char *shared = mmap(NULL, PAGE, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED, "mmap PROT_NONE shared: got MAP_FAILED (%s)", strerror(errno));
    if (memory == MAP_FAILED || shared == MAP_FAILED)
        return;
    expect_sigsegv(status_of_child_doing(read_a_byte, memory), "a read of PROT_NONE memory");
    expect_sigsegv(status_of_child_doing(read_a_byte, memory + PAGE + 5), "a read of its second page");
    expect_sigsegv(status_of_child_doing(write_a_byte, memory), "a write to PROT_NONE memory");
    expect_sigsegv(status_of_child_doing(read_a_byte, shared), "a read of PROT_NONE shared memory");
    munmap((void *)memory, 2 * PAGE);
    munmap((void *)shared, PAGE);
}

static void system_calls_honour_the_protection_with_efault(void)
{
    char *read_only = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *no_access = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (read_only == MAP_FAILED || no_access == MAP_FAILED) {
        CHECK(0, "mmap: got MAP_FAILED (%s)", strerror(errno));
        return;
    }
    int fds[2];
    pipe(fds);
    write(fds[1], "data", 4);
    CHECK_ERROR(read(fds[0], read_only, 4), EFAULT);
    CHECK_EQ(0, read_only[0], "the PROT_READ page after a read() into it was refused");
    CHECK_ERROR(write(fds[1], no_access, 4), EFAULT);
    CHECK_EQ(4, write(fds[1], read_only, 4), "write() from a PROT_READ page (the kernel only reads it)");
    close(fds[0]);
    close(fds[1]);
    munmap(read_only, PAGE);
    munmap(no_access, PAGE);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_mapping_warm_up(tasks);

    a_write_to_a_read_only_mapping_is_sigsegv();
    the_sigsegv_of_a_read_only_write_can_be_caught();
    prot_none_faults_on_any_access();
    system_calls_honour_the_protection_with_efault();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mmap_protection_faults");
}
