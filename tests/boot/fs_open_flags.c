/* tests/boot/fs_open_flags.c - open(2)'s flags and access modes: O_CREAT
 * makes a missing file, O_EXCL refuses an existing one, O_TRUNC empties,
 * O_APPEND puts every write at the end (also with two descriptors); a
 * descriptor opened for one direction refuses the other with EBADF; a
 * missing file is ENOENT, a path through a file ENOTDIR (also a file's name
 * with a slash after it: such a path names only a directory), a directory
 * opened for writing EISDIR; O_DIRECTORY on what is not a directory is
 * ENOTDIR before anything else happens (no truncation, no wait on a
 * FIFO), and with O_CREAT EINVAL; O_CREAT on an existing directory EISDIR.
 * Every test works in its own directory under /tmp. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/fs_open_flags"

/* Reads the whole file at `path` into `buffer` (NUL-terminated); returns
 * the byte count, or -1. */
static int read_file(const char *path, char *buffer, int size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int total = 0, count;
    while (total < size - 1 && (count = read(fd, buffer + total, size - 1 - total)) > 0)
        total += count;
    buffer[total] = 0;
    close(fd);
    return total;
}

/* open() that must fail with `error`; a descriptor it returns anyway is
 * closed, so that one failure does not leave others behind. */
#define CHECK_OPEN_FAILS(path, flags, error)                                              \
    do {                                                                                  \
        errno = 0;                                                                        \
        int fd_ = open(path, flags, 0644);                                                \
        CHECK(fd_ == -1 && errno == (error), "open(%s, %s): expected -1 with errno %d (%s), got %d with errno %d", \
              path, #flags, error, strerror(error), fd_, errno);                          \
        if (fd_ >= 0)                                                                     \
            close(fd_);                                                                   \
    } while (0)

/* Creates `path` holding exactly `text`. */
static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "creating %s: expected a descriptor, got -1 (%s)", path, strerror(errno));
    if (fd < 0)
        return;
    CHECK_EQ((long)strlen(text), write(fd, text, strlen(text)), "bytes written");
    close(fd);
}

static void open_with_o_creat_makes_an_empty_regular_file(void)
{
    const char *path = DIRECTORY "/created";
    CHECK_ERROR(open(path, O_RDONLY), ENOENT);
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    CHECK(fd >= 0, "open(O_CREAT) of a missing file: expected a descriptor, got -1 (%s)", strerror(errno));
    struct stat st;
    CHECK_EQ(0, stat(path, &st), "stat of the new file");
    CHECK(S_ISREG(st.st_mode), "the new file: expected S_ISREG, got mode 0%o", st.st_mode);
    CHECK_EQ(0, st.st_size, "the new file's size");
    close(fd);

    /* O_CREAT on an existing file opens it and leaves it alone */
    write_file(path, "kept");
    fd = open(path, O_RDWR | O_CREAT, 0644);
    CHECK(fd >= 0, "open(O_CREAT) of an existing file failed: %s", strerror(errno));
    close(fd);
    char buffer[32];
    CHECK_EQ(4, read_file(path, buffer, sizeof buffer), "size after a second O_CREAT");
    CHECK(!strcmp(buffer, "kept"), "contents after a second O_CREAT: expected \"kept\", got \"%s\"", buffer);
    unlink(path);
}

