/* tests/boot/fs_unlinked_open_file.c - a file lives while a name or an open
 * file refers to it: after unlink, the descriptors still open read and
 * write its data (also a child's inherited copy), the name is gone
 * (ENOENT), and once the last descriptor closes, its node and its bytes are
 * freed (the kernel's counters are back where they were). The same for a
 * FIFO unlinked while open. */
#include <fcntl.h>
#include <sys/stat.h>

#include "boot_test.h"

#define PATH "/tmp/fs_unlinked_open_file"

static void an_unlinked_file_stays_readable_and_writable_through_its_descriptor(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_EXCL, 0644);
    CHECK(fd >= 0, "open failed: %s", strerror(errno));
    static char block[20000];
    for (unsigned i = 0; i < sizeof block; i++)
        block[i] = (char)(i * 7);
    CHECK_EQ((long)sizeof block, write(fd, block, sizeof block), "write before unlink");
    CHECK_EQ(0, unlink(PATH), "unlink of an open file");

    struct stat st;
    CHECK_ERROR(stat(PATH, &st), ENOENT);
    CHECK_ERROR(open(PATH, O_RDONLY), ENOENT);
    CHECK_EQ(0, fstat(fd, &st), "fstat of the unlinked file");
    CHECK_EQ((long)sizeof block, st.st_size, "the unlinked file's size");
    CHECK_EQ(0, st.st_nlink, "the unlinked file's link count");

    CHECK_EQ(5, write(fd, "after", 5), "write after unlink");
    static char back[20005];
    CHECK_EQ(0, lseek(fd, 0, SEEK_SET), "lseek after unlink");
    CHECK_EQ((long)sizeof back, read(fd, back, sizeof back), "read after unlink");
    CHECK(!memcmp(back, block, sizeof block) && !memcmp(back + sizeof block, "after", 5),
          "the unlinked file's bytes: expected what was written before and after unlink");

    /* the name may be used again for a new, different file */
    int other = open(PATH, O_RDWR | O_CREAT | O_EXCL, 0644);
    CHECK(other >= 0, "a new file under the unlinked name: expected a descriptor, got -1 (%s)", strerror(errno));
    struct stat new_file, old_file;
    fstat(other, &new_file);
    fstat(fd, &old_file);
    CHECK(new_file.st_ino != old_file.st_ino, "the new file's inode: expected other than the unlinked one (%u)",
          old_file.st_ino);
    CHECK_EQ(0, new_file.st_size, "the new file's size");
    close(other);
    unlink(PATH);
    close(fd);
}

static void a_child_keeps_an_unlinked_file_after_the_parent_closed_it(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_EXCL, 0644);
    write(fd, "shared", 6);
    int ready[2];
    pipe(ready);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(ready[1]);
        char c;
        read(ready[0], &c, 1);             /* wait until the parent unlinked and closed */
        char buffer[16] = { 0 };
        lseek(fd, 0, SEEK_SET);
        int count = read(fd, buffer, sizeof buffer - 1);
        _exit(count == 6 && !strcmp(buffer, "shared") ? 0 : 1);
    }
    close(ready[0]);
    unlink(PATH);
    close(fd);
    write(ready[1], "go", 1);
    close(ready[1]);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a child reading the unlinked file after the parent closed it: expected exit 0 (read \"shared\"), "
          "got status 0x%x", status);
}

static void the_last_close_of_an_unlinked_file_frees_it(void)
{
    struct kinfo_counters before = read_counters();
    int fd = open(PATH, O_RDWR | O_CREAT | O_EXCL, 0644);
    static char block[100000];
    memset(block, 'x', sizeof block);
    write(fd, block, sizeof block);
    int copy = dup(fd);
    unlink(PATH);
    struct kinfo_counters unlinked = read_counters();
    CHECK_EQ(before.inodes + 1, unlinked.inodes, "nodes while the unlinked file is open (it still exists)");
    unsigned data_frames = (sizeof block + 4095) / 4096;   /* a file's bytes live in page frames */
    CHECK(unlinked.free_frames + data_frames <= before.free_frames,
          "free frames while the unlinked file is open: expected at least %u fewer (its data), got %d fewer",
          data_frames, (int)(before.free_frames - unlinked.free_frames));
    close(fd);
    CHECK_EQ(before.inodes + 1, read_counters().inodes, "nodes after closing one of two descriptors");
    close(copy);
    struct kinfo_counters after = read_counters();
    CHECK_NO_LEAK(before, after);
}

static void a_fifo_unlinked_while_open_works_until_closed_and_is_then_freed(void)
{
    struct kinfo_counters before = read_counters();
    CHECK_EQ(0, mkfifo(PATH, 0600), "mkfifo");
    int both = open(PATH, O_RDWR);
    CHECK(both >= 0, "open(O_RDWR) of a FIFO failed: %s", strerror(errno));
    int reader = open(PATH, O_RDONLY | O_NONBLOCK);
    CHECK_EQ(0, unlink(PATH), "unlink of an open FIFO");
    CHECK_EQ(5, write(both, "fifo!", 5), "write into the unlinked FIFO");
    char buffer[8] = { 0 };
    CHECK_EQ(5, read(reader, buffer, sizeof buffer - 1), "read from the unlinked FIFO");
    CHECK(!strcmp(buffer, "fifo!"), "expected \"fifo!\", got \"%s\"", buffer);
    close(reader);
    close(both);
    struct kinfo_counters after = read_counters();
    CHECK_NO_LEAK(before, after);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    an_unlinked_file_stays_readable_and_writable_through_its_descriptor();
    a_child_keeps_an_unlinked_file_after_the_parent_closed_it();
    the_last_close_of_an_unlinked_file_frees_it();
    a_fifo_unlinked_while_open_works_until_closed_and_is_then_freed();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fs_unlinked_open_file");
}
