/* tests/boot/disk_files_write_read_append_truncate_rename_unlink.c - the
 * everyday file calls on the disk (ext2 on /home) keep their POSIX rules:
 * what is written reads back, also from any offset and across block
 * boundaries; O_APPEND writes at the end; ftruncate shortens (the tail is
 * gone: growing again reads zeros) and lengthens (a hole of zeros); rename
 * moves a name within a directory, into another one and over an existing
 * file; an unlinked open file stays readable until its last close, and
 * its inode is freed only then; mkdir and rmdir give EEXIST, ENOTEMPTY and
 * ENOENT; stat tells size, type and links (a new directory has 2, and its
 * parent gains one); getcwd and chdir("..") cross the mount point; fsync
 * returns 0. */
#include "boot_disk.h"

#define DIRECTORY "/home/files"

/* A file of `size` pattern bytes at `path`. */
static void write_pattern_file(const char *path, unsigned size)
{
    static unsigned char buffer[8192];
    for (unsigned i = 0; i < size && i < sizeof buffer; i++)
        buffer[i] = pattern_byte(i);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "creating %s: expected a descriptor, got -1 (%s)", path, strerror(errno));
    CHECK_EQ(size, write(fd, buffer, size), "bytes written of the pattern file");
    close(fd);
}

static void a_file_written_reads_back(void)
{
    CHECK_EQ(0, write_file(DIRECTORY "/greeting", "hello, disk\n"), "writing " DIRECTORY "/greeting");
    char buffer[64];
    CHECK_EQ(12, read_file(DIRECTORY "/greeting", buffer, sizeof buffer), "bytes read back");
    CHECK(!strcmp(buffer, "hello, disk\n"), "contents: expected \"hello, disk\\n\", got \"%s\"", buffer);

    /* a second write at the start overwrites in place, the rest stays */
    int fd = open(DIRECTORY "/greeting", O_WRONLY);
    CHECK_EQ(5, write(fd, "HELLO", 5), "overwrite of the first 5 bytes");
    close(fd);
    read_file(DIRECTORY "/greeting", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "HELLO, disk\n"), "after overwriting: expected \"HELLO, disk\\n\", got \"%s\"", buffer);

    /* O_TRUNC empties it */
    fd = open(DIRECTORY "/greeting", O_WRONLY | O_TRUNC);
    close(fd);
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/greeting", &st), "stat after O_TRUNC");
    CHECK_EQ(0, st.st_size, "size after O_TRUNC");
}

static void o_append_writes_at_the_end_whatever_the_offset(void)
{
    write_file(DIRECTORY "/log", "first\n");
    int fd = open(DIRECTORY "/log", O_RDWR | O_APPEND);
    CHECK(fd >= 0, "open O_APPEND: expected a descriptor, got -1 (%s)", strerror(errno));
    CHECK_EQ(0, lseek(fd, 0, SEEK_SET), "lseek to 0");
    CHECK_EQ(7, write(fd, "second\n", 7), "append");
    CHECK_EQ(13, lseek(fd, 0, SEEK_CUR), "the offset after an append (the new end)");
    lseek(fd, 2, SEEK_SET);
    CHECK_EQ(6, write(fd, "third\n", 6), "append after lseek to 2");
    close(fd);
    char buffer[64];
    read_file(DIRECTORY "/log", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "first\nsecond\nthird\n"),
          "after two appends: expected \"first\\nsecond\\nthird\\n\", got \"%s\"", buffer);

    /* two descriptors appending take turns at the end */
    int a = open(DIRECTORY "/log", O_WRONLY | O_APPEND), b = open(DIRECTORY "/log", O_WRONLY | O_APPEND);
    write(a, "A", 1);
    write(b, "B", 1);
    write(a, "A", 1);
    close(a);
    close(b);
    read_file(DIRECTORY "/log", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "first\nsecond\nthird\nABA"),
          "two descriptors appending: expected \"first\\nsecond\\nthird\\nABA\", got \"%s\"", buffer);
}