static void open_with_o_creat_o_excl_on_an_existing_file_fails_with_eexist(void)
{
    const char *path = DIRECTORY "/exclusive";
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    CHECK(fd >= 0, "O_CREAT|O_EXCL of a missing file: expected a descriptor, got -1 (%s)", strerror(errno));
    close(fd);
    CHECK_ERROR(open(path, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK_ERROR(open(DIRECTORY, O_RDONLY | O_CREAT | O_EXCL, 0755), EEXIST);
    unlink(path);
}

static void open_with_o_trunc_empties_the_file(void)
{
    const char *path = DIRECTORY "/truncated";
    write_file(path, "some old contents");
    int fd = open(path, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0, "open(O_TRUNC) failed: %s", strerror(errno));
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat");
    CHECK_EQ(0, st.st_size, "size right after open(O_TRUNC)");
    CHECK_EQ(3, write(fd, "new", 3), "write after O_TRUNC");
    close(fd);
    char buffer[64];
    CHECK_EQ(3, read_file(path, buffer, sizeof buffer), "size after writing 3 bytes");
    CHECK(!strcmp(buffer, "new"), "contents: expected \"new\", got \"%s\"", buffer);
    unlink(path);
}

static void o_append_puts_every_write_at_the_end(void)
{
    const char *path = DIRECTORY "/appended";
    write_file(path, "start.");
    int fd = open(path, O_RDWR | O_APPEND);
    CHECK(fd >= 0, "open(O_APPEND) failed: %s", strerror(errno));
    CHECK_EQ(0, lseek(fd, 0, SEEK_SET), "lseek to 0");
    CHECK_EQ(3, write(fd, "one", 3), "write");
    CHECK_EQ(9, lseek(fd, 0, SEEK_CUR), "offset after an O_APPEND write (the new end)");
    CHECK_EQ(2, lseek(fd, 2, SEEK_SET), "lseek to 2");
    CHECK_EQ(3, write(fd, "two", 3), "write");
    close(fd);
    char buffer[64];
    read_file(path, buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "start.onetwo"),
          "O_APPEND after lseek to 0 and 2: expected \"start.onetwo\", got \"%s\"", buffer);
    unlink(path);
}

static void o_append_through_two_descriptors_never_overwrites(void)
{
    const char *path = DIRECTORY "/log";
    write_file(path, "");
    int first = open(path, O_WRONLY | O_APPEND);
    int second = open(path, O_WRONLY | O_APPEND);
    CHECK(first >= 0 && second >= 0, "two open(O_APPEND): %d %d", first, second);
    /* each descriptor has its own offset; O_APPEND moves it to the end anew */
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(2, write(first, "a\n", 2), "write through the first descriptor");
        CHECK_EQ(2, write(second, "b\n", 2), "write through the second descriptor");
    }
    close(first);
    close(second);
    char buffer[64];
    CHECK_EQ(20, read_file(path, buffer, sizeof buffer), "size after 10 appends of 2 bytes");
    CHECK(!strcmp(buffer, "a\nb\na\nb\na\nb\na\nb\na\nb\n"),
          "two appenders: expected alternating a/b lines, got \"%s\"", buffer);
    unlink(path);
}

static void a_descriptor_refuses_the_direction_it_was_not_opened_for(void)
{
    const char *path = DIRECTORY "/one_way";
    write_file(path, "data");
    char buffer[8];
    int read_only = open(path, O_RDONLY);
    CHECK_ERROR(write(read_only, "x", 1), EBADF);
    CHECK_EQ(4, read(read_only, buffer, sizeof buffer), "read on O_RDONLY");
    close(read_only);

    int write_only = open(path, O_WRONLY);
    CHECK_ERROR(read(write_only, buffer, sizeof buffer), EBADF);
    CHECK_EQ(1, write(write_only, "D", 1), "write on O_WRONLY");
    close(write_only);

    CHECK_ERROR(read(write_only, buffer, 1), EBADF);      /* closed now */
    CHECK_ERROR(write(-1, "x", 1), EBADF);
    unlink(path);
}

static void open_of_a_missing_file_fails_with_enoent(void)
{
    CHECK_ERROR(open(DIRECTORY "/no_such_file", O_RDONLY), ENOENT);
    CHECK_ERROR(open(DIRECTORY "/no_such_directory/file", O_RDONLY), ENOENT);
    CHECK_ERROR(open(DIRECTORY "/no_such_directory/file", O_WRONLY | O_CREAT, 0644), ENOENT);
    CHECK_ERROR(open("", O_RDONLY), ENOENT);
}

static void a_path_through_a_regular_file_fails_with_enotdir(void)
{
    const char *path = DIRECTORY "/plain";
    write_file(path, "x");
    CHECK_ERROR(open(DIRECTORY "/plain/inside", O_RDONLY), ENOTDIR);
    CHECK_ERROR(open(DIRECTORY "/plain/inside", O_WRONLY | O_CREAT, 0644), ENOTDIR);
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/plain/inside", &st), ENOTDIR);
    CHECK_ERROR(mkdir(DIRECTORY "/plain/inside", 0755), ENOTDIR);
    unlink(path);
}

