/* tests/boot/disk_close_racing_an_unlink_frees_the_file_once.c - closing
 * the last descriptor of a file on the disk while another process's
 * unlink of it sleeps on the disk frees the file exactly once: the close
 * waits for the file-system lock before it lets go of its count
 * (inode_close, kernel/fs/inode.c), so the unlink sees the file open and
 * leaves the freeing to the close. (Before, both freed it: a kernel fault,
 * and blocks freed twice, which the runner's e2fsck would see.) The spin
 * before the close varies, so that across the rounds the close lands
 * before, during and after the unlink's disk writes. */
#include <fcntl.h>
#include <sys/statvfs.h>

#include "boot_disk.h"

#define ROUNDS 200
#define SPIN_STEPS 40                  /* spin lengths tried, in steps of SPIN_UNIT */
#define SPIN_UNIT 200

static void one_round(int round)
{
    char path[64];
    snprintf(path, sizeof path, "/home/race%d", round);
    int go;
    pid_t child = fork_held_until_go(&go);
    if (child == 0)
        _exit(unlink(path) == 0 ? 0 : 1);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
    CHECK_EQ(5, write(fd, "hello", 5), "write");
    CHECK_EQ(0, fsync(fd), "fsync");
    start_the_child(go);                   /* its unlink */
    for (volatile int spin = 0; spin < (round % SPIN_STEPS) * SPIN_UNIT; spin++)
        ;
    CHECK_EQ(0, close(fd), "close, the last descriptor");
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's unlink failed (status %#x)", status);
}

int main(void)
{
    require_home_on_the_disk("disk_close_racing_an_unlink_frees_the_file_once");
    /* the first round may give the directory a block for its entries:
     * the count starts after it */
    one_round(0);
    sync();
    struct statvfs before, after;
    CHECK_EQ(0, statvfs("/home", &before), "statvfs before");
    for (int round = 1; round < ROUNDS; round++)
        one_round(round);
    sync();
    CHECK_EQ(0, statvfs("/home", &after), "statvfs after");
    CHECK_EQ(before.f_bfree, after.f_bfree, "free blocks after every file went (none lost, none freed twice)");
    CHECK_EQ(before.f_ffree, after.f_ffree, "free inodes after every file went");
    return test_finish("disk_close_racing_an_unlink_frees_the_file_once");
}
