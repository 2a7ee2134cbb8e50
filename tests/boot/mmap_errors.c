/* tests/boot/mmap_errors.c - the errors of mmap(2) and munmap(2), as the man
 * pages give them. mmap: a length of 0, an offset that is not a multiple of
 * the page size, neither MAP_SHARED nor MAP_PRIVATE, or a MAP_FIXED address
 * off a page boundary is EINVAL; a descriptor that is not open is EBADF;
 * something that is not a regular file (a directory, a pipe, /dev/null) is
 * ENODEV (or EACCES), but /dev/zero maps as anonymous memory; a file opened O_WRONLY, or PROT_WRITE with MAP_SHARED of a file
 * opened O_RDONLY, is EACCES; a length larger than the address space is
 * EINVAL or ENOMEM. munmap: a length of 0, an address off a page boundary,
 * or a range reaching outside the user's half is EINVAL. A refused call
 * maps nothing and leaves nothing behind. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"

#define PAGE 4096
#define FILE_PATH "/tmp/mmap_errors_test"
#define DIRECTORY_PATH "/tmp/mmap_errors_directory"

/* An mmap that must fail with one of two errors (the man page allows either). */
#define CHECK_MMAP_FAILS_WITH_EITHER(call, first, second)                                             \
    do {                                                                                              \
        errno = 0;                                                                                    \
        void *result_ = (call);                                                                       \
        CHECK(result_ == MAP_FAILED && (errno == (first) || errno == (second)),                       \
              "%s: expected MAP_FAILED with errno %d (%s) or %d (%s), got %p with errno %d (%s)", #call, \
              first, strerror(first), second, strerror(second), result_, errno, strerror(errno));      \
    } while (0)

static void bad_lengths_offsets_and_flags_are_einval(int fd)
{
    CHECK_ERROR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
    CHECK_ERROR(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE / 2), EINVAL);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);   /* neither shared nor private */
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, 0, fd, 0), EINVAL);

    char *memory = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    CHECK_ERROR(mmap(memory + 10, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
    munmap(memory, 2 * PAGE);

    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, 0xC0000000u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
                                 ENOMEM);
    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, 0xFFFFFFFFu, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
                                 ENOMEM);
}

static void a_descriptor_that_is_not_open_is_ebadf(void)
{
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, -1, 0), EBADF);   /* -1 without MAP_ANONYMOUS */
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
    int fd = open(FILE_PATH, O_RDONLY);
    close(fd);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0), EBADF);   /* closed */
}

static void what_is_not_a_regular_file_cannot_be_mapped(void)
{
    mkdir(DIRECTORY_PATH, 0755);
    int directory = open(DIRECTORY_PATH, O_RDONLY);
    CHECK(directory >= 0, "open of a directory: %s", strerror(errno));
    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, directory, 0), ENODEV, EACCES);
    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, directory, 0), ENODEV, EACCES);
    close(directory);
    rmdir(DIRECTORY_PATH);

    int fds[2];
    pipe(fds);
    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fds[0], 0), ENODEV, EACCES);
    CHECK_MMAP_FAILS_WITH_EITHER(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fds[1], 0), ENODEV, EACCES);
    close(fds[0]);
    close(fds[1]);

    int null = open("/dev/null", O_RDWR);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, null, 0), ENODEV);
    close(null);
}

/* A device that can be mapped: /dev/zero is anonymous memory, private or
 * shared (as on Linux, where it is how shared memory was had before
 * MAP_ANONYMOUS). */
static void dev_zero_maps_as_anonymous_memory(void)
{
    int zero = open("/dev/zero", O_RDWR);
    char *private = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zero, 0);
    char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zero, 0);
    CHECK(private != MAP_FAILED && shared != MAP_FAILED, "mmap of /dev/zero: %s", strerror(errno));
    if (private != MAP_FAILED && shared != MAP_FAILED) {
        CHECK(private[0] == 0 && private[PAGE + 9] == 0 && shared[5] == 0, "/dev/zero's mappings read as zeros");
        private[0] = 'p';
        shared[0] = 's';
        CHECK(private[0] == 'p' && shared[0] == 's', "/dev/zero's mappings keep what is written");
        munmap(private, 2 * PAGE);
        munmap(shared, PAGE);
    }
    close(zero);
    /* and the descriptor's access mode counts, as for a file */
    int write_only = open("/dev/zero", O_WRONLY);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, write_only, 0), EACCES);
    close(write_only);
    int read_only = open("/dev/zero", O_RDONLY);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, read_only, 0), EACCES);
    close(read_only);
}

static void the_access_mode_of_the_descriptor_limits_the_mapping(void)
{
    int read_only = open(FILE_PATH, O_RDONLY);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, read_only, 0), EACCES);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, read_only, 0), EACCES);

    /* what an O_RDONLY descriptor does allow */
    char *shared = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, read_only, 0);
    CHECK(shared != MAP_FAILED, "PROT_READ, MAP_SHARED of an O_RDONLY file: expected success, got %s",
          strerror(errno));
    char *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, read_only, 0);
    CHECK(private != MAP_FAILED, "PROT_READ|PROT_WRITE, MAP_PRIVATE of an O_RDONLY file: expected success, got %s",
          strerror(errno));
    if (shared != MAP_FAILED)
        munmap(shared, PAGE);
    if (private != MAP_FAILED)
        munmap(private, PAGE);
    close(read_only);

    int write_only = open(FILE_PATH, O_WRONLY);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, write_only, 0), EACCES);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, write_only, 0), EACCES);
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, write_only, 0), EACCES);
    close(write_only);
}

static void munmap_refuses_what_is_not_a_user_range(void)
{
    char *memory = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(memory != MAP_FAILED, "mmap: got MAP_FAILED (%s)", strerror(errno));
    memory[0] = 'k';
    CHECK_ERROR(munmap(memory, 0), EINVAL);
    CHECK_ERROR(munmap(memory + 1, PAGE), EINVAL);
    CHECK_ERROR(munmap((void *)0xC0000000u, PAGE), EINVAL);      /* the kernel's half */
    CHECK_ERROR(munmap((void *)0xD0000000u, PAGE), EINVAL);
    CHECK_ERROR(munmap((void *)0xBFFFF000u, 2 * PAGE), EINVAL);  /* from the user's half into the kernel's */
    CHECK_ERROR(munmap(memory, 0xFFFFF001u), EINVAL);            /* a length that wraps around */
    CHECK_EQ('k', memory[0], "the mapping after the refused munmaps");
    munmap(memory, 2 * PAGE);
}

int main(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "some bytes", 10);
    void *warm = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *(volatile char *)warm = 1;               /* the page table under the mappings */
    munmap(warm, PAGE);
    struct kinfo_counters before = read_counters();

    bad_lengths_offsets_and_flags_are_einval(fd);
    a_descriptor_that_is_not_open_is_ebadf();
    what_is_not_a_regular_file_cannot_be_mapped();
    dev_zero_maps_as_anonymous_memory();
    the_access_mode_of_the_descriptor_limits_the_mapping();
    munmap_refuses_what_is_not_a_user_range();

    struct kinfo_counters after = read_counters();
    CHECK_NO_LEAK(before, after);
    close(fd);
    unlink(FILE_PATH);
    return test_finish("mmap_errors");
}
