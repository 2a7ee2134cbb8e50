/* libc_nftw_keeps_to_nopenfd_descriptors_and_ftw_chdir: however deep the
 * tree, nftw holds at most `nopenfd` descriptors at once (at least one;
 * glibc's rule) and still visits every file, and gives every descriptor
 * back; with FTW_CHDIR the working directory is each file's directory
 * while it is visited (the directory itself for FTW_DP), also after a
 * symbolic link led elsewhere, and the one the walk started in after it,
 * even when the callback stops it deep down. */
#include "boot_walk.h"

#define DEPTH 6                  /* directories one in the other */
#define FILES_PER_LEVEL 2
#define DESCRIPTORS_PROBED 64    /* the descriptors counted as open or not */

static char top[] = "/tmp/libc_nftw_deep_XXXXXX";
static int open_at_start, most_open;

static int open_descriptors(void)
{
    int count = 0;
    for (int fd = 0; fd < DESCRIPTORS_PROBED; fd++)
        count += fcntl(fd, F_GETFD) != -1;
    return count;
}

static int count_descriptors(const char *path, const struct stat *status, int type, struct FTW *where)
{
    int open = open_descriptors() - open_at_start;
    if (open > most_open)
        most_open = open;
    return walk_record_nftw(path, status, type, where);
}

/*  top/f0 top/f1 top/d/f0 top/d/f1 top/d/d/f0 ... DEPTH directories deep */
static void make_deep_tree(void)
{
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    char directory[PATH_MAX], path[PATH_MAX];
    snprintf(directory, sizeof directory, "%s", top);
    for (int level = 0; level <= DEPTH; level++) {
        for (int i = 0; i < FILES_PER_LEVEL; i++) {
            char name[8];
            snprintf(name, sizeof name, "f%d", i);
            walk_make_file(walk_join(path, directory, name));
        }
        if (level == DEPTH)
            break;
        walk_join(path, directory, "d");
        CHECK_EQ(0, mkdir(path, 0755), "mkdir");
        snprintf(directory, sizeof directory, "%s", path);
    }
}

static void check_descriptors(int nopenfd, int allowed)
{
    walk_log_clear();
    open_at_start = open_descriptors();
    most_open = 0;
    CHECK_EQ(0, nftw(top, count_descriptors, nopenfd, FTW_PHYS), "nftw");
    int expected_visits = 1 + DEPTH + (DEPTH + 1) * FILES_PER_LEVEL;
    CHECK_EQ(expected_visits, walk_visit_count, "visits");
    CHECK(most_open >= 1 && most_open <= allowed, "nopenfd %d: %d descriptors open at once, at most %d expected",
          nopenfd, most_open, allowed);
    CHECK_EQ(open_at_start, open_descriptors(), "descriptors open after the walk");
    char path[PATH_MAX] = "";
    snprintf(path, sizeof path, "%s/d/d/d/d/d/d/f1", top);
    int deepest = walk_find(path);
    CHECK(deepest >= 0 && walk_visits[deepest].level == DEPTH + 1, "the deepest file, at level %d", DEPTH + 1);
}

/* FTW_CHDIR's callback: the name (path + base) is in the working
 * directory; for FTW_DP the working directory is the directory itself. */
static int chdir_failures;

static int check_working_directory(const char *path, const struct stat *status, int type, struct FTW *where)
{
    struct stat here;
    const char *name = type == FTW_DP ? "." : path + where->base;
    if (lstat(name, &here) != 0 || here.st_ino != status->st_ino || here.st_dev != status->st_dev) {
        printf("FAIL: FTW_CHDIR: %s (type %d) is not %s in the working directory\n", path, type, name);
        chdir_failures++;
    }
    return walk_record_nftw(path, status, type, where);
}

static void check_chdir(void)
{
    char start[PATH_MAX], after[PATH_MAX];
    CHECK(getcwd(start, sizeof start) != NULL, "getcwd");
    for (int depth = 0; depth <= 1; depth++) {
        chdir_failures = 0;
        walk_log_clear();
        CHECK_EQ(0, nftw(top, check_working_directory, 2, FTW_PHYS | FTW_CHDIR | (depth ? FTW_DEPTH : 0)),
                 "nftw FTW_CHDIR");
        CHECK_EQ(1 + DEPTH + (DEPTH + 1) * FILES_PER_LEVEL, walk_visit_count, "visits");
        CHECK_EQ(0, chdir_failures, "visits in the wrong directory");
        CHECK(getcwd(after, sizeof after) && !strcmp(start, after), "back in %s: %s", start, after);
    }

    /* top/away -> a directory elsewhere: ".." from there is not top. With
     * a descriptor for each level (glibc goes back by ".." when the
     * parent's was given up, and lands in the wrong place) */
    char elsewhere[] = "/tmp/libc_nftw_elsewhere_XXXXXX", path[PATH_MAX], target[PATH_MAX];
    CHECK(mkdtemp(elsewhere) != NULL, "mkdtemp");
    CHECK_EQ(0, mkdir(walk_join(target, elsewhere, "inside"), 0755), "mkdir");
    walk_make_file(walk_join(path, target, "far"));
    CHECK_EQ(0, symlink(target, walk_join(path, top, "away")), "symlink");
    chdir_failures = 0;
    walk_log_clear();
    CHECK_EQ(0, nftw(top, check_working_directory, DEPTH + 2, FTW_CHDIR | FTW_DEPTH), "nftw through a link");
    CHECK(walk_find(walk_join(path, top, "away/far")) >= 0, "the walk went through the link");
    CHECK_EQ(0, chdir_failures, "visits in the wrong directory (the last is top's FTW_DP)");
    CHECK(walk_visit_count > 0 && !strcmp(walk_visits[walk_visit_count - 1].path, top), "top last");
    CHECK(getcwd(after, sizeof after) && !strcmp(start, after), "back in %s: %s", start, after);
    unlink(walk_join(path, top, "away"));
    walk_remove_tree(elsewhere);

    /* stopped deep down: still back where it started */
    walk_log_clear();
    walk_stop_at = 8;
    CHECK_EQ(42, nftw(top, walk_record_nftw, 1, FTW_PHYS | FTW_CHDIR), "nftw stopped");
    CHECK(getcwd(after, sizeof after) && !strcmp(start, after), "back in %s: %s", start, after);
}

int main(void)
{
    make_deep_tree();
    check_descriptors(1, 1);
    check_descriptors(0, 1);          /* as 1 */
    check_descriptors(2, 2);
    check_descriptors(3, 3);
    check_descriptors(100, DEPTH + 1);
    check_chdir();
    walk_remove_tree(top);
    return test_finish("libc_nftw_keeps_to_nopenfd_descriptors_and_ftw_chdir");
}
