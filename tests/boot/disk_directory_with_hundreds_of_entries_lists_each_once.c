/* tests/boot/disk_directory_with_hundreds_of_entries_lists_each_once.c -
 * a directory on the disk with 600 entries (about 20 blocks, past the 12
 * an inode points to directly) lists each of them exactly once; after
 * every other one is removed it lists exactly the rest; new names fill the
 * gaps and are listed once; and a readdir loop that removes entries as it
 * goes (as `rm -r` and a spool's consumer do) lists no entry twice and
 * misses none that was still there. */
#include <dirent.h>

#include "boot_disk.h"

#define DIRECTORY "/home/crowded"
#define FILES 600
#define DIRECT_BLOCKS 12              /* block numbers in the inode itself */

/* Entry i's name: lengths differ from one to the next (18 to 25 bytes),
 * so that the entries of a block do not all have the same size. */
static void entry_name(int i, char *name, int size)
{
    static const char *const padding[] = { "", "x", "xx", "xxx", "xxxx", "xxxxx", "xxxxxx", "xxxxxxx" };
    snprintf(name, size, "entry_%03d_of_crowd%s", i, padding[i % 8]);
}

/* The number of a name entry_name made, or -1. */
static int entry_number(const char *name)
{
    int number, length = -1;
    if (sscanf(name, "entry_%d_of_crowd%n", &number, &length) != 1 || length < 0 || number < 0 ||
        number >= FILES)
        return -1;
    char expected[64];
    entry_name(number, expected, sizeof expected);
    return strcmp(name, expected) ? -1 : number;
}

/* Reads the whole directory once: times[i] is how often entry i came;
 * returns how many other names came (besides "." and ".."). */
static int count_listings(int times[FILES])
{
    memset(times, 0, FILES * sizeof times[0]);
    int strangers = 0;
    DIR *dir = opendir(DIRECTORY);
    CHECK(dir != NULL, "opendir " DIRECTORY ": expected a DIR, got NULL (%s)", strerror(errno));
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        int number = entry_number(entry->d_name);
        if (number >= 0) {
            times[number]++;
            if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN)
                CHECK(0, "d_type of %s: expected DT_REG (%d), got %d", entry->d_name, DT_REG, entry->d_type);
        } else if (strncmp(entry->d_name, "gap_", 4)) {
            CHECK(0, "readdir returned \"%s\", a name never made", entry->d_name);
            strangers++;
        }
    }
    if (dir)
        closedir(dir);
    return strangers;
}

/* Checks that entry i was listed once if present(i), else never. */
static void check_listed_once(const int times[FILES], int (*present)(int), const char *when)
{
    int missing = 0, twice = 0, removed_but_listed = 0, first_bad = -1;
    for (int i = 0; i < FILES; i++) {
        int bad = present(i) ? times[i] != 1 : times[i] != 0;
        if (present(i) && times[i] == 0)
            missing++;
        if (times[i] > 1)
            twice++;
        if (!present(i) && times[i] == 1)
            removed_but_listed++;
        if (bad && first_bad < 0)
            first_bad = i;
    }
    CHECK(first_bad < 0,
          "%s: expected each entry there listed once and no other, got %d missing, %d listed more than once,"
          " %d removed ones listed (the first wrong: entry %d, listed %d times)",
          when, missing, twice, removed_but_listed, first_bad, first_bad < 0 ? 0 : times[first_bad]);
}

static int every_entry(int i)
{
    (void)i;
    return 1;
}

static int even_entries(int i)
{
    return i % 2 == 0;
}

static void six_hundred_entries_are_each_listed_once(void)
{
    char path[128], name[64];
    int created = 0;
    struct statfs before = disk_usage("/home");
    for (int i = 0; i < FILES; i++) {
        entry_name(i, name, sizeof name);
        snprintf(path, sizeof path, DIRECTORY "/%s", name);
        created += touch(path) == 0;
    }
    CHECK_EQ(FILES, created, "files created");
    static int times[FILES];
    CHECK_EQ(0, count_listings(times), "names listed that were never made");
    check_listed_once(times, every_entry, "600 entries");

    /* each name leads to its own inode, and readdir's d_ino is that inode */
    struct stat first, last;
    entry_name(0, name, sizeof name);
    snprintf(path, sizeof path, DIRECTORY "/%s", name);
    CHECK_EQ(0, stat(path, &first), "stat of the first entry");
    entry_name(FILES - 1, name, sizeof name);
    snprintf(path, sizeof path, DIRECTORY "/%s", name);
    CHECK_EQ(0, stat(path, &last), "stat of the last entry");
    CHECK(first.st_ino != last.st_ino, "the first and last entries share inode %u", first.st_ino);
    DIR *dir = opendir(DIRECTORY);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL)
        if (!strcmp(entry->d_name, name))
            CHECK_EQ(last.st_ino, entry->d_ino, "d_ino of the last entry (its st_ino)");
    if (dir)
        closedir(dir);
    /* empty files take no block: what the disk lost holds the entries */
    unsigned directory_blocks = before.f_bfree - disk_usage("/home").f_bfree;
    CHECK(directory_blocks > DIRECT_BLOCKS, "blocks a directory of 600 entries took: expected more than the %d an "
          "inode points to directly, got %u", DIRECT_BLOCKS, directory_blocks);
}

