/* libc_nftw_reports_each_file_once_with_its_type_and_place: nftw and ftw
 * as glibc's: the start (less its trailing slashes) and every file below
 * it, "." and ".." left out; a directory before what it holds, or after
 * it as FTW_DP with FTW_DEPTH; symbolic links followed (a dangling one is
 * FTW_SLN, a directory reached twice is walked once) or, with FTW_PHYS,
 * reported as FTW_SL; struct FTW's base and level; ftw's types FTW_F,
 * FTW_D, FTW_DNR, FTW_NS only; a callback's non-zero value stops the walk
 * and is returned; FTW_DNR for a directory that may not be read and
 * FTW_NS for what may not be looked at (as a user other than root);
 * ENOENT for "" or a missing start, EINVAL for an unknown flag. */
#include "boot_walk.h"

#define UNPRIVILEGED_UID 1000

static char top[] = "/tmp/libc_nftw_XXXXXX";

/* The path `top`/`name`. */
static const char *at(const char *name)
{
    static char paths[4][PATH_MAX];
    static int next;
    char *path = paths[next++ % 4];
    return walk_join(path, top, name);
}

/*  top/file  top/fifo  top/dir/inner  top/dir/deeper/leaf
 *  top/link_to_file -> file   top/link_to_dir -> dir   top/dangling -> missing */
static void make_tree(void)
{
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    walk_make_file(at("file"));
    CHECK_EQ(0, mkfifo(at("fifo"), 0644), "mkfifo");
    CHECK_EQ(0, mkdir(at("dir"), 0755), "mkdir dir");
    walk_make_file(at("dir/inner"));
    CHECK_EQ(0, mkdir(at("dir/deeper"), 0755), "mkdir dir/deeper");
    walk_make_file(at("dir/deeper/leaf"));
    CHECK_EQ(0, symlink("file", at("link_to_file")), "symlink to the file");
    CHECK_EQ(0, symlink("dir", at("link_to_dir")), "symlink to the directory");
    CHECK_EQ(0, symlink("missing", at("dangling")), "dangling symlink");
}

/* The visit of top/`name` must have `type`, a base at its last name and
 * the level of its depth; returns its index, or -1 if there was none. */
static int expect_visit(const char *name, int type)
{
    const char *path = at(name);
    int i = walk_find(path);
    CHECK(i >= 0, "%s was not visited", path);
    if (i < 0)
        return -1;
    struct walk_visit *visit = &walk_visits[i];
    CHECK_EQ(type, visit->type, path);
    const char *last = strrchr(path, '/') + 1;
    int levels = 1;
    for (const char *c = name; *c; c++)
        levels += *c == '/';
    if (visit->base >= 0) {
        CHECK_EQ(last - path, visit->base, "base");
        CHECK_EQ(levels, visit->level, "level");
    }
    return i;
}

/* Which of top/dir and top/link_to_dir the walk went down (the same
 * directory: walked through whichever name came first); checks that the
 * other was not visited at all. */
static const char *walked_directory(void)
{
    int by_name = walk_find(at("dir")), by_link = walk_find(at("link_to_dir"));
    CHECK((by_name >= 0) != (by_link >= 0), "dir (visit %d) or link_to_dir (visit %d), only one of them",
          by_name, by_link);
    return by_link >= 0 ? "link_to_dir" : "dir";
}

/* The walk that follows links: nine visits, the directory once. */
static void check_logical_walk(int flags, int directory_type)
{
    walk_log_clear();
    CHECK_EQ(0, nftw(top, walk_record_nftw, 8, flags), "nftw");
    CHECK_EQ(9, walk_visit_count, "visits");
    int start = walk_find(top);
    CHECK(start >= 0 && walk_visits[start].type == directory_type && walk_visits[start].level == 0 &&
              top + walk_visits[start].base == strrchr(top, '/') + 1,
          "the start: visit %d", start);
    expect_visit("file", FTW_F);
    expect_visit("fifo", FTW_F);
    int link = expect_visit("link_to_file", FTW_F);
    CHECK(link < 0 || S_ISREG(walk_visits[link].status.st_mode), "a followed link gives its target's stat");
    int dangling = expect_visit("dangling", FTW_SLN);
    CHECK(dangling < 0 || S_ISLNK(walk_visits[dangling].status.st_mode), "FTW_SLN gives the link's own stat");
    char name[64];
    const char *directory = walked_directory();
    int outer = expect_visit(directory, directory_type);
    snprintf(name, sizeof name, "%s/inner", directory);
    int inner = expect_visit(name, FTW_F);
    snprintf(name, sizeof name, "%s/deeper", directory);
    int deeper = expect_visit(name, directory_type);
    snprintf(name, sizeof name, "%s/deeper/leaf", directory);
    int leaf = expect_visit(name, FTW_F);
    if (directory_type == FTW_D)
        CHECK(start == 0 && outer < inner && outer < deeper && deeper < leaf,
              "each directory before what it holds: %d %d %d %d %d", start, outer, inner, deeper, leaf);
    else
        CHECK(start == walk_visit_count - 1 && outer > inner && outer > deeper && deeper > leaf,
              "each directory after what it holds: %d %d %d %d %d", start, outer, inner, deeper, leaf);
}

