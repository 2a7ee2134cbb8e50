/* libc_realpath_resolves_links_and_dots_or_says_why_not: realpath gives
 * the absolute path without ".", "..", repeated slashes or symbolic links
 * (relative and absolute links, a link in the middle, a relative path
 * from the current directory), in the caller's buffer or a malloc'd one;
 * ENOENT for a missing name or "", ENOTDIR for a file followed by more,
 * ELOOP for links that loop, EINVAL for NULL. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot_test.h"

static char base[PATH_MAX];    /* our scratch directory, itself resolved */

static void expect_path(const char *path, const char *expected_suffix)
{
    char resolved[PATH_MAX], expected[2 * PATH_MAX];
    snprintf(expected, sizeof expected, "%s%s", base, expected_suffix);
    char *result = realpath(path, resolved);
    CHECK(result == resolved && strcmp(resolved, expected) == 0, "realpath(%s): expected %s, got %s (%s)",
          path, expected, result ? resolved : "NULL", result ? "" : strerror(errno));
}

static void expect_error(const char *path, int error)
{
    char resolved[PATH_MAX];
    errno = 0;
    char *result = realpath(path, resolved);
    CHECK(result == NULL && errno == error, "realpath(%s): expected errno %d (%s), got %s errno %d",
          path ? path : "NULL", error, strerror(error), result ? resolved : "NULL", errno);
}

int main(void)
{
    char scratch[] = "/tmp/libc_realpath_XXXXXX";
    CHECK(mkdtemp(scratch) != NULL, "mkdtemp");
    CHECK(realpath(scratch, base) == base, "the scratch directory resolves");
    char path[2 * PATH_MAX], other[2 * PATH_MAX];
#define AT(name) (snprintf(path, sizeof path, "%s/%s", scratch, name), path)
    mkdir(AT("a"), 0755);
    mkdir(AT("a/b"), 0755);
    close(open(AT("a/b/file"), O_CREAT | O_WRONLY, 0644));
    symlink("a/b", AT("relative"));
    snprintf(other, sizeof other, "%s/a", base);
    symlink(other, AT("absolute"));
    symlink("../b/file", AT("a/b/up"));
    symlink("loop2", AT("loop1"));
    symlink("loop1", AT("loop2"));
    symlink("nowhere", AT("dangling"));

    expect_path(AT("a/b/file"), "/a/b/file");
    expect_path(AT("a//b/./file"), "/a/b/file");
    expect_path(AT("a/b/../b/file"), "/a/b/file");
    expect_path(AT("a/b/../.."), "");
    expect_path(AT("relative/file"), "/a/b/file");
    expect_path(AT("relative/../b"), "/a/b");            /* ".." after a link: from where it led */
    expect_path(AT("absolute/b/up"), "/a/b/file");
    expect_path(AT("a/"), "/a");
    char *allocated = realpath(AT("relative"), NULL);
    snprintf(other, sizeof other, "%s/a/b", base);
    CHECK(allocated && strcmp(allocated, other) == 0, "realpath(NULL buffer) mallocs the answer");
    free(allocated);

    char resolved[PATH_MAX];
    CHECK(realpath("/", resolved) && strcmp(resolved, "/") == 0, "the root is /");
    CHECK(realpath("/..//./", resolved) && strcmp(resolved, "/") == 0, "/.. is the root");
    chdir(AT("a"));
    snprintf(other, sizeof other, "%s/a/b/file", base);
    CHECK(realpath("b/file", resolved) && strcmp(resolved, other) == 0, "relative to the current directory");
    CHECK(realpath(".", resolved) && strcmp(resolved, other) != 0 && strncmp(resolved, base, strlen(base)) == 0,
          "\".\" is the current directory");

    expect_error(AT("missing"), ENOENT);
    expect_error(AT("missing/more"), ENOENT);
    expect_error(AT("dangling"), ENOENT);
    expect_error(AT("a/b/file/more"), ENOTDIR);
    expect_error(AT("a/b/file/"), ENOTDIR);
    expect_error(AT("loop1"), ELOOP);
    expect_error("", ENOENT);
    expect_error(NULL, EINVAL);

    chdir("/");
    const char *names[] = { "a/b/up", "a/b/file", "a/b", "a", "relative", "absolute", "loop1", "loop2", "dangling" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (unlink(AT(names[i])) == -1)
            rmdir(AT(names[i]));
    }
    CHECK_EQ(0, rmdir(scratch), "everything made was removed");
    return test_finish("libc_realpath_resolves_links_and_dots_or_says_why_not");
}