static void a_path_ending_in_a_slash_names_only_a_directory(void)
{
    const char *path = DIRECTORY "/plain";
    write_file(path, "x");
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/plain/", &st), ENOTDIR);
    CHECK_OPEN_FAILS(DIRECTORY "/plain/", O_RDONLY, ENOTDIR);
    CHECK_ERROR(unlink(DIRECTORY "/plain/"), ENOTDIR);
    CHECK_EQ(0, stat(path, &st), "the file after unlink(\"plain/\") was refused (still there)");
    CHECK_OPEN_FAILS(DIRECTORY "/created_by_slash/", O_WRONLY | O_CREAT, EISDIR);
    errno = 0;
    CHECK(stat(DIRECTORY "/created_by_slash", &st) == -1 && errno == ENOENT,
          "open(\"created_by_slash/\", O_CREAT) must create nothing: expected stat to fail with ENOENT, got "
          "errno %d (mode 0%o)", errno, errno ? 0 : st.st_mode);
    unlink(DIRECTORY "/created_by_slash");
    /* a directory's name may end in slashes */
    CHECK_EQ(0, stat(DIRECTORY "//", &st), "stat of a directory's name with slashes after it");
    CHECK(S_ISDIR(st.st_mode), "stat(\"dir//\"): expected a directory, got mode 0%o", st.st_mode);
    unlink(path);
}

static void opening_a_directory_for_writing_fails_with_eisdir(void)
{
    CHECK_ERROR(open(DIRECTORY, O_WRONLY), EISDIR);
    CHECK_ERROR(open(DIRECTORY, O_RDWR), EISDIR);
    CHECK_ERROR(open("/tmp", O_WRONLY | O_CREAT, 0644), EISDIR);
    int fd = open(DIRECTORY, O_RDONLY);
    CHECK(fd >= 0, "a directory opened O_RDONLY: expected a descriptor, got -1 (%s)", strerror(errno));
    char buffer[8];
    CHECK_ERROR(read(fd, buffer, sizeof buffer), EISDIR);
    close(fd);
}

static void o_directory_refuses_a_file_before_touching_it(void)
{
    const char *path = DIRECTORY "/kept";
    const char *fifo = DIRECTORY "/fifo";
    const char *missing = DIRECTORY "/missing";
    write_file(path, "abc");
    CHECK_ERROR(open(path, O_WRONLY | O_TRUNC | O_DIRECTORY), ENOTDIR);
    char buffer[8];
    CHECK_EQ(3, read_file(path, buffer, sizeof buffer), "bytes left after O_TRUNC|O_DIRECTORY was refused");
    CHECK_EQ(0, mkfifo(fifo, 0600), "mkfifo");
    alarm(10);                                  /* a wait for a writer would end the test here */
    CHECK_ERROR(open(fifo, O_RDONLY | O_DIRECTORY), ENOTDIR);
    alarm(0);
    CHECK_ERROR(open(missing, O_RDWR | O_CREAT | O_DIRECTORY, 0644), EINVAL);
    struct stat st;
    CHECK_ERROR(stat(missing, &st), ENOENT);
    CHECK_ERROR(open(DIRECTORY, O_RDONLY | O_CREAT, 0644), EISDIR);
    unlink(path);
    unlink(fifo);
}

int main(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct kinfo_counters before = read_counters();

    open_with_o_creat_makes_an_empty_regular_file();
    open_with_o_creat_o_excl_on_an_existing_file_fails_with_eexist();
    open_with_o_trunc_empties_the_file();
    o_append_puts_every_write_at_the_end();
    o_append_through_two_descriptors_never_overwrites();
    a_descriptor_refuses_the_direction_it_was_not_opened_for();
    open_of_a_missing_file_fails_with_enoent();
    a_path_through_a_regular_file_fails_with_enotdir();
    a_path_ending_in_a_slash_names_only_a_directory();
    opening_a_directory_for_writing_fails_with_eisdir();
    o_directory_refuses_a_file_before_touching_it();

    /* every file made above was removed again: nothing is left behind */
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.inodes, after.inodes, "file system nodes after removing every file");
    CHECK_EQ(before.open_files, after.open_files, "open files after closing every descriptor");
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir " DIRECTORY " (it should be empty again)");
    return test_finish("fs_open_flags");
}
