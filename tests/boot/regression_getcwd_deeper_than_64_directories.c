/* tests/boot/regression_getcwd_deeper_than_64_directories.c
 *
 * Found by the fuzzer's clean-up, which walks deep trees that renames
 * build. vfs_path_of collects at most 64 names on its way up to the root;
 * deeper down, it stopped collecting and returned the 64 lowest names as
 * if they started at the root: getcwd in /tmp/d/d/.../d (70 deep, 144
 * bytes, well within PATH_MAX) answered "/d/d/.../d", another directory.
 * A path it cannot build must be an error (ENAMETOOLONG), never a wrong
 * path. */
#include <sys/stat.h>

#include "boot_test.h"

#define DEPTH 70

int main(void)
{
    char expected[512] = "/tmp";
    CHECK_EQ(0, chdir("/tmp"), "chdir /tmp");
    mkdir("regression-deep", 0755);
    CHECK_EQ(0, chdir("regression-deep"), "chdir regression-deep");
    strcat(expected, "/regression-deep");
    for (int i = 0; i < DEPTH; i++) {
        if (mkdir("d", 0755) < 0 || chdir("d") < 0) {
            CHECK(0, "mkdir/chdir at depth %d: %s", i, strerror(errno));
            break;
        }
        strcat(expected, "/d");
    }
    char buffer[512];
    errno = 0;
    char *result = getcwd(buffer, sizeof buffer);
    CHECK(result ? !strcmp(buffer, expected) : errno == ENAMETOOLONG,
          "getcwd %d levels down: expected %s (or ENAMETOOLONG), got %s", DEPTH + 2, expected,
          result ? buffer : strerror(errno));
    for (int i = 0; i < DEPTH; i++) {       /* remove the tree again, from the bottom */
        chdir("..");
        rmdir("d");
    }
    chdir("/tmp");
    rmdir("regression-deep");
    return test_finish("regression_getcwd_deeper_than_64_directories");
}
