/* tests/boot/fs_open_creat_through_a_dangling_symlink.c - open(O_CREAT) of a
 * symbolic link that leads nowhere creates the file the link names, as
 * Linux does (relative targets from the link's directory); with O_EXCL it
 * is EEXIST (POSIX: O_EXCL never follows a link); link() and symlink()
 * onto "." or ".." are EEXIST. On /tmp, the in-memory file system. */
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/dangling"

static void creat_makes_the_links_target(void)
{
    CHECK_EQ(0, symlink("made-by-open", DIRECTORY "/link"), "symlink to a name not there");
    int fd = open(DIRECTORY "/link", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0, "open(O_CREAT) through the dangling link failed: %s", strerror(errno));
    if (fd >= 0) {
        CHECK_EQ(5, write(fd, "hello", 5), "write through the link");
        close(fd);
    }
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/made-by-open", &st), "the target exists now");
    CHECK_EQ(5, st.st_size, "the target's size");
    CHECK_EQ(0, lstat(DIRECTORY "/link", &st), "lstat of the link");
    CHECK(S_ISLNK(st.st_mode), "the link is still a link (mode %o)", st.st_mode);
}

static void creat_excl_on_a_link_is_eexist(void)
{
    CHECK_EQ(0, symlink("nowhere", DIRECTORY "/excl-link"), "symlink");
    CHECK_ERROR(open(DIRECTORY "/excl-link", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/nowhere", &st), ENOENT);
}

static void a_chain_of_dangling_links_ends_in_eloop(void)
{
    CHECK_EQ(0, symlink("loop-b", DIRECTORY "/loop-a"), "symlink a -> b");
    CHECK_EQ(0, symlink("loop-a", DIRECTORY "/loop-b"), "symlink b -> a");
    CHECK_ERROR(open(DIRECTORY "/loop-a", O_WRONLY | O_CREAT, 0644), ELOOP);
}

static void new_names_dot_and_dot_dot_exist(void)
{
    CHECK_EQ(0, close(open(DIRECTORY "/file", O_WRONLY | O_CREAT, 0644)), "create a file");
    CHECK_ERROR(link(DIRECTORY "/file", DIRECTORY "/."), EEXIST);
    CHECK_ERROR(symlink("file", DIRECTORY "/.."), EEXIST);
}

int main(void)
{
    mkdir(DIRECTORY, 0755);
    creat_makes_the_links_target();
    creat_excl_on_a_link_is_eexist();
    a_chain_of_dangling_links_ends_in_eloop();
    new_names_dot_and_dot_dot_exist();
    return test_finish("fs_open_creat_through_a_dangling_symlink");
}