static void reads_from_any_offset_return_the_bytes_there(void)
{
    enum { SIZE = 5000 };
    write_pattern_file(DIRECTORY "/pattern", SIZE);
    int fd = open(DIRECTORY "/pattern", O_RDONLY);
    static const unsigned offsets[] = { 0, 1, 1020, 1023, 1024, 2047, 3000, 4090 };
    for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        unsigned char buffer[16];
        CHECK_EQ(offsets[i], lseek(fd, offsets[i], SEEK_SET), "lseek");
        CHECK_EQ(sizeof buffer, read(fd, buffer, sizeof buffer), "read of 16 bytes (some across a block boundary)");
        for (unsigned j = 0; j < sizeof buffer; j++)
            if (buffer[j] != pattern_byte(offsets[i] + j)) {
                CHECK(0, "byte %u: expected 0x%02x, got 0x%02x", offsets[i] + j, pattern_byte(offsets[i] + j),
                      buffer[j]);
                break;
            }
    }
    /* a read that reaches the end is short, and the next one is 0 */
    unsigned char tail[100];
    lseek(fd, SIZE - 10, SEEK_SET);
    CHECK_EQ(10, read(fd, tail, sizeof tail), "read of 100 bytes 10 before the end");
    CHECK_EQ(0, read(fd, tail, sizeof tail), "read at the end");
    close(fd);
}

/* Checks that `count` bytes of `fd` from `offset` are zeros. */
static void check_zeros(int fd, unsigned offset, unsigned count, const char *what)
{
    static unsigned char buffer[8192];
    memset(buffer, 0x55, sizeof buffer);
    lseek(fd, offset, SEEK_SET);
    CHECK_EQ(count, read_fully(fd, buffer, count), what);
    for (unsigned i = 0; i < count; i++)
        if (buffer[i]) {
            CHECK(0, "%s: expected zeros, got 0x%02x at offset %u", what, buffer[i], offset + i);
            break;
        }
}

static void ftruncate_shorter_drops_the_tail_and_growing_again_reads_zeros(void)
{
    write_pattern_file(DIRECTORY "/shrinking", 5000);
    int fd = open(DIRECTORY "/shrinking", O_RDWR);
    CHECK_EQ(0, ftruncate(fd, 1500), "ftruncate 5000 -> 1500");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(1500, st.st_size, "size after ftruncate to 1500");
    unsigned char byte = 0;
    lseek(fd, 1499, SEEK_SET);
    CHECK_EQ(1, read(fd, &byte, 1), "read of the last byte kept");
    CHECK_EQ(pattern_byte(1499), byte, "the last byte kept");
    CHECK_EQ(0, read(fd, &byte, 1), "read past the new end");

    /* growing again must not bring the old bytes back */
    CHECK_EQ(0, ftruncate(fd, 5000), "ftruncate 1500 -> 5000");
    check_zeros(fd, 1500, 3500, "bytes 1500..4999 after shrinking to 1500 and growing to 5000");
    /* nor may a write past the end: the rest of the block stays zero */
    CHECK_EQ(0, ftruncate(fd, 1000), "ftruncate to 1000");
    lseek(fd, 3000, SEEK_SET);
    CHECK_EQ(1, write(fd, "x", 1), "write at 3000");
    check_zeros(fd, 1000, 2000, "bytes 1000..2999 after shrinking to 1000 and writing at 3000");
    fstat(fd, &st);
    CHECK_EQ(3001, st.st_size, "size after writing a byte at 3000");
    close(fd);
}

