/* tests/boot/mntent_reads_back_the_entries_it_wrote.c - <mntent.h> as
 * glibc: getmntent reads the fstab(5) lines of a file (comments and blank
 * lines skipped, missing numbers 0), hasmntopt finds an option with or
 * without "=value" but not a longer one it begins, addmntent writes an
 * entry that reads back the same, a space in a field escaped as \040. */
#include <mntent.h>

#include "boot_test.h"

#define TABLE "/tmp/mntent_test_table"

int main(void)
{
    FILE *out = fopen(TABLE, "w");
    CHECK(out != NULL, "fopen: %s", strerror(errno));
    if (!out)
        return test_finish("mntent_reads_back_the_entries_it_wrote");
    fputs("# a comment\n\nnone /tmp memfs rw,noatime,size=10 0 0\n/dev/hda1\t/mnt/my\\040disk ext2 ro\n", out);
    fclose(out);

    FILE *table = setmntent(TABLE, "r+");
    CHECK(table != NULL, "setmntent: %s", strerror(errno));
    if (!table)
        return test_finish("mntent_reads_back_the_entries_it_wrote");
    struct mntent *entry = getmntent(table);
    CHECK(entry && strcmp(entry->mnt_fsname, "none") == 0 && strcmp(entry->mnt_dir, "/tmp") == 0 &&
              strcmp(entry->mnt_type, "memfs") == 0 && entry->mnt_freq == 0 && entry->mnt_passno == 0,
          "the first entry");
    if (entry) {
        CHECK(hasmntopt(entry, "noatime") != NULL, "hasmntopt noatime");
        char *size = hasmntopt(entry, "size");
        CHECK(size && strncmp(size, "size=10", 7) == 0, "hasmntopt size (with its value)");
        CHECK(hasmntopt(entry, "no") == NULL, "hasmntopt of a prefix of an option: NULL");
        CHECK(hasmntopt(entry, "ro") == NULL, "hasmntopt ro: NULL");
    }
    entry = getmntent(table);
    CHECK(entry && strcmp(entry->mnt_dir, "/mnt/my disk") == 0 && strcmp(entry->mnt_opts, "ro") == 0,
          "the second entry: \\040 is a space, missing numbers 0");
    CHECK(getmntent(table) == NULL, "the end of the table");

    struct mntent added = { "server:/export", "/home/a b", "nfs", "rw,soft", 1, 2 };
    CHECK_EQ(0, addmntent(table, &added), "addmntent");
    endmntent(table);

    table = setmntent(TABLE, "r");
    struct mntent line;
    char buffer[256];
    int entries = 0;
    struct mntent *last = NULL;
    while ((entry = getmntent_r(table, &line, buffer, sizeof buffer)))
        entries++, last = entry;
    CHECK_EQ(3, entries, "entries after addmntent");
    CHECK(last && strcmp(last->mnt_fsname, "server:/export") == 0 && strcmp(last->mnt_dir, "/home/a b") == 0 &&
              strcmp(last->mnt_type, "nfs") == 0 && strcmp(last->mnt_opts, "rw,soft") == 0 && last->mnt_freq == 1 &&
              last->mnt_passno == 2,
          "the added entry reads back the same");
    endmntent(table);
    unlink(TABLE);
    errno = 0;
    CHECK(setmntent("/no/such/table", "r") == NULL && errno == ENOENT, "setmntent of a missing file: ENOENT");
    return test_finish("mntent_reads_back_the_entries_it_wrote");
}