static void after_removing_every_other_entry_the_rest_are_listed_once(void)
{
    char path[128], name[64];
    int removed = 0;
    for (int i = 1; i < FILES; i += 2) {
        entry_name(i, name, sizeof name);
        snprintf(path, sizeof path, DIRECTORY "/%s", name);
        removed += unlink(path) == 0;
    }
    CHECK_EQ(FILES / 2, removed, "odd entries unlinked");
    static int times[FILES];
    CHECK_EQ(0, count_listings(times), "names listed that were never made");
    check_listed_once(times, even_entries, "after removing the odd entries");
    struct stat st;
    entry_name(1, name, sizeof name);
    snprintf(path, sizeof path, DIRECTORY "/%s", name);
    CHECK_ERROR(stat(path, &st), ENOENT);
    entry_name(2, name, sizeof name);
    snprintf(path, sizeof path, DIRECTORY "/%s", name);
    CHECK_EQ(0, stat(path, &st), "stat of an even entry kept");
}

/* Short names fit in the space the removed entries left. */
static void new_names_fill_the_gaps_and_are_listed_once(void)
{
    enum { GAP_FILES = 200 };
    char path[128];
    for (int i = 0; i < GAP_FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/gap_%d", i);
        CHECK_EQ(0, touch(path), "creating a gap_ file");
    }
    static char seen[GAP_FILES];
    memset(seen, 0, sizeof seen);
    int twice = 0, found = 0;
    DIR *dir = opendir(DIRECTORY);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        int number;
        if (sscanf(entry->d_name, "gap_%d", &number) == 1 && number >= 0 && number < GAP_FILES) {
            twice += seen[number];
            found += !seen[number];
            seen[number] = 1;
        }
    }
    if (dir)
        closedir(dir);
    CHECK_EQ(GAP_FILES, found, "gap_ files listed");
    CHECK_EQ(0, twice, "gap_ files listed twice");
    for (int i = 0; i < GAP_FILES; i++) {
        snprintf(path, sizeof path, DIRECTORY "/gap_%d", i);
        unlink(path);
    }
    static int times[FILES];
    count_listings(times);
    check_listed_once(times, even_entries, "after adding and removing 200 short names");
}

/* POSIX leaves open whether readdir returns a name removed after opendir;
 * every other name comes exactly once. The loop removes each entry it is
 * given, and also, for every fourth, the highest-numbered one still there. */
static void removals_during_a_readdir_loop_list_no_entry_twice(void)
{
    static int times[FILES];
    static char removed_early[FILES];
    memset(times, 0, sizeof times);
    memset(removed_early, 0, sizeof removed_early);
    char path[300], name[64];        /* room for any d_name */
    int highest_left = FILES - 2, returned = 0;
    DIR *dir = opendir(DIRECTORY);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        int number = entry_number(entry->d_name);
        if (number < 0)
            continue;
        times[number]++;
        returned++;
        snprintf(path, sizeof path, DIRECTORY "/%s", entry->d_name);
        if (times[number] == 1 && !removed_early[number])
            CHECK_EQ(0, unlink(path), "unlink of the entry readdir just returned");
        while (highest_left >= 0 && (times[highest_left] || removed_early[highest_left]))
            highest_left -= 2;
        if (returned % 4 == 0 && highest_left >= 0) {
            entry_name(highest_left, name, sizeof name);
            snprintf(path, sizeof path, DIRECTORY "/%s", name);
            CHECK_EQ(0, unlink(path), "unlink of an entry readdir has not returned yet");
            removed_early[highest_left] = 1;
        }
    }
    if (dir)
        closedir(dir);
    int twice = 0, missed = 0;
    for (int i = 0; i < FILES; i += 2) {
        twice += times[i] > 1;
        missed += times[i] == 0 && !removed_early[i];
    }
    CHECK_EQ(0, twice, "entries listed twice while entries were being removed");
    CHECK_EQ(0, missed, "entries never removed before their turn that readdir missed");
    CHECK(returned > 0, "the loop saw no entry at all");
    for (int i = 0; i < FILES; i += 2) {
        entry_name(i, name, sizeof name);
        snprintf(path, sizeof path, DIRECTORY "/%s", name);
        unlink(path);
    }
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir of the emptied directory");
}

int main(void)
{
    require_home_on_the_disk("disk_directory_with_hundreds_of_entries_lists_each_once");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    six_hundred_entries_are_each_listed_once();
    after_removing_every_other_entry_the_rest_are_listed_once();
    new_names_fill_the_gaps_and_are_listed_once();
    removals_during_a_readdir_loop_list_no_entry_twice();
    return test_finish("disk_directory_with_hundreds_of_entries_lists_each_once");
}