/* FTW_PHYS: links are files of their own; ten visits. */
static void check_physical_walk(int flags, int directory_type)
{
    walk_log_clear();
    CHECK_EQ(0, nftw(top, walk_record_nftw, 8, FTW_PHYS | flags), "nftw FTW_PHYS");
    CHECK_EQ(10, walk_visit_count, "visits");
    expect_visit("file", FTW_F);
    expect_visit("fifo", FTW_F);
    expect_visit("dir", directory_type);
    expect_visit("dir/inner", FTW_F);
    expect_visit("dir/deeper", directory_type);
    expect_visit("dir/deeper/leaf", FTW_F);
    const char *links[] = { "link_to_file", "link_to_dir", "dangling" };
    for (int i = 0; i < 3; i++) {
        int visit = expect_visit(links[i], FTW_SL);
        CHECK(visit < 0 || S_ISLNK(walk_visits[visit].status.st_mode), "%s: lstat's stat", links[i]);
    }
}

/* ftw: the types it knows, links followed, a dangling one FTW_NS. */
static void check_ftw(void)
{
    walk_log_clear();
    CHECK_EQ(0, ftw(top, walk_record_ftw, 8), "ftw");
    CHECK_EQ(9, walk_visit_count, "visits");
    for (int i = 0; i < walk_visit_count; i++)
        CHECK(walk_visits[i].type == FTW_F || walk_visits[i].type == FTW_D || walk_visits[i].type == FTW_NS,
              "ftw gave %s type %d", walk_visits[i].path, walk_visits[i].type);
    CHECK(walk_find(at("dangling")) >= 0 && walk_visits[walk_find(at("dangling"))].type == FTW_NS,
          "ftw: a dangling link is FTW_NS");
    CHECK(walk_find(at("link_to_file")) >= 0 && walk_visits[walk_find(at("link_to_file"))].type == FTW_F,
          "ftw: a link to a file is FTW_F");
}

/* The callback's non-zero value ends the walk and is what comes back. */
static void check_stop(void)
{
    walk_log_clear();
    walk_stop_at = 3;
    CHECK_EQ(42, nftw(top, walk_record_nftw, 8, FTW_PHYS), "nftw stopped by the callback");
    CHECK_EQ(3, walk_visit_count, "visits before the stop");
    walk_log_clear();
    walk_stop_at = 1;
    CHECK_EQ(42, ftw(top, walk_record_ftw, 8), "ftw stopped at the start");
    CHECK_EQ(1, walk_visit_count, "visits");
}

