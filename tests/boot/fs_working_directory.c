/* tests/boot/fs_working_directory.c - the working directory: chdir makes
 * relative paths start there and getcwd names it, a child inherits it,
 * ".." goes up (the root's ".." is the root, a moved directory's ".." its
 * new parent). The working directory is a directory, not a name: it
 * follows the directory when it is renamed, and once removed it is not
 * replaced by a new directory of the same name. */
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/fs_working_directory"

static int touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    return close(fd);
}

static void chdir_makes_relative_paths_start_there_and_getcwd_names_it(void)
{
    char cwd[256];
    mkdir(DIRECTORY "/work", 0755);
    mkdir(DIRECTORY "/work/deeper", 0755);
    CHECK_EQ(0, chdir(DIRECTORY "/work"), "chdir");
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "getcwd failed: %s", strerror(errno));
    CHECK(!strcmp(cwd, DIRECTORY "/work"), "getcwd: expected \"" DIRECTORY "/work\", got \"%s\"", cwd);

    CHECK_EQ(0, touch("relative"), "creating a file by a relative path");
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/work/relative", &st), "the relative path's file, by its absolute path");
    CHECK_EQ(0, chdir("deeper"), "chdir by a relative path");
    getcwd(cwd, sizeof cwd);
    CHECK(!strcmp(cwd, DIRECTORY "/work/deeper"), "getcwd: expected \"" DIRECTORY "/work/deeper\", got \"%s\"", cwd);
    CHECK_EQ(0, stat("../relative", &st), "stat ../relative");
    CHECK_EQ(0, stat("./../deeper/.././relative", &st), "stat ./../deeper/.././relative");

    CHECK_EQ(0, chdir(".."), "chdir ..");
    getcwd(cwd, sizeof cwd);
    CHECK(!strcmp(cwd, DIRECTORY "/work"), "getcwd after chdir ..: expected \"" DIRECTORY "/work\", got \"%s\"", cwd);
    CHECK_ERROR(chdir("relative"), ENOTDIR);
    CHECK_ERROR(chdir("missing"), ENOENT);
    CHECK_ERROR(getcwd(cwd, 3) == NULL ? -1 : 0, ERANGE);

    /* a child inherits the working directory */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct stat child_st;
        _exit(stat("relative", &child_st) == 0 ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a child's stat(\"relative\") in the inherited working directory: expected success, status 0x%x", status);

    CHECK_EQ(0, chdir("/"), "chdir /");
    unlink(DIRECTORY "/work/relative");
    rmdir(DIRECTORY "/work/deeper");
    rmdir(DIRECTORY "/work");
}

static void dot_dot_goes_up_and_the_roots_dot_dot_is_the_root(void)
{
    struct stat root, above_root, tmp_by_dots, tmp;
    CHECK_EQ(0, stat("/", &root), "stat /");
    CHECK_EQ(0, stat("/..", &above_root), "stat /..");
    CHECK_EQ(root.st_ino, above_root.st_ino, "inode of /.. (the root's)");
    CHECK_EQ(0, stat("/tmp", &tmp), "stat /tmp");
    CHECK_EQ(0, stat(DIRECTORY "/..", &tmp_by_dots), "stat " DIRECTORY "/..");
    CHECK_EQ(tmp.st_ino, tmp_by_dots.st_ino, "inode of " DIRECTORY "/.. (/tmp's)");
    CHECK_EQ(0, chdir("/tmp/../../.."), "chdir above the root");
    char cwd[256];
    getcwd(cwd, sizeof cwd);
    CHECK(!strcmp(cwd, "/"), "getcwd after chdir /tmp/../../..: expected \"/\", got \"%s\"", cwd);

    /* a moved directory's ".." is its new parent */
    mkdir(DIRECTORY "/from", 0755);
    mkdir(DIRECTORY "/to", 0755);
    mkdir(DIRECTORY "/from/moving", 0755);
    CHECK_EQ(0, rename(DIRECTORY "/from/moving", DIRECTORY "/to/moving"), "rename a directory");
    struct stat to, moved_parent;
    stat(DIRECTORY "/to", &to);
    CHECK_EQ(0, stat(DIRECTORY "/to/moving/..", &moved_parent), "stat moving/..");
    CHECK_EQ(to.st_ino, moved_parent.st_ino, "inode of a moved directory's .. (its new parent's)");
    rmdir(DIRECTORY "/to/moving");
    rmdir(DIRECTORY "/to");
    rmdir(DIRECTORY "/from");
}

static void the_working_directory_follows_its_directory_when_renamed(void)
{
    mkdir(DIRECTORY "/old_name", 0755);
    touch(DIRECTORY "/old_name/inside");
    CHECK_EQ(0, chdir(DIRECTORY "/old_name"), "chdir");
    CHECK_EQ(0, rename(DIRECTORY "/old_name", DIRECTORY "/new_name"), "rename the working directory");
    struct stat st;
    CHECK_EQ(0, stat("inside", &st), "stat of a relative path in the renamed working directory");
    char cwd[256] = "";
    getcwd(cwd, sizeof cwd);
    CHECK(!strcmp(cwd, DIRECTORY "/new_name"),
          "getcwd after the working directory was renamed: expected \"" DIRECTORY "/new_name\", got \"%s\"", cwd);
    chdir("/");
    unlink(DIRECTORY "/new_name/inside");
    rmdir(DIRECTORY "/new_name");
    unlink(DIRECTORY "/old_name/inside");
    rmdir(DIRECTORY "/old_name");
}

static void a_removed_working_directory_is_not_replaced_by_a_new_one_of_its_name(void)
{
    mkdir(DIRECTORY "/gone", 0755);
    CHECK_EQ(0, chdir(DIRECTORY "/gone"), "chdir");
    CHECK_EQ(0, rmdir(DIRECTORY "/gone"), "rmdir of the working directory");
    CHECK_EQ(0, mkdir(DIRECTORY "/gone", 0755), "mkdir of a new directory with the old name");
    errno = 0;
    int fd = open("created_in_a_removed_directory", O_WRONLY | O_CREAT, 0644);
    CHECK(fd == -1 && errno == ENOENT, "open(O_CREAT) by a relative path in a removed working directory: expected -1 "
          "with ENOENT, got %d with errno %d", fd, errno);
    if (fd >= 0)
        close(fd);
    struct stat st;
    errno = 0;
    CHECK(stat(DIRECTORY "/gone/created_in_a_removed_directory", &st) == -1 && errno == ENOENT,
          "a file created by a relative path in a removed working directory: expected none in the new directory of "
          "that name, but stat found one");
    char cwd[256];
    CHECK_ERROR(getcwd(cwd, sizeof cwd) == NULL ? -1 : 0, ENOENT);
    chdir("/");
    unlink(DIRECTORY "/gone/created_in_a_removed_directory");
    rmdir(DIRECTORY "/gone");
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct kinfo_counters before = read_counters();
    chdir_makes_relative_paths_start_there_and_getcwd_names_it();
    dot_dot_goes_up_and_the_roots_dot_dot_is_the_root();
    the_working_directory_follows_its_directory_when_renamed();
    a_removed_working_directory_is_not_replaced_by_a_new_one_of_its_name();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_EQ(before.inodes, after.inodes, "file system nodes after removing everything made");
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir " DIRECTORY " (it should be empty again)");
    return test_finish("fs_working_directory");
}
