/* tests/boot/fs_file_times_move_as_posix_and_relatime_say.c - st_atime,
 * st_mtime and st_ctime of files in /tmp move as POSIX marks them and as
 * Linux's default relatime updates the access time:
 *  - creating a file stamps its three times and the directory's mtime
 *    and ctime; so does mkdir, for the parent;
 *  - write moves mtime and ctime, not atime; ftruncate does (to the same
 *    size too, as Linux), and so does open with O_TRUNC;
 *  - read moves atime when it is not later than mtime or ctime, and a
 *    second read then leaves it (relatime); a read at the end of the file
 *    counts; listing a directory moves the directory's atime;
 *  - chmod and fchown (even to the same owner) move ctime only;
 *  - link and unlink move the file's ctime and the directory's mtime and
 *    ctime; rename moves the file's ctime and both directories' times;
 *  - mmap moves atime as a read would (Linux's generic_file_mmap; the
 *    Open POSIX Test Suite's mmap/13-1); a write through a MAP_SHARED
 *    mapping moves mtime and ctime by the next msync; an msync with
 *    nothing written moves nothing.
 * Times have seconds here: each step first waits into a new second. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"

/* Under /tmp (memfs), or under the directory given as the argument
 * (/home: the same rules on the ext2 disk, with tools/run-prog --disk;
 * there the disk's inode cache keeps memory, and files cannot be mapped:
 * no leak check, no mapping). */
static char DIRECTORY[100], FILE_PATH[200], OTHER_DIRECTORY[120], SECOND[200], MOVED[200], SUB[200];
static int on_another_file_system;

static void name_the_paths(const char *base)
{
    snprintf(DIRECTORY, sizeof DIRECTORY, "%s/fs_file_times", base);
    snprintf(FILE_PATH, sizeof FILE_PATH, "%s/file", DIRECTORY);
    snprintf(OTHER_DIRECTORY, sizeof OTHER_DIRECTORY, "%s/fs_file_times_other", base);
    snprintf(SECOND, sizeof SECOND, "%s/second", DIRECTORY);
    snprintf(MOVED, sizeof MOVED, "%s/moved", OTHER_DIRECTORY);
    snprintf(SUB, sizeof SUB, "%s/sub", DIRECTORY);
}

/* Waits until the clock is in a new second (and a little more, for a
 * file system whose clock is a tick behind), and returns that second. */
static time_t next_second(void)
{
    time_t start = time(NULL);
    while (time(NULL) == start)
        usleep(20 * 1000);
    usleep(30 * 1000);
    return time(NULL);
}

static struct stat stat_of(const char *path)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    CHECK_EQ(0, stat(path, &st), path);
    return st;
}

#define CHECK_MOVED(field, st, since, what) \
    CHECK((st).field >= (since), "%s: expected " #field " >= %ld, got %ld", what, (long)(since), (long)(st).field)
#define CHECK_KEPT(field, st, before, what) \
    CHECK((st).field == (before).field, "%s: expected " #field " to stay %ld, got %ld", what, \
          (long)(before).field, (long)(st).field)

static void creating_writing_and_truncating(void)
{
    time_t now = next_second();
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open O_CREAT: %s", strerror(errno));
    struct stat file = stat_of(FILE_PATH), directory = stat_of(DIRECTORY);
    CHECK_MOVED(st_atime, file, now, "a new file");
    CHECK_MOVED(st_mtime, file, now, "a new file");
    CHECK_MOVED(st_ctime, file, now, "a new file");
    CHECK_MOVED(st_mtime, directory, now, "the directory of a new file");
    CHECK_MOVED(st_ctime, directory, now, "the directory of a new file");

    struct stat before = file;
    now = next_second();
    CHECK_EQ(5, write(fd, "times", 5), "write");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_mtime, file, now, "write");
    CHECK_MOVED(st_ctime, file, now, "write");
    CHECK_KEPT(st_atime, file, before, "write");

    before = file;
    now = next_second();
    CHECK_EQ(0, ftruncate(fd, 3), "ftruncate");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_mtime, file, now, "ftruncate");
    CHECK_MOVED(st_ctime, file, now, "ftruncate");
    CHECK_KEPT(st_atime, file, before, "ftruncate");

    now = next_second();
    CHECK_EQ(0, ftruncate(fd, 3), "ftruncate to the same size");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_mtime, file, now, "ftruncate to the same size");
    close(fd);

    now = next_second();
    fd = open(FILE_PATH, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0, "open O_TRUNC");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_mtime, file, now, "open O_TRUNC");
    CHECK_MOVED(st_ctime, file, now, "open O_TRUNC");
    CHECK_EQ(7, write(fd, "content", 7), "write");
    close(fd);
}