/* Trailing slashes, a start that is a file or a link, and the errors. */
static void check_starts(void)
{
    char slashed[PATH_MAX];
    snprintf(slashed, sizeof slashed, "%s//", top);
    walk_log_clear();
    CHECK_EQ(0, nftw(slashed, walk_record_nftw, 8, FTW_PHYS), "nftw of top//");
    CHECK(walk_visit_count > 0 && !strcmp(walk_visits[0].path, top), "the start without its slashes: %s",
          walk_visits[0].path);
    CHECK(walk_find(at("file")) >= 0, "and top/file below it");

    walk_log_clear();
    CHECK_EQ(0, nftw(at("file"), walk_record_nftw, 8, 0), "nftw of a file");
    CHECK(walk_visit_count == 1 && walk_visits[0].type == FTW_F && walk_visits[0].level == 0 &&
              walk_visits[0].base == (int)strlen(top) + 1,
          "one visit, FTW_F at level 0: %d visits", walk_visit_count);
    walk_log_clear();
    CHECK_EQ(0, nftw(at("dangling"), walk_record_nftw, 8, 0), "nftw of a dangling link");
    CHECK(walk_visit_count == 1 && walk_visits[0].type == FTW_SLN, "FTW_SLN");
    walk_log_clear();
    CHECK_EQ(0, nftw(at("link_to_dir"), walk_record_nftw, 8, FTW_PHYS), "nftw FTW_PHYS of a link");
    CHECK(walk_visit_count == 1 && walk_visits[0].type == FTW_SL, "FTW_SL, not followed");

    walk_log_clear();
    CHECK_ERROR(nftw("", walk_record_nftw, 8, 0), ENOENT);
    CHECK_ERROR(nftw(at("missing"), walk_record_nftw, 8, 0), ENOENT);
    CHECK_ERROR(ftw(at("missing"), walk_record_ftw, 8), ENOENT);
    CHECK_EQ(0, walk_visit_count, "no visit for a start that is not there");
    CHECK_ERROR(nftw(top, walk_record_nftw, 8, 0x100), EINVAL);
}

/* As a user: a directory it may not read is FTW_DNR, with nothing below
 * it visited; in one it may read but not search, stat fails: FTW_NS. */
static void check_permissions_as_a_user(void)
{
    CHECK_EQ(0, setgid(UNPRIVILEGED_UID), "setgid");
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");
    char mine[] = "/tmp/libc_nftw_user_XXXXXX";
    CHECK(mkdtemp(mine) != NULL, "mkdtemp as a user: %s", strerror(errno));
    char closed[PATH_MAX], unsearchable[PATH_MAX], path[PATH_MAX];
    walk_join(closed, mine, "closed");
    walk_join(unsearchable, mine, "unsearchable");
    CHECK_EQ(0, mkdir(closed, 0755), "mkdir closed");
    walk_make_file(walk_join(path, closed, "hidden"));
    CHECK_EQ(0, mkdir(unsearchable, 0755), "mkdir unsearchable");
    walk_make_file(walk_join(path, unsearchable, "unseen"));
    CHECK_EQ(0, chmod(closed, 0), "chmod 0");
    CHECK_EQ(0, chmod(unsearchable, 0444), "chmod 0444");

    for (int depth = 0; depth <= 1; depth++) {
        walk_log_clear();
        CHECK_EQ(0, nftw(mine, walk_record_nftw, 8, FTW_PHYS | (depth ? FTW_DEPTH : 0)), "nftw as a user");
        CHECK_EQ(4, walk_visit_count, "visits: the start, closed, unsearchable, unseen");
        int i = walk_find(closed);
        CHECK(i >= 0 && walk_visits[i].type == FTW_DNR, "closed: FTW_DNR (%d)", i >= 0 ? walk_visits[i].type : -1);
        CHECK(walk_find(walk_join(path, closed, "hidden")) < 0, "nothing below it");
        i = walk_find(unsearchable);
        CHECK(i >= 0 && walk_visits[i].type == (depth ? FTW_DP : FTW_D), "unsearchable: a directory");
        i = walk_find(walk_join(path, unsearchable, "unseen"));
        CHECK(i >= 0 && walk_visits[i].type == FTW_NS, "unseen: FTW_NS (%d)", i >= 0 ? walk_visits[i].type : -1);
    }
    walk_log_clear();
    CHECK_EQ(0, ftw(mine, walk_record_ftw, 8), "ftw as a user");
    int i = walk_find(closed);
    CHECK(i >= 0 && walk_visits[i].type == FTW_DNR, "ftw: closed is FTW_DNR");
    walk_remove_tree(mine);
}

int main(void)
{
    make_tree();
    check_logical_walk(0, FTW_D);
    check_logical_walk(FTW_DEPTH, FTW_DP);
    check_physical_walk(0, FTW_D);
    check_physical_walk(FTW_DEPTH, FTW_DP);
    check_ftw();
    check_stop();
    check_starts();
    run_checks_in_child(check_permissions_as_a_user);
    walk_remove_tree(top);
    return test_finish("libc_nftw_reports_each_file_once_with_its_type_and_place");
}