static void ftruncate_longer_leaves_a_hole_of_zeros(void)
{
    int fd = open(DIRECTORY "/growing", O_RDWR | O_CREAT, 0644);
    CHECK_EQ(3, write(fd, "abc", 3), "write");
    CHECK_EQ(0, ftruncate(fd, 20000), "ftruncate 3 -> 20000");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(20000, st.st_size, "size after growing");
    char start[3];
    lseek(fd, 0, SEEK_SET);
    read(fd, start, 3);
    CHECK(!memcmp(start, "abc", 3), "the bytes before the hole changed: got \"%.3s\"", start);
    check_zeros(fd, 3, 8000, "bytes 3..8002 of the hole");
    check_zeros(fd, 12000, 8000, "bytes 12000..19999 of the hole");
    close(fd);
}

static void rename_moves_names_within_a_directory_into_another_and_over_a_file(void)
{
    write_file(DIRECTORY "/before", "moved text");
    struct stat original, st;
    stat(DIRECTORY "/before", &original);
    CHECK_EQ(0, rename(DIRECTORY "/before", DIRECTORY "/after"), "rename within a directory");
    CHECK_ERROR(stat(DIRECTORY "/before", &st), ENOENT);
    CHECK_EQ(0, stat(DIRECTORY "/after", &st), "stat of the new name");
    CHECK_EQ(original.st_ino, st.st_ino, "the inode under the new name");

    CHECK_EQ(0, mkdir(DIRECTORY "/elsewhere", 0755), "mkdir elsewhere");
    CHECK_EQ(0, rename(DIRECTORY "/after", DIRECTORY "/elsewhere/moved"), "rename into another directory");
    CHECK_ERROR(stat(DIRECTORY "/after", &st), ENOENT);
    char buffer[64];
    read_file(DIRECTORY "/elsewhere/moved", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "moved text"), "contents after moving: expected \"moved text\", got \"%s\"", buffer);

    /* over an existing file: the name then opens the moved file, and a
     * reader of the replaced one keeps reading it */
    write_file(DIRECTORY "/elsewhere/replaced", "old contents");
    int old_reader = open(DIRECTORY "/elsewhere/replaced", O_RDONLY);
    CHECK_EQ(0, rename(DIRECTORY "/elsewhere/moved", DIRECTORY "/elsewhere/replaced"), "rename over a file");
    CHECK_EQ(0, stat(DIRECTORY "/elsewhere/replaced", &st), "stat of the replaced name");
    CHECK_EQ(original.st_ino, st.st_ino, "the inode under the replaced name (the moved file's)");
    CHECK_EQ(1, st.st_nlink, "links of the moved file");
    read_file(DIRECTORY "/elsewhere/replaced", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "moved text"), "the replaced name: expected \"moved text\", got \"%s\"", buffer);
    int count = read_fully(old_reader, buffer, sizeof buffer - 1);
    buffer[count] = 0;
    CHECK(!strcmp(buffer, "old contents"), "a reader of the replaced file: expected \"old contents\", got \"%s\"",
          buffer);
    close(old_reader);

    /* a directory moves with what it holds, and its ".." follows */
    mkdir(DIRECTORY "/box", 0755);
    write_file(DIRECTORY "/box/inside", "boxed");
    struct stat elsewhere_before, elsewhere_after;
    stat(DIRECTORY "/elsewhere", &elsewhere_before);
    CHECK_EQ(0, rename(DIRECTORY "/box", DIRECTORY "/elsewhere/box"), "rename of a directory");
    read_file(DIRECTORY "/elsewhere/box/inside", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "boxed"), "a file in a moved directory: expected \"boxed\", got \"%s\"", buffer);
    stat(DIRECTORY "/elsewhere", &elsewhere_after);
    CHECK_EQ(elsewhere_before.st_nlink + 1, elsewhere_after.st_nlink,
             "links of a directory that gained a subdirectory by rename");
    CHECK_EQ(0, stat(DIRECTORY "/elsewhere/box/..", &st), "stat of the moved directory's ..");
    CHECK_EQ(elsewhere_after.st_ino, st.st_ino, "the moved directory's .. (its new parent)");
}

