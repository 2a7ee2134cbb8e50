/* tests/boot/fs_rename_unlink.c - rename moves a name into another
 * directory; over an existing file it replaces it atomically (the name
 * always opens, to the old file or to the new one, and whoever had the old
 * one open keeps reading it); a directory cannot move into its own subtree
 * (EINVAL); a missing source is ENOENT; unlink removes names of files and
 * refuses directories with EISDIR. */
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/fs_rename_unlink"

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "creating %s failed: %s", path, strerror(errno));
    write(fd, text, strlen(text));
    close(fd);
}

/* The contents of `path` (up to size-1 bytes), or "" with -1 if it cannot
 * be opened. */
static int read_file(const char *path, char *buffer, int size)
{
    buffer[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int count = read(fd, buffer, size - 1);
    buffer[count > 0 ? count : 0] = 0;
    close(fd);
    return count;
}

static void rename_moves_a_file_into_another_directory(void)
{
    mkdir(DIRECTORY "/here", 0755);
    mkdir(DIRECTORY "/there", 0755);
    write_file(DIRECTORY "/here/file", "moving");
    struct stat before, after;
    stat(DIRECTORY "/here/file", &before);
    CHECK_EQ(0, rename(DIRECTORY "/here/file", DIRECTORY "/there/moved"), "rename into another directory");
    CHECK_ERROR(stat(DIRECTORY "/here/file", &after), ENOENT);
    CHECK_EQ(0, stat(DIRECTORY "/there/moved", &after), "stat of the new name");
    CHECK_EQ(before.st_ino, after.st_ino, "the inode under the new name (the same file)");
    char buffer[32];
    read_file(DIRECTORY "/there/moved", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "moving"), "contents under the new name: expected \"moving\", got \"%s\"", buffer);

    /* a directory moves with what it holds */
    mkdir(DIRECTORY "/here/box", 0755);
    write_file(DIRECTORY "/here/box/content", "boxed");
    CHECK_EQ(0, rename(DIRECTORY "/here/box", DIRECTORY "/there/box"), "rename a directory");
    read_file(DIRECTORY "/there/box/content", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "boxed"), "a file inside a moved directory: expected \"boxed\", got \"%s\"", buffer);

    /* renaming a name to itself changes nothing */
    CHECK_EQ(0, rename(DIRECTORY "/there/moved", DIRECTORY "/there/moved"), "rename to the same name");
    CHECK_EQ(0, stat(DIRECTORY "/there/moved", &after), "the file after renaming it to itself");

    unlink(DIRECTORY "/there/box/content");
    rmdir(DIRECTORY "/there/box");
    unlink(DIRECTORY "/there/moved");
    rmdir(DIRECTORY "/there");
    rmdir(DIRECTORY "/here");
}

static void rename_over_an_existing_file_replaces_it_and_its_readers_keep_the_old_one(void)
{
    write_file(DIRECTORY "/target", "old contents");
    write_file(DIRECTORY "/replacement", "new contents");
    struct stat replacement;
    stat(DIRECTORY "/replacement", &replacement);
    int old_reader = open(DIRECTORY "/target", O_RDONLY);
    CHECK_EQ(0, rename(DIRECTORY "/replacement", DIRECTORY "/target"), "rename over an existing file");
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/target", &st), "stat of the replaced name");
    CHECK_EQ(replacement.st_ino, st.st_ino, "the replaced name's inode (the replacement's)");
    CHECK_ERROR(stat(DIRECTORY "/replacement", &st), ENOENT);
    char buffer[32];
    read_file(DIRECTORY "/target", buffer, sizeof buffer);
    CHECK(!strcmp(buffer, "new contents"), "the name after rename: expected \"new contents\", got \"%s\"", buffer);
    int count = read(old_reader, buffer, sizeof buffer - 1);
    buffer[count > 0 ? count : 0] = 0;
    CHECK(!strcmp(buffer, "old contents"),
          "a descriptor open on the replaced file: expected \"old contents\", got \"%s\"", buffer);
    close(old_reader);
    unlink(DIRECTORY "/target");
}

/* A child opens the name over and over while the parent renames new
 * versions over it: the name never goes missing, and each open finds one
 * whole version. */
