/* tests/boot/fs_directories.c - directories: mkdir (EEXIST for a name in
 * use), rmdir (ENOTEMPTY for a directory with entries, ENOTDIR for a file),
 * opendir/readdir list exactly the entries made, with their types, also
 * many of them, and also while the entries already returned are being
 * removed (as `rm -r` and a spool directory's consumer do); rewinddir
 * reads again from the start, with an entry made since; dirfd is the
 * directory's descriptor, close-on-exec. "." and ".." are listed once each, as on
 * Linux: the directory and its parent (the root is its own), DT_DIR. A
 * directory of 600 entries finds each by its name and lists each once. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define DIRECTORY "/tmp/fs_directories"

static int touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    return close(fd);
}

static void mkdir_makes_a_directory_and_refuses_a_name_in_use_with_eexist(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY "/made", 0755), "mkdir");
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/made", &st), "stat of the new directory");
    CHECK(S_ISDIR(st.st_mode), "mkdir made mode 0%o, expected a directory", st.st_mode);
    CHECK_ERROR(mkdir(DIRECTORY "/made", 0755), EEXIST);
    touch(DIRECTORY "/a_file");
    CHECK_ERROR(mkdir(DIRECTORY "/a_file", 0755), EEXIST);
    CHECK_ERROR(mkdir("/", 0755), EEXIST);
    CHECK_ERROR(mkdir(DIRECTORY "/missing/child", 0755), ENOENT);
    CHECK_EQ(0, mkdir(DIRECTORY "/made/nested/", 0755), "mkdir of a path with a trailing slash");
    CHECK_EQ(0, rmdir(DIRECTORY "/made/nested"), "rmdir nested");
    CHECK_EQ(0, rmdir(DIRECTORY "/made"), "rmdir made");
    unlink(DIRECTORY "/a_file");
}

static void rmdir_refuses_a_non_empty_directory_and_a_file(void)
{
    mkdir(DIRECTORY "/full", 0755);
    touch(DIRECTORY "/full/inside");
    CHECK_ERROR(rmdir(DIRECTORY "/full"), ENOTEMPTY);
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/full/inside", &st), "the entry survives a refused rmdir");
    CHECK_ERROR(rmdir(DIRECTORY "/full/inside"), ENOTDIR);
    CHECK_ERROR(rmdir(DIRECTORY "/no_such_directory"), ENOENT);
    CHECK_EQ(0, unlink(DIRECTORY "/full/inside"), "unlink the entry");
    CHECK_EQ(0, rmdir(DIRECTORY "/full"), "rmdir once empty");
    CHECK_ERROR(stat(DIRECTORY "/full", &st), ENOENT);
}

/* The names in `path` other than "." and "..", sorted into one string
 * "a,b,c,"; returns how many. */
static int list_directory(const char *path, char *names, int size)
{
    static char found[16][256];
    int count = 0;
    DIR *dir = opendir(path);
    CHECK(dir != NULL, "opendir(%s): expected a DIR, got NULL (%s)", path, strerror(errno));
    if (!dir)
        return -1;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;                    /* POSIX allows them; they are not "entries made" */
        if (count < 16)
            strcpy(found[count], entry->d_name);
        count++;
    }
    closedir(dir);
    for (int i = 0; i < count && i < 16; i++)        /* a small insertion sort */
        for (int j = i; j > 0 && strcmp(found[j - 1], found[j]) > 0; j--) {
            char swap[256];
            strcpy(swap, found[j]);
            strcpy(found[j], found[j - 1]);
            strcpy(found[j - 1], swap);
        }
    names[0] = 0;
    for (int i = 0; i < count && i < 16; i++) {
        strncat(names, found[i], size - strlen(names) - 2);
        strcat(names, ",");
    }
    return count;
}