static void an_unlinked_open_file_stays_readable_until_its_last_close(void)
{
    write_file(DIRECTORY "/doomed", "still here");
    struct statfs start = disk_usage("/home");
    int fd = open(DIRECTORY "/doomed", O_RDWR);
    CHECK_EQ(0, unlink(DIRECTORY "/doomed"), "unlink of an open file");
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/doomed", &st), ENOENT);
    CHECK_ERROR(unlink(DIRECTORY "/doomed"), ENOENT);
    CHECK_EQ(0, fstat(fd, &st), "fstat of the unlinked file");
    CHECK_EQ(0, st.st_nlink, "links of the unlinked open file");
    char buffer[64];
    int count = read_fully(fd, buffer, sizeof buffer - 1);
    buffer[count] = 0;
    CHECK(!strcmp(buffer, "still here"), "reading the unlinked file: expected \"still here\", got \"%s\"", buffer);
    CHECK_EQ(5, write(fd, " too.", 5), "writing the unlinked file");
    lseek(fd, 0, SEEK_SET);
    count = read_fully(fd, buffer, sizeof buffer - 1);
    buffer[count] = 0;
    CHECK(!strcmp(buffer, "still here too."), "expected \"still here too.\", got \"%s\"", buffer);
    CHECK_EQ(start.f_ffree, disk_usage("/home").f_ffree, "free inodes while the unlinked file is open (still used)");
    close(fd);
    CHECK_EQ(start.f_ffree + 1, disk_usage("/home").f_ffree, "free inodes after the last close (one freed)");
    CHECK_EQ(start.f_bfree + 1, disk_usage("/home").f_bfree, "free blocks after the last close (its block freed)");
}

static void mkdir_and_rmdir_give_eexist_enotempty_and_enoent(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY "/made", 0755), "mkdir");
    CHECK_ERROR(mkdir(DIRECTORY "/made", 0755), EEXIST);
    write_file(DIRECTORY "/made/file", "x");
    CHECK_ERROR(mkdir(DIRECTORY "/made/file", 0755), EEXIST);
    CHECK_ERROR(rmdir(DIRECTORY "/made"), ENOTEMPTY);
    CHECK_ERROR(rmdir(DIRECTORY "/made/file"), ENOTDIR);
    CHECK_ERROR(rmdir(DIRECTORY "/missing"), ENOENT);
    CHECK_ERROR(mkdir(DIRECTORY "/missing/child", 0755), ENOENT);
    CHECK_ERROR(unlink(DIRECTORY "/made"), EISDIR);
    CHECK_EQ(0, unlink(DIRECTORY "/made/file"), "unlink of the file inside");
    CHECK_EQ(0, rmdir(DIRECTORY "/made"), "rmdir once empty");
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/made", &st), ENOENT);
    CHECK_ERROR(rmdir(DIRECTORY "/made"), ENOENT);
}

static void stat_tells_size_type_and_links(void)
{
    struct stat parent_before, parent_after, st;
    stat(DIRECTORY, &parent_before);
    struct statfs disk_before = disk_usage("/home");
    CHECK_EQ(0, mkdir(DIRECTORY "/counted", 0750), "mkdir");
    CHECK_EQ(disk_before.f_bfree - 1, disk_usage("/home").f_bfree, "free blocks after mkdir (one for its entries)");
    CHECK_EQ(0, stat(DIRECTORY "/counted", &st), "stat of the new directory");
    CHECK(S_ISDIR(st.st_mode), "a new directory: expected S_ISDIR, got mode 0%o", st.st_mode);
    CHECK_EQ(0750, st.st_mode & 0777, "the new directory's permissions");
    CHECK_EQ(2, st.st_nlink, "links of a new directory (its entry and its \".\")");
    stat(DIRECTORY, &parent_after);
    CHECK_EQ(parent_before.st_nlink + 1, parent_after.st_nlink, "the parent's links after mkdir (the new \"..\")");
    CHECK_EQ(0, rmdir(DIRECTORY "/counted"), "rmdir");
    stat(DIRECTORY, &parent_after);
    CHECK_EQ(parent_before.st_nlink, parent_after.st_nlink, "the parent's links after rmdir");
    CHECK_EQ(disk_before.f_bfree, disk_usage("/home").f_bfree, "free blocks after rmdir (its block back)");

    write_pattern_file(DIRECTORY "/sized", 4321);
    CHECK_EQ(0, stat(DIRECTORY "/sized", &st), "stat of a file");
    CHECK(S_ISREG(st.st_mode), "a file: expected S_ISREG, got mode 0%o", st.st_mode);
    CHECK_EQ(4321, st.st_size, "size of a 4321-byte file");
    CHECK_EQ(1, st.st_nlink, "links of a file");
    CHECK(st.st_ino > 0, "st_ino: expected a number, got %u", st.st_ino);
    struct stat root;
    stat("/", &root);
    CHECK(st.st_dev != root.st_dev, "st_dev of a file on the disk: expected other than /'s %u, got %u",
          root.st_dev, st.st_dev);
}

