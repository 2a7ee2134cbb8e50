/* tests/boot/disk_file_open_at_power_off_is_deleted.c - a file unlinked
 * while a process still holds it open, and a directory removed while it
 * is a process's working directory, are deleted on the disk when the
 * machine powers off with that process still running: this program ends
 * and init powers off at once (init --run), its child still holding
 * both. The kernel then deletes them as their last close would have
 * (ext2_shutdown, ext2_inode_delete_orphans) before it marks the disk
 * clean, so the runner's e2fsck -fn of the disk (the second result,
 * disk_..._is_deleted.e2fsck_clean) finds it clean: no dead inode with
 * its blocks and no deletion time, no blocks the bitmaps still call used.
 * Linux's shutdown kills every process and unmounts first; a clean disk
 * must not say otherwise. */
#include <signal.h>
#include <sys/stat.h>

#include "boot_disk.h"

#define DIRECTORY "/home/orphans"
#define FILE_PATH DIRECTORY "/held_open"
#define GONE_DIRECTORY DIRECTORY "/working_directory"
#define FILE_BYTES (20 * 1024)        /* blocks past the first few: a truncation to undo */

int main(void)
{
    require_home_on_the_disk("disk_file_open_at_power_off_is_deleted");
    CHECK(mkdir(DIRECTORY, 0755) == 0, "mkdir " DIRECTORY ": %s", strerror(errno));
    CHECK(mkdir(GONE_DIRECTORY, 0755) == 0, "mkdir " GONE_DIRECTORY ": %s", strerror(errno));
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open " FILE_PATH ": %s", strerror(errno));
    CHECK_EQ(FILE_BYTES, (int)write_pattern(fd, 0, FILE_BYTES, 4096), "bytes written to " FILE_PATH);
    struct statfs before_removal = disk_usage("/home");

    int ready[2];
    CHECK_EQ(0, pipe(ready), "pipe");
    pid_t holder = fork();
    if (holder == 0) {                /* holds the file (inherited fd) and the directory */
        if (chdir(GONE_DIRECTORY) != 0)
            _exit(1);
        write(ready[1], "r", 1);
        for (;;)
            pause();
    }
    close(fd);                        /* the child's copy is the last */
    char c;
    CHECK_EQ(1, (int)read(ready[0], &c, 1), "the holder is ready");
    CHECK(unlink(FILE_PATH) == 0, "unlink " FILE_PATH ": %s", strerror(errno));
    CHECK(rmdir(GONE_DIRECTORY) == 0, "rmdir " GONE_DIRECTORY ": %s", strerror(errno));
    struct statfs after_removal = disk_usage("/home");
    CHECK(after_removal.f_bfree == before_removal.f_bfree,
          "free blocks while the removed file is held open: expected %lu (still taken), got %lu",
          (unsigned long)before_removal.f_bfree, (unsigned long)after_removal.f_bfree);
    /* exits with the holder alive: init powers off now */
    return test_finish("disk_file_open_at_power_off_is_deleted");
}