static void readdir_lists_exactly_the_entries_made(void)
{
    mkdir(DIRECTORY "/listed", 0755);
    char names[512];
    CHECK_EQ(0, list_directory(DIRECTORY "/listed", names, sizeof names), "entries in a new directory");

    touch(DIRECTORY "/listed/zeta");
    touch(DIRECTORY "/listed/alpha");
    mkdir(DIRECTORY "/listed/subdirectory", 0755);
    mkfifo(DIRECTORY "/listed/fifo", 0600);
    touch(DIRECTORY "/listed/a_name_that_is_rather_long_to_see_that_long_names_come_whole");
    CHECK_EQ(5, list_directory(DIRECTORY "/listed", names, sizeof names), "entries after making 5");
    CHECK(!strcmp(names, "a_name_that_is_rather_long_to_see_that_long_names_come_whole,alpha,fifo,subdirectory,zeta,"),
          "entries: expected \"a_name_that_is_rather_long_to_see_that_long_names_come_whole,alpha,fifo,"
          "subdirectory,zeta,\", got \"%s\"", names);

    /* d_type tells the kind of each entry */
    DIR *dir = opendir(DIRECTORY "/listed");
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, "subdirectory"))
            CHECK_EQ(DT_DIR, entry->d_type, "d_type of a directory");
        if (!strcmp(entry->d_name, "alpha"))
            CHECK_EQ(DT_REG, entry->d_type, "d_type of a file");
        if (!strcmp(entry->d_name, "fifo"))
            CHECK_EQ(DT_FIFO, entry->d_type, "d_type of a FIFO");
    }
    if (dir) {
        struct stat by_descriptor, by_name;
        CHECK(fstat(dirfd(dir), &by_descriptor) == 0 && stat(DIRECTORY "/listed", &by_name) == 0 &&
                  by_descriptor.st_ino == by_name.st_ino && S_ISDIR(by_descriptor.st_mode),
              "dirfd is the directory's descriptor");
        touch(DIRECTORY "/listed/made_after_the_end");
        rewinddir(dir);
        int again = 0, new_one = 0;
        while ((entry = readdir(dir)) != NULL) {
            again += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");   /* Linux lists them */
            new_one += !strcmp(entry->d_name, "made_after_the_end");
        }
        CHECK_EQ(6, again, "entries read again after rewinddir");
        CHECK_EQ(1, new_one, "the entry made before rewinddir, read once");
        closedir(dir);
        unlink(DIRECTORY "/listed/made_after_the_end");
    }

    unlink(DIRECTORY "/listed/zeta");
    rmdir(DIRECTORY "/listed/subdirectory");
    CHECK_EQ(3, list_directory(DIRECTORY "/listed", names, sizeof names), "entries after removing 2");
    CHECK(!strcmp(names, "a_name_that_is_rather_long_to_see_that_long_names_come_whole,alpha,fifo,"),
          "entries after removing zeta and subdirectory: got \"%s\"", names);

    /* many entries: more than one getdents batch */
    char path[128];
    for (int i = 0; i < 60; i++) {
        snprintf(path, sizeof path, DIRECTORY "/listed/entry_with_a_long_name_number_%02d", i);
        touch(path);
    }
    int seen = 0, seen_twice = 0;
    char marks[60] = { 0 };
    dir = opendir(DIRECTORY "/listed");
    while (dir && (entry = readdir(dir)) != NULL) {
        int number;
        if (sscanf(entry->d_name, "entry_with_a_long_name_number_%d", &number) == 1 && number >= 0 && number < 60) {
            seen += !marks[number];
            seen_twice += marks[number];
            marks[number] = 1;
        }
    }
    if (dir)
        closedir(dir);
    CHECK_EQ(60, seen, "of 60 entries, those readdir returned");
    CHECK_EQ(0, seen_twice, "entries readdir returned twice");
    for (int i = 0; i < 60; i++) {
        snprintf(path, sizeof path, DIRECTORY "/listed/entry_with_a_long_name_number_%02d", i);
        unlink(path);
    }
    unlink(DIRECTORY "/listed/alpha");
    unlink(DIRECTORY "/listed/fifo");
    unlink(DIRECTORY "/listed/a_name_that_is_rather_long_to_see_that_long_names_come_whole");
    CHECK_EQ(0, rmdir(DIRECTORY "/listed"), "rmdir listed (it should be empty again)");

    errno = 0;
    touch(DIRECTORY "/not_a_directory");
    CHECK(opendir(DIRECTORY "/not_a_directory") == NULL && errno == ENOTDIR,
          "opendir of a file: expected NULL with ENOTDIR, got errno %d", errno);
    errno = 0;
    CHECK(opendir(DIRECTORY "/missing") == NULL && errno == ENOENT,
          "opendir of a missing path: expected NULL with ENOENT, got errno %d", errno);
    unlink(DIRECTORY "/not_a_directory");

    DIR *again = opendir(DIRECTORY);    /* as glibc's: a program exec'd does not inherit it */
    CHECK(again && (fcntl(dirfd(again), F_GETFD) & FD_CLOEXEC), "opendir's descriptor is close-on-exec");
    if (again)
        closedir(again);
}

/* POSIX leaves open only whether readdir returns a file removed or added
 * after opendir; every other entry comes exactly once. */
/* `path` lists "." (its own inode) and ".." (that of `parent`) once each,
 * both directories: first here; anywhere, POSIX says (an overlay or a
 * hashed directory on Linux lists them among the others). */
static void check_dot_entries(const char *path, const char *parent)
{
    struct stat self, up;
    CHECK_EQ(0, stat(path, &self), path);
    CHECK_EQ(0, stat(parent, &up), parent);
    DIR *dir = opendir(path);
    CHECK(dir != NULL, "opendir %s: %s", path, strerror(errno));
    if (!dir)
        return;
    int dots = 0, dot_dots = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, ".")) {
            dots++;
            CHECK(entry->d_ino == self.st_ino && entry->d_type == DT_DIR,
                  "%s: \".\": expected inode %lu and DT_DIR, got %lu and type %d", path,
                  (unsigned long)self.st_ino, (unsigned long)entry->d_ino, entry->d_type);
        } else if (!strcmp(entry->d_name, "..")) {
            dot_dots++;
            CHECK(entry->d_ino == up.st_ino && entry->d_type == DT_DIR,
                  "%s: \"..\": expected inode %lu (%s) and DT_DIR, got %lu and type %d", path,
                  (unsigned long)up.st_ino, parent, (unsigned long)entry->d_ino, entry->d_type);
        }
    }
    closedir(dir);
    CHECK_EQ(1, dots, "times \".\" is listed");
    CHECK_EQ(1, dot_dots, "times \"..\" is listed");
}