static void getcwd_and_chdir_dotdot_cross_the_mount_point(void)
{
    mkdir(DIRECTORY "/a", 0755);
    mkdir(DIRECTORY "/a/b", 0755);
    CHECK_EQ(0, chdir(DIRECTORY "/a/b"), "chdir " DIRECTORY "/a/b");
    char path[128];
    CHECK(getcwd(path, sizeof path) && !strcmp(path, DIRECTORY "/a/b"),
          "getcwd: expected \"" DIRECTORY "/a/b\", got \"%s\"", path);
    CHECK_EQ(0, write_file("relative", "by a relative name"), "creating a file by a relative name");
    char buffer[64];
    read_file(DIRECTORY "/a/b/relative", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "by a relative name"), "a file made by a relative name: got \"%s\"", buffer);
    static const char *const expected[] = { DIRECTORY "/a", DIRECTORY, "/home", "/", "/" };
    for (unsigned i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        CHECK_EQ(0, chdir(".."), "chdir(\"..\")");
        CHECK(getcwd(path, sizeof path) && !strcmp(path, expected[i]),
              "getcwd after %u chdir(\"..\"): expected \"%s\", got \"%s\"", i + 1, expected[i], path);
    }
    struct stat st;
    CHECK_EQ(0, stat("home", &st), "stat of \"home\" from /");
    CHECK(S_ISDIR(st.st_mode), "home: expected a directory, got mode 0%o", st.st_mode);
}

static void fsync_and_fdatasync_return_0(void)
{
    int fd = open(DIRECTORY "/synced", O_WRONLY | O_CREAT, 0644);
    write(fd, "durable", 7);
    CHECK_EQ(0, fsync(fd), "fsync of a file");
    CHECK_EQ(0, fdatasync(fd), "fdatasync of a file");
    close(fd);
    int directory = open(DIRECTORY, O_RDONLY);
    CHECK_EQ(0, fsync(directory), "fsync of a directory");
    close(directory);
    sync();
}

int main(void)
{
    require_home_on_the_disk("disk_files_write_read_append_truncate_rename_unlink");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    a_file_written_reads_back();
    o_append_writes_at_the_end_whatever_the_offset();
    reads_from_any_offset_return_the_bytes_there();
    ftruncate_shorter_drops_the_tail_and_growing_again_reads_zeros();
    ftruncate_longer_leaves_a_hole_of_zeros();
    rename_moves_names_within_a_directory_into_another_and_over_a_file();
    an_unlinked_open_file_stays_readable_until_its_last_close();
    mkdir_and_rmdir_give_eexist_enotempty_and_enoent();
    stat_tells_size_type_and_links();
    getcwd_and_chdir_dotdot_cross_the_mount_point();
    fsync_and_fdatasync_return_0();
    return test_finish("disk_files_write_read_append_truncate_rename_unlink");
}