static void rename_over_a_name_never_lets_it_go_missing(void)
{
    enum { VERSIONS = 300 };
    write_file(DIRECTORY "/published", "version 0\n");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int missing = 0, torn = 0, last = 0;
        char buffer[32];
        for (long round = 0; last < VERSIONS - 1 && round < 1000000; round++) {
            if (read_file(DIRECTORY "/published", buffer, sizeof buffer) < 0) {
                missing++;
                continue;
            }
            int version, length = -1;
            if (sscanf(buffer, "version %d\n%n", &version, &length) != 1 || length != (int)strlen(buffer) ||
                version < last)
                torn++;
            else
                last = version;
        }
        if (missing || torn || last != VERSIONS - 1)
            printf("FAIL reader: expected the name always there with whole versions up to %d, "
                   "got %d opens with ENOENT, %d torn or out-of-order versions, last %d\n",
                   VERSIONS - 1, missing, torn, last);
        fflush(stdout);
        _exit(missing || torn || last != VERSIONS - 1);
    }
    char path[64], text[32];
    for (int i = 1; i < VERSIONS; i++) {
        snprintf(path, sizeof path, DIRECTORY "/.new-%d", i);
        snprintf(text, sizeof text, "version %d\n", i);
        write_file(path, text);
        if (rename(path, DIRECTORY "/published") != 0) {
            CHECK(0, "rename of version %d: expected 0, got -1 (%s)", i, strerror(errno));
            break;
        }
        if (i % 16 == 0)
            sched_yield();
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the reader of a name replaced %d times: expected exit 0, got status 0x%x", VERSIONS - 1, status);
    unlink(DIRECTORY "/published");
}

static void rename_of_a_directory_into_its_own_subdirectory_fails_with_einval(void)
{
    mkdir(DIRECTORY "/parent", 0755);
    mkdir(DIRECTORY "/parent/child", 0755);
    CHECK_ERROR(rename(DIRECTORY "/parent", DIRECTORY "/parent/child/grandchild"), EINVAL);
    CHECK_ERROR(rename(DIRECTORY "/parent", DIRECTORY "/parent/inside"), EINVAL);
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/parent/child", &st), "the directory after a refused rename (still there)");
    rmdir(DIRECTORY "/parent/child");
    rmdir(DIRECTORY "/parent");
}

static void rename_of_a_missing_source_fails_with_enoent(void)
{
    CHECK_ERROR(rename(DIRECTORY "/missing", DIRECTORY "/anything"), ENOENT);
    write_file(DIRECTORY "/present", "x");
    CHECK_ERROR(rename(DIRECTORY "/present", DIRECTORY "/no_such_directory/x"), ENOENT);
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/present", &st), "the source after a failed rename (still there)");
    unlink(DIRECTORY "/present");
}

static void rename_between_a_file_and_a_directory_is_refused(void)
{
    write_file(DIRECTORY "/file", "x");
    mkdir(DIRECTORY "/directory", 0755);
    CHECK_ERROR(rename(DIRECTORY "/file", DIRECTORY "/directory"), EISDIR);
    CHECK_ERROR(rename(DIRECTORY "/directory", DIRECTORY "/file"), ENOTDIR);
    mkdir(DIRECTORY "/full", 0755);
    write_file(DIRECTORY "/full/x", "x");
    CHECK_ERROR(rename(DIRECTORY "/directory", DIRECTORY "/full"), ENOTEMPTY);
    unlink(DIRECTORY "/full/x");
    CHECK_EQ(0, rename(DIRECTORY "/directory", DIRECTORY "/full"), "rename a directory over an empty one");
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/directory", &st), ENOENT);
    rmdir(DIRECTORY "/full");
    unlink(DIRECTORY "/file");
}

static void unlink_removes_a_files_name_and_refuses_a_directory_with_eisdir(void)
{
    write_file(DIRECTORY "/doomed", "x");
    CHECK_EQ(0, unlink(DIRECTORY "/doomed"), "unlink");
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/doomed", &st), ENOENT);
    CHECK_ERROR(unlink(DIRECTORY "/doomed"), ENOENT);
    mkdir(DIRECTORY "/kept", 0755);
    CHECK_ERROR(unlink(DIRECTORY "/kept"), EISDIR);
    CHECK_EQ(0, stat(DIRECTORY "/kept", &st), "the directory after a refused unlink (still there)");
    rmdir(DIRECTORY "/kept");
    CHECK_EQ(0, mkfifo(DIRECTORY "/fifo", 0600), "mkfifo");
    CHECK_EQ(0, unlink(DIRECTORY "/fifo"), "unlink of a FIFO");
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct kinfo_counters before = read_counters();
    rename_moves_a_file_into_another_directory();
    rename_over_an_existing_file_replaces_it_and_its_readers_keep_the_old_one();
    rename_over_a_name_never_lets_it_go_missing();
    rename_of_a_directory_into_its_own_subdirectory_fails_with_einval();
    rename_of_a_missing_source_fails_with_enoent();
    rename_between_a_file_and_a_directory_is_refused();
    unlink_removes_a_files_name_and_refuses_a_directory_with_eisdir();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_EQ(before.inodes, after.inodes, "file system nodes after removing everything made");
    CHECK_EQ(before.open_files, after.open_files, "open files after closing everything");
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir " DIRECTORY " (it should be empty again)");
    return test_finish("fs_rename_unlink");
}