static void readdir_lists_dot_and_dot_dot_once(void)
{
    check_dot_entries(DIRECTORY, "/tmp");
    check_dot_entries("/", "/");          /* the root is its own parent */
}

static void readdir_returns_every_entry_while_the_ones_returned_are_removed(void)
{
    enum { FILES = 120 };
    mkdir(DIRECTORY "/emptied", 0755);
    char path[300];
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/emptied/spooled_message_number_%03d", i);
        touch(path);
    }
    int returned = 0;
    DIR *dir = opendir(DIRECTORY "/emptied");
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        returned++;
        snprintf(path, sizeof path, DIRECTORY "/emptied/%s", entry->d_name);
        CHECK_EQ(0, unlink(path), "unlink of an entry readdir just returned");
    }
    if (dir)
        closedir(dir);
    CHECK_EQ(FILES, returned, "entries readdir returned while each was unlinked after being returned");
    /* clean up whatever the scan missed */
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/emptied/spooled_message_number_%03d", i);
        unlink(path);
    }
    CHECK_EQ(0, rmdir(DIRECTORY "/emptied"), "rmdir of the emptied directory");
}

/* A directory of many entries (the manual's man3 has 511; the kernel
 * finds a name by a hash, kernel/fs/inode.c): each is found by its name,
 * and no more once removed; readdir returns each left exactly once, also
 * the entries made after the last one and one in the middle went. */
static void a_large_directory_finds_each_name_and_lists_each_once(void)
{
    enum { FILES = 600 };
    CHECK_EQ(0, mkdir(DIRECTORY "/large", 0755), "mkdir large");
    char path[128];
    struct stat st;
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/large/file_%03d", i);
        CHECK(touch(path) == 0, "creating %s: %s", path, strerror(errno));
    }
    int found = 0;
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/large/file_%03d", i);
        found += stat(path, &st) == 0;
    }
    CHECK_EQ(FILES, found, "of the names just made, those stat finds");
    CHECK_ERROR(stat(DIRECTORY "/large/file_600", &st), ENOENT);
    CHECK_EQ(0, unlink(DIRECTORY "/large/file_599"), "unlink of the last entry made");
    CHECK_EQ(0, unlink(DIRECTORY "/large/file_300"), "unlink of an entry in the middle");
    CHECK_ERROR(stat(DIRECTORY "/large/file_599", &st), ENOENT);
    CHECK_ERROR(stat(DIRECTORY "/large/file_300", &st), ENOENT);
    CHECK_EQ(0, touch(DIRECTORY "/large/made_after"), "creating an entry after the last went");
    CHECK_EQ(0, rename(DIRECTORY "/large/file_000", DIRECTORY "/large/renamed"), "rename within the directory");
    CHECK_ERROR(stat(DIRECTORY "/large/file_000", &st), ENOENT);
    CHECK_EQ(0, stat(DIRECTORY "/large/renamed", &st), "stat of the new name");

    char marks[FILES] = { 0 };
    int numbered = 0, twice = 0, made_after = 0, renamed = 0, others = 0;
    DIR *dir = opendir(DIRECTORY "/large");
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        int number;
        if (sscanf(entry->d_name, "file_%d", &number) == 1 && number >= 0 && number < FILES) {
            numbered += !marks[number];
            twice += marks[number];
            marks[number] = 1;
        } else if (!strcmp(entry->d_name, "made_after"))
            made_after++;
        else if (!strcmp(entry->d_name, "renamed"))
            renamed++;
        else if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
            others++;
    }
    if (dir)
        closedir(dir);
    CHECK(numbered == FILES - 3 && !twice && !marks[0] && !marks[300] && !marks[599],
          "readdir: %d numbered names (expected %d), %d twice, removed ones listed: %d %d %d", numbered, FILES - 3,
          twice, marks[0], marks[300], marks[599]);
    CHECK(made_after == 1 && renamed == 1 && others == 0, "readdir: made_after %d times, renamed %d, %d others",
          made_after, renamed, others);
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/large/file_%03d", i);
        unlink(path);
    }
    unlink(DIRECTORY "/large/made_after");
    unlink(DIRECTORY "/large/renamed");
    CHECK_EQ(0, rmdir(DIRECTORY "/large"), "rmdir large (it should be empty again)");
}

int main(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct kinfo_counters before = read_counters();
    mkdir_makes_a_directory_and_refuses_a_name_in_use_with_eexist();
    rmdir_refuses_a_non_empty_directory_and_a_file();
    readdir_lists_exactly_the_entries_made();
    readdir_returns_every_entry_while_the_ones_returned_are_removed();
    readdir_lists_dot_and_dot_dot_once();
    a_large_directory_finds_each_name_and_lists_each_once();
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.inodes, after.inodes, "file system nodes after removing everything made");
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir " DIRECTORY " (it should be empty again)");
    return test_finish("fs_directories");
}
