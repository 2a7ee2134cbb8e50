/* libc_readdir_r_fills_the_callers_entry: readdir_r copies each entry of
 * the directory into the caller's struct dirent and points *result at
 * it, returning 0 with errno untouched; after the last entry it returns
 * 0 with *result NULL; it shares the stream's place with readdir; a
 * failed read is its return value (EBADF for a stream whose descriptor
 * was closed) with *result NULL. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

static const char *names[] = { "first", "second", "third" };

int main(void)
{
    char top[] = "/tmp/libc_readdir_r_XXXXXX", path[64];
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", top, names[i]);
        close(open(path, O_CREAT | O_WRONLY, 0644));
    }

    DIR *dir = opendir(top);
    CHECK(dir != NULL, "opendir: %s", strerror(errno));
    struct dirent entry, *result = (struct dirent *)1;
    int seen[3] = { 0 }, dots = 0, entries = 0;
    errno = 1234;
    int status;
    while ((status = readdir_r(dir, &entry, &result)) == 0 && result != NULL) {
        CHECK(result == &entry, "*result is the caller's entry");
        entries++;
        if (!strcmp(entry.d_name, ".") || !strcmp(entry.d_name, ".."))
            dots++;
        for (int i = 0; i < 3; i++)
            if (!strcmp(entry.d_name, names[i])) {
                seen[i]++;
                snprintf(path, sizeof path, "%s/%s", top, names[i]);
                struct stat status_by_name;
                CHECK(stat(path, &status_by_name) == 0 && status_by_name.st_ino == entry.d_ino,
                      "%s: d_ino %u", names[i], (unsigned)entry.d_ino);
                CHECK_EQ(DT_REG, entry.d_type, "d_type");
            }
    }
    CHECK_EQ(0, status, "readdir_r at the end");
    CHECK(result == NULL, "*result NULL at the end");
    CHECK_EQ(1234, errno, "errno untouched");
    CHECK(entries == 5 && dots == 2 && seen[0] == 1 && seen[1] == 1 && seen[2] == 1,
          "each name once: %d entries, %d dots, %d %d %d", entries, dots, seen[0], seen[1], seen[2]);
    CHECK(readdir_r(dir, &entry, &result) == 0 && result == NULL, "still the end");

    rewinddir(dir);
    struct dirent *by_readdir = readdir(dir);
    CHECK(by_readdir != NULL, "readdir after rewinddir");
    char first[sizeof entry.d_name];
    snprintf(first, sizeof first, "%s", by_readdir ? by_readdir->d_name : "");
    CHECK(readdir_r(dir, &entry, &result) == 0 && result == &entry && strcmp(entry.d_name, first),
          "readdir_r goes on after readdir's entry (%s), not from the start", first);
    closedir(dir);

    dir = opendir(top);
    CHECK(dir != NULL, "opendir again");
    close(dirfd(dir));
    result = &entry;
    CHECK_EQ(EBADF, readdir_r(dir, &entry, &result), "readdir_r on a closed descriptor");
    CHECK(result == NULL, "*result NULL on an error");
    closedir(dir);

    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", top, names[i]);
        unlink(path);
    }
    rmdir(top);
    return test_finish("libc_readdir_r_fills_the_callers_entry");
}