static void reading_moves_atime_once(void)
{
    char buffer[16];
    time_t now = next_second();
    int fd = open(FILE_PATH, O_RDONLY);
    CHECK(fd >= 0, "open O_RDONLY");
    CHECK_EQ(7, read(fd, buffer, sizeof buffer), "read");
    struct stat file = stat_of(FILE_PATH);
    CHECK_MOVED(st_atime, file, now, "a read after a write");
    struct stat before = file;

    next_second();
    CHECK_EQ(0, lseek(fd, 0, SEEK_SET), "lseek");
    CHECK_EQ(7, read(fd, buffer, sizeof buffer), "read again");
    file = stat_of(FILE_PATH);
    CHECK_KEPT(st_atime, file, before, "a second read (relatime: atime already later than mtime)");
    CHECK_KEPT(st_mtime, file, before, "a read");
    CHECK_KEPT(st_ctime, file, before, "a read");
    close(fd);

    /* written again: the next read moves it, even one at the end */
    fd = open(FILE_PATH, O_RDWR | O_APPEND);
    CHECK_EQ(1, write(fd, "!", 1), "append");
    now = next_second();
    CHECK_EQ(0, read(fd, buffer, sizeof buffer), "a read at the end of the file");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_atime, file, now, "a read at the end, after a write");
    close(fd);

    now = next_second();
    DIR *listing = opendir(DIRECTORY);
    CHECK(listing != NULL, "opendir");
    int entries = 0;
    while (listing && readdir(listing))
        entries++;
    if (listing)
        closedir(listing);
    CHECK(entries >= 1, "readdir found %d entries", entries);
    struct stat directory = stat_of(DIRECTORY);
    CHECK_MOVED(st_atime, directory, now, "listing a directory changed since its last listing");
}

static void attributes_move_ctime_only(void)
{
    struct stat before = stat_of(FILE_PATH);
    time_t now = next_second();
    CHECK_EQ(0, chmod(FILE_PATH, 0600), "chmod");
    struct stat file = stat_of(FILE_PATH);
    CHECK_MOVED(st_ctime, file, now, "chmod");
    CHECK_KEPT(st_mtime, file, before, "chmod");
    CHECK_KEPT(st_atime, file, before, "chmod");

    now = next_second();
    int fd = open(FILE_PATH, O_RDONLY);
    CHECK_EQ(0, fchown(fd, (uid_t)-1, (gid_t)-1), "fchown to the same owner");
    close(fd);
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_ctime, file, now, "fchown");
    CHECK_KEPT(st_mtime, file, before, "fchown");
}

static void names_move_the_directory_and_the_file(void)
{
    struct stat before = stat_of(FILE_PATH);
    time_t now = next_second();
    CHECK_EQ(0, link(FILE_PATH, SECOND), "link");
    struct stat file = stat_of(FILE_PATH), directory = stat_of(DIRECTORY);
    CHECK_MOVED(st_ctime, file, now, "link: the file");
    CHECK_KEPT(st_mtime, file, before, "link: the file");
    CHECK_MOVED(st_mtime, directory, now, "link: the directory");
    CHECK_MOVED(st_ctime, directory, now, "link: the directory");

    now = next_second();
    CHECK_EQ(0, unlink(SECOND), "unlink");
    file = stat_of(FILE_PATH);
    directory = stat_of(DIRECTORY);
    CHECK_MOVED(st_ctime, file, now, "unlink of another name: the file");
    CHECK_MOVED(st_mtime, directory, now, "unlink: the directory");
    CHECK_MOVED(st_ctime, directory, now, "unlink: the directory");

    now = next_second();
    CHECK_EQ(0, rename(FILE_PATH, MOVED), "rename");
    file = stat_of(MOVED);
    directory = stat_of(DIRECTORY);
    struct stat other = stat_of(OTHER_DIRECTORY);
    CHECK_MOVED(st_ctime, file, now, "rename: the file");
    CHECK_MOVED(st_mtime, directory, now, "rename: the old directory");
    CHECK_MOVED(st_mtime, other, now, "rename: the new directory");
    CHECK_MOVED(st_ctime, other, now, "rename: the new directory");
    CHECK_EQ(0, rename(MOVED, FILE_PATH), "rename back");

    now = next_second();
    CHECK_EQ(0, mkdir(SUB, 0755), "mkdir");
    directory = stat_of(DIRECTORY);
    CHECK_MOVED(st_mtime, directory, now, "mkdir: the parent");
    CHECK_EQ(0, rmdir(SUB), "rmdir");
}

