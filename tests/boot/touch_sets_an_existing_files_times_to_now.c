/* touch_sets_an_existing_files_times_to_now: /bin/touch FILE, as GNU
 * touch: an existing file's access and modification times become now,
 * its bytes stay; a missing file is made, empty; a directory and a FIFO
 * with no reader are touched too (neither opens for writing, nor waits);
 * a user touches a file of its own that it may not write, but not root's
 * (status 1, the times kept); a file in a missing directory is status 1. */
#include <fcntl.h>
#include <sys/stat.h>
#include <utime.h>

#include "boot_test.h"

#define UNPRIVILEGED_UID 1000
#define LONG_AGO 1000000000L                 /* 2001-09-09 */
#define SLACK 5                              /* seconds a "now" may lag behind the clock */

static char top[] = "/tmp/touch_XXXXXX";

/* Runs /bin/touch `path`; its exit status, or -1 if it did not exit. */
static int touch_status(const char *path)
{
    char *argv[] = { "touch", (char *)path, NULL };
    pid_t child = start_program("/bin/touch", argv);
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static const char *at(const char *name)
{
    static char path[64];
    snprintf(path, sizeof path, "%s/%s", top, name);
    return path;
}

/* Makes both times of `path` long ago. */
static void age(const char *path)
{
    struct utimbuf long_ago = { LONG_AGO, LONG_AGO };
    CHECK_EQ(0, utime(path, &long_ago), "utime");
}

/* Both times of `path` are now. */
static void check_now(const char *path)
{
    struct stat status;
    long now = (long)time(NULL);
    CHECK(stat(path, &status) == 0 && status.st_atime >= now - SLACK && status.st_mtime >= now - SLACK &&
              status.st_mtime <= now,
          "%s: atime %ld, mtime %ld, expected now (%ld)", path, (long)status.st_atime, (long)status.st_mtime, now);
}

static void as_a_user(void)
{
    CHECK_EQ(0, setgid(UNPRIVILEGED_UID), "setgid");
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");
    char mine[64];
    snprintf(mine, sizeof mine, "%s/mine", top);
    close(open(mine, O_CREAT | O_WRONLY, 0444));
    age(mine);
    CHECK_EQ(0, touch_status(mine), "touch of a read-only file of the user's own");
    check_now(mine);
    unlink(mine);
    CHECK_EQ(1, touch_status(at("roots")), "touch of root's file");
    struct stat status;
    CHECK(stat(at("roots"), &status) == 0 && status.st_mtime == LONG_AGO, "root's file keeps its times");
}

int main(void)
{
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    chmod(top, 01777);

    int fd = open(at("file"), O_CREAT | O_WRONLY, 0644);
    CHECK_EQ(5, write(fd, "hello", 5), "write");
    close(fd);
    age(at("file"));
    CHECK_EQ(0, touch_status(at("file")), "touch of an existing file");
    check_now(at("file"));
    struct stat status;
    CHECK(stat(at("file"), &status) == 0 && status.st_size == 5, "its bytes stay");

    CHECK_EQ(0, touch_status(at("new")), "touch of a missing file");
    CHECK(stat(at("new"), &status) == 0 && S_ISREG(status.st_mode) && status.st_size == 0, "made, empty");

    CHECK_EQ(0, mkdir(at("directory"), 0755), "mkdir");
    age(at("directory"));
    CHECK_EQ(0, touch_status(at("directory")), "touch of a directory");
    check_now(at("directory"));

    CHECK_EQ(0, mkfifo(at("fifo"), 0644), "mkfifo");
    age(at("fifo"));
    CHECK_EQ(0, touch_status(at("fifo")), "touch of a FIFO with no reader");
    check_now(at("fifo"));

    CHECK_EQ(1, touch_status(at("missing/file")), "touch in a missing directory");

    close(open(at("roots"), O_CREAT | O_WRONLY, 0644));
    age(at("roots"));
    run_checks_in_child(as_a_user);

    const char *names[] = { "file", "new", "fifo", "roots" };
    for (int i = 0; i < 4; i++)
        unlink(at(names[i]));
    rmdir(at("directory"));
    rmdir(top);
    return test_finish("touch_sets_an_existing_files_times_to_now");
}