static void writes_through_a_mapping(void)
{
    int fd = open(FILE_PATH, O_RDWR);
    CHECK(fd >= 0, "open O_RDWR");
    CHECK_EQ(0, ftruncate(fd, 4096), "ftruncate to a page");
    time_t mapped_at = next_second();
    char *bytes = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (bytes == MAP_FAILED && errno == ENODEV && on_another_file_system) {
        printf("(%s: files cannot be mapped here: the mapping case is left out)\n", DIRECTORY);
        close(fd);
        return;
    }
    CHECK(bytes != MAP_FAILED, "mmap: %s", strerror(errno));
    if (bytes == MAP_FAILED) {
        close(fd);
        return;
    }
    struct stat before = stat_of(FILE_PATH);
    /* mapping a file reads it, as far as atime goes (relatime: it was
     * written since the last read), as Linux's generic_file_mmap marks it */
    CHECK_MOVED(st_atime, before, mapped_at, "mmap after ftruncate");
    next_second();
    CHECK_EQ(0, msync(bytes, 4096, MS_SYNC), "msync with nothing written");
    struct stat file = stat_of(FILE_PATH);
    CHECK_KEPT(st_mtime, file, before, "msync with nothing written");

    time_t now = next_second();
    volatile char first = bytes[100];      /* read first: the page comes in for reading */
    (void)first;
    next_second();
    bytes[100] = 'm';
    CHECK_EQ(0, msync(bytes, 4096, MS_SYNC), "msync after a write through the mapping");
    file = stat_of(FILE_PATH);
    CHECK_MOVED(st_mtime, file, now + 1, "a write through MAP_SHARED, then msync");
    CHECK_MOVED(st_ctime, file, now + 1, "a write through MAP_SHARED, then msync");
    CHECK_EQ(0, munmap(bytes, 4096), "munmap");

    char check = 0;
    CHECK_EQ(100, lseek(fd, 100, SEEK_SET), "lseek");
    CHECK_EQ(1, read(fd, &check, 1), "read");
    CHECK_EQ('m', check, "the byte written through the mapping");
    close(fd);
}

static void cases(void)
{
    unlink(FILE_PATH);
    unlink(MOVED);
    rmdir(DIRECTORY);
    rmdir(OTHER_DIRECTORY);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), DIRECTORY);
    CHECK_EQ(0, mkdir(OTHER_DIRECTORY, 0755), OTHER_DIRECTORY);
    creating_writing_and_truncating();
    reading_moves_atime_once();
    attributes_move_ctime_only();
    names_move_the_directory_and_the_file();
    writes_through_a_mapping();
    CHECK_EQ(0, unlink(FILE_PATH), "unlink");
    CHECK_EQ(0, rmdir(DIRECTORY), "rmdir");
    CHECK_EQ(0, rmdir(OTHER_DIRECTORY), "rmdir");
}

int main(int argc, char **argv)
{
    on_another_file_system = argc > 1;
    name_the_paths(on_another_file_system ? argv[1] : "/tmp");
    if (on_another_file_system)
        cases();
    else
        run_cases_checking_leaks(cases);
    return test_finish("fs_file_times_move_as_posix_and_relatime_say");
}
